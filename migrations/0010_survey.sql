-- The survey channel: continuous surveys with immutable published versions, responses
-- (web, kiosk, paper), monthly and weekly rollups that keep results fast at millions of
-- responses, and the requests and settings of ratings after a conversation (CSAT).

-- A survey. `draft` is what managers edit; publishing copies it into a new immutable
-- survey_version and makes that the one the public page shows.
CREATE TABLE survey (
    library_id         bigint NOT NULL REFERENCES library (id),
    id                 bigint GENERATED ALWAYS AS IDENTITY,
    slug               text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    draft              jsonb NOT NULL,
    -- NULL until first published. The public page shows this version.
    published_version  integer,
    -- A closed survey keeps its results and takes no more responses.
    closed_at          timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    CONSTRAINT survey_slug_key UNIQUE (library_id, slug)
);

-- Never updated: a response names the version it answered, so editing a live survey keeps
-- every old response readable against the questions it saw.
CREATE TABLE survey_version (
    library_id    bigint NOT NULL,
    survey_id     bigint NOT NULL,
    version       integer NOT NULL CHECK (version >= 1),
    definition    jsonb NOT NULL,
    published_by  bigint,
    published_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, survey_id, version),
    FOREIGN KEY (library_id, survey_id) REFERENCES survey (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, published_by) REFERENCES staff (library_id, id) ON DELETE SET NULL (published_by)
);
ALTER TABLE survey ADD CONSTRAINT survey_published_fkey
    FOREIGN KEY (library_id, id, published_version) REFERENCES survey_version (library_id, survey_id, version)
    DEFERRABLE INITIALLY DEFERRED;

-- One submitted response. The full answers are kept as validated JSON (CSV export, the
-- staff view); what results group and score by is denormalised into arrays beside them,
-- and summed into survey_rollup when the response is stored.
CREATE TABLE survey_response (
    library_id         bigint NOT NULL,
    id                 bigint GENERATED ALWAYS AS IDENTITY,
    survey_id          bigint NOT NULL,
    version            integer NOT NULL,
    source             text NOT NULL CHECK (source IN ('web', 'kiosk', 'paper')),
    language           text NOT NULL,
    submitted_at       timestamptz NOT NULL DEFAULT now(),
    answers            jsonb NOT NULL,
    -- Scored answers: question key, measure (rating | importance | satisfaction | nps), score.
    measure_keys       text[] NOT NULL DEFAULT '{}',
    measure_kinds      text[] NOT NULL DEFAULT '{}',
    measure_scores     smallint[] NOT NULL DEFAULT '{}',
    -- Context (demographic) answers: question key and option key.
    context_keys       text[] NOT NULL DEFAULT '{}',
    context_options    text[] NOT NULL DEFAULT '{}',
    comment            text CHECK (length(comment) <= 20000),
    comment_search     tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(comment, ''))) STORED,
    contact_requested  boolean NOT NULL DEFAULT false,
    conversation_id    bigint,
    -- The one-time token of the form it came from (web, kiosk) or the staff's entry key
    -- (paper): the same form twice stores one response.
    submit_key         text NOT NULL CHECK (length(submit_key) BETWEEN 8 AND 100),
    entered_by         bigint,
    PRIMARY KEY (library_id, id),
    CONSTRAINT survey_response_submit_key UNIQUE (library_id, survey_id, submit_key),
    FOREIGN KEY (library_id, survey_id, version) REFERENCES survey_version (library_id, survey_id, version),
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE SET NULL (conversation_id),
    FOREIGN KEY (library_id, entered_by) REFERENCES staff (library_id, id) ON DELETE SET NULL (entered_by),
    CHECK (cardinality(measure_keys) = cardinality(measure_kinds) AND cardinality(measure_keys) = cardinality(measure_scores)),
    CHECK (cardinality(context_keys) = cardinality(context_options))
);
CREATE INDEX survey_response_time ON survey_response (library_id, survey_id, submitted_at);
CREATE INDEX survey_response_comments ON survey_response USING gin (comment_search) WHERE comment IS NOT NULL;

-- Sums per period, scored measure and group, kept up to date as responses arrive, so a
-- trend over a million responses reads a few hundred rows.
--   measure 'responses' (question_key '') counts responses;
--   group_key '' (group_option '') is everyone; otherwise a context question and option.
CREATE TABLE survey_rollup (
    library_id    bigint NOT NULL,
    survey_id     bigint NOT NULL,
    grain         text NOT NULL CHECK (grain IN ('week', 'month')),
    period        date NOT NULL,
    question_key  text NOT NULL,
    measure       text NOT NULL CHECK (measure IN ('responses', 'rating', 'importance', 'satisfaction', 'nps')),
    group_key     text NOT NULL,
    group_option  text NOT NULL,
    n             bigint NOT NULL,
    total         bigint NOT NULL,
    promoters     bigint NOT NULL,
    detractors    bigint NOT NULL,
    PRIMARY KEY (library_id, survey_id, grain, measure, question_key, group_key, period, group_option),
    FOREIGN KEY (library_id, survey_id) REFERENCES survey (library_id, id) ON DELETE CASCADE
);

-- Page views per day, counted (never who): the denominator of the response rate.
CREATE TABLE survey_view_daily (
    library_id  bigint NOT NULL,
    survey_id   bigint NOT NULL,
    day         date NOT NULL,
    views       bigint NOT NULL,
    PRIMARY KEY (library_id, survey_id, day),
    FOREIGN KEY (library_id, survey_id) REFERENCES survey (library_id, id) ON DELETE CASCADE
);

