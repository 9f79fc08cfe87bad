package dev.sluice.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.server.api.TokenAuth;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API token: compared in constant time, kept in a file only its owner can read, never empty. */
class TokenAuthSecurityTest {

    @TempDir
    Path dir;

    /**
     * Timing cannot be measured reliably in a unit test, so the test checks the compiled class: the
     * comparison is {@code MessageDigest.isEqual} (constant time since Java 6u17), not String.equals
     * or Arrays.equals, which return at the first differing byte.
     */
    @Test
    void theTokenIsComparedWithMessageDigestIsEqual() throws Exception {
        String bytecode;
        try (InputStream in = TokenAuth.class.getResourceAsStream("TokenAuth.class")) {
            bytecode = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertThat(bytecode).contains("java/security/MessageDigest").contains("isEqual");
        assertThat(bytecode).doesNotContain("java/util/Arrays").doesNotContain("contentEquals");
        TokenAuth auth = TokenAuth.of("0123456789abcdef");
        assertThat(auth.allows("Bearer 0123456789abcdef")).isTrue();
        for (String wrong : new String[] {"Bearer 0123456789abcdeF", "Bearer 1123456789abcdef", "Bearer 0123456789abcde",
                "Bearer 0123456789abcdef0", "Bearer ", "Bearer", "bearer 0123456789abcdef", "Basic 0123456789abcdef",
                "0123456789abcdef", ""}) {
            assertThat(auth.allows(wrong)).as(wrong).isFalse();
        }
        assertThat(auth.allows(null)).isFalse();
    }

    @Test
    void anEmptyTokenNeverLetsAnyoneIn() throws Exception {
        assertThat(TokenAuth.of("").allows("Bearer ")).isFalse();
        assertThat(TokenAuth.of("").allows("Bearer")).isFalse();
        Path file = dir.resolve("token");
        Files.writeString(file, "  \n");
        TokenAuth auth = TokenAuth.loadOrCreate(file);
        assertThat(auth.token()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(auth.allows("Bearer ")).isFalse();
        assertThat(Files.readString(file).strip()).isEqualTo(auth.token());
    }

    @Test
    void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
        Path created = dir.resolve("state/token");
        TokenAuth auth = TokenAuth.loadOrCreate(created);
        assertThat(Files.getPosixFilePermissions(created)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(TokenAuth.loadOrCreate(created).token()).isEqualTo(auth.token());

        Path loose = dir.resolve("loose-token");
        Files.writeString(loose, "abcdef0123456789abcdef0123456789\n");
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(TokenAuth.loadOrCreate(loose).token()).isEqualTo("abcdef0123456789abcdef0123456789");
        assertThat(Files.getPosixFilePermissions(loose)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }
}
