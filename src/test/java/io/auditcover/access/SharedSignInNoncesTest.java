package io.auditcover.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.auditcover.store.PostgresPerClass;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

/** Two instances' stores on one real PostgreSQL database: a nonce one issued signs in on the other, once, until it expires. */
class SharedSignInNoncesTest {
    @RegisterExtension
    static final PostgresPerClass cluster = new PostgresPerClass();
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Credentials WALLET = Credentials.create("0x" + "4c".repeat(32));
    static final SignInWithEthereum.Audience AUDIENCE = new SignInWithEthereum.Audience(Set.of("cover.example"), Set.of("https://cover.example"), 1);

    static String message(String nonce) {
        return SiweMessage.format("cover.example", Keys.toChecksumAddress(WALLET.getAddress()), "Sign in to Auditcover.", "https://cover.example",
                1, nonce, NOW, null);
    }

    @TempDir
    Path directory;

    @Test
    void a_nonce_issued_by_one_instance_signs_in_on_another_exactly_once() throws Exception {
        String url = cluster.newDatabase();
        try (var first = AccessStore.openShared(url); var second = AccessStore.openShared(url)) {
            var issuing = new SignInWithEthereum(first.sharedSignInNonces().orElseThrow());
            var verifying = new SignInWithEthereum(second.sharedSignInNonces().orElseThrow());
            String message = message(issuing.nonce(NOW));
            String signature = PersonalSignatures.sign(WALLET, message);

            assertThat(verifying.verify(message, signature, AUDIENCE, NOW.plusSeconds(5))).isEqualTo(WALLET.getAddress());
            assertThatThrownBy(() -> issuing.verify(message, signature, AUDIENCE, NOW.plusSeconds(6)))
                    .isInstanceOfSatisfying(SignInWithEthereum.Failure.class, f -> assertThat(f.code()).isEqualTo("siwe_nonce_unknown"));
        }
    }

    @Test
    void a_shared_nonce_expires_and_the_outstanding_ones_are_bounded() throws Exception {
        String url = cluster.newDatabase();
        try (var store = AccessStore.openShared(url)) {
            var nonces = store.sharedSignInNonces().orElseThrow();
            assertThat(nonces.issue("n1", NOW.plusSeconds(600), NOW, 2)).isTrue();
            assertThat(nonces.issue("n2", NOW.plusSeconds(600), NOW, 2)).isTrue();
            assertThat(nonces.issue("n3", NOW.plusSeconds(600), NOW, 2)).as("two are out").isFalse();
            assertThat(nonces.live("n1", NOW.plusSeconds(599))).isTrue();
            assertThat(nonces.live("n1", NOW.plusSeconds(600))).as("expired").isFalse();
            assertThat(nonces.use("n1", NOW.plusSeconds(600))).as("an expired nonce is not used").isFalse();
            assertThat(nonces.issue("n3", NOW.plusSeconds(1200), NOW.plusSeconds(600), 2)).as("the expired ones are dropped first").isTrue();
            assertThat(nonces.use("n3", NOW.plusSeconds(601))).isTrue();
            assertThat(nonces.use("n3", NOW.plusSeconds(602))).as("used once").isFalse();
        }
    }

    @Test
    void the_file_store_of_one_server_keeps_its_nonces_in_memory() {
        try (var store = AccessStore.open(directory)) {
            assertThat(store.sharedSignInNonces()).isEmpty();
        }
    }
}
