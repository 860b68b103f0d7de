-- FAQ search with less Postgres CPU per search (issue 10: p99 under 20 ms over 10,000
-- entries with 8 clients on 2 cores is a matter of CPU per search). The same results, to
-- the same scores; what changes is how they are found. Measured over the 106 fixture
-- queries on the bench's 10,000 entries (perf on the backend, auto_explain per statement):
-- * the tsqueries handed to the index were the three configurations' forms OR-ed, so a
--   word that all three stem alike ('book', 'renew') was three scan entries, each reading
--   the word's posting list again (GIN never merges the entries of a tsquery);
-- * the last word's prefix ('book':*) was a partial match: GIN gathers every TID of every
--   key with the prefix into a bitmap, sorts it and walks it, twice the cost of the same
--   keys asked exactly (and that three times, once per configuration);
-- * ranking computed pg_trgm's similarity of each candidate's question to the query,
--   making both strings' trigrams afresh each time: a fifth of the CPU;
-- * faq_tsqueries planned its two statements again on every call and ran faq_stem and
--   faq_last_operand through the SQL-function executor: a third of its time.

-- Every lexeme of the library's entries' search vectors: a prefix in a search is asked of
-- the index as the library's lexemes that have it, exactly (a tsvector prefix matches the
-- lexemes that start with its bytes, which these are in byte order). Only grows, like
-- faq_word: a stale lexeme only costs the index a lookup that finds nothing.
CREATE TABLE faq_lexeme (
    library_id  bigint NOT NULL REFERENCES library (id),
    lexeme      text COLLATE "C" NOT NULL,
    PRIMARY KEY (library_id, lexeme)
);
INSERT INTO faq_lexeme (library_id, lexeme)
    SELECT DISTINCT e.library_id, l FROM faq_entry e, unnest(tsvector_to_array(e.search)) AS l;

-- The unique trigrams of each entry's lower-cased question (pg_trgm's show_trgm, which
-- names each trigram by a text of its own) as the lexemes of a tsvector. pg_trgm's
-- similarity is shared / union trigrams, and the union is this vector concatenated with
-- the query's (a merge of two sorted arrays): ranking makes no trigram of a question
-- (measured: 1.3 us a candidate, where similarity() took 9.6 lower-casing through wide
-- characters and sorting).
ALTER TABLE faq_entry
    ADD COLUMN question_trigrams tsvector
        GENERATED ALWAYS AS (array_to_tsvector(show_trgm(lower(question)))) STORED;

-- As in 0012, and each new lexeme into faq_lexeme.
CREATE OR REPLACE FUNCTION faq_entry_index() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig := faq_ts_config(NEW.language);
BEGIN
    NEW.search := setweight(to_tsvector(cfg, NEW.question), 'A')
               || setweight(to_tsvector(cfg, array_to_string(NEW.topics, ' ')), 'B')
               || setweight(to_tsvector(cfg, NEW.short_answer), 'C')
               || setweight(to_tsvector(cfg, NEW.answer_text), 'D');
    INSERT INTO faq_word (library_id, word)
        SELECT DISTINCT NEW.library_id, w
          FROM faq_words_of(NEW.question || ' ' || array_to_string(NEW.topics, ' ') || ' ' || NEW.short_answer) AS w
        ON CONFLICT DO NOTHING;
    INSERT INTO faq_lexeme (library_id, lexeme)
        SELECT NEW.library_id, l FROM unnest(tsvector_to_array(NEW.search)) AS l
        ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;

