package vn.cms.media;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Copies a JPEG without its metadata, losslessly: every APPn and COM segment goes (EXIF, GPS,
 * XMP, IPTC, maker notes, MPF) except JFIF (APP0), ICC profiles (APP2 ICC_PROFILE) and Adobe
 * (APP14, which says how to read the colours); whatever follows the end-of-image marker (phones
 * append extra images there) goes too. The image data is copied byte for byte.
 */
final class JpegSegments {

    private static final int APP0 = 0xE0;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;
    private static final int APP15 = 0xEF;
    private static final int COM = 0xFE;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int BUFFER = 1 << 16;
    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    private JpegSegments() {
    }

    /** Writes the copy to {@code out}, which it leaves open. */
    static void copyWithoutMetadata(Path source, OutputStream out) throws IOException {
        try (InputStream file = Files.newInputStream(source)) {
            Input in = new Input(file);
            if (in.read() != 0xFF || in.read() != 0xD8) {
                throw new IOException("not a JPEG");
            }
            out.write(0xFF);
            out.write(0xD8);
            copySegments(in, out);
        }
    }

    /** Segments up to and through the scans, to the end-of-image marker. */
    private static void copySegments(Input in, OutputStream out) throws IOException {
        int marker = nextMarker(in);
        while (marker != EOI) {
            int length = in.read() << 8 | in.read();
            if (length < 2) {
                throw new IOException("a JPEG segment has a bad length");
            }
            byte[] payload = new byte[length - 2];
            in.readFully(payload);
            if (keeps(marker, payload)) {
                out.write(0xFF);
                out.write(marker);
                out.write(length >> 8);
                out.write(length & 0xFF);
                out.write(payload);
            }
            marker = marker == SOS ? copyScan(in, out) : nextMarker(in);
        }
        out.write(0xFF);
        out.write(EOI);
    }

    private static int nextMarker(Input in) throws IOException {
        if (in.read() != 0xFF) {
            throw new IOException("a JPEG segment does not start with a marker");
        }
        return markerAfterFills(in);
    }

    /** The marker code after an FF, skipping the fill bytes (FF FF …) that may precede it. */
    private static int markerAfterFills(Input in) throws IOException {
        int marker = in.read();
        while (marker == 0xFF) {
            marker = in.read();
        }
        return marker;
    }

    /**
     * Entropy-coded data, copied a run at a time up to the next marker that is not a stuffed byte
     * (FF 00) or a restart (FF D0–D7); answers that marker's code.
     */
    private static int copyScan(Input in, OutputStream out) throws IOException {
        while (true) {
            in.fillIfEmpty();
            int start = in.pos;
            int end = start;
            while (end < in.limit && in.buffer[end] != (byte) 0xFF) {
                end++;
            }
            out.write(in.buffer, start, end - start);
            in.pos = end;
            if (end == in.limit) {
                continue;
            }
            in.pos++;
            int next = markerAfterFills(in);
            if (next != 0x00 && (next < 0xD0 || next > 0xD7)) {
                return next;
            }
            out.write(0xFF);
            out.write(next);
        }
    }

    /** A buffered reader that scans its buffer directly; the end of the file before EOI is an error. */
    private static final class Input {
        private final InputStream in;
        private final byte[] buffer = new byte[BUFFER];
        private int pos;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        void fillIfEmpty() throws IOException {
            if (pos == limit) {
                int read = in.read(buffer, 0, buffer.length);
                if (read <= 0) {
                    throw new EOFException("the JPEG ends early");
                }
                pos = 0;
                limit = read;
            }
        }

        int read() throws IOException {
            fillIfEmpty();
            return buffer[pos++] & 0xFF;
        }

        void readFully(byte[] target) throws IOException {
            int done = 0;
            while (done < target.length) {
                fillIfEmpty();
                int n = Math.min(target.length - done, limit - pos);
                System.arraycopy(buffer, pos, target, done, n);
                pos += n;
                done += n;
            }
        }
    }

    private static boolean keeps(int marker, byte[] payload) {
        if (marker == APP0 || marker == APP14) {
            return true;
        }
        if (marker == APP2) {
            return startsWith(payload, ICC_PROFILE);
        }
        return !(marker >= APP0 && marker <= APP15) && marker != COM;
    }

    private static boolean startsWith(byte[] payload, byte[] prefix) {
        if (payload.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (payload[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
