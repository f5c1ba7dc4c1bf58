package io.lethe.engine.log;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Splits a stream into lines of exact bytes, each with its {@code \n} (the last one may lack it). */
final class LineReader {

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] pending = new byte[256];
    private int pendingLength;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the stream. */
    byte[] next() throws IOException {
        while (true) {
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = take(i + 1);
                    return line;
                }
            }
            append(position, limit);
            position = limit;
            limit = in.read(buffer);
            position = 0;
            if (limit < 0) {
                limit = 0;
                if (pendingLength == 0) {
                    return null;
                }
                byte[] last = Arrays.copyOf(pending, pendingLength);
                pendingLength = 0;
                return last;
            }
        }
    }

    /** Counts lines without keeping them: what deleting a whole segment removes. */
    static long count(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        byte last = '\n';
        while ((read = in.read(buffer)) > 0) {
            for (int i = 0; i < read; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
            last = buffer[read - 1];
        }
        return last == '\n' ? lines : lines + 1;
    }

    private byte[] take(int end) {
        byte[] line;
        if (pendingLength == 0) {
            line = Arrays.copyOfRange(buffer, position, end);
        } else {
            append(position, end);
            line = Arrays.copyOf(pending, pendingLength);
            pendingLength = 0;
        }
        position = end;
        return line;
    }

    private void append(int from, int to) {
        int length = to - from;
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(buffer, from, pending, pendingLength, length);
        pendingLength += length;
    }
}
