package dev.stockroom.warehouse.postgres;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a spool file (see {@code RecordSpool}) as CSV lines without their first field ({@code _seq},
 * always unquoted digits) and with {@code suffix} (",stamp,run\n") in place of each record's end.
 * A newline inside a quoted field is data, not a record's end; quotes are tracked by parity, which
 * holds for CSV's doubled-quote escaping.
 */
final class SpoolLines extends InputStream {

    private final InputStream in;
    private final byte[] suffix;
    private final byte[] buffer = new byte[1 << 16];
    private int length;
    private int position;
    private boolean atRecordStart = true;
    private boolean quoted;
    private int suffixAt = -1;

    SpoolLines(InputStream in, byte[] suffix) {
        this.in = in;
        this.suffix = suffix;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int written = 0;
        while (written < len) {
            if (suffixAt >= 0) {
                int n = Math.min(len - written, suffix.length - suffixAt);
                System.arraycopy(suffix, suffixAt, out, off + written, n);
                written += n;
                suffixAt += n;
                if (suffixAt == suffix.length) {
                    suffixAt = -1;
                }
                continue;
            }
            if (position == length) {
                if (written > 0 && in.available() <= 0) {
                    return written;
                }
                length = in.read(buffer, 0, buffer.length);
                position = 0;
                if (length <= 0) {
                    length = 0;
                    return written == 0 ? -1 : written;
                }
            }
            byte b = buffer[position++];
            if (atRecordStart) {
                if (b == ',') {
                    atRecordStart = false;
                }
                continue;
            }
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n' && !quoted) {
                atRecordStart = true;
                suffixAt = 0;
                continue;
            }
            out[off + written++] = b;
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
