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
        GitAuth mtls = GitAuth.fromSecret("ns/s", Map.of("tls.crt", b("c"), "tls.key", b("k"), "username", b("u"),
                "password", b("p")), "https://h/r");
        assertThat(mtls.kind()).isEqualTo(GitAuth.Kind.BASIC);
        assertThat(mtls.client()).isPresent();
        assertThat(mtls.customTls()).isTrue();
    }

    @Test
    void incompleteSecretsAreAuthenticationFailures() {
        assertThatThrownBy(() -> GitAuth.fromSecret("ns/s", Map.of("identity", b("key")), "ssh://git@h/r"))
                .isInstanceOfSatisfying(GitSourceException.class, e -> assertThat(e.isAuthentication()).isTrue())
                .hasMessageContaining("'identity' and 'known_hosts'");
        assertThatThrownBy(() -> GitAuth.fromSecret("ns/s", Map.of("username", b("u")), "https://h/r"))
                .hasMessageContaining("both 'username' and 'password'");
        assertThatThrownBy(() -> GitAuth.fromSecret("ns/s", Map.of("tls.crt", b("pem")), "https://h/r"))
                .hasMessageContaining("both 'tls.crt' and 'tls.key'");
    }

    @Test
    void passwordsInUrlsNeverReachMessages() {
        assertThat(JGitClient.redact("https://flux:s3cret@github.com/org/repo")).isEqualTo("https://flux:***@github.com/org/repo");
        assertThat(JGitClient.redact("https://github.com/org/repo")).isEqualTo("https://github.com/org/repo");
        assertThat(JGitClient.redact("ssh://git@github.com/org/repo")).isEqualTo("ssh://git@github.com/org/repo");
        GitSourceException e = JGitClient.classify("unable to list remote refs of '" + JGitClient.redact("https://u:pw@h/r") + "'",
                "https://u:pw@h/r", new RuntimeException("https://u:pw@h/r: not authorized"));
        assertThat(e.getMessage()).doesNotContain("pw").contains("not authorized");
        assertThat(e.isAuthentication()).isTrue();
    }
}
