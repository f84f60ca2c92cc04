package io.auditcover.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.auditcover.evidence.Bytecode;
import io.auditcover.evidence.CompiledArtifact;
import io.auditcover.evidence.ImmutableRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.web3j.utils.Numeric;

/**
 * A solc artifact as JSON: {@code contractName}, {@code deployedBytecode} (runtime code, hex) and
 * {@code immutableReferences} (solc's map from AST id to byte ranges). Turned into the
 * {@link CompiledArtifact} an audit's scope holds.
 */
public final class ArtifactFile {
    /** A solc artifact is far smaller; anything bigger is not one. */
    public static final long FILE_BYTES_MAX = 8L << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ArtifactFile() {
    }

    public static CompiledArtifact read(Path file) {
        try {
            if (Files.size(file) > FILE_BYTES_MAX) {
                throw new IllegalArgumentException(file + " is larger than " + FILE_BYTES_MAX + " bytes");
            }
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + file, e);
        }
    }

    public static CompiledArtifact parse(String json) {
        JsonNode root = tree(json);
        String name = text(root, "contractName");
        byte[] runtime = Numeric.hexStringToByteArray(text(root, "deployedBytecode"));
        var immutables = new ArrayList<ImmutableRange>();
        for (Map.Entry<String, JsonNode> reference : root.path("immutableReferences").properties()) {
            for (JsonNode range : reference.getValue()) {
                immutables.add(new ImmutableRange(range.path("start").asInt(-1), range.path("length").asInt(-1)));
            }
        }
        return fromRuntime(name, runtime, immutables);
    }

    /** The artifact for runtime code whose immutables sit at {@code immutables}. */
    public static CompiledArtifact fromRuntime(String name, byte[] runtime, java.util.List<ImmutableRange> immutables) {
        byte[] normalized = Bytecode.normalized(runtime, runtime.length, immutables);
        return new CompiledArtifact(name, runtime.length, immutables, Keccak.hex(normalized));
    }

    /** The creation code of an artifact (hex), for deploying it. */
    public static String creationCode(String json) {
        return text(tree(json), "bytecode");
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("artifact is not JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new IllegalArgumentException("artifact has no " + field);
        }
        return node.asText();
    }
}
