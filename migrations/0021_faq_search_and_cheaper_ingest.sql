-- FAQ search in one round trip (issue 10): the typo corrections, the synonyms and the
-- ranked search that were three to six statements from the hub are one function call.
-- src/faq/query.rs owns the meaning (its tests call these functions); this is its executor.

-- A crude English/Spanish stem, only to decide whether a query word names a synonym term
-- ("renewing" and "renews" name "renew"). Search itself stems with the language's
-- text-search configuration. Lengths are in bytes, as the hub's words are.
CREATE FUNCTION faq_stem(word text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE
        WHEN octet_length(word) > 5 AND right(word, 3) = 'ing' THEN left(word, -3)
        WHEN octet_length(word) > 4 AND right(word, 2) IN ('ed', 'es') THEN left(word, -2)
        WHEN octet_length(word) > 3 AND right(word, 1) = 's' THEN left(word, -1)
        ELSE word END $$;

-- A text's search words: lower case, letters and digits only, at most 40 letters each and
-- 16 in all (the same split as faq::text::words in the hub).
CREATE FUNCTION faq_split_words(body text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(w ORDER BY o), '{}')
      FROM (SELECT w, o FROM regexp_split_to_table(lower(body), '[^[:alnum:]]+') WITH ORDINALITY AS t(w, o)
             WHERE w <> '' AND char_length(w) <= 40
             ORDER BY o LIMIT 16) s $$;

-- The query's last word as a tsquery operand: a prefix from three letters on, because the
-- patron may still be typing it. Every other word is complete and matches as itself (after
-- stemming): a prefix there only widens the index scan to every longer word (measured: a
-- quarter of a search's time over 10,000 entries) and found no entry more in the fixtures.
CREATE FUNCTION faq_last_operand(word text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN char_length(word) >= 3 THEN word || ':*' ELSE word END $$;

-- A synonym term as a tsquery operand: one word as itself, a phrase word after word.
CREATE FUNCTION faq_term_operand(term text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE cardinality(p) WHEN 0 THEN NULL WHEN 1 THEN p[1]
                ELSE '(' || array_to_string(p, ' <-> ') || ')' END
      FROM (SELECT faq_split_words(term) AS p) s $$;

-- Edits (insert, delete, substitute, swap two neighbours) between two words: the optimal
-- string alignment distance, as faq::text::edit_distance.
CREATE FUNCTION faq_edit_distance(a text, b text) RETURNS integer
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
    ca    text[] := regexp_split_to_array(a, '');
    cb    text[] := regexp_split_to_array(b, '');
    la    integer := char_length(a);
    lb    integer := char_length(b);
    prev2 integer[];
    prev  integer[];
    cur   integer[];
    v     integer;
BEGIN
    IF la = 0 OR lb = 0 THEN
        RETURN greatest(la, lb);
    END IF;
    -- Row i of the table: cur[j + 1] is the distance between a's first i and b's first j letters.
    prev := ARRAY(SELECT generate_series(0, lb));
    FOR i IN 1..la LOOP
        cur := array_fill(0, ARRAY[lb + 1]);
        cur[1] := i;
        FOR j IN 1..lb LOOP
            v := least(prev[j + 1] + 1, cur[j] + 1, prev[j] + CASE WHEN ca[i] = cb[j] THEN 0 ELSE 1 END);
            IF i > 1 AND j > 1 AND ca[i] = cb[j - 1] AND ca[i - 1] = cb[j] THEN
                v := least(v, prev2[j - 1] + 1);
            END IF;
            cur[j + 1] := v;
        END LOOP;
        prev2 := prev;
        prev := cur;
    END LOOP;
    RETURN prev[lb + 1];
END $$;

-- How many edits a misspelling of a word this long may have (faq::text::allowed_edits).
CREATE FUNCTION faq_allowed_edits(word text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT CASE WHEN char_length(word) <= 2 THEN 0 WHEN char_length(word) <= 5 THEN 1 ELSE 2 END $$;

-- A synonym group's terms as search sees them, kept beside the group (computed on write,
-- so a search splits and stems nothing but the query): each term's words stemmed and space
-- separated ('' for a term without words), and each term's tsquery operand.
CREATE FUNCTION faq_term_stems(terms text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT array_to_string(ARRAY(SELECT faq_stem(w) FROM unnest(faq_split_words(t.term))
                                                WITH ORDINALITY AS u(w, j) ORDER BY u.j), ' ')
                   FROM unnest(terms) WITH ORDINALITY AS t(term, i) ORDER BY t.i) $$;
CREATE FUNCTION faq_term_operands(terms text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(SELECT faq_term_operand(t.term) FROM unnest(terms) WITH ORDINALITY AS t(term, i)
                  WHERE faq_term_operand(t.term) IS NOT NULL ORDER BY t.i) $$;
ALTER TABLE faq_synonym
    ADD COLUMN term_stems text[] GENERATED ALWAYS AS (faq_term_stems(terms)) STORED,
    ADD COLUMN term_operands text[] GENERATED ALWAYS AS (faq_term_operands(terms)) STORED;

-- A patron's query words as the two tsquery texts search uses (see src/faq/query.rs):
-- all_words AND-s every position, each as (spelling | correction | synonym ...) with the
-- last spelling a prefix (faq_last_operand); any_word
-- OR-s every alternative of every position. A word the library's entries do not use gets
-- as its correction the nearest known word (trigram similarity, then at most
-- faq_allowed_edits edits); a synonym group named word for word by the query (a term's
-- words, each the same as a position's spelling or correction up to faq_stem) adds all its
-- terms at every position the naming term covers. NULLs when there are no words.
--
-- Two statements (corrections, candidate synonym groups); the rest is plpgsql's simple
-- expressions, which cost no executor round.
CREATE FUNCTION faq_tsqueries(p_library bigint, p_words text[], OUT all_words text, OUT any_word text)
    LANGUAGE plpgsql STABLE
    -- pg_trgm's default, set here so a changed server default changes nothing.
    SET pg_trgm.similarity_threshold = 0.3
AS $$
DECLARE
    n         integer := coalesce(cardinality(p_words), 0);
    fixed     text[] := '{}';
    stem      text[] := '{}';
    fixed_stem text[] := '{}';
    positions text[] := '{}';
    parts     text[];
    any_list  text[] := '{}';
    r         record;
    g         record;
    term      text;
    cand      text;
    alt       text;
    matched   boolean;
BEGIN
    IF n = 0 THEN
        RETURN;
    END IF;
    -- Corrections: candidates by trigram similarity (indexed), then the first few edits away.
    FOR r IN
        SELECT t.o::integer AS o, t.w,
               ARRAY(SELECT v.word FROM faq_word v WHERE v.library_id = p_library AND v.word % t.w
                      ORDER BY similarity(v.word, t.w) DESC, v.word LIMIT 5) AS near
          FROM unnest(p_words) WITH ORDINALITY AS t(w, o)
         WHERE char_length(t.w) >= 3
           AND NOT EXISTS (SELECT 1 FROM faq_word v WHERE v.library_id = p_library AND v.word = t.w)
    LOOP
        FOREACH cand IN ARRAY r.near LOOP
            IF faq_edit_distance(r.w, cand) <= faq_allowed_edits(r.w) THEN
                fixed[r.o] := cand;
                EXIT;
            END IF;
        END LOOP;
    END LOOP;
    FOR i IN 1..n LOOP
        positions[i] := CASE WHEN i = n THEN faq_last_operand(p_words[i]) ELSE p_words[i] END
                        || coalesce(' | ' || fixed[i], '');
        stem[i] := faq_stem(p_words[i]);
        fixed_stem[i] := faq_stem(fixed[i]);
    END LOOP;
    -- Only groups with a term whose first word is one of the query's can name anything;
    -- each of their terms is then matched word for word at every position.
    FOR g IN
        SELECT s.term_stems, s.term_operands FROM faq_synonym s
         WHERE s.library_id = p_library
           AND EXISTS (SELECT 1 FROM unnest(s.term_stems) AS t
                        WHERE split_part(t, ' ', 1) = ANY (stem) OR split_part(t, ' ', 1) = ANY (fixed_stem))
         ORDER BY s.id
    LOOP
        FOREACH term IN ARRAY g.term_stems LOOP
            parts := string_to_array(term, ' ');
            CONTINUE WHEN cardinality(parts) = 0 OR cardinality(parts) > n;
            FOR start IN 1..n - cardinality(parts) + 1 LOOP
                matched := true;
                FOR k IN 1..cardinality(parts) LOOP
                    IF parts[k] IS DISTINCT FROM stem[start + k - 1]
                       AND parts[k] IS DISTINCT FROM fixed_stem[start + k - 1] THEN
                        matched := false;
                        EXIT;
                    END IF;
                END LOOP;
                CONTINUE WHEN NOT matched;
                FOR k IN start..start + cardinality(parts) - 1 LOOP
                    FOREACH alt IN ARRAY g.term_operands LOOP
                        IF NOT alt = ANY (string_to_array(positions[k], ' | ')) THEN
                            positions[k] := positions[k] || ' | ' || alt;
                        END IF;
                    END LOOP;
                END LOOP;
            END LOOP;
        END LOOP;
    END LOOP;
    all_words := '';
    FOR i IN 1..n LOOP
        all_words := all_words || CASE WHEN i > 1 THEN ' & ' ELSE '' END || '(' || positions[i] || ')';
        FOREACH alt IN ARRAY string_to_array(positions[i], ' | ') LOOP
            IF NOT alt = ANY (any_list) THEN
                any_list := any_list || alt;
            END IF;
        END LOOP;
    END LOOP;
    any_word := array_to_string(any_list, ' | ');
END $$;

-- The search itself (see src/faq/search.rs for the tiers): entries with every word, then
-- (only when fewer than p_limit) entries with any word, each tier at most p_candidates
-- found through the GIN index and ranked; then (only when still fewer) entries whose
-- question is close to the whole query by trigram similarity, at most p_near_candidates.
-- Rows come best first within the word tiers and within the question tier; the hub merges.
CREATE FUNCTION faq_search(
    p_library         bigint,
    p_words           text[],
    -- The query's words, space separated (trigram similarity to questions).
    p_plain           text,
    p_drafts          boolean,
    p_language        text,
    p_limit           integer,
    p_candidates      integer,
    p_near_candidates integer,
    p_min_score       real
) RETURNS TABLE (id bigint, slug text, question text, short_answer text, language text, score real)
    LANGUAGE plpgsql STABLE
    SET pg_trgm.similarity_threshold = 0.3
    -- to_tsquery of a query of stop words only says so with a NOTICE; nobody reads it.
    SET client_min_messages = warning
AS $$
#variable_conflict use_column
DECLARE
    q      record;
    v_all  tsquery;
    v_any  tsquery;
    v_en   tsquery;
    v_es   tsquery;
    v_si   tsquery;
    found  bigint[] := '{}';
    hit    record;
BEGIN
    q := faq_tsqueries(p_library, p_words);
    IF q.all_words IS NULL THEN
        RETURN;
    END IF;
    v_en := to_tsquery('english', q.any_word);
    v_es := to_tsquery('spanish', q.any_word);
    v_si := to_tsquery('simple', q.any_word);
    v_all := to_tsquery('english', q.all_words) || to_tsquery('spanish', q.all_words)
             || to_tsquery('simple', q.all_words);
    v_any := v_en || v_es || v_si;
    -- Each tier's matches are a MATERIALIZED CTE read through a LIMIT: planned as a whole
    -- (so the GIN index serves it rather than a seq scan hoping to meet the limit early)
    -- but executed only as far as the LIMIT reads. The any-word tier's scan starts only
    -- when the all-words tier found fewer than p_limit. Candidates carry what ranking and
    -- the answer need, so no entry is looked up twice.
    FOR hit IN
        WITH all_words_match AS MATERIALIZED (
            SELECT e.id, e.slug, e.question, e.short_answer, e.language, e.search FROM faq_entry e
             WHERE e.search @@ v_all AND e.library_id = p_library
               AND (p_drafts OR e.status = 'published') AND (p_language IS NULL OR e.language = p_language)),
        all_words AS MATERIALIZED (SELECT * FROM all_words_match LIMIT p_candidates),
        any_word_match AS MATERIALIZED (
            SELECT e.id, e.slug, e.question, e.short_answer, e.language, e.search FROM faq_entry e
             WHERE e.search @@ v_any AND e.library_id = p_library
               AND (p_drafts OR e.status = 'published') AND (p_language IS NULL OR e.language = p_language)
               AND e.id NOT IN (SELECT a.id FROM all_words a)),
        any_word AS MATERIALIZED (
            SELECT * FROM any_word_match WHERE (SELECT count(*) FROM all_words) < p_limit LIMIT p_candidates),
        ranked AS MATERIALIZED (
            SELECT c.id, c.slug, c.question, c.short_answer, c.language,
                   (ts_rank('{0.1, 0.2, 0.4, 1.0}', c.search,
                            CASE c.language WHEN 'en' THEN v_en WHEN 'es' THEN v_es ELSE v_si END)
                    + 0.6 * similarity(lower(c.question), p_plain))::real AS score
              FROM (SELECT * FROM all_words UNION ALL SELECT * FROM any_word) c)
        SELECT r.id, r.slug, r.question, r.short_answer, r.language, r.score FROM ranked r
         WHERE r.score > p_min_score
         ORDER BY r.score DESC, r.id
         LIMIT p_limit
    LOOP
        found := found || hit.id;
        id := hit.id; slug := hit.slug; question := hit.question; short_answer := hit.short_answer;
        language := hit.language; score := hit.score;
        RETURN NEXT;
    END LOOP;
    IF cardinality(found) >= p_limit OR char_length(p_plain) < 3 THEN
        RETURN;
    END IF;
    -- Questions like the whole query ("how do i renw my bok"): `%` is what the trigram
    -- index serves, at this function's similarity threshold.
    RETURN QUERY
        WITH near_match AS MATERIALIZED (
            SELECT e.id, e.slug, e.question, e.short_answer, e.language FROM faq_entry e
             WHERE lower(e.question) % p_plain
               AND e.library_id = p_library AND (p_drafts OR e.status = 'published')
               AND (p_language IS NULL OR e.language = p_language)
               AND e.id <> ALL (found)),
        near AS MATERIALIZED (SELECT * FROM near_match LIMIT p_near_candidates)
        SELECT n.id, n.slug, n.question, n.short_answer, n.language,
               (0.6 * similarity(lower(n.question), p_plain))::real AS score
          FROM near n
         ORDER BY score DESC, n.id
         LIMIT p_limit;
END $$;

-- The sequencer numbers events after commit, so every event is inserted with seq NULL and
-- updated once. A plain UNIQUE (seq) indexed each NULL too, and kept the dead NULL entries
-- of every numbered event at the index's right end until vacuum: readers (seq > n, max(seq))
-- only ever look for numbered rows, so only they are indexed.
ALTER TABLE event DROP CONSTRAINT event_seq_key;
CREATE UNIQUE INDEX event_seq_key ON event (seq) WHERE seq IS NOT NULL;
