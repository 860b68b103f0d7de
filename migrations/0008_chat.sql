-- Web chat: each library's widget settings, patron chat sessions, transcripts requested.

-- One row per library that has the widget. The secret signs patron identities passed by
-- the library's website (HMAC); it is shown to an admin once, when (re)generated.
CREATE TABLE chat_settings (
    library_id        bigint PRIMARY KEY REFERENCES library (id),
    enabled           boolean NOT NULL DEFAULT true,
    -- Origins (scheme://host[:port]) whose pages may open the widget socket.
    allowed_origins   text[] NOT NULL DEFAULT '{}',
    widget_secret     bytea NOT NULL CHECK (length(widget_secret) >= 32),
    greeting          text CHECK (length(greeting) <= 500),
    color             text CHECK (color ~ '^#[0-9a-fA-F]{6}$'),
    position          text NOT NULL DEFAULT 'right' CHECK (position IN ('right', 'left')),
    languages         text[] NOT NULL DEFAULT '{en}',
    -- The team whose queue new chats join and whose hours and staff decide availability.
    team_id           bigint,
    max_upload_bytes  integer NOT NULL DEFAULT 5242880 CHECK (max_upload_bytes BETWEEN 1024 AND 10485760),
    privacy_url       text CHECK (length(privacy_url) <= 500),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE SET NULL (team_id)
);

-- A patron's chat in one browser tab (or, with a signed identity, one of their tabs).
-- Only a SHA-256 of the session token is stored; the token is replaced on every resume.
CREATE TABLE chat_session (
    library_id       bigint NOT NULL REFERENCES library (id),
    id               bigint GENERATED ALWAYS AS IDENTITY,
    token_hash       bytea NOT NULL,
    -- The contact identity address on channel 'chat': 's-<random>' for an anonymous
    -- session, 'u-<sha256 of the site's id>' for a signed identity (shared by its sessions).
    address          text NOT NULL,
    contact_id       bigint,
    conversation_id  bigint,
    lang             text,
    -- What the patron told us (contact frame, offline form): where replies can go later.
    name             text,
    email            text,
    phone            text,
    -- The patron has read staff messages up to this seq.
    read_seq         bigint NOT NULL DEFAULT 0,
    -- A socket is open on some hub instance, refreshed by it (stale after a minute).
    socket_open      boolean NOT NULL DEFAULT false,
    last_seen_at     timestamptz NOT NULL DEFAULT now(),
    ended_at         timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    CONSTRAINT chat_session_token_key UNIQUE (library_id, token_hash),
    FOREIGN KEY (library_id, contact_id) REFERENCES contact (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE CASCADE
);
CREATE INDEX chat_session_conversation ON chat_session (library_id, conversation_id);
CREATE INDEX chat_session_address ON chat_session (library_id, address);
CREATE INDEX chat_session_idle ON chat_session (last_seen_at) WHERE conversation_id IS NOT NULL AND ended_at IS NULL;

-- A transcript the patron asked for: a system message in the chat, sent by email to this
-- address by the outbox.
CREATE TABLE chat_transcript (
    library_id  bigint NOT NULL,
    message_id  bigint NOT NULL,
    email       text NOT NULL,
    PRIMARY KEY (library_id, message_id),
    FOREIGN KEY (library_id, message_id) REFERENCES message (library_id, id) ON DELETE CASCADE
);

-- A chat's messages in stream order: the widget resumes from a seq.
CREATE INDEX event_conversation_messages ON event (library_id, conversation_id, seq) WHERE kind = 'message_created';
