-- The email channel, second round: a processed folder per mailbox, and the optional
-- automatic acknowledgement of new email conversations.

-- Where the poller moves a message once it is committed (NULL: it only marks it \Seen).
-- A folder that does not exist on the server (or a refused move) means \Seen only.
ALTER TABLE email_mailbox
    ADD COLUMN processed_folder text CHECK (length(processed_folder) BETWEEN 1 AND 200),
    -- Answer a patron's new email conversation at once (RFC 3834 rules: never to
    -- automatic mail, lists or our own mail; at most once per patron per day).
    ADD COLUMN auto_ack boolean NOT NULL DEFAULT false,
    -- The acknowledgement's opening text (NULL: a built-in text); FAQ suggestions follow.
    ADD COLUMN auto_ack_text text CHECK (length(auto_ack_text) BETWEEN 1 AND 4000);

-- When each patron was last acknowledged, so one patron gets at most one per window. Keyed
-- by contact (no address kept here); goes with the contact on erasure.
CREATE TABLE email_auto_ack (
    library_id    bigint NOT NULL,
    contact_id    bigint NOT NULL,
    last_sent_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, contact_id),
    FOREIGN KEY (library_id, contact_id) REFERENCES contact (library_id, id) ON DELETE CASCADE
);

-- Outbound email Refdesk wrote on its own (the acknowledgement): sent with
-- Auto-Submitted: auto-replied, shown to staff as automatic (it has no author).
CREATE TABLE email_automatic (
    library_id  bigint NOT NULL,
    message_id  bigint NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('acknowledgement')),
    PRIMARY KEY (library_id, message_id),
    FOREIGN KEY (library_id, message_id) REFERENCES message (library_id, id) ON DELETE CASCADE
);

-- Files staff upload for an email reply. The reply that names them takes them over, in its
-- own transaction, as its attachment rows (sent as MIME parts); until then they are only
-- the uploader's conversation's; housekeeping removes those no reply took within a day.
-- Content type sniffed from the bytes, name sanitised.
CREATE TABLE email_upload (
    library_id       bigint NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    conversation_id  bigint NOT NULL,
    staff_id         bigint NOT NULL,
    filename         text NOT NULL,
    content_type     text NOT NULL,
    size_bytes       integer NOT NULL CHECK (size_bytes >= 0),
    sha256           bytea NOT NULL,
    data             bytea NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, staff_id) REFERENCES staff (library_id, id)
);
