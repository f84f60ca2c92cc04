package io.auditcover.access;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Operator and auditor API keys and assessor wallets, in {@code access.db} beside the event log, or, for instances that share a
 * PostgreSQL log, in that database ({@link #openShared}), so a key, a seat, a session and a sign-in nonce are good on every instance. Only the SHA-256 of
 * a key is stored; the key itself is shown once, when it is created. Kept out of the event log on
 * purpose: credentials are not business facts, must be revocable and erasable, and must not enter the
 * state hash or live forever in a tamper-evident history. The CLI may change it while a server runs
 * (SQLite locks the file; the server looks keys up on every request, so a revocation takes effect at once).
 * Assessors are asked about on every signed-in request, so they are kept in memory and reloaded when this connection
 * changed them or SQLite's {@code PRAGMA data_version} says another connection (the CLI) did: a seat or a removal takes
 * effect on the next request at the cost of one pragma. On PostgreSQL, which has no such counter, every lookup asks the
 * database (one indexed read), for the same effect across instances. The tables are created if missing, in both.
 */
public final class AccessStore implements AutoCloseable {
    public static final String FILE_NAME = "access.db";
    public static final int KEY_BYTES = 32;
    public static final String KEY_PREFIX = "ac_";
    /** The PostgreSQL schema of the shared store's tables. */
    public static final String SHARED_SCHEMA = "auditcover_access";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key as listed: never its secret. */
    public record KeyInfo(String name, Instant createdAt, Optional<Instant> revokedAt, Role role) {
    }

    /** The roles an API key may carry: an operator's, or an auditor's read-only one. */
    public static final Set<Role> KEY_ROLES = Set.of(Role.OPERATOR, Role.AUDITOR);

    private Connection connection;
    /** The shared store's database, to connect again after its connection broke (say, a failover); null for access.db. */
    private final String sharedUrl;
    /** SQLite's data version query; null on PostgreSQL. */
    private final PreparedStatement dataVersion;
    /** The assessors as last loaded, and the data version they were loaded at; null after this connection changed them. */
    private Set<String> assessors;
    private long assessorsVersion;

    private AccessStore(Connection connection, String sharedUrl) throws SQLException {
        boolean sqlite = sharedUrl == null;
        this.connection = connection;
        this.sharedUrl = sharedUrl;
        try (var sql = connection.createStatement()) {
            if (sqlite) {
                sql.execute("PRAGMA journal_mode=WAL");
                sql.execute("PRAGMA synchronous=FULL");
                sql.execute("PRAGMA busy_timeout=5000");
            }
            sql.execute("CREATE TABLE IF NOT EXISTS api_key (name TEXT PRIMARY KEY, key_sha256 TEXT NOT NULL UNIQUE,"
                    + " created_at TEXT NOT NULL, revoked_at TEXT)");
            sql.execute("CREATE TABLE IF NOT EXISTS assessor (address TEXT PRIMARY KEY, added_at TEXT NOT NULL)");
            addKeyRole(sql, sqlite);
            if (!sqlite) {
                sql.execute("CREATE TABLE IF NOT EXISTS session_key (id INTEGER PRIMARY KEY CHECK (id = 1), secret TEXT NOT NULL)");
                sql.execute("CREATE TABLE IF NOT EXISTS siwe_nonce (nonce TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)");
            }
        }
        this.dataVersion = sqlite ? connection.prepareStatement("PRAGMA data_version") : null;
    }

    /** Keys made before roles were operators' keys: the column is added with that default where it is missing. */
    private static void addKeyRole(java.sql.Statement sql, boolean sqlite) throws SQLException {
        if (!sqlite) {
            try {
                sql.execute("ALTER TABLE api_key ADD COLUMN IF NOT EXISTS role TEXT NOT NULL DEFAULT 'operator'");
            } catch (SQLException raced) {
                // two instances starting at once may both add it; the column is there either way, which this checks
                try (var columns = sql.executeQuery("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND table_name = 'api_key' AND column_name = 'role'")) {
                    if (!columns.next()) {
                        throw raced;
                    }
                }
            }
            return;
        }
        try (var columns = sql.executeQuery("SELECT 1 FROM pragma_table_info('api_key') WHERE name = 'role'")) {
            if (columns.next()) {
                return;
            }
        }
        sql.execute("ALTER TABLE api_key ADD COLUMN role TEXT NOT NULL DEFAULT 'operator'");
    }

    public static AccessStore open(Path directory) {
        try {
            Files.createDirectories(directory);
            return new AccessStore(DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(FILE_NAME)), null);
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("cannot open the access store in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The access store in the PostgreSQL database at {@code jdbcUrl}, shared by every instance of one log. */
    public static AccessStore openShared(String jdbcUrl) {
        try {
            return new AccessStore(connectShared(jdbcUrl), jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the shared access store: " + e.getMessage(), e);
        }
    }

    /**
     * The secret that signs session tokens, when the store is shared: made once, by the first instance to ask, so a token
     * one instance issued is good on all of them. Empty for {@code access.db}, whose one server signs with a secret of its
     * process (a restart signs everyone out).
     */
    public synchronized Optional<byte[]> sharedSessionSecret() {
        if (dataVersion != null) {
            return Optional.empty();
        }
        byte[] made = new byte[KEY_BYTES];
        RANDOM.nextBytes(made);
        try (var insert = live().prepareStatement("INSERT INTO session_key VALUES (1, ?) ON CONFLICT DO NOTHING");
                var select = live().prepareStatement("SELECT secret FROM session_key WHERE id = 1")) {
            insert.setString(1, Base64.getEncoder().encodeToString(made));
            insert.executeUpdate();
            try (var row = select.executeQuery()) {
                row.next();
                return Optional.of(Base64.getDecoder().decode(row.getString(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the shared session secret: " + e.getMessage(), e);
        }
    }

    /**
     * The sign-in nonces, when the store is shared: in its {@code siwe_nonce} table, so a nonce one instance issued signs in
     * on any of them, once. Empty for {@code access.db}, whose one server keeps its nonces in memory.
     */
    public Optional<SignInNonces> sharedSignInNonces() {
        if (dataVersion != null) {
            return Optional.empty();
        }
        return Optional.of(new SignInNonces() {
            @Override
            public boolean issue(String nonce, Instant expiry, Instant now, int outstandingMax) {
                return issueNonce(nonce, expiry, now, outstandingMax);
            }

            @Override
            public boolean live(String nonce, Instant now) {
                return nonceLive(nonce, now);
            }

            @Override
            public boolean use(String nonce, Instant now) {
                return useNonce(nonce, now);
            }
        });
    }

    /** Drops expired nonces, then records this one unless {@code outstandingMax} are out. */
    private synchronized boolean issueNonce(String nonce, Instant expiry, Instant now, int outstandingMax) {
        try (var expired = live().prepareStatement("DELETE FROM siwe_nonce WHERE expires_at <= ?");
                var insert = live().prepareStatement("INSERT INTO siwe_nonce SELECT ?, ? WHERE (SELECT count(*) FROM siwe_nonce) < ?")) {
            expired.setLong(1, now.toEpochMilli());
            expired.executeUpdate();
            insert.setString(1, nonce);
            insert.setLong(2, expiry.toEpochMilli());
            insert.setInt(3, outstandingMax);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record a sign-in nonce: " + e.getMessage(), e);
        }
    }

    private synchronized boolean nonceLive(String nonce, Instant now) {
        try (var select = live().prepareStatement("SELECT 1 FROM siwe_nonce WHERE nonce = ? AND expires_at > ?")) {
            select.setString(1, nonce);
            select.setLong(2, now.toEpochMilli());
            try (var row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up a sign-in nonce: " + e.getMessage(), e);
        }
    }

    /** One DELETE: of instances racing for the same nonce, the database lets exactly one remove its row. */
    private synchronized boolean useNonce(String nonce, Instant now) {
        try (var delete = live().prepareStatement("DELETE FROM siwe_nonce WHERE nonce = ? AND expires_at > ?")) {
            delete.setString(1, nonce);
            delete.setLong(2, now.toEpochMilli());
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use a sign-in nonce: " + e.getMessage(), e);
        }
    }

    public static boolean isKeyName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Creates an operator's key under a new name and returns the key itself, which is never stored. */
    public synchronized String createKey(String name, Instant now) {
        return createKey(name, Role.OPERATOR, now);
    }

    /** Creates a key of {@code role} (one of {@link #KEY_ROLES}) under a new name and returns the key itself, which is never stored. */
    public synchronized String createKey(String name, Role role, Instant now) {
        if (!isKeyName(name)) {
            throw new IllegalArgumentException("key name must be 1-64 of [a-z0-9._-]: " + name);
        }
        if (!KEY_ROLES.contains(role)) {
            throw new IllegalArgumentException("an API key is an operator's or an auditor's, not " + role);
        }
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (var insert = live().prepareStatement("INSERT INTO api_key (name, key_sha256, created_at, role) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, sha256(key));
            insert.setString(3, now.toString());
            insert.setString(4, roleName(role));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalArgumentException("cannot create key " + name + " (does it exist already?): " + e.getMessage(), e);
        }
        return key;
    }

    /** Revokes a key; false when no live key has that name. */
    public synchronized boolean revokeKey(String name, Instant now) {
        try (var update = live().prepareStatement("UPDATE api_key SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL")) {
            update.setString(1, now.toString());
            update.setString(2, name);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke key " + name + ": " + e.getMessage(), e);
        }
    }

    /** Who the live key with this secret is: an operator or an auditor, by the key's name; empty for no live key. */
    public synchronized Optional<Principal> keyHolder(String key) {
        if (key == null || !key.startsWith(KEY_PREFIX) || key.length() > 100) {
            return Optional.empty();
        }
        try (var select = live().prepareStatement("SELECT name, role FROM api_key WHERE key_sha256 = ? AND revoked_at IS NULL")) {
            select.setString(1, sha256(key));
            try (var row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(role(row.getString(2)) == Role.AUDITOR ? new Principal.Auditor(row.getString(1))
                        : new Principal.Operator(row.getString(1)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up an API key: " + e.getMessage(), e);
        }
    }

    private static String roleName(Role role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A stored role; anything but an auditor's reads as the operator's it was before roles. */
    private static Role role(String stored) {
        return "auditor".equals(stored) ? Role.AUDITOR : Role.OPERATOR;
    }

    public synchronized List<KeyInfo> keys() {
        try (var sql = live().createStatement();
                var row = sql.executeQuery("SELECT name, created_at, revoked_at, role FROM api_key ORDER BY name")) {
            var keys = new ArrayList<KeyInfo>();
            while (row.next()) {
                keys.add(new KeyInfo(row.getString(1), Instant.parse(row.getString(2)),
                        Optional.ofNullable(row.getString(3)).map(Instant::parse), role(row.getString(4))));
            }
            return keys;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list keys: " + e.getMessage(), e);
        }
    }

    public synchronized void addAssessor(String address, Instant now) {
        requireAddress(address);
        try (var insert = live().prepareStatement("INSERT INTO assessor VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, address);
            insert.setString(2, now.toString());
            insert.executeUpdate();
            assessors = null;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot add assessor: " + e.getMessage(), e);
        }
    }

    public synchronized boolean removeAssessor(String address) {
        try (var delete = live().prepareStatement("DELETE FROM assessor WHERE address = ?")) {
            delete.setString(1, address);
            assessors = null;
            return delete.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot remove assessor: " + e.getMessage(), e);
        }
    }

    public synchronized boolean isAssessor(String address) {
        try {
            if (dataVersion == null) {
                try (var select = live().prepareStatement("SELECT 1 FROM assessor WHERE address = ?")) {
                    select.setString(1, address);
                    try (var row = select.executeQuery()) {
                        return row.next();
                    }
                }
            }
            long version = version();
            if (assessors == null || version != assessorsVersion) {
                assessors = loadAssessors();
                assessorsVersion = version;
            }
            return assessors.contains(address);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up an assessor: " + e.getMessage(), e);
        }
    }

    /** Changes when another connection commits to the file; unchanged by this connection's own writes. */
    private long version() throws SQLException {
        try (var row = dataVersion.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private Set<String> loadAssessors() throws SQLException {
        try (var sql = live().createStatement(); var row = sql.executeQuery("SELECT address FROM assessor")) {
            var loaded = new HashSet<String>();
            while (row.next()) {
                loaded.add(row.getString(1));
            }
            return Set.copyOf(loaded);
        }
    }

    /** The connection, connected again first when the shared store's broke (its database failed over, say). */
    private Connection live() throws SQLException {
        if (sharedUrl != null && !connection.isValid(2)) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it is gone either way
            }
            connection = connectShared(sharedUrl);
        }
        return connection;
    }

    /**
     * A connection to the shared store: its tables live in a schema of their own, {@code auditcover_access}, apart from the
     * log's, whose migrations own theirs (and would refuse a schema holding tables they did not make).
     */
    private static Connection connectShared(String jdbcUrl) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl);
        try (var sql = connection.createStatement()) {
            try {
                sql.execute("CREATE SCHEMA IF NOT EXISTS " + SHARED_SCHEMA);
            } catch (SQLException raced) {
                // two instances starting at once: IF NOT EXISTS does not lock, so the second may see the first's insert
                // collide; the schema is there either way, which the next statement checks
            }
            sql.execute("SET search_path TO " + SHARED_SCHEMA);
            try (var exists = sql.executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + SHARED_SCHEMA + "'")) {
                if (!exists.next()) {
                    throw new SQLException("the schema " + SHARED_SCHEMA + " could not be created");
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        try {
            if (dataVersion != null) {
                dataVersion.close();
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the access store: " + e.getMessage(), e);
        }
    }

    private static void requireAddress(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("address must be 0x and 40 lower-case hex digits: " + address);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
