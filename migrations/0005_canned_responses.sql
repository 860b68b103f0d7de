-- Canned responses: shared by the library (owner NULL) or personal to one staff member.
CREATE TABLE canned_response (
    library_id      bigint NOT NULL REFERENCES library (id),
    id              bigint GENERATED ALWAYS AS IDENTITY,
    owner_staff_id  bigint,
    -- Typed after "/" in the composer to insert it.
    shortcut        text NOT NULL CHECK (shortcut ~ '^[a-z0-9][a-z0-9-]{0,30}$'),
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    body            text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, owner_staff_id) REFERENCES staff (library_id, id) ON DELETE CASCADE,
    CONSTRAINT canned_response_shortcut_key UNIQUE NULLS NOT DISTINCT (library_id, owner_staff_id, shortcut)
);
