package vn.cms.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of an NDJSON body, read in chunks. A line longer than the limit is passed over to
 * its end and reported as such, so that no single line, however long, is ever held whole.
 */
final class NdjsonLines {

    /** What {@link #next()} answers for a line over the limit. */
    static final String TOO_LONG = new String("line too long");

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[1 << 12];
    private int lineLength;

    NdjsonLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line as UTF-8 text, {@link #TOO_LONG} (compare by identity), or null at the end. */
    String next() throws IOException {
        lineLength = 0;
        boolean tooLong = false;
        boolean read = false;
        while (true) {
            if (chunkStart == chunkEnd) {
                chunkEnd = in.read(chunk);
                chunkStart = 0;
                if (chunkEnd <= 0) {
                    chunkEnd = 0;
                    if (!read) {
                        return null;
                    }
                    break;
                }
            }
            read = true;
            int end = chunkStart;
            while (end < chunkEnd && chunk[end] != '\n') {
                end++;
            }
            int length = end - chunkStart;
            if (!tooLong && lineLength + length > maxBytes) {
                tooLong = true;
            }
            if (!tooLong) {
                append(chunkStart, length);
            }
            boolean lineEnded = end < chunkEnd;
            chunkStart = lineEnded ? end + 1 : end;
            if (lineEnded) {
                break;
            }
        }
        if (tooLong) {
            return TOO_LONG;
        }
        int length = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private void append(int from, int length) {
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(chunk, from, line, lineLength, length);
        lineLength += length;
    }
}
