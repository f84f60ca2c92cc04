package io.auditcover.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Events, commands and snapshots as bytes. JSON of record components only, properties sorted, so the
 * same value always gives the same bytes (the state hash and command digests rely on it). The event
 * type stored beside the payload is the record's simple name.
 */
public final class Codec {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new BlackbirdModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .build();

    private static final Map<String, Class<? extends Event>> EVENT_TYPES = eventTypes();

    private Codec() {
    }

    public static String type(Event event) {
        return event.getClass().getSimpleName();
    }

    public static byte[] encode(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static Event decodeEvent(String type, byte[] payload) {
        Class<? extends Event> eventClass = EVENT_TYPES.get(type);
        if (eventClass == null) {
            throw new IllegalStateException("unknown event type " + type);
        }
        return decode(payload, eventClass);
    }

    public static <T> T decode(byte[] payload, Class<T> type) {
        try {
            return JSON.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode " + type.getSimpleName(), e);
        }
    }

    /** A command's content fingerprint: SHA-256 over its type and canonical JSON, hex. */
    public static String digest(Command command) {
        MessageDigest sha256 = sha256();
        sha256.update(command.getClass().getSimpleName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(encode(command));
        return HexFormat.of().formatHex(sha256.digest());
    }

    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    private static Map<String, Class<? extends Event>> eventTypes() {
        var types = new TreeMap<String, Class<? extends Event>>();
        for (Class<?> permitted : Event.class.getPermittedSubclasses()) {
            types.put(permitted.getSimpleName(), permitted.asSubclass(Event.class));
        }
        return Map.copyOf(types);
    }
}
