-- Who is at the console. Each hub instance refreshes the rows of the staff connected to it;
-- a row not refreshed for a while means offline (the instance went away).
CREATE TABLE staff_presence (
    library_id  bigint NOT NULL,
    staff_id    bigint NOT NULL,
    state       text NOT NULL CHECK (state IN ('online', 'away', 'offline')),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, staff_id),
    FOREIGN KEY (library_id, staff_id) REFERENCES staff (library_id, id) ON DELETE CASCADE
);
