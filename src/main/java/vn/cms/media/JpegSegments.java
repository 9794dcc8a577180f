package vn.cms.media;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
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
    /** Room for the fill bytes (FF FF …) that may precede a marker. */
    private static final int MARK_LIMIT = 4096;
    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);

    private JpegSegments() {
    }

    /** Writes the copy to {@code out}, which it leaves open. */
    static void copyWithoutMetadata(Path source, OutputStream out) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(source), 65536))) {
            if (in.readUnsignedByte() != 0xFF || in.readUnsignedByte() != 0xD8) {
                throw new IOException("not a JPEG");
            }
            out.write(0xFF);
            out.write(0xD8);
            copySegments(in, out);
        } catch (EOFException e) {
            throw new IOException("the JPEG ends early", e);
        }
    }

    /** Segments up to and through the scans, to the end-of-image marker. */
    private static void copySegments(DataInputStream in, OutputStream out) throws IOException {
        while (true) {
            int marker = nextMarker(in);
            if (marker == EOI) {
                out.write(0xFF);
                out.write(EOI);
                return;
            }
            int length = in.readUnsignedShort();
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
            if (marker == SOS) {
                copyScan(in, out);
            }
        }
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        if (in.readUnsignedByte() != 0xFF) {
            throw new IOException("a JPEG segment does not start with a marker");
        }
        int marker = in.readUnsignedByte();
        while (marker == 0xFF) {
            marker = in.readUnsignedByte();
        }
        return marker;
    }

    /**
     * Entropy-coded data, copied until the next marker that is not a stuffed byte (FF 00) or a
     * restart (FF D0–D7); that marker is pushed back for {@link #copySegments}.
     */
    private static void copyScan(DataInputStream in, OutputStream out) throws IOException {
        in.mark(MARK_LIMIT);
        int b = in.readUnsignedByte();
        while (true) {
            if (b != 0xFF) {
                out.write(b);
                in.mark(MARK_LIMIT);
                b = in.readUnsignedByte();
                continue;
            }
            int next = in.readUnsignedByte();
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                out.write(0xFF);
                out.write(next);
                in.mark(MARK_LIMIT);
                b = in.readUnsignedByte();
            } else if (next == 0xFF) {
                b = next;
            } else {
                // Back onto the marker's first FF, for copySegments to read.
                in.reset();
                return;
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
