-- Manager reports: stored facts per conversation, rolled-up histograms, reference
-- statistics (READ scale, question type, tallies of in-person and phone questions) and
-- service targets. Figures are written when they happen, in the same transaction as the
-- change, so a report never scans messages.

-- Facts about one conversation, written by the reply and resolve paths (src/reports/facts.rs).
--
-- First response: the first message a staff member sent to the patron (notes and automatic
-- keyword replies are not responses), timed from the conversation's first patron message.
-- Resolution: timed from the same start to the FIRST time the conversation was resolved.
-- A patron writing again reopens it; the next resolve counts a reopen and moves
-- last_resolved_at, but the resolution figure keeps the first one, so rolled-up histograms
-- only ever grow (a reopened conversation is reported through reopen_count).
-- Snoozing is neither a response nor a resolution, and does not stop either clock.
-- *_bsecs are the same spans counted in the team's business hours (src/reports/hours.rs).
CREATE TABLE conversation_fact (
    library_id           bigint NOT NULL,
    conversation_id      bigint NOT NULL,
    channel              text NOT NULL,
    started_at           timestamptz NOT NULL,
    first_response_at    timestamptz,
    first_response_secs  bigint,
    first_response_bsecs bigint,
    -- The team and the staff member the first response is credited to.
    response_team_id     bigint,
    responder_id         bigint,
    -- Staff replies so far; frozen into replies_to_resolve at the first resolution.
    replies              integer NOT NULL DEFAULT 0,
    first_resolved_at    timestamptz,
    resolution_secs      bigint,
    resolution_bsecs     bigint,
    replies_to_resolve   integer,
    -- The team and assignee when first resolved.
    resolve_team_id      bigint,
    resolver_id          bigint,
    last_resolved_at     timestamptz,
    reopen_count         integer NOT NULL DEFAULT 0,
    PRIMARY KEY (library_id, conversation_id),
    FOREIGN KEY (library_id, conversation_id) REFERENCES conversation (library_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_fact_response ON conversation_fact (library_id, first_response_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX conversation_fact_resolved ON conversation_fact (library_id, first_resolved_at) WHERE first_resolved_at IS NOT NULL;

-- Histograms of the facts per day and per month (the library's local dates), kept as
-- facts are written. measure: 1 first response (wall clock), 2 first response (business
-- hours), 3 resolution (wall), 4 resolution (business), 5 replies to resolve. The bucket
-- is src/reports/histogram.rs's (replies: the count itself).
-- level says which dimensions a row is split by (the others are '' / 0):
-- 0 channel+team+staff, 1 channel, 2 team, 3 staff, 4 none (the library).
-- team_id / staff_id 0 also stands for "no team" / "nobody" at the levels that split by them.
CREATE TABLE report_histogram (
    library_id  bigint NOT NULL REFERENCES library (id),
    grain       "char" NOT NULL CHECK (grain IN ('d', 'm')),
    measure     smallint NOT NULL CHECK (measure BETWEEN 1 AND 5),
    level       smallint NOT NULL CHECK (level BETWEEN 0 AND 4),
    period      date NOT NULL,
    channel     text NOT NULL,
    team_id     bigint NOT NULL,
    staff_id    bigint NOT NULL,
    bucket      integer NOT NULL,
    n           bigint NOT NULL,
    total       bigint NOT NULL,
    PRIMARY KEY (library_id, grain, measure, level, period, channel, team_id, staff_id, bucket)
);

-- Reports by creation time (volume heatmap, weekly trends, READ counts, abandonment).
CREATE INDEX conversation_created ON conversation (library_id, created_at);

-- What kind of question it was (staff pick it; the console suggests the library's usual ones).
ALTER TABLE conversation ADD COLUMN question_type text CHECK (length(question_type) BETWEEN 1 AND 60);

-- Questions answered in person or by phone at a service point, counted by hand so all
-- reference work lands in one dataset.
CREATE TABLE reference_tally (
    library_id     bigint NOT NULL REFERENCES library (id),
    id             bigint GENERATED ALWAYS AS IDENTITY,
    service_point  text NOT NULL CHECK (length(service_point) BETWEEN 1 AND 100),
    mode           text NOT NULL CHECK (mode IN ('in_person', 'phone')),
    team_id        bigint,
    staff_id       bigint,
    read_level     smallint CHECK (read_level BETWEEN 1 AND 6),
    question_type  text CHECK (length(question_type) BETWEEN 1 AND 60),
    count          integer NOT NULL DEFAULT 1 CHECK (count BETWEEN 1 AND 1000),
    at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE SET NULL (team_id),
    FOREIGN KEY (library_id, staff_id) REFERENCES staff (library_id, id) ON DELETE SET NULL (staff_id)
);
CREATE INDEX reference_tally_at ON reference_tally (library_id, at);

-- Service targets: the first response within this many seconds (wall clock, or business
-- hours when business_hours), per channel, optionally per team (a team's target wins).
CREATE TABLE service_target (
    library_id           bigint NOT NULL REFERENCES library (id),
    id                   bigint GENERATED ALWAYS AS IDENTITY,
    channel              text NOT NULL CHECK (channel IN ('email', 'sms', 'chat', 'survey')),
    team_id              bigint,
    first_response_secs  integer NOT NULL CHECK (first_response_secs BETWEEN 1 AND 31536000),
    business_hours       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (library_id, id),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX service_target_key ON service_target (library_id, channel, coalesce(team_id, 0));

-- Rebuilds the facts of a library's existing conversations (wall clock; business hours
-- equal the wall clock for teams without hours, else stay unknown) and its histograms.
-- Used once here for conversations that predate this migration, and by the benchmark's
-- dataset. Histogram rows use the library's time zone for days and months.
CREATE FUNCTION report_backfill(p_library bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    v_tz text := (SELECT timezone FROM library WHERE id = p_library);
BEGIN
    INSERT INTO conversation_fact (library_id, conversation_id, channel, started_at, first_response_at,
                                   first_response_secs, first_response_bsecs, response_team_id, responder_id,
                                   replies, first_resolved_at, resolution_secs, resolution_bsecs,
                                   replies_to_resolve, resolve_team_id, resolver_id, last_resolved_at)
    SELECT c.library_id, c.id, c.channel, c.created_at, c.first_response_at,
           s.frs, CASE WHEN NOT h.has_hours THEN s.frs END, c.team_id, c.assignee_id,
           greatest(c.message_count / 2, CASE WHEN c.first_response_at IS NOT NULL THEN 1 ELSE 0 END),
           c.resolved_at, s.res, CASE WHEN NOT h.has_hours THEN s.res END,
           CASE WHEN c.resolved_at IS NOT NULL THEN c.message_count / 2 END,
           CASE WHEN c.resolved_at IS NOT NULL THEN c.team_id END,
           CASE WHEN c.resolved_at IS NOT NULL THEN c.assignee_id END, c.resolved_at
      FROM conversation c,
           LATERAL (SELECT extract(epoch FROM c.first_response_at - c.created_at)::bigint AS frs,
                           extract(epoch FROM c.resolved_at - c.created_at)::bigint AS res) s,
           LATERAL (SELECT EXISTS (SELECT 1 FROM team_hours th WHERE th.library_id = c.library_id
                                      AND th.team_id = c.team_id) AS has_hours) h
     WHERE c.library_id = p_library AND (c.first_response_at IS NOT NULL OR c.resolved_at IS NOT NULL)
    ON CONFLICT DO NOTHING;

    DELETE FROM report_histogram WHERE library_id = p_library;
    INSERT INTO report_histogram (library_id, grain, measure, level, period, channel, team_id, staff_id, bucket, n, total)
    SELECT p_library, g.grain, v.measure, l.level,
           CASE g.grain WHEN 'd' THEN v.day ELSE date_trunc('month', v.day)::date END,
           CASE WHEN l.level IN (0, 1) THEN v.channel ELSE '' END,
           CASE WHEN l.level IN (0, 2) THEN v.team ELSE 0 END,
           CASE WHEN l.level IN (0, 3) THEN v.staff ELSE 0 END,
           v.bucket, count(*), sum(v.value)
      FROM (SELECT f.channel, m.measure, m.value, m.team, m.staff, (m.at AT TIME ZONE v_tz)::date AS day,
                   CASE WHEN m.measure = 5 THEN m.value::integer ELSE report_bucket(m.value) END AS bucket
              FROM conversation_fact f,
                   LATERAL (VALUES (1, f.first_response_secs, f.first_response_at, f.response_team_id, f.responder_id),
                                   (2, f.first_response_bsecs, f.first_response_at, f.response_team_id, f.responder_id),
                                   (3, f.resolution_secs, f.first_resolved_at, f.resolve_team_id, f.resolver_id),
                                   (4, f.resolution_bsecs, f.first_resolved_at, f.resolve_team_id, f.resolver_id),
                                   (5, f.replies_to_resolve::bigint, f.first_resolved_at, f.resolve_team_id, f.resolver_id))
                           AS m0(measure, value, at, team, staff),
                   LATERAL (SELECT m0.measure, CASE WHEN m0.value IS NOT NULL THEN greatest(m0.value, 0) END AS value, m0.at,
                                   coalesce(m0.team, 0) AS team, coalesce(m0.staff, 0) AS staff) m
             WHERE f.library_id = p_library AND m.value IS NOT NULL) v,
           (VALUES ('d'::"char"), ('m'::"char")) g(grain),
           (VALUES (0::smallint), (1::smallint), (2::smallint), (3::smallint), (4::smallint)) l(level)
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
END
$$;

-- The histogram bucket of a duration in seconds; must match src/reports/histogram.rs
-- (exact below 60 s, then 5% wide). Tested against the Rust function.
CREATE FUNCTION report_bucket(v bigint) RETURNS integer LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    b integer;
BEGIN
    IF v < 60 THEN RETURN greatest(v, 0)::integer; END IF;
    b := greatest(60, 60 + floor(ln(v / 60.0) / ln(1.05))::integer);
    WHILE ceil(60 * power(1.05::float8, b - 60)) > v LOOP b := b - 1; END LOOP;
    WHILE ceil(60 * power(1.05::float8, b + 1 - 60)) <= v LOOP b := b + 1; END LOOP;
    RETURN b;
END
$$;

SELECT report_backfill(id) FROM library;
