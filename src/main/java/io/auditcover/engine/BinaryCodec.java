package io.auditcover.engine;

import io.auditcover.claims.ClaimDecided;
import io.auditcover.money.Asset;
import io.auditcover.money.Money;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The binary record codec of log format v1 (see {@code docs/log-format.md}): every record is its field count, then its
 * components in declaration order. Written by hand over {@link RecordComponent} with method handles built once per record
 * type, because that is all some seventy records need: a schema language would repeat every record in a second language
 * and a generator in the build, while this reads the records themselves, so a new component can only be appended (the
 * evolution rule) and the codec needs no change.
 *
 * <p>Every type reachable from the roots is resolved when the codec is built (at class initialisation of
 * {@link LogFormat}), so a component of an unsupported type fails the first test that touches the log, never a production
 * append. Supported: the primitives and their boxes, {@code String}, {@code Instant}, {@code Duration}, {@code LocalDate},
 * enums (by constant name), {@code Money} and {@code Asset}, {@code List}, {@code Set} and {@code Map} (sets and maps in
 * sorted order, so equal values give equal bytes), nested records, and sealed interfaces of records (tagged by the
 * record's simple name).
 */
final class BinaryCodec {
    private final Map<Class<?>, ValueCodec> records = new HashMap<>();

    private BinaryCodec() {
    }

    /** A codec for the roots (records or sealed interfaces of records) and everything their components reach. */
    static BinaryCodec of(Class<?>... roots) {
        var codec = new BinaryCodec();
        for (Class<?> root : roots) {
            codec.codecFor(root, root.getSimpleName());
        }
        return codec;
    }

    /** Every record type this codec writes, by name: what the tests check and the format document lists. */
    Set<String> recordTypeNames() {
        var names = new java.util.TreeSet<String>();
        records.keySet().stream().filter(Class::isRecord).forEach(type -> names.add(type.getName()));
        return names;
    }

    /** Writes a value of a root type or of any record it reaches. */
    void write(BinaryWriter out, Class<?> type, Object value) {
        records.get(type).write(out, value);
    }

    Object read(BinaryReader in, Class<?> type) {
        return records.get(type).read(in);
    }

    /** The codec of the record a sealed root permits under {@code simpleName}, or null when this build has none by that name. */
    ValueCodec permitted(Class<?> sealed, String simpleName) {
        return ((SealedCodec) records.get(sealed)).record(simpleName);
    }

    private ValueCodec codecFor(Type type, String where) {
        if (type instanceof ParameterizedType parameterized) {
            return collectionCodec(parameterized, where);
        }
        if (!(type instanceof Class<?> raw)) {
            throw unsupported(type, where);
        }
        ValueCodec known = records.get(raw);
        if (known != null) {
            return known;
        }
        ValueCodec scalar = scalarCodec(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return new EnumCodec(raw);
        }
        if (raw.isRecord()) {
            var codec = raw == ClaimDecided.class ? new ClaimDecidedCodec() : new RecordCodec(raw);
            records.put(raw, codec);
            codec.resolve(this, where);
            return codec;
        }
        if (raw.isInterface() && raw.isSealed()) {
            var codec = new SealedCodec(raw);
            records.put(raw, codec);
            codec.resolve(this, where);
            return codec;
        }
        throw unsupported(type, where);
    }

    private ValueCodec collectionCodec(ParameterizedType type, String where) {
        Type[] arguments = type.getActualTypeArguments();
        if (type.getRawType() == List.class) {
            return new ListCodec(codecFor(arguments[0], where + "[]"));
        }
        if (type.getRawType() == Set.class) {
            return new SetCodec(codecFor(arguments[0], where + "[]"), sortOrder(arguments[0], where));
        }
        if (type.getRawType() == Map.class) {
            return new MapCodec(codecFor(arguments[0], where + "{key}"), codecFor(arguments[1], where + "{}"),
                    sortOrder(arguments[0], where));
        }
        throw unsupported(type, where);
    }

    /** How set elements and map keys are ordered in the bytes: naturally, enums by name (so reordering constants is safe). */
    private static Comparator<Object> sortOrder(Type type, String where) {
        if (type instanceof Class<?> raw && raw.isEnum()) {
            return Comparator.nullsFirst(Comparator.comparing(value -> ((Enum<?>) value).name()));
        }
        if (type == String.class || type == Long.class || type == Integer.class) {
            @SuppressWarnings("unchecked")
            Comparator<Object> natural = (Comparator<Object>) (Comparator<?>) Comparator.<Comparable<Object>>naturalOrder();
            return Comparator.nullsFirst(natural);
        }
        throw new IllegalStateException("a set element or map key of type " + type.getTypeName() + " at " + where
                + " has no canonical order in the log format; use String, Long, Integer or an enum");
    }

    private static ValueCodec scalarCodec(Class<?> type) {
        return SCALARS.get(type);
    }

    private static IllegalStateException unsupported(Type type, String where) {
        return new IllegalStateException("the log format cannot encode " + type.getTypeName() + " at " + where
                + ": add it to BinaryCodec and docs/log-format.md");
    }

    /** How values of one component type are written and read, and what a field missing from an older record reads as. */
    abstract static class ValueCodec {
        abstract void write(BinaryWriter out, Object value);

        abstract Object read(BinaryReader in);

        Object empty() {
            return null;
        }
    }

    /** A record: its field count plus one (zero is null), then each component. */
    static class RecordCodec extends ValueCodec {
        private final Class<?> type;
        private final String name;
        private ValueCodec[] fields;
        private MethodHandle[] accessors;
        private MethodHandle constructor;

        RecordCodec(Class<?> type) {
            this.type = type;
            this.name = displayName(type);
        }

        void resolve(BinaryCodec codec, String where) {
            RecordComponent[] components = type.getRecordComponents();
            fields = new ValueCodec[components.length];
            accessors = new MethodHandle[components.length];
            Class<?>[] parameterTypes = new Class<?>[components.length];
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
                for (int i = 0; i < components.length; i++) {
                    accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
                    parameterTypes[i] = components[i].getType();
                }
                constructor = lookup.findConstructor(type, MethodType.methodType(void.class, parameterTypes))
                        .asSpreader(Object[].class, components.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the log format cannot reach the components of " + name, e);
            }
            for (int i = 0; i < components.length; i++) {
                fields[i] = codec.codecFor(components[i].getGenericType(), where + "." + components[i].getName());
            }
        }

        @Override
        void write(BinaryWriter out, Object value) {
            if (value == null) {
                out.writeUnsigned(0);
                return;
            }
            out.writeUnsigned(fields.length + 1L);
            try {
                for (int i = 0; i < fields.length; i++) {
                    fields[i].write(out, (Object) accessors[i].invokeExact(value));
                }
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read the components of " + name, e);
            }
        }

        @Override
        Object read(BinaryReader in) {
            int countPlusOne = in.readCountPlusOne();
            if (countPlusOne == 0) {
                return null;
            }
            int count = countPlusOne - 1;
            if (count > fields.length) {
                throw new LogFormatException(name + " has " + count + " fields in the " + in.type() + " payload but this build knows "
                        + fields.length + ": it was written by a newer build; upgrade to read it");
            }
            Object[] arguments = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                arguments[i] = i < count ? fields[i].read(in) : fields[i].empty();
            }
            try {
                return (Object) constructor.invokeExact(arguments);
            } catch (RuntimeException e) {
                throw new LogFormatException("the " + in.type() + " payload holds a " + name + " its constructor refuses: " + e.getMessage());
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot construct " + name, e);
            }
        }
    }

    /** A sealed interface's value: the permitted record's simple name (null is the empty string's slot), then the record. */
    static final class SealedCodec extends ValueCodec {
        private final Class<?> type;
        private final Map<String, RecordCodec> byName = new TreeMap<>();
        private final Map<Class<?>, String> names = new HashMap<>();

        SealedCodec(Class<?> type) {
            this.type = type;
        }

        void resolve(BinaryCodec codec, String where) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                if (!permitted.isRecord()) {
                    throw unsupported(permitted, where + " (a sealed interface's permitted types must be records)");
                }
                if (byName.containsKey(permitted.getSimpleName())) {
                    throw new IllegalStateException(type.getName() + " permits two records named " + permitted.getSimpleName()
                            + ": the log tags them by simple name");
                }
                byName.put(permitted.getSimpleName(), (RecordCodec) codec.codecFor(permitted, where + "<" + permitted.getSimpleName() + ">"));
                names.put(permitted, permitted.getSimpleName());
            }
        }

        RecordCodec record(String simpleName) {
            return byName.get(simpleName);
        }

        @Override
        void write(BinaryWriter out, Object value) {
            if (value == null) {
                out.writeString(null);
                return;
            }
            String name = names.get(value.getClass());
            out.writeString(name);
            byName.get(name).write(out, value);
        }

        @Override
        Object read(BinaryReader in) {
            String name = in.readString();
            if (name == null) {
                return null;
            }
            RecordCodec record = byName.get(name);
            if (record == null) {
                throw new LogFormatException("the " + in.type() + " payload holds a " + displayName(type) + " of type " + name
                        + ", which this build does not know: it was written by a newer build");
            }
            return record.read(in);
        }
    }

    /** An enum constant by name, so reordering constants changes nothing; a name this build lacks is refused. */
    static final class EnumCodec extends ValueCodec {
        private final Class<?> type;
        private final Map<String, Object> constants = new HashMap<>();

        EnumCodec(Class<?> type) {
            this.type = type;
            for (Object constant : type.getEnumConstants()) {
                constants.put(((Enum<?>) constant).name(), constant);
            }
        }

        @Override
        void write(BinaryWriter out, Object value) {
            out.writeString(value == null ? null : ((Enum<?>) value).name());
        }

        @Override
        Object read(BinaryReader in) {
            String name = in.readString();
            if (name == null) {
                return null;
            }
            Object constant = constants.get(name);
            if (constant == null) {
                throw new LogFormatException("the " + in.type() + " payload holds " + displayName(type) + "." + name
                        + ", which this build does not know: it was written by a newer build");
            }
            return constant;
        }
    }

    /**
     * A list or a set: its size plus one (zero is null), then each element. A list keeps its order and reads back as a mutable
     * list, as the JSON reader gave; a set is written in sorted order, so its bytes do not depend on its iteration order.
     */
    abstract static class SequenceCodec extends ValueCodec {
        private final ValueCodec element;

        SequenceCodec(ValueCodec element) {
            this.element = element;
        }

        /** The elements in the order they are written. */
        abstract Object[] elements(Object value);

        /** An empty collection of this kind, with room for {@code size}. */
        abstract Collection<Object> collection(int size);

        @Override
        void write(BinaryWriter out, Object value) {
            if (value == null) {
                out.writeUnsigned(0);
                return;
            }
            Object[] items = elements(value);
            out.writeUnsigned(items.length + 1L);
            for (Object item : items) {
                element.write(out, item);
            }
        }

        @Override
        Object read(BinaryReader in) {
            int sizePlusOne = in.readCountPlusOne();
            if (sizePlusOne == 0) {
                return null;
            }
            Collection<Object> items = collection(sizePlusOne - 1);
            for (int i = 1; i < sizePlusOne; i++) {
                items.add(element.read(in));
            }
            return items;
        }

        @Override
        Object empty() {
            return collection(0);
        }
    }

    static final class ListCodec extends SequenceCodec {
        ListCodec(ValueCodec element) {
            super(element);
        }

        @Override
        Object[] elements(Object value) {
            return ((List<?>) value).toArray();
        }

        @Override
        Collection<Object> collection(int size) {
            return new ArrayList<>(size);
        }
    }

    static final class SetCodec extends SequenceCodec {
        private final Comparator<Object> order;

        SetCodec(ValueCodec element, Comparator<Object> order) {
            super(element);
            this.order = order;
        }

        @Override
        Object[] elements(Object value) {
            Object[] items = ((Collection<?>) value).toArray();
            Arrays.sort(items, order);
            return items;
        }

        @Override
        Collection<Object> collection(int size) {
            return new LinkedHashSet<>();
        }
    }

    /** A map: its size plus one (zero is null), then key and value of each entry in sorted key order. */
    static final class MapCodec extends ValueCodec {
        private final ValueCodec key;
        private final ValueCodec value;
        private final Comparator<Object> order;

        MapCodec(ValueCodec key, ValueCodec value, Comparator<Object> order) {
            this.key = key;
            this.value = value;
            this.order = order;
        }

        @Override
        void write(BinaryWriter out, Object map) {
            if (map == null) {
                out.writeUnsigned(0);
                return;
            }
            var entries = new ArrayList<Map.Entry<?, ?>>(((Map<?, ?>) map).entrySet());
            entries.sort((a, b) -> order.compare(a.getKey(), b.getKey()));
            out.writeUnsigned(entries.size() + 1L);
            for (Map.Entry<?, ?> entry : entries) {
                key.write(out, entry.getKey());
                value.write(out, entry.getValue());
            }
        }

        @Override
        Object read(BinaryReader in) {
            int sizePlusOne = in.readCountPlusOne();
            if (sizePlusOne == 0) {
                return null;
            }
            var map = new LinkedHashMap<Object, Object>();
            for (int i = 1; i < sizePlusOne; i++) {
                map.put(key.read(in), value.read(in));
            }
            return map;
        }

        @Override
        Object empty() {
            return new LinkedHashMap<>();
        }
    }

    /** How a scalar is written; a lambda per type keeps the table of scalars one line a type. */
    @FunctionalInterface
    interface Write {
        void write(BinaryWriter out, Object value);
    }

    @FunctionalInterface
    interface Read {
        Object read(BinaryReader in);
    }

    /** A scalar whose encoding has a slot for null of its own (a string, an amount), or a primitive, never null. */
    static final class ScalarCodec extends ValueCodec {
        private final Write write;
        private final Read read;
        private final Object empty;

        ScalarCodec(Write write, Read read, Object empty) {
            this.write = write;
            this.read = read;
            this.empty = empty;
        }

        @Override
        void write(BinaryWriter out, Object value) {
            write.write(out, value);
        }

        @Override
        Object read(BinaryReader in) {
            return read.read(in);
        }

        @Override
        Object empty() {
            return empty;
        }
    }

    /**
     * A decided claim written without reflection: a mass exploit's settlement holds one per cover, and the generic path's
     * accessor call and boxed value per component were most of its encoding. The bytes are exactly the generic ones (its
     * six components in order, as a record of six fields), and it reads through the generic path, evolution rules included.
     */
    static final class ClaimDecidedCodec extends RecordCodec {
        private static final int FIELDS = ClaimDecided.class.getRecordComponents().length;

        ClaimDecidedCodec() {
            super(ClaimDecided.class);
        }

        @Override
        void write(BinaryWriter out, Object value) {
            if (value == null) {
                out.writeUnsigned(0);
                return;
            }
            var claim = (ClaimDecided) value;
            out.writeUnsigned(FIELDS + 1L);
            out.writeSigned(claim.claimId());
            out.writeSigned(claim.coverId());
            out.writeString(claim.reasonCode());
            out.writeSigned(claim.approvedUnits());
            out.writeSigned(claim.paidUnits());
            out.writeSigned(claim.remainingUnits());
        }
    }

    /** A value with no spare slot for null (a box, an instant): a presence byte, then the value. */
    static final class NullableCodec extends ValueCodec {
        private final Write write;
        private final Read read;

        NullableCodec(Write write, Read read) {
            this.write = write;
            this.read = read;
        }

        @Override
        void write(BinaryWriter out, Object value) {
            out.writeByte(value == null ? 0 : 1);
            if (value != null) {
                write.write(out, value);
            }
        }

        @Override
        Object read(BinaryReader in) {
            int presence = in.readByte();
            if (presence > 1) {
                throw new LogFormatException("the " + in.type() + " payload has presence byte " + presence);
            }
            return presence == 0 ? null : read.read(in);
        }
    }

    private static final Map<Class<?>, ValueCodec> SCALARS = scalars();

    /** Every scalar type the format writes, each with its box (a presence byte, then the primitive); see docs/log-format.md. */
    private static Map<Class<?>, ValueCodec> scalars() {
        var scalars = new HashMap<Class<?>, ValueCodec>();
        primitive(scalars, long.class, Long.class, 0L, (out, value) -> out.writeSigned((Long) value), BinaryReader::readSigned);
        primitive(scalars, int.class, Integer.class, 0, (out, value) -> out.writeSigned((Integer) value),
                in -> readInt(in, Integer.MIN_VALUE, Integer.MAX_VALUE));
        primitive(scalars, short.class, Short.class, (short) 0, (out, value) -> out.writeSigned((Short) value),
                in -> (short) readInt(in, Short.MIN_VALUE, Short.MAX_VALUE));
        primitive(scalars, byte.class, Byte.class, (byte) 0, (out, value) -> out.writeSigned((Byte) value),
                in -> (byte) readInt(in, Byte.MIN_VALUE, Byte.MAX_VALUE));
        primitive(scalars, char.class, Character.class, (char) 0, (out, value) -> out.writeSigned((Character) value),
                in -> (char) readInt(in, Character.MIN_VALUE, Character.MAX_VALUE));
        primitive(scalars, boolean.class, Boolean.class, false, (out, value) -> out.writeByte((Boolean) value ? 1 : 0),
                BinaryCodec::readBoolean);
        primitive(scalars, double.class, Double.class, 0.0, (out, value) -> out.writeDouble((Double) value), BinaryReader::readDouble);
        primitive(scalars, float.class, Float.class, 0.0f, (out, value) -> out.writeDouble((Float) value), in -> (float) in.readDouble());
        scalars.put(String.class, new ScalarCodec((out, value) -> out.writeString((String) value), BinaryReader::readString, null));
        scalars.put(Instant.class, new NullableCodec((out, value) -> {
            out.writeSigned(((Instant) value).getEpochSecond());
            out.writeSigned(((Instant) value).getNano());
        }, in -> Instant.ofEpochSecond(in.readSigned(), readInt(in, 0, 999_999_999))));
        scalars.put(Duration.class, new NullableCodec((out, value) -> {
            out.writeSigned(((Duration) value).getSeconds());
            out.writeSigned(((Duration) value).getNano());
        }, in -> Duration.ofSeconds(in.readSigned(), readInt(in, 0, 999_999_999))));
        scalars.put(LocalDate.class, new NullableCodec((out, value) -> out.writeSigned(((LocalDate) value).toEpochDay()),
                BinaryCodec::readDate));
        scalars.put(Asset.class, new ScalarCodec((out, value) -> writeAsset(out, (Asset) value), BinaryCodec::readAsset, null));
        scalars.put(Money.class, new ScalarCodec(BinaryCodec::writeMoney, BinaryCodec::readMoney, null));
        return Map.copyOf(scalars);
    }

    private static void primitive(Map<Class<?>, ValueCodec> scalars, Class<?> primitive, Class<?> box, Object zero, Write write,
            Read read) {
        scalars.put(primitive, new ScalarCodec(write, read, zero));
        scalars.put(box, new NullableCodec(write, read));
    }

    private static LocalDate readDate(BinaryReader in) {
        long day = in.readSigned();
        try {
            return LocalDate.ofEpochDay(day);
        } catch (java.time.DateTimeException e) {
            throw new LogFormatException("the " + in.type() + " payload holds an impossible date, day " + day);
        }
    }

    private static void writeMoney(BinaryWriter out, Object value) {
        Money money = (Money) value;
        writeAsset(out, money == null ? null : money.asset());
        if (money != null) {
            out.writeSigned(money.units());
        }
    }

    private static Money readMoney(BinaryReader in) {
        Asset asset = readAsset(in);
        return asset == null ? null : Money.ofUnits(asset, in.readSigned());
    }

    /**
     * Assets read back are shared: most of an event's values are amounts in one or two assets, and building each anew would
     * check its code's pattern every time.
     */
    private static final Map<String, Asset> ASSETS = new ConcurrentHashMap<>();
    /** Assets kept shared; a book holds a handful, and a bound keeps odd payloads from growing the map. */
    private static final int ASSETS_SHARED_MAX = 64;

    /** An asset (and so an amount) has a fixed layout, code then scale: it is the one shape the format does not let grow. */
    private static void writeAsset(BinaryWriter out, Asset asset) {
        out.writeString(asset == null ? null : asset.code());
        if (asset != null) {
            out.writeSigned(asset.scale());
        }
    }

    private static Asset readAsset(BinaryReader in) {
        String code = in.readString();
        if (code == null) {
            return null;
        }
        int scale = readInt(in, 0, Asset.SCALE_MAX);
        Asset cached = ASSETS.get(code);
        if (cached != null && cached.scale() == scale) {
            return cached;
        }
        try {
            Asset asset = new Asset(code, scale);
            return cached == null && ASSETS.size() < ASSETS_SHARED_MAX ? ASSETS.computeIfAbsent(code, key -> asset) : asset;
        } catch (IllegalArgumentException e) {
            throw new LogFormatException("the " + in.type() + " payload holds an invalid asset: " + e.getMessage());
        }
    }

    private static int readInt(BinaryReader in, int min, int max) {
        long value = in.readSigned();
        if (value < min || value > max) {
            throw new LogFormatException("the " + in.type() + " payload holds " + value + " where " + min + ".." + max + " fits");
        }
        return (int) value;
    }

    private static boolean readBoolean(BinaryReader in) {
        int value = in.readByte();
        if (value > 1) {
            throw new LogFormatException("the " + in.type() + " payload holds " + value + " where a boolean is 0 or 1");
        }
        return value == 1;
    }

    private static String displayName(Class<?> type) {
        return type.getName().substring(type.getPackageName().length() + 1).replace('$', '.');
    }
}
