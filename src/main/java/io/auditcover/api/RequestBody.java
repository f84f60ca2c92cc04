package io.auditcover.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.auditcover.access.Addresses;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A JSON object from a request, read field by field with its limits. Unknown fields, wrong types and
 * out-of-range values are refused with {@code malformed_request} naming the field, before any command
 * is made.
 */
final class RequestBody {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,30})?");
    private final JsonNode node;
    private final String prefix;

    private RequestBody(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses a body that must be an object with only the given fields. */
    static RequestBody parse(byte[] bytes, Set<String> fields) {
        return of(Json.read(bytes), "", fields);
    }

    static RequestBody of(JsonNode node, String prefix, Set<String> fields) {
        if (!node.isObject()) {
            // A nested object's prefix ends with the dot its fields follow; the field itself is named without it.
            throw ApiException.malformed(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "expected a JSON object");
        }
        var unknown = new TreeSet<String>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                unknown.add(name.length() > 40 ? name.substring(0, 40) + "..." : name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.malformed(prefix + unknown.first(), "unknown field(s): " + unknown);
        }
        return new RequestBody(node, prefix);
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    String text(String name, int lengthMax) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrong(name, "a string");
        }
        String text = value.textValue();
        if (text.isEmpty() || text.length() > lengthMax) {
            throw ApiException.malformed(prefix + name, name + " must be 1-" + lengthMax + " characters");
        }
        return text;
    }

    /** An Ethereum address in lower case; written with capitals it must be its EIP-55 checksum form. */
    String address(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrong(name, "a string");
        }
        return address(value.textValue(), prefix + name);
    }

    /** address_checksum_invalid for capitals that are not the checksum, malformed_request for anything but 0x and 40 hex digits. */
    static String address(String text, String field) {
        try {
            return Addresses.normalize(text);
        } catch (Addresses.Invalid e) {
            if (e.checksum()) {
                throw new ApiException(400, "address_checksum_invalid", field + ": " + e.getMessage(), java.util.Map.of("field", field));
            }
            throw ApiException.malformed(field, field + " must be 0x and 40 hex digits");
        }
    }

    /** A list of addresses, each as {@link #address(String)} reads one. */
    List<String> addresses(String name, int countMax) {
        var addresses = new ArrayList<String>();
        int index = 0;
        for (String text : texts(name, countMax, Addresses.LENGTH)) {
            addresses.add(address(text, prefix + name + "[" + index++ + "]"));
        }
        return addresses;
    }

    long integer(String name, long min, long max) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(name, "an integer");
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw ApiException.malformed(prefix + name, name + " must be " + min + " to " + max);
        }
        return number;
    }

    boolean bool(String name) {
        JsonNode value = required(name);
        if (!value.isBoolean()) {
            throw wrong(name, "true or false");
        }
        return value.booleanValue();
    }

    RequestBody object(String name, Set<String> fields) {
        return of(required(name), prefix + name + ".", fields);
    }

    List<String> texts(String name, int countMax, int lengthMax) {
        JsonNode value = required(name);
        if (!value.isArray() || value.size() > countMax) {
            throw wrong(name, "an array of at most " + countMax + " strings");
        }
        var texts = new ArrayList<String>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.textValue().isEmpty() || item.textValue().length() > lengthMax) {
                throw wrong(name, "an array of strings of 1-" + lengthMax + " characters");
            }
            texts.add(item.textValue());
        }
        return texts;
    }

    List<RequestBody> objects(String name, int countMax, Set<String> fields) {
        JsonNode value = required(name);
        if (!value.isArray() || value.size() > countMax) {
            throw wrong(name, "an array of at most " + countMax + " objects");
        }
        var items = new ArrayList<RequestBody>();
        int index = 0;
        for (JsonNode item : value) {
            items.add(of(item, prefix + name + "[" + index++ + "].", fields));
        }
        return items;
    }

    /** Money as {@code {"amount": "12.50", "asset": "USDC"}} in the asset the resource keeps. */
    Money money(String name, Asset asset) {
        RequestBody money = object(name, Set.of("amount", "asset"));
        String code = money.text("asset", Asset.CODE_LENGTH_MAX);
        String amount = money.decimal("amount");
        if (!code.equals(asset.code())) {
            throw new ApiException(422, "asset_mismatch", name + " is in " + asset.code() + " here, not " + code,
                    java.util.Map.of("field", prefix + name + ".asset", "asset", asset.code()));
        }
        return parseMoney(asset, amount, prefix + name + ".amount");
    }

    static Money parseMoney(Asset asset, String amount, String field) {
        try {
            return Money.parse(asset, amount);
        } catch (IllegalArgumentException e) {
            throw ApiException.malformed(field, e.getMessage());
        }
    }

    /** A non-negative decimal string; numbers are refused so no float ever carries money. */
    String decimal(String name) {
        JsonNode value = required(name);
        if (!value.isTextual()) {
            throw wrong(name, "a decimal string such as \"1250.50\"");
        }
        return checkDecimal(value.textValue(), prefix + name);
    }

    static String checkDecimal(String text, String field) {
        if (text.length() > Limits.AMOUNT_DIGITS_MAX + 1 || !DECIMAL.matcher(text).matches()) {
            throw ApiException.malformed(field, field + " must be a non-negative decimal string of at most "
                    + Limits.AMOUNT_DIGITS_MAX + " digits");
        }
        return text;
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw ApiException.malformed(prefix + name, prefix + name + " is required");
        }
        return value;
    }

    private ApiException wrong(String name, String expected) {
        return ApiException.malformed(prefix + name, prefix + name + " must be " + expected);
    }
}
