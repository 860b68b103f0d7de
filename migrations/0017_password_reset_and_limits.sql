-- Staff password reset, and abuse limits a library sets for itself.

-- A single-use password reset link. Only the SHA-256 of its 256-bit secret is kept, so a
-- copy of this table resets nothing. A newer link for the same account supersedes the
-- older ones; completing one marks it used and ends every session of the account.
CREATE TABLE staff_password_reset (
    library_id     bigint NOT NULL,
    token_hash     bytea NOT NULL CHECK (length(token_hash) = 32),
    staff_id       bigint NOT NULL,
    -- How it was issued: mailed on request, by a colleague (admin/manager), or the CLI.
    issued_via     text NOT NULL CHECK (issued_via IN ('email', 'colleague', 'cli')),
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz,
    superseded_at  timestamptz,
    PRIMARY KEY (library_id, token_hash),
    FOREIGN KEY (library_id, staff_id) REFERENCES staff (library_id, id) ON DELETE CASCADE
);
CREATE INDEX staff_password_reset_staff ON staff_password_reset (library_id, staff_id);

-- A library's own abuse limits on its public routes, each at most the hub's ceiling (the
-- operator's configuration). NULL: the ceiling applies.
CREATE TABLE library_rate_limits (
    library_id                    bigint PRIMARY KEY REFERENCES library (id) ON DELETE CASCADE,
    chat_connects_per_minute      integer CHECK (chat_connects_per_minute >= 1),
    chat_messages_per_minute      integer CHECK (chat_messages_per_minute >= 1),
    survey_submissions_per_hour   integer CHECK (survey_submissions_per_hour >= 1),
    sms_webhooks_per_minute       integer CHECK (sms_webhooks_per_minute >= 1),
    faq_votes_per_10_minutes      integer CHECK (faq_votes_per_10_minutes >= 1),
    updated_at                    timestamptz NOT NULL DEFAULT now()
);
