-- Report histograms, second layout: coarse enough that a report over the full history reads
-- a few thousand rows, and built by the hub in the background (src/reports/rollup.rs), not
-- here: rebuilding millions of facts inside a migration would hold up a deploy.
--
-- Why: the first layout (0009) kept a DAILY row per channel x team x staff member x bucket,
-- which is nearly one row per conversation, so reading it cost as much as the facts.
-- Now the grains are:
--   'm' month    every level (the only grain of level 0, channel x team x staff);
--   'y' year     levels 1-4, so ten years of history are ten rows per bucket, not 120;
--   'w' week     levels 1-4 (Monday, library time), for figures grouped by week.
-- Days at the edges of a period, which no whole year, month or week covers, are read from
-- conversation_fact (an index range of at most a few weeks), so no daily grain is kept.
-- Levels (unchanged): 0 channel+team+staff, 1 channel, 2 team, 3 staff, 4 none.

DROP FUNCTION report_backfill(bigint);
DROP TABLE report_histogram;

CREATE TABLE report_histogram (
    library_id  bigint NOT NULL REFERENCES library (id),
    level       smallint NOT NULL CHECK (level BETWEEN 0 AND 4),
    grain       "char" NOT NULL CHECK (grain IN ('y', 'm', 'w')),
    measure     smallint NOT NULL CHECK (measure BETWEEN 1 AND 5),
    -- The first day of the year, month or week (library time).
    period      date NOT NULL,
    channel     text NOT NULL,
    team_id     bigint NOT NULL,
    staff_id    bigint NOT NULL,
    bucket      integer NOT NULL,
    n           bigint NOT NULL,
    total       bigint NOT NULL,
    CHECK (level <> 0 OR grain = 'm'),
    -- A report reads one level, one grain and a range of periods: that is the key's prefix.
    PRIMARY KEY (library_id, level, grain, measure, period, channel, team_id, staff_id, bucket)
);

-- Which levels of which library's histograms are complete. A report reads a level's rows
-- only when its row here exists; until then it computes from the facts (exact, slower).
-- The background builder fills in what is missing (at start, then hourly).
CREATE TABLE report_rollup (
    library_id  bigint NOT NULL REFERENCES library (id),
    level       smallint NOT NULL CHECK (level BETWEEN 0 AND 4),
    built_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (library_id, level)
);

-- A new library has no facts, so its (empty) histograms are complete from the start.
CREATE FUNCTION report_rollup_for_new_library() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_rollup (library_id, level) SELECT NEW.id, l FROM generate_series(0, 4) l;
    RETURN NULL;
END
$$;
CREATE TRIGGER library_report_rollup AFTER INSERT ON library
    FOR EACH ROW EXECUTE FUNCTION report_rollup_for_new_library();

-- The histogram bucket of a duration in seconds, in closed form (inlined by the planner;
-- 0009's version searched with a loop). Exact below 60 s, then 5% wide:
-- 60 + floor(ln(v / 60) / ln(1.05)). Must match src/reports/histogram.rs, which uses the
-- same double-precision steps and the same constant; a test compares the two.
CREATE OR REPLACE FUNCTION report_bucket(v bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN v < 60 THEN greatest(v, 0)::integer
                ELSE 60 + floor(ln(v::float8 / 60) / 0.04879016416943205::float8)::integer END
$$;

-- Facts of a library's conversations that have none (wall clock; business hours equal the
-- wall clock for teams without hours, else stay unknown). For data loaded around the
-- reply and resolve paths: the benchmark's generated dataset. Histograms are not touched:
-- rebuild them with report_rebuild_level.
CREATE FUNCTION report_facts_backfill(p_library bigint) RETURNS void LANGUAGE sql AS $$
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
$$;

-- Rebuilds one level of a library's histograms from its facts, in the caller's transaction,
-- and marks the level built. Writers of new facts hold the same advisory lock shared
-- (src/reports/facts.rs), so no count is lost or doubled while this runs; they wait for it.
-- With p_only_missing, a level already built is left alone (several hub instances may try
-- at once) and -1 is returned; otherwise the number of rows written.
CREATE FUNCTION report_rebuild_level(p_library bigint, p_level smallint, p_only_missing boolean)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_tz text := (SELECT timezone FROM library WHERE id = p_library);
    v_rows bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('refdesk/report-histogram/' || p_library, 0));
    IF p_only_missing AND EXISTS (SELECT 1 FROM report_rollup WHERE library_id = p_library AND level = p_level) THEN
        RETURN -1;
    END IF;
    DELETE FROM report_histogram WHERE library_id = p_library AND level = p_level;
    INSERT INTO report_histogram (library_id, level, grain, measure, period, channel, team_id, staff_id, bucket, n, total)
    SELECT p_library, p_level, g.grain, v.measure,
           CASE g.grain WHEN 'y' THEN date_trunc('year', v.day)
                        WHEN 'm' THEN date_trunc('month', v.day)
                        ELSE date_trunc('week', v.day) END::date,
           CASE WHEN p_level IN (0, 1) THEN v.channel ELSE '' END,
           CASE WHEN p_level IN (0, 2) THEN v.team ELSE 0 END,
           CASE WHEN p_level IN (0, 3) THEN v.staff ELSE 0 END,
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
                   -- greatest() skips NULLs: keep a missing value missing.
                   LATERAL (SELECT m0.measure, CASE WHEN m0.value IS NOT NULL THEN greatest(m0.value, 0) END AS value, m0.at,
                                   coalesce(m0.team, 0) AS team, coalesce(m0.staff, 0) AS staff) m
             WHERE f.library_id = p_library AND m.value IS NOT NULL) v,
           (VALUES ('y'::"char"), ('m'::"char"), ('w'::"char")) g(grain)
     WHERE p_level <> 0 OR g.grain = 'm'
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     -- Stored in key order, so the rows a report reads (one level, grain, measure and a
     -- range of periods) sit on few pages instead of one page each.
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    INSERT INTO report_rollup (library_id, level) VALUES (p_library, p_level)
        ON CONFLICT (library_id, level) DO UPDATE SET built_at = now();
    RETURN v_rows;
END
$$;

-- Existing libraries start unbuilt: the hub rebuilds their histograms in the background and
-- their reports are computed from the facts until then.
