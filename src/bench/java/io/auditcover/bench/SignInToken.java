package io.auditcover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditcover.access.SiweMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs in to a running server with a fixed bench wallet (Sign-In with Ethereum, as a browser wallet
 * would) and prints the session token, for the HTTP benchmark's purchase script.
 */
final class SignInToken {
    static final Credentials BENCH_WALLET = Credentials.create("0x" + "be".repeat(32));

    private SignInToken() {
    }

    static void run(String baseUrl) throws Exception {
        var http = HttpClient.newHttpClient();
        var json = new ObjectMapper();
        String nonce = json.readTree(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/nonce")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("nonce").asText();
        URI base = URI.create(baseUrl);
        String domain = base.getHost() + ":" + base.getPort();
        Instant now = Instant.now();
        String message = SiweMessage.format(domain, Keys.toChecksumAddress(BENCH_WALLET.getAddress()), "Benchmark sign-in.", baseUrl, 1,
                nonce, now, now.plus(Duration.ofMinutes(10)));
        var signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), BENCH_WALLET.getEcKeyPair());
        byte[] bytes = new byte[65];
        System.arraycopy(signature.getR(), 0, bytes, 0, 32);
        System.arraycopy(signature.getS(), 0, bytes, 32, 32);
        bytes[64] = signature.getV()[0];
        var body = json.createObjectNode().put("message", message).put("signature", "0x" + HexFormat.of().formatHex(bytes));
        var answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/auth/siwe")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + answer.body());
        }
        System.out.println(json.readTree(answer.body()).get("token").asText());
    }
}
