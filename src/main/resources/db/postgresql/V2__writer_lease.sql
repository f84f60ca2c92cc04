-- The one writer's lease: a single row naming who may append (holder), under which fencing token (epoch), and until when
-- (expires_at, by the database's clock, the one clock every instance shares). Taking an expired or released lease
-- increments the epoch; every append checks, in its own transaction, that its epoch is still the current one and unexpired.

CREATE TABLE writer_lease (
    only_row   boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    holder     text        NOT NULL,
    epoch      bigint      NOT NULL CHECK (epoch >= 0),
    expires_at timestamptz NOT NULL
);

INSERT INTO writer_lease (holder, epoch, expires_at) VALUES ('', 0, '1970-01-01T00:00:00Z');
