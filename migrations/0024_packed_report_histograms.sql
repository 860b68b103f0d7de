-- Report histograms of closed periods packed into one row each (issue 8).
--
-- Why: a year by team and week read 107,416 bucket rows of report_histogram (6 teams x 53
-- weeks x 3 measures x ~115 occupied buckets) and most of its time went on those rows. A
-- week, month or year that has ended no longer changes, so its histogram is kept as ONE
-- row holding its buckets and their counts (two arrays in bucket order); the report reads
-- ~1,000 rows and the hub adds the arrays up.
--
-- Writers are unchanged: a staff reply or resolve adds to the bucket rows of
-- report_histogram (one row per bucket, so concurrent replies seldom touch the same row).
-- report_pack moves the bucket rows of periods that have ended into the packed rows, in
-- one transaction, so a report (one snapshot) always sees every count exactly once: in a
-- bucket row or in a packed row, and reads both. A late count for an ended period (a
-- rebuild, imported history) lands in a bucket row and is packed next time.

CREATE TABLE report_histogram_packed (
    library_id  bigint NOT NULL REFERENCES library (id),
    level       smallint NOT NULL CHECK (level BETWEEN 0 AND 4),
    grain       "char" NOT NULL CHECK (grain IN ('y', 'm', 'w')),
    measure     smallint NOT NULL CHECK (measure BETWEEN 1 AND 5),
    period      date NOT NULL,
    channel     text NOT NULL,
    team_id     bigint NOT NULL,
    staff_id    bigint NOT NULL,
    -- Occupied buckets in ascending order, and each one's count (same length).
    buckets     integer[] NOT NULL,
    counts      integer[] NOT NULL,
    -- Sum of the counts, and sum of the values.
    n           bigint NOT NULL,
    total       bigint NOT NULL,
    CHECK (cardinality(buckets) = cardinality(counts)),
    PRIMARY KEY (library_id, level, grain, measure, period, channel, team_id, staff_id)
);

-- Two sparse histograms added up, buckets in ascending order.
CREATE FUNCTION report_cells_add(a_buckets integer[], a_counts integer[], b_buckets integer[], b_counts integer[],
                                 OUT buckets integer[], OUT counts integer[])
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT array_agg(b ORDER BY b), array_agg(c ORDER BY b)
      FROM (SELECT b, sum(c)::integer AS c
              FROM (SELECT * FROM unnest(a_buckets, a_counts) UNION ALL SELECT * FROM unnest(b_buckets, b_counts)) x(b, c)
             GROUP BY b) s $$;

-- Moves the bucket rows of a library's ended periods (at the given levels) into packed
-- rows; returns how many bucket rows it moved. Holds the rebuild lock shared, as writers
-- do, so a rebuild (exclusive) never runs beside it.
CREATE FUNCTION report_pack(p_library bigint, p_levels smallint[]) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    v_today date := (SELECT (now() AT TIME ZONE timezone)::date FROM library WHERE id = p_library);
    v_rows bigint;
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('refdesk/report-histogram/' || p_library, 0));
    WITH moved AS (
        DELETE FROM report_histogram h
         WHERE h.library_id = p_library AND h.level = ANY (p_levels)
           AND CASE h.grain WHEN 'y' THEN (h.period + interval '1 year')::date
                            WHEN 'm' THEN (h.period + interval '1 month')::date
                            ELSE h.period + 7 END <= v_today
        RETURNING h.level, h.grain, h.measure, h.period, h.channel, h.team_id, h.staff_id, h.bucket, h.n, h.total),
    packed AS (
        INSERT INTO report_histogram_packed AS p
               (library_id, level, grain, measure, period, channel, team_id, staff_id, buckets, counts, n, total)
        SELECT p_library, level, grain, measure, period, channel, team_id, staff_id,
               array_agg(bucket ORDER BY bucket), array_agg(n::integer ORDER BY bucket), sum(n), sum(total)
          FROM moved
         GROUP BY level, grain, measure, period, channel, team_id, staff_id
         ORDER BY level, grain, measure, period, channel, team_id, staff_id
        ON CONFLICT (library_id, level, grain, measure, period, channel, team_id, staff_id) DO UPDATE
           SET (buckets, counts) = (SELECT s.buckets, s.counts
                                      FROM report_cells_add(p.buckets, p.counts, EXCLUDED.buckets, EXCLUDED.counts) s),
               n = p.n + EXCLUDED.n, total = p.total + EXCLUDED.total
        RETURNING 1)
    SELECT count(*) INTO v_rows FROM moved;
    RETURN v_rows;
END
$$;

-- Every histogram as one row, its bucket rows and packed row added up: what a report reads,
-- whichever way its counts are stored (for tests and for looking at the histograms by hand).
CREATE VIEW report_histogram_whole AS
SELECT library_id, level, grain, measure, period, channel, team_id, staff_id,
       array_agg(bucket ORDER BY bucket) AS buckets, array_agg(n ORDER BY bucket) AS counts,
       sum(n)::bigint AS n, sum(total)::bigint AS total
  FROM (SELECT library_id, level, grain, measure, period, channel, team_id, staff_id, bucket,
               sum(n)::bigint AS n, sum(total)::bigint AS total
          FROM (SELECT library_id, level, grain, measure, period, channel, team_id, staff_id, bucket, n, total
                  FROM report_histogram
                UNION ALL
                -- A packed row's total is the whole row's: carried by its first bucket.
                SELECT p.library_id, p.level, p.grain, p.measure, p.period, p.channel, p.team_id, p.staff_id,
                       c.bucket, c.n, CASE WHEN c.i = 1 THEN p.total ELSE 0 END
                  FROM report_histogram_packed p, unnest(p.buckets, p.counts) WITH ORDINALITY AS c(bucket, n, i)) a
         GROUP BY library_id, level, grain, measure, period, channel, team_id, staff_id, bucket) cells
 GROUP BY library_id, level, grain, measure, period, channel, team_id, staff_id;

-- The rebuild (0014) now also clears the level's packed rows and packs what it wrote.
CREATE OR REPLACE FUNCTION report_rebuild_level(p_library bigint, p_level smallint, p_only_missing boolean)
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
    DELETE FROM report_histogram_packed WHERE library_id = p_library AND level = p_level;
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
                   LATERAL (SELECT m0.measure, CASE WHEN m0.value IS NOT NULL THEN greatest(m0.value, 0) END AS value, m0.at,
                                   coalesce(m0.team, 0) AS team, coalesce(m0.staff, 0) AS staff) m
             WHERE f.library_id = p_library AND m.value IS NOT NULL) v,
           (VALUES ('y'::"char"), ('m'::"char"), ('w'::"char")) g(grain)
     WHERE p_level <> 0 OR g.grain = 'm'
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
     ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    PERFORM report_pack(p_library, ARRAY[p_level]);
    INSERT INTO report_rollup (library_id, level) VALUES (p_library, p_level)
        ON CONFLICT (library_id, level) DO UPDATE SET built_at = now();
    RETURN v_rows;
END
$$;