-- Recomputes a survey's rollups from its responses (after a bulk load or a correction).
-- Periods are in the library's time zone.
CREATE FUNCTION survey_rollup_rebuild(p_library bigint, p_survey bigint) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM survey_rollup WHERE library_id = p_library AND survey_id = p_survey;
    INSERT INTO survey_rollup
    SELECT r.library_id, r.survey_id, g.grain,
           date_trunc(g.grain, r.submitted_at AT TIME ZONE l.timezone)::date,
           m.key, m.measure, c.gkey, c.gopt,
           count(*), coalesce(sum(m.score), 0),
           count(*) FILTER (WHERE m.measure = 'nps' AND m.score >= 9),
           count(*) FILTER (WHERE m.measure = 'nps' AND m.score <= 6)
      FROM survey_response r
      JOIN library l ON l.id = r.library_id
     CROSS JOIN (VALUES ('week'), ('month')) g(grain)
     CROSS JOIN LATERAL (
            SELECT '' AS key, 'responses' AS measure, NULL::smallint AS score
            UNION ALL
            SELECT * FROM unnest(r.measure_keys, r.measure_kinds, r.measure_scores)
          ) m
     CROSS JOIN LATERAL (
            SELECT '' AS gkey, '' AS gopt
            UNION ALL
            SELECT * FROM unnest(r.context_keys, r.context_options)
          ) c
     WHERE r.library_id = p_library AND r.survey_id = p_survey
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
$$;

-- Adds one stored response to its survey's rollups (same sums as the rebuild). Rows are
-- upserted in key order, so concurrent responses never wait on each other in a cycle.
CREATE FUNCTION survey_rollup_add(p_library bigint, p_response bigint) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO survey_rollup AS t
    SELECT r.library_id, r.survey_id, g.grain,
           date_trunc(g.grain, r.submitted_at AT TIME ZONE l.timezone)::date AS period,
           m.key, m.measure, c.gkey, c.gopt,
           1, coalesce(m.score, 0),
           (m.measure = 'nps' AND m.score >= 9)::int,
           (m.measure = 'nps' AND m.score <= 6)::int
      FROM survey_response r
      JOIN library l ON l.id = r.library_id
     CROSS JOIN (VALUES ('week'), ('month')) g(grain)
     CROSS JOIN LATERAL (
            SELECT '' AS key, 'responses' AS measure, NULL::smallint AS score
            UNION ALL
            SELECT * FROM unnest(r.measure_keys, r.measure_kinds, r.measure_scores)
          ) m
     CROSS JOIN LATERAL (
            SELECT '' AS gkey, '' AS gopt
            UNION ALL
            SELECT * FROM unnest(r.context_keys, r.context_options)
          ) c
     WHERE r.library_id = p_library AND r.id = p_response
     ORDER BY g.grain, m.measure, m.key, c.gkey, period, c.gopt
    ON CONFLICT (library_id, survey_id, grain, measure, question_key, group_key, period, group_option)
    DO UPDATE SET n = t.n + 1, total = t.total + EXCLUDED.total,
                  promoters = t.promoters + EXCLUDED.promoters, detractors = t.detractors + EXCLUDED.detractors;
$$;

-- How a library asks for ratings after a conversation is resolved.
CREATE TABLE csat_settings (
    library_id        bigint PRIMARY KEY REFERENCES library (id),
    enabled           boolean NOT NULL DEFAULT false,
    -- Share of resolved conversations asked, 0..100 (decided from the conversation id, so
    -- the same conversation resolved twice gets the same answer).
    sample_percent    smallint NOT NULL DEFAULT 100 CHECK (sample_percent BETWEEN 0 AND 100),
    -- At most one request per patron in this many days.
    min_days_between  smallint NOT NULL DEFAULT 30 CHECK (min_days_between BETWEEN 0 AND 3650),
    -- An SMS reply that is just a number counts as a rating this long after the request.
    reply_window_hours integer NOT NULL DEFAULT 72 CHECK (reply_window_hours BETWEEN 1 AND 720),
    updated_at        timestamptz NOT NULL DEFAULT now()
);

-- Addresses never to ask for a rating (the patron said so, or staff did).
CREATE TABLE csat_optout (
    library_id  bigint NOT NULL REFERENCES library (id),
    channel     text NOT NULL CHECK (channel IN ('email', 'sms')),
    address     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, channel, address)
);

-- One rating request sent after a resolved conversation. Email requests carry a link with
-- a random token (only its SHA-256 is stored); SMS requests wait for a reply of a number.
CREATE TABLE csat_request (
    library_id        bigint NOT NULL,
    id                bigint GENERATED ALWAYS AS IDENTITY,
    conversation_id   bigint NOT NULL,
    contact_id        bigint NOT NULL,
    channel           text NOT NULL CHECK (channel IN ('email', 'sms')),
    address           text NOT NULL,
    message_id        bigint,
    token_hash        bytea,
    sent_at           timestamptz NOT NULL DEFAULT now(),
    expires_at        timestamptz NOT NULL,
    answered_at       timestamptz,
    -- The SMS reply that answered it: the provider retrying that text records nothing twice.
    answer_provider_id text,
    PRIMARY KEY (library_id, id),
    CONSTRAINT csat_request_conversation UNIQUE (library_id, conversation_id),
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE CASCADE,
    FOREIGN KEY (library_id, contact_id) REFERENCES contact (library_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX csat_request_token ON csat_request (library_id, token_hash) WHERE token_hash IS NOT NULL;
CREATE INDEX csat_request_contact ON csat_request (library_id, contact_id, sent_at);
CREATE INDEX csat_request_sms_open ON csat_request (library_id, address, sent_at)
    WHERE channel = 'sms' AND answered_at IS NULL;
CREATE INDEX csat_request_reply ON csat_request (library_id, answer_provider_id) WHERE answer_provider_id IS NOT NULL;
