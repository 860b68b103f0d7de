-- The SMS channel: each library's provider account, patrons' consent, keyword replies.

CREATE TABLE sms_account (
    library_id             bigint PRIMARY KEY REFERENCES library (id),
    account_sid            text NOT NULL,
    auth_token             text NOT NULL,
    -- Token rotation: the previous token still verifies webhooks until this time.
    previous_auth_token    text,
    previous_valid_until   timestamptz,
    from_number            text,
    messaging_service_sid  text,
    -- The provider's REST API (a local peer in tests).
    api_base_url           text NOT NULL DEFAULT 'https://api.twilio.com',
    -- Origins media may be fetched from (MMS; the API redirects media to its CDN). Nothing
    -- else is ever requested.
    media_hosts            text[] NOT NULL
                           DEFAULT '{https://api.twilio.com,https://media.twiliocdn.com,https://s3-external-1.amazonaws.com}',
    help_text              text,
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (from_number IS NOT NULL OR messaging_service_sid IS NOT NULL)
);

-- Whether a number may be texted. A row with opted_out_at set and no later opted_in_at
-- blocks every text to it. Kept (as a hash, see privacy) even when the patron is erased.
CREATE TABLE sms_consent (
    library_id     bigint NOT NULL REFERENCES library (id),
    phone          text NOT NULL,
    opted_out      boolean NOT NULL,
    -- How: keyword (STOP/START), provider (error 21610), staff.
    source         text NOT NULL CHECK (source IN ('keyword', 'provider', 'staff')),
    changed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, phone)
);

-- Auto-replies to one-word texts, e.g. HOURS -> today's opening hours.
CREATE TABLE sms_keyword (
    library_id  bigint NOT NULL REFERENCES library (id),
    keyword     text NOT NULL CHECK (keyword = upper(keyword) AND keyword ~ '^[A-Z0-9]{2,20}$'),
    reply       text NOT NULL CHECK (length(reply) BETWEEN 1 AND 1600),
    PRIMARY KEY (library_id, keyword)
);

-- The provider's own status name for a sent text, so callbacks arriving out of order
-- never move a message backwards (delivered is never replaced by a late "sent").
ALTER TABLE message ADD COLUMN provider_status text;

-- Status callbacks can overtake the outbox recording the provider's sid for a reply; they
-- wait here and are applied when the sid is recorded.
CREATE TABLE sms_status_early (
    library_id   bigint NOT NULL REFERENCES library (id),
    sid          text NOT NULL,
    status       text NOT NULL,
    error_code   integer,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, sid, status)
);
