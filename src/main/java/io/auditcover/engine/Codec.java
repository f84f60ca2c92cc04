package io.auditcover.engine;

import io.auditcover.claims.ClaimDecided;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events, commands and state as JSON: record components only, properties sorted, so the same value always gives the same
 * bytes (the state hash and command digests rely on it). It is what the API, {@code log show} and the state hash read;
 * the log itself is written in the binary {@link LogFormat}, whose records this JSON was (format v0) before, and which
 * {@link #decodeJsonEvent} still reads for the migration. The event type stored beside the payload is the record's simple name.
 */
public final class Codec {
    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new BlackbirdModule())
            .addModule(moneyModule())
            .addModule(claimDecidedModule())
            .addMixIn(io.auditcover.claims.ClaimTerms.class, ClaimTermsJson.class)
            .addMixIn(io.auditcover.reinsurance.ExcessOfLoss.class, ExcessOfLossJson.class)
            .addMixIn(io.auditcover.claims.PoolSettled.class, PoolSettledJson.class)
            .addMixIn(io.auditcover.solvency.PoolSolvency.class, PoolSolvencyJson.class)
            .addMixIn(io.auditcover.claims.DecidedClaim.class, DecidedClaimJson.class)
            .addMixIn(io.auditcover.claims.Assessment.class, AssessmentJson.class)
            .addMixIn(io.auditcover.claims.AssessorRecords.class, AssessorRecordsJson.class)
            .addMixIn(io.auditcover.claims.LossEvidence.class, LossEvidenceJson.class)
            .addMixIn(io.auditcover.claims.FiledClaim.class, FiledClaimJson.class)
            .addMixIn(Event.ClaimFiled.class, FiledClaimJson.class)
            .addMixIn(Event.IncidentSettled.class, SettledJson.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.ALL, Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .build();

    private static final Map<String, Class<? extends Event>> EVENT_TYPES = eventTypes();

    /**
     * Claim terms omit a minimum loss share (and a recoveries rule) they do not set, so terms from before it existed (and every state holding them)
     * keep their JSON and hash; the claims package stays free of Jackson.
     */
    private abstract static class ClaimTermsJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.money.Ratio minimumLossShare;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Boolean recoveriesToHolderDeductibleFirst;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.claims.PositionReader position;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.claims.ClaimTerms.Payees payees;
    }

    /** A decided claim omits late payments and recoveries it has none of, so claims from before they existed keep their JSON. */
    private abstract static class DecidedClaimJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        java.util.List<io.auditcover.claims.LatePayment> paidLater;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        java.util.List<io.auditcover.claims.ClaimRecovery> recoveries;
    }

    /** Loss evidence, filed claims and their events omit the position evidence they lack, so older ones keep their JSON and hash. */
    private abstract static class LossEvidenceJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.claims.PositionReader position;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.money.Money withdrawn;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.claims.PositionReading readingBefore;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.claims.PositionReading readingAfter;
    }

    private abstract static class FiledClaimJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        io.auditcover.claims.LossEvidence evidence;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        java.util.List<io.auditcover.claims.DepositorLoss> depositors;
    }

    /** A settlement omits the depositors' shares it did not pay, so older settlements keep their JSON and hash. */
    private abstract static class SettledJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        java.util.List<io.auditcover.claims.DepositorPaid> depositorsPaid;
    }

    /** A layer omits the treaty terms it does not set, so free layers (and the states holding them) keep their JSON and hash. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    private abstract static class ExcessOfLossJson {
    }

    /** A pool's settlement omits a reinstatement premium it does not charge, for the same reason. */
    private abstract static class PoolSettledJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        Money reinstatementPremium;
    }

    /** Solvency figures omit the gross figures of a pool without a layer (and of runs from before they were recorded). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    private abstract static class PoolSolvencyJson {
    }

    /** Assessor records omit stake withdrawals while none is pending, so records from before them keep their JSON and hash. */
    private abstract static class AssessorRecordsJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        java.util.List<io.auditcover.claims.StakeWithdrawal> stakeWithdrawals;
    }

    /** Assessments omit rationales and removals while they have none, so those from before them keep their JSON and hash. */
    private abstract static class AssessmentJson {
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        Map<String, String> rationales;
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        java.util.Set<String> removed;
    }

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

    /** An event from its JSON, as the log held it in format v0. */
    public static Event decodeJsonEvent(String type, byte[] payload) {
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

    /** A stored event's JSON, the form the API and {@code log show} print, from a payload of format v1 or v0 (which is that JSON). */
    public static byte[] eventJson(String type, byte[] payload) {
        return LogFormat.versionOf(payload) == LogFormat.JSON_VERSION ? payload : encode(LogFormat.decodeEvent(type, payload));
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

    /**
     * Money as one compact string, {@code "4000000000 USDC/6"} (units, asset code, scale), instead of nested objects: most
     * of an event's bytes are amounts, and their encoding and decoding is most of the committer's and replay's work. Assets
     * read back are shared, so decoding does not re-validate the same code for every amount.
     */
    private static SimpleModule moneyModule() {
        var assets = new ConcurrentHashMap<String, Asset>();
        var module = new SimpleModule("money");
        module.addSerializer(Money.class, new JsonSerializer<>() {
            @Override
            public void serialize(Money money, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(money.units() + " " + money.asset().code() + "/" + money.asset().scale());
            }
        });
        module.addDeserializer(Money.class, new JsonDeserializer<>() {
            @Override
            public Money deserialize(JsonParser json, DeserializationContext context) throws IOException {
                String text = json.getValueAsString();
                int space = text == null ? -1 : text.indexOf(' ');
                int slash = text == null ? -1 : text.lastIndexOf('/');
                if (space < 1 || slash < space) {
                    throw context.weirdStringException(text, Money.class, "expected \"<units> <CODE>/<scale>\"");
                }
                try {
                    long units = Long.parseLong(text, 0, space, 10);
                    Asset asset = assets.computeIfAbsent(text.substring(space + 1),
                            key -> new Asset(key.substring(0, key.indexOf('/')), Integer.parseInt(key.substring(key.indexOf('/') + 1))));
                    return Money.ofUnits(asset, units);
                } catch (IllegalArgumentException e) {
                    throw context.weirdStringException(text, Money.class, e.getMessage());
                }
            }
        });
        return module;
    }

    /**
     * A decided claim as a plain array, {@code [claimId, coverId, reasonCode, approvedUnits, paidUnits, remainingUnits]}: a mass
     * exploit decides one per cover, so their encoding is most of the settlement's bytes and of the committer's work. Read back
     * strictly: exactly those six elements.
     */
    private static SimpleModule claimDecidedModule() {
        var module = new SimpleModule("claim-decided");
        module.addSerializer(ClaimDecided.class, new JsonSerializer<>() {
            @Override
            public void serialize(ClaimDecided claim, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeStartArray(claim, 6);
                json.writeNumber(claim.claimId());
                json.writeNumber(claim.coverId());
                json.writeString(claim.reasonCode());
                json.writeNumber(claim.approvedUnits());
                json.writeNumber(claim.paidUnits());
                json.writeNumber(claim.remainingUnits());
                json.writeEndArray();
            }
        });
        module.addDeserializer(ClaimDecided.class, new JsonDeserializer<>() {
            @Override
            public ClaimDecided deserialize(JsonParser json, DeserializationContext context) throws IOException {
                if (!json.isExpectedStartArrayToken()) {
                    return (ClaimDecided) context.handleUnexpectedToken(ClaimDecided.class, json);
                }
                long claimId = nextLong(json, context);
                long coverId = nextLong(json, context);
                if (json.nextToken() != JsonToken.VALUE_STRING) {
                    return (ClaimDecided) context.handleUnexpectedToken(ClaimDecided.class, json);
                }
                String reasonCode = json.getText();
                long approvedUnits = nextLong(json, context);
                long paidUnits = nextLong(json, context);
                long remainingUnits = nextLong(json, context);
                if (json.nextToken() != JsonToken.END_ARRAY) {
                    return (ClaimDecided) context.handleUnexpectedToken(ClaimDecided.class, json);
                }
                return new ClaimDecided(claimId, coverId, reasonCode, approvedUnits, paidUnits, remainingUnits);
            }
        });
        return module;
    }

    private static long nextLong(JsonParser json, DeserializationContext context) throws IOException {
        if (json.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            context.handleUnexpectedToken(ClaimDecided.class, json);
        }
        return json.getLongValue();
    }

    private static Map<String, Class<? extends Event>> eventTypes() {
        var types = new TreeMap<String, Class<? extends Event>>();
        for (Class<?> permitted : Event.class.getPermittedSubclasses()) {
            types.put(permitted.getSimpleName(), permitted.asSubclass(Event.class));
        }
        return Map.copyOf(types);
    }
}
