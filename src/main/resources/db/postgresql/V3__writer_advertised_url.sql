-- Where the lease's holder serves its API, so a follower can tell a client sent to it where writes go. It lives in the
-- lease row, not a side table: the takeover's one UPDATE writes holder, epoch and URL together, so the URL never names
-- another epoch's writer, and it reaches the standbys with the lease itself. Empty when the writer advertises none.

ALTER TABLE writer_lease ADD COLUMN advertised_url text NOT NULL DEFAULT '';
