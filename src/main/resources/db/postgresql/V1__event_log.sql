-- The event log's records and snapshots, the same columns as the embedded SQLite log (LogTables), so one walk checks both.
-- Recorded times stay ISO-8601 text: the hash covers those exact characters, and a timestamptz would not give them back.
-- Besides its hash each record stores the hash it links to, so the database itself refuses a record that does not extend
-- the chain: the application checks the link when it appends and when it walks, PostgreSQL checks it a third time here.

CREATE TABLE log_record (
    sequence       bigint PRIMARY KEY CHECK (sequence >= 1),
    command_id     text   NOT NULL,
    command_digest text   NOT NULL,
    recorded_at    text   NOT NULL,
    type           text   NOT NULL,
    payload        bytea  NOT NULL,
    hash           bytea  NOT NULL UNIQUE CHECK (octet_length(hash) = 32),
    previous_hash  bytea  NOT NULL CHECK (octet_length(previous_hash) = 32)
);

-- Record n links to record n-1's hash (record 1 to the genesis hash, 32 zero bytes): with the primary key this keeps the
-- sequence contiguous and the chain single. A row-level BEFORE trigger sees the rows earlier in the same statement and
-- transaction, so a batch of records checks each against the one before it.
CREATE FUNCTION log_record_extends_chain() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.sequence = 1 THEN
        IF NEW.previous_hash <> '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea THEN
            RAISE EXCEPTION 'log record 1 must link to the genesis hash' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM log_record WHERE sequence = NEW.sequence - 1 AND hash = NEW.previous_hash) THEN
        RAISE EXCEPTION 'log record % does not link to the hash of record %', NEW.sequence, NEW.sequence - 1
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER log_record_extends_chain BEFORE INSERT ON log_record
    FOR EACH ROW EXECUTE FUNCTION log_record_extends_chain();

-- The log is append-only: a record once stored is never changed or removed by the application. (Whoever owns the table
-- can still disable this; the hash chain and the anchors outside the database are what detect that.)
CREATE FUNCTION log_record_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the event log is append-only: % of a log record refused', lower(TG_OP)
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER log_record_append_only BEFORE UPDATE OR DELETE ON log_record
    FOR EACH ROW EXECUTE FUNCTION log_record_append_only();

CREATE TRIGGER log_record_not_truncated BEFORE TRUNCATE ON log_record
    FOR EACH STATEMENT EXECUTE FUNCTION log_record_append_only();

CREATE TABLE snapshot (
    sequence   bigint PRIMARY KEY,
    log_hash   bytea  NOT NULL,
    state_hash text   NOT NULL,
    state      bytea  NOT NULL
);