-- A lexeme as a tsquery operand (quoted; a quote doubled, a backslash escaped).
CREATE FUNCTION faq_quote_lexeme(lexeme text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || '''' $$;

-- Most lexemes a prefix is asked as; a prefix with more stays a prefix.
CREATE FUNCTION faq_prefix_lexemes_max() RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT 16 $$;

-- faq_stem and faq_last_operand as in 0021, without STRICT: a CASE (which may return a
-- value for a NULL) keeps a STRICT SQL function from being inlined, so faq_tsqueries
-- called each through the SQL-function executor, several times per word. Each already
-- returns NULL for NULL.
CREATE OR REPLACE FUNCTION faq_stem(word text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN octet_length(word) > 5 AND right(word, 3) = 'ing' THEN left(word, -3)
        WHEN octet_length(word) > 4 AND right(word, 2) IN ('ed', 'es') THEN left(word, -2)
        WHEN octet_length(word) > 3 AND right(word, 1) = 's' THEN left(word, -1)
        ELSE word END $$;
CREATE OR REPLACE FUNCTION faq_last_operand(word text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN char_length(word) >= 3 THEN word || ':*' ELSE word END $$;

-- faq_tsqueries as in 0021 (the same texts), but for how a query word is found to be known,
-- and planned once per connection: with plpgsql's default its two statements were planned
-- again on every call (a quarter of its time), their custom plans looking cheaper.
CREATE OR REPLACE FUNCTION faq_tsqueries(p_library bigint, p_words text[], OUT all_words text, OUT any_word text)
    LANGUAGE plpgsql STABLE
    -- pg_trgm's default, set here so a changed server default changes nothing.
    SET pg_trgm.similarity_threshold = 0.3
    SET plan_cache_mode = force_generic_plan
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
           -- A scalar subquery: a look-up in the primary key per word. As NOT EXISTS its
           -- generic plan was an anti join that hashed the library's whole word list per call.
           AND (SELECT true FROM faq_word v WHERE v.library_id = p_library AND v.word = t.w) IS NULL
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

-- faq_search as in 0021 (the same tiers, candidates and scores), with the index asked
-- for each operand once and for prefixes as lexemes, and the similarity counted from the
-- question's stored trigrams.
CREATE OR REPLACE FUNCTION faq_search(
    p_library         bigint,
    p_words           text[],
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
    SET client_min_messages = warning
    -- As 0023 set it (a replaced function keeps only the settings it names).
    SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
    q         record;
    v_en      tsquery;
    v_es      tsquery;
    v_si      tsquery;
    -- What the index is asked: the matches of 0021's v_all and v_any, fewer scan entries.
    v_all     tsquery;
    v_any     tsquery;
    all_forms text[];
    all_once  text[] := '{}';
    ops       text[] := '{}';
    any_ops   text[] := '{}';
    prefixes  text[] := '{}';
    op        text;
    x         record;
    -- The query's trigrams, as pg_trgm's similarity() makes them.
    plain_trigrams tsvector;
    found     bigint[] := '{}';
    hit       record;
BEGIN
    q := faq_tsqueries(p_library, p_words);
    IF q.all_words IS NULL THEN
        RETURN;
    END IF;
    -- Ranking reads the any-word query in the entry's language, as before.
    v_en := to_tsquery('english', q.any_word);
    v_es := to_tsquery('spanish', q.any_word);
    v_si := to_tsquery('simple', q.any_word);
    -- The all-words query in each configuration (three texts, often alike).
    all_forms := ARRAY[to_tsquery('english', q.all_words)::text, to_tsquery('spanish', q.all_words)::text,
                       to_tsquery('simple', q.all_words)::text];
    -- The any-word operands of the three configurations, each once. With these
    -- configurations an OR of words and phrases prints flat, its operands between ' | '
    -- (no dictionary here gives a word variants, the one way to a nested group).
    FOREACH op IN ARRAY string_to_array(v_en::text, ' | ') || string_to_array(v_es::text, ' | ')
                        || string_to_array(v_si::text, ' | ') LOOP
        IF NOT op = ANY (ops) THEN
            ops := ops || op;
            -- A prefix operand: 'word':* (query words are letters and digits, unquoted).
            IF right(op, 2) = ':*' THEN
                prefixes := prefixes || substr(op, 2, length(op) - 4);
            END IF;
        END IF;
    END LOOP;
    -- Each prefix as the library's lexemes that have it (an index range each).
    IF cardinality(prefixes) > 0 THEN
        FOR x IN
            SELECT '''' || p.p || ''':*' AS op,
                   ARRAY(SELECT faq_quote_lexeme(l.lexeme) FROM faq_lexeme l
                          WHERE l.library_id = p_library AND l.lexeme >= p.p COLLATE "C"
                            AND l.lexeme < (p.p || chr(1114111)) COLLATE "C"
                          ORDER BY l.lexeme LIMIT faq_prefix_lexemes_max() + 1) AS lexemes
              FROM unnest(prefixes) AS p(p)
        LOOP
            CONTINUE WHEN cardinality(x.lexemes) NOT BETWEEN 1 AND faq_prefix_lexemes_max();
            all_forms := ARRAY[replace(all_forms[1], x.op, '( ' || array_to_string(x.lexemes, ' | ') || ' )'),
                               replace(all_forms[2], x.op, '( ' || array_to_string(x.lexemes, ' | ') || ' )'),
                               replace(all_forms[3], x.op, '( ' || array_to_string(x.lexemes, ' | ') || ' )')];
            ops := array_remove(ops, x.op) || x.lexemes;
        END LOOP;
    END IF;
    -- Each operand once, and no phrase with a word that is an operand by itself (every
    -- entry with the phrase has the word).
    FOREACH op IN ARRAY ops LOOP
        CONTINUE WHEN op = ANY (any_ops)
                   OR (strpos(op, '> ') > 0 AND regexp_split_to_array(op, ' <(\d+|-)> ') && ops);
        any_ops := any_ops || op;
    END LOOP;
    v_any := array_to_string(any_ops, ' | ')::tsquery;
    FOREACH op IN ARRAY all_forms LOOP
        IF op <> '' AND NOT ('( ' || op || ' )') = ANY (all_once) THEN
            all_once := all_once || ('( ' || op || ' )');
        END IF;
    END LOOP;
    v_all := array_to_string(all_once, ' | ')::tsquery;
    plain_trigrams := array_to_tsvector(show_trgm(p_plain));
    -- The tiers as in 0021, each match ranked as it is read (only what a tier's LIMIT
    -- reads is ranked, and the search vector goes no further), to the same score.
    FOR hit IN
        WITH all_words_match AS MATERIALIZED (
            SELECT e.id, e.slug, e.question, e.short_answer, e.language,
                   ts_rank('{0.1, 0.2, 0.4, 1.0}', e.search,
                           CASE e.language WHEN 'en' THEN v_en WHEN 'es' THEN v_es ELSE v_si END) AS rank,
                   length(e.question_trigrams) AS trigrams,
                   length(e.question_trigrams || plain_trigrams) AS trigrams_union
              FROM faq_entry e
             WHERE e.search @@ v_all AND e.library_id = p_library
               AND (p_drafts OR e.status = 'published') AND (p_language IS NULL OR e.language = p_language)),
        all_words AS MATERIALIZED (SELECT * FROM all_words_match LIMIT p_candidates),
        any_word_match AS MATERIALIZED (
            SELECT e.id, e.slug, e.question, e.short_answer, e.language,
                   ts_rank('{0.1, 0.2, 0.4, 1.0}', e.search,
                           CASE e.language WHEN 'en' THEN v_en WHEN 'es' THEN v_es ELSE v_si END) AS rank,
                   length(e.question_trigrams) AS trigrams,
                   length(e.question_trigrams || plain_trigrams) AS trigrams_union
              FROM faq_entry e
             WHERE e.search @@ v_any AND e.library_id = p_library
               AND (p_drafts OR e.status = 'published') AND (p_language IS NULL OR e.language = p_language)
               AND e.id NOT IN (SELECT a.id FROM all_words a)),
        any_word AS MATERIALIZED (
            SELECT * FROM any_word_match WHERE (SELECT count(*) FROM all_words) < p_limit LIMIT p_candidates),
        -- ts_rank + 0.6 * similarity(lower(question), p_plain), the similarity as pg_trgm
        -- computes it: shared trigrams over the union, a real (0 without trigrams).
        ranked AS MATERIALIZED (
            SELECT c.id, c.slug, c.question, c.short_answer, c.language,
                   (c.rank + 0.6 * ((c.trigrams + length(plain_trigrams) - c.trigrams_union)::real
                                    / greatest(c.trigrams_union, 1)::real))::real AS score
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
    -- Questions like the whole query, as in 0021.
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
