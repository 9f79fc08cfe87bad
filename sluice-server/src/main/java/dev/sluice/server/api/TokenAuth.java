package dev.sluice.server.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The bearer token that every mutating API call needs. Stored in a file only its owner can read
 * (0600), compared in constant time. Reads need no token.
 */
public final class TokenAuth {

    private final byte[] token;

    private TokenAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public static TokenAuth of(String token) {
        return new TokenAuth(token);
    }

    /**
     * Reads the token file, or creates it with a new random token and mode 0600. A file that others
     * may read is narrowed to 0600; an empty one gets a new token (an empty token would let anyone
     * sending "Bearer " in).
     */
    public static TokenAuth loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            ownerOnly(file);
            String existing = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!existing.isEmpty()) {
                return new TokenAuth(existing);
            }
        } else {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
        }
        byte[] raw = new byte[24];
        new SecureRandom().nextBytes(raw);
        String token = HexFormat.of().formatHex(raw);
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return new TokenAuth(token);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"))) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to narrow
        }
    }

    /** True when the {@code Authorization} header carries the token (compared in constant time). */
    public boolean allows(String authorizationHeader) {
        if (token.length == 0 || authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorizationHeader.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    public String token() {
        return new String(token, StandardCharsets.UTF_8);
    }
}
