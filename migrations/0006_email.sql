-- The email channel: each library's mailboxes (IMAP in, SMTP out) with the poller's cursor
-- and health, the secret that signs our Message-IDs, what we keep of an email beyond its
-- message row, the Cc list a conversation's replies carry, and quarantine.
--
-- Passwords are stored as the SMS provider's token is: readable by the hub (it must log in),
-- never returned by the API.

CREATE TABLE email_mailbox (
    library_id          bigint NOT NULL REFERENCES library (id),
    id                  bigint GENERATED ALWAYS AS IDENTITY,
    -- The library's address: From of every reply, envelope sender (bounces come back here).
    address             text NOT NULL CHECK (address = lower(address) AND address LIKE '%_@_%'),
    -- Display name of From ("Springfield Library"); with staff_name_in_from the replying
    -- staff member's name comes first.
    from_name           text CHECK (length(from_name) <= 200),
    staff_name_in_from  boolean NOT NULL DEFAULT false,
    enabled             boolean NOT NULL DEFAULT true,
    imap_host           text NOT NULL CHECK (length(imap_host) BETWEEN 1 AND 253),
    imap_port           integer NOT NULL CHECK (imap_port BETWEEN 1 AND 65535),
    imap_security       text NOT NULL CHECK (imap_security IN ('tls', 'starttls', 'plain')),
    imap_username       text NOT NULL,
    imap_password       text NOT NULL,
    imap_folder         text NOT NULL DEFAULT 'INBOX',
    smtp_host           text NOT NULL CHECK (length(smtp_host) BETWEEN 1 AND 253),
    smtp_port           integer NOT NULL CHECK (smtp_port BETWEEN 1 AND 65535),
    smtp_security       text NOT NULL CHECK (smtp_security IN ('tls', 'starttls', 'plain')),
    -- NULL: a relay that needs no login.
    smtp_username       text,
    smtp_password       text,
    -- PEM certificates to trust besides the public roots (a library's own CA).
    tls_ca_pem          text,
    -- First connect (and a re-read): unseen mail of this many days is ingested.
    backfill_days       integer NOT NULL DEFAULT 14 CHECK (backfill_days BETWEEN 0 AND 3650),
    -- Without IDLE the folder is searched this often.
    poll_seconds        integer NOT NULL DEFAULT 60 CHECK (poll_seconds BETWEEN 5 AND 3600),
    -- With IDLE, how long one IDLE lasts before it is renewed (servers drop it after ~30 min).
    idle_seconds        integer NOT NULL DEFAULT 240 CHECK (idle_seconds BETWEEN 5 AND 1740),
    -- Larger messages are quarantined, not ingested.
    max_message_bytes   integer NOT NULL DEFAULT 52428800 CHECK (max_message_bytes BETWEEN 65536 AND 209715200),
    -- The poller's cursor: UIDs mean something only with their UIDVALIDITY. NULL: never read.
    uid_validity        bigint,
    last_uid            bigint,
    -- An admin asked to read the backfill window again (seen mail too).
    rescan              boolean NOT NULL DEFAULT false,
    -- Health, so a mailbox that stops ingesting is visible.
    last_ok_at          timestamptz,
    last_error          text,
    last_error_at       timestamptz,
    -- Bumped by every settings change: the running poller restarts with the new settings.
    version             integer NOT NULL DEFAULT 1,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    CONSTRAINT email_mailbox_address_key UNIQUE (library_id, address),
    CHECK ((smtp_username IS NULL) = (smtp_password IS NULL))
);

-- Signs the Message-IDs of the library's outbound mail, so a patron's reply finds its
-- conversation. Made on first use; rotating it orphans replies to older mail.
CREATE TABLE email_secret (
    library_id  bigint PRIMARY KEY REFERENCES library (id),
    secret      bytea NOT NULL CHECK (length(secret) >= 32),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- What an inbound email was beyond its message row (whose body is the new part only, as
-- the thread view shows it): the full text with quoted history, headers for threading and
-- replies. Cascades with the message (retention, erasure).
CREATE TABLE email_message (
    library_id           bigint NOT NULL,
    message_id           bigint NOT NULL,
    mailbox_id           bigint NOT NULL,
    -- Bare Message-ID (also message.provider_id).
    rfc_message_id       text NOT NULL,
    in_reply_to          text[] NOT NULL DEFAULT '{}',
    refs                 text[] NOT NULL DEFAULT '{}',
    to_addresses         text[] NOT NULL DEFAULT '{}',
    cc_addresses         text[] NOT NULL DEFAULT '{}',
    subject              text,
    full_text            text NOT NULL,
    quoted_text          text NOT NULL DEFAULT '',
    -- Why it counts as automatic mail (auto-reply, list, bulk...), if it does.
    automatic            text,
    -- Attachments listed but not kept (over the size cap).
    omitted_attachments  integer NOT NULL DEFAULT 0,
    sha256               text NOT NULL,
    size_bytes           integer NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, message_id),
    FOREIGN KEY (library_id, message_id) REFERENCES message (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, mailbox_id) REFERENCES email_mailbox (library_id, id)
);

-- Per email conversation: the mailbox replies go out from, and the other people on the
-- patron's last message (To and Cc minus the library and the patron), carried into replies.
CREATE TABLE email_conversation (
    library_id       bigint NOT NULL,
    conversation_id  bigint NOT NULL,
    mailbox_id       bigint NOT NULL,
    cc               text[] NOT NULL DEFAULT '{}',
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, conversation_id),
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, mailbox_id) REFERENCES email_mailbox (library_id, id)
);

-- Mail that could not become a message (unparseable, too large, no sender, refused by
-- ingest). Kept raw for admins; it never blocks the mailbox. Re-reading the same bytes
-- stores nothing new.
CREATE TABLE email_quarantine (
    library_id     bigint NOT NULL,
    id             bigint GENERATED ALWAYS AS IDENTITY,
    mailbox_id     bigint NOT NULL,
    uid_validity   bigint NOT NULL,
    uid            bigint NOT NULL,
    reason         text NOT NULL CHECK (reason IN ('unparseable', 'too_large', 'no_sender', 'rejected')),
    detail         text NOT NULL,
    sha256         text NOT NULL,
    size_bytes     bigint NOT NULL,
    raw            bytea NOT NULL,
    -- Only the start of a message over the size limit is kept.
    raw_truncated  boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    CONSTRAINT email_quarantine_message_key UNIQUE (library_id, mailbox_id, sha256),
    FOREIGN KEY (library_id, mailbox_id) REFERENCES email_mailbox (library_id, id)
);
CREATE INDEX email_quarantine_recent ON email_quarantine (library_id, id DESC);
