package dev.sluice.cluster.embedded;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of one file, stopping at the first that is incomplete, fails its CRC or cannot
 * be decoded: what follows a torn write is never trusted.
 */
final class RecordReader {

    /**
     * @param records     the valid records, in order
     * @param validLength the length of the valid prefix of the file
     * @param problem     why reading stopped before the end, or null when the whole file was valid
     */
    record Result(List<Records.Record> records, long validLength, String problem) {

        boolean complete() {
            return problem == null;
        }
    }

    private RecordReader() {
    }

    static Result read(byte[] data) {
        List<Records.Record> out = new ArrayList<>();
        int pos = 0;
        ByteBuffer all = ByteBuffer.wrap(data);
        while (pos < data.length) {
            if (data.length - pos < Records.FRAME) {
                return new Result(out, pos, "incomplete record frame at offset " + pos);
            }
            int len = all.getInt(pos);
            int crc = all.getInt(pos + 4);
            if (len <= 0 || len > Records.MAX_BODY || len > data.length - pos - Records.FRAME) {
                return new Result(out, pos, "record at offset " + pos + " has an impossible length " + len);
            }
            int body = pos + Records.FRAME;
            if (Records.crc(data, body, len) != crc) {
                return new Result(out, pos, "record at offset " + pos + " fails its CRC");
            }
            try {
                out.add(Records.decode(ByteBuffer.wrap(data, body, len).slice()));
            } catch (RuntimeException e) {
                return new Result(out, pos, "record at offset " + pos + " cannot be decoded: " + e.getMessage());
            }
            pos = body + len;
        }
        return new Result(out, pos, null);
    }
}
