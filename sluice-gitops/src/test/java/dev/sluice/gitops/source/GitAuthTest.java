package dev.sluice.gitops.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitAuthTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsFluxSecretKeys() throws Exception {
        GitAuth basic = GitAuth.fromSecret("ns/s", Map.of("username", b("flux"), "password", b("pw\n")), "https://h/r");
        assertThat(basic.kind()).isEqualTo(GitAuth.Kind.BASIC);
        assertThat(basic.password()).isEqualTo("pw");
        assertThat(basic.toString()).doesNotContain("pw");
        assertThat(GitAuth.fromSecret("ns/s", Map.of("bearerToken", b("t")), "https://h/r").kind()).isEqualTo(GitAuth.Kind.BEARER);
        GitAuth ssh = GitAuth.fromSecret("ns/s", Map.of("identity", b("key"), "known_hosts", b("h ssh-ed25519 AAA")),
                "ssh://git@h/r");
        assertThat(ssh.kind()).isEqualTo(GitAuth.Kind.SSH);
        assertThat(GitAuth.fromSecret("ns/s", Map.of("ca.crt", b("pem")), "https://h/r").caCert()).isPresent();
    }

    @Test
    void incompleteSecretsAreAuthenticationFailures() {
        assertThatThrownBy(() -> GitAuth.fromSecret("ns/s", Map.of("identity", b("key")), "ssh://git@h/r"))
                .isInstanceOfSatisfying(GitSourceException.class, e -> assertThat(e.isAuthentication()).isTrue())
                .hasMessageContaining("'identity' and 'known_hosts'");
        assertThatThrownBy(() -> GitAuth.fromSecret("ns/s", Map.of("username", b("u")), "https://h/r"))
                .hasMessageContaining("both 'username' and 'password'");
    }
}
