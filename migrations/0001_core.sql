-- Refdesk core schema.
--
-- Every row belongs to one library (the tenant). Every primary, unique and foreign key
-- includes library_id, and every query filters by it: that is what keeps tenants apart,
-- and what lets the schema be distributed by library_id (Citus) for a consortium.
--
-- Enumerations are text + CHECK rather than Postgres enums: adding a value is then a plain
-- constraint change inside a transactional migration.

CREATE TABLE library (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text NOT NULL,
    timezone    text NOT NULL DEFAULT 'UTC',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff (
    library_id     bigint NOT NULL REFERENCES library (id),
    id             bigint GENERATED ALWAYS AS IDENTITY,
    email          text NOT NULL CHECK (email = lower(email)),
    display_name   text NOT NULL,
    role           text NOT NULL DEFAULT 'staff' CHECK (role IN ('staff', 'manager', 'admin')),
    password_hash  text NOT NULL,
    disabled_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    CONSTRAINT staff_email_key UNIQUE (library_id, email)
);
-- Login looks staff up by email before it knows the library.
CREATE INDEX staff_email ON staff (email);

-- Server-side staff sessions. The cookie carries "<library_id>.<secret>"; only a SHA-256 of
-- the secret is stored, so a database dump does not hand out live sessions.
CREATE TABLE staff_session (
    library_id    bigint NOT NULL,
    token_hash    bytea NOT NULL,
    staff_id      bigint NOT NULL,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    PRIMARY KEY (library_id, token_hash),
    FOREIGN KEY (library_id, staff_id) REFERENCES staff (library_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_session_staff ON staff_session (library_id, staff_id);

-- A team is a queue: Reference, Circulation, Children's, a branch.
CREATE TABLE team (
    library_id  bigint NOT NULL REFERENCES library (id),
    id          bigint GENERATED ALWAYS AS IDENTITY,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    CONSTRAINT team_name_key UNIQUE (library_id, name)
);

CREATE TABLE team_member (
    library_id  bigint NOT NULL,
    team_id     bigint NOT NULL,
    staff_id    bigint NOT NULL,
    PRIMARY KEY (library_id, team_id, staff_id),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, staff_id) REFERENCES staff (library_id, id) ON DELETE CASCADE
);

-- A patron. Identities (addresses on channels) hang off it, so one patron who emails and
-- texts is one contact.
CREATE TABLE contact (
    library_id         bigint NOT NULL REFERENCES library (id),
    id                 bigint GENERATED ALWAYS AS IDENTITY,
    display_name       text,
    preferred_channel  text CHECK (preferred_channel IN ('email', 'sms', 'chat', 'survey')),
    language           text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    last_contact_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id)
) WITH (fillfactor = 80);

CREATE TABLE contact_identity (
    library_id  bigint NOT NULL,
    id          bigint GENERATED ALWAYS AS IDENTITY,
    contact_id  bigint NOT NULL,
    channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'chat', 'survey')),
    -- Normalised at the edge: lower-case email, E.164 phone, chat session id.
    address     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    CONSTRAINT contact_identity_key UNIQUE (library_id, channel, address),
    FOREIGN KEY (library_id, contact_id) REFERENCES contact (library_id, id) ON DELETE CASCADE
);
CREATE INDEX contact_identity_contact ON contact_identity (library_id, contact_id);

-- One patron question and everything said about it.
--
-- waiting_since is the arrival of the oldest inbound message the library has not answered
-- yet (NULL when the library spoke last): the inbox is ordered by it, oldest first.
-- Only columns that change when a conversation changes state are indexed, so the
-- per-message update (last_message_at, message_count) stays a HOT update (fillfactor).
CREATE TABLE conversation (
    library_id         bigint NOT NULL,
    id                 bigint GENERATED ALWAYS AS IDENTITY,
    contact_id         bigint NOT NULL,
    channel            text NOT NULL CHECK (channel IN ('email', 'sms', 'chat', 'survey')),
    status             text NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'pending', 'snoozed', 'resolved')),
    snoozed_until      timestamptz,
    team_id            bigint,
    assignee_id        bigint,
    subject            text,
    tags               text[] NOT NULL DEFAULT '{}',
    read_level         smallint CHECK (read_level BETWEEN 1 AND 6),
    created_at         timestamptz NOT NULL DEFAULT now(),
    waiting_since      timestamptz,
    last_message_at    timestamptz NOT NULL DEFAULT now(),
    first_response_at  timestamptz,
    resolved_at        timestamptz,
    message_count      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, contact_id) REFERENCES contact (library_id, id),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id),
    FOREIGN KEY (library_id, assignee_id) REFERENCES staff (library_id, id),
    CHECK ((status = 'snoozed') = (snoozed_until IS NOT NULL)),
    CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
) WITH (fillfactor = 80);

