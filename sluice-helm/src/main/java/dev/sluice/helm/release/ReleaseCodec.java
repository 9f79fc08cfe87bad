package dev.sluice.helm.release;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm's release encoding (helm.sh/helm/v3 {@code storage/driver/util.go}): the release JSON,
 * gzipped, then base64; decoding also accepts releases stored without gzip, as Helm does. A
 * Secret's {@code data.release} holds this text base64-encoded once more, as every Secret value.
 * Pure and thread-safe.
 */
public final class ReleaseCodec {

    /** A release larger than this when decompressed is refused (a corrupt or hostile Secret). */
    static final int MAX_JSON = 64 * 1024 * 1024;
    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    private ReleaseCodec() {
    }

    public static String encode(Release release) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(Json.write(release.toJson()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * @throws IllegalArgumentException when the text is not an encoded Helm release
     */
    public static Release decode(String encoded) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("release data is not base64: " + e.getMessage(), e);
        }
        byte[] json = raw;
        if (raw.length > 2 && raw[0] == GZIP_MAGIC[0] && raw[1] == GZIP_MAGIC[1]) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                json = in.readNBytes(MAX_JSON + 1);
            } catch (IOException e) {
                throw new IllegalArgumentException("release data is not valid gzip: " + e.getMessage(), e);
            }
            if (json.length > MAX_JSON) {
                throw new IllegalArgumentException("release data decompresses to more than 64 MiB");
            }
        }
        JsonNode tree;
        try {
            tree = Json.parseObject(new String(json, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("release data is not JSON: " + e.getMessage(), e);
        }
        return Release.fromJson(tree);
    }
}
