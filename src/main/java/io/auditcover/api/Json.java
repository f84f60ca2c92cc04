package io.auditcover.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditcover.money.Money;

/** The API's JSON: a strict reader (depth and size bounded, duplicate keys refused) and node builders. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Limits.JSON_DEPTH_MAX)
                    .maxStringLength((int) Limits.REQUEST_BYTES_MAX).maxNumberLength(Limits.AMOUNT_DIGITS_MAX).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** Money on the wire: a decimal string at the asset's scale and the asset code, never a float. */
    static ObjectNode money(Money money) {
        return object().put("amount", money.toDecimalString()).put("asset", money.asset().code());
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw ApiException.malformed("the request needs a JSON body");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.malformed("the request needs a JSON body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ApiException.malformed("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.malformed("the body cannot be read");
        }
    }
}