-- The inbox: open conversations, oldest waiting first, per team and for the whole library.
CREATE INDEX conversation_queue_team ON conversation
    (library_id, team_id, (coalesce(waiting_since, 'infinity'::timestamptz)), id)
    WHERE status = 'open';
CREATE INDEX conversation_queue_all ON conversation
    (library_id, (coalesce(waiting_since, 'infinity'::timestamptz)), id)
    WHERE status = 'open';
-- Other views (mine, snoozed, resolved, by channel) page newest first.
CREATE INDEX conversation_status_recent ON conversation (library_id, status, id);
CREATE INDEX conversation_assignee ON conversation (library_id, assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX conversation_contact ON conversation (library_id, contact_id);
CREATE INDEX conversation_snoozed ON conversation (snoozed_until) WHERE status = 'snoozed';
CREATE INDEX conversation_tags ON conversation USING gin (tags);

CREATE TABLE message (
    library_id       bigint NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    conversation_id  bigint NOT NULL,
    direction        text NOT NULL CHECK (direction IN ('in', 'out', 'note')),
    -- The channel the message travelled on (a note: the conversation's channel).
    channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'chat', 'survey')),
    author_staff_id  bigint,
    body             text NOT NULL,
    -- Only ever stored after an allow-list sanitiser ran over it.
    body_html        text,
    -- Inbound: the provider's id (Message-ID, MessageSid, chat frame id); the key of
    -- idempotent ingest. Outbound: the provider's receipt id once sent.
    provider_id      text,
    delivery_status  text CHECK (delivery_status IN ('received', 'queued', 'sending', 'sent', 'delivered', 'failed')),
    delivery_error   text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- 'simple': no stemming, so it works for every language a library serves.
    search           tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED,
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, author_staff_id) REFERENCES staff (library_id, id)
);
CREATE INDEX message_conversation ON message (library_id, conversation_id, id);
-- The key of idempotent ingest. Inbound only: a provider's receipt id for a reply lives in
-- the same column and must never collide with (or block) a patron's message.
CREATE UNIQUE INDEX message_provider_key ON message (library_id, channel, provider_id) WHERE direction = 'in';
-- Status callbacks find the reply they report on by its receipt id.
CREATE INDEX message_receipt ON message (library_id, channel, provider_id) WHERE direction = 'out';
CREATE INDEX message_search ON message USING gin (search);

-- Attachments live in Postgres (bytea), capped in size by the hub: they commit in the same
-- transaction as their message (nothing acknowledged without its files), one backup covers
-- everything, and retention/erasure remove them in the same transaction as the text.
CREATE TABLE attachment (
    library_id    bigint NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    message_id    bigint NOT NULL,
    filename      text NOT NULL,
    content_type  text NOT NULL,
    size_bytes    integer NOT NULL CHECK (size_bytes >= 0),
    sha256        bytea NOT NULL,
    data          bytea NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, message_id) REFERENCES message (library_id, id) ON DELETE CASCADE
);
CREATE INDEX attachment_message ON attachment (library_id, message_id);

-- Durable outbound delivery: written in the same transaction as the reply, sent by the
-- outbox worker, never by a request handler.
CREATE TABLE outbox (
    library_id       bigint NOT NULL,
    id               bigint GENERATED ALWAYS AS IDENTITY,
    message_id       bigint NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('email', 'sms', 'chat', 'survey')),
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- While 'sending': the worker's lease. A worker that dies mid-send loses it and the
    -- row becomes due again.
    locked_until     timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, message_id) REFERENCES message (library_id, id) ON DELETE CASCADE
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX outbox_leased ON outbox (locked_until) WHERE status = 'sending';
CREATE INDEX outbox_message ON outbox (library_id, message_id);

-- The append-only event stream that drives every live screen.
--
-- id is insert order; seq is publish order, assigned after COMMIT by the sequencer (one
-- transaction at a time, under an advisory lock). A reader that has seen seq N has seen
-- every event with a smaller seq, which insert-order ids cannot promise.
-- Payloads carry ids and states, never message bodies or patron addresses.
CREATE TABLE event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seq              bigint UNIQUE,
    library_id       bigint NOT NULL,
    kind             text NOT NULL,
    conversation_id  bigint,
    payload          jsonb NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_unsequenced ON event (id) WHERE seq IS NULL;

-- Who did what to which record. Never message content.
CREATE TABLE audit_log (
    library_id    bigint NOT NULL,
    id            bigint GENERATED ALWAYS AS IDENTITY,
    staff_id      bigint,
    action        text NOT NULL,
    subject_type  text NOT NULL,
    subject_id    bigint,
    detail        jsonb NOT NULL DEFAULT '{}',
    at            timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id)
);
CREATE INDEX audit_log_at ON audit_log (library_id, at DESC);
