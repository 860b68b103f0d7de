-- Self-service answers: a public FAQ per library that patrons search before (or instead of)
-- asking, its synonyms, the searches that found nothing, and the questions it answered.

-- Trigram similarity for typo tolerance. A trusted extension since PostgreSQL 13, so the
-- database owner (the `refdesk` role scripts/lib.sh creates, no superuser) may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The text-search configuration for an entry's language: stemming and stop words for the
-- languages we know, 'simple' (lower-casing only) for every other.
CREATE FUNCTION faq_ts_config(language text) RETURNS regconfig
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig
                         ELSE 'simple'::regconfig END $$;

CREATE TABLE faq_entry (
    library_id        bigint NOT NULL REFERENCES library (id),
    id                bigint GENERATED ALWAYS AS IDENTITY,
    -- The entry's own link: /faq/{library}/{slug}. Never all digits (an id in the same place).
    slug              text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$' AND slug ~ '[a-z]'),
    question          text NOT NULL CHECK (length(question) BETWEEN 3 AND 300),
    -- Only ever stored after the allow-list sanitiser ran over it.
    answer_html       text NOT NULL CHECK (length(answer_html) BETWEEN 1 AND 20000),
    -- The answer as plain text (search, the widget, email).
    answer_text       text NOT NULL,
    -- One or two sentences that answer by themselves (SMS, suggestions).
    short_answer      text NOT NULL CHECK (length(short_answer) BETWEEN 1 AND 320),
    topics            text[] NOT NULL DEFAULT '{}',
    -- ISO 639-1 code, e.g. 'en', 'es'.
    language          text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2}$'),
    team_id           bigint,
    status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    published_at      timestamptz,
    last_reviewed_at  timestamptz,
    -- Due for review this many days after the last review (or creation).
    review_every_days integer NOT NULL DEFAULT 180 CHECK (review_every_days BETWEEN 1 AND 3650),
    views             bigint NOT NULL DEFAULT 0,
    helpful_count     bigint NOT NULL DEFAULT 0,
    -- The conversation a draft was made from (kept only as a pointer; no text is copied back).
    source_conversation_id bigint,
    created_by        bigint,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- Question (A), topics (B), short answer (C) and answer (D), stemmed in the entry's language.
    search            tsvector NOT NULL DEFAULT ''::tsvector,
    PRIMARY KEY (library_id, id),
    CONSTRAINT faq_entry_slug_key UNIQUE (library_id, slug),
    FOREIGN KEY (library_id, team_id) REFERENCES team (library_id, id) ON DELETE SET NULL (team_id),
    FOREIGN KEY (library_id, created_by) REFERENCES staff (library_id, id) ON DELETE SET NULL (created_by),
    FOREIGN KEY (library_id, source_conversation_id) REFERENCES conversation (library_id, id)
        ON DELETE SET NULL (source_conversation_id),
    CHECK ((status = 'published') = (published_at IS NOT NULL))
);
CREATE INDEX faq_entry_search ON faq_entry USING gin (search);
CREATE INDEX faq_entry_question_trgm ON faq_entry USING gin (lower(question) gin_trgm_ops);
CREATE INDEX faq_entry_popular ON faq_entry (library_id, status, views DESC);

-- Words the library's entries and synonyms use, for correcting a patron's misspelling to
-- the nearest one (trigram similarity). Only grows; a stale word merely matches nothing.
CREATE TABLE faq_word (
    library_id  bigint NOT NULL REFERENCES library (id),
    word        text NOT NULL CHECK (length(word) BETWEEN 1 AND 40),
    PRIMARY KEY (library_id, word)
);
CREATE INDEX faq_word_trgm ON faq_word USING gin (word gin_trgm_ops);

-- A group of words or phrases a library treats as the same ("renew", "extend", "keep longer").
CREATE TABLE faq_synonym (
    library_id  bigint NOT NULL REFERENCES library (id),
    id          bigint GENERATED ALWAYS AS IDENTITY,
    terms       text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
    PRIMARY KEY (library_id, id)
);

CREATE FUNCTION faq_words_of(body text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT w FROM regexp_split_to_table(lower(body), '[^[:alnum:]]+') AS w
     WHERE length(w) BETWEEN 3 AND 40 AND w !~ '[0-9]' $$;

-- Keeps an entry's search vector and the library's word list current on every write.
CREATE FUNCTION faq_entry_index() RETURNS trigger LANGUAGE plpgsql AS $$
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
    RETURN NEW;
END $$;
CREATE TRIGGER faq_entry_index BEFORE INSERT OR UPDATE OF question, topics, short_answer, answer_text, language
    ON faq_entry FOR EACH ROW EXECUTE FUNCTION faq_entry_index();

CREATE FUNCTION faq_synonym_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO faq_word (library_id, word)
        SELECT DISTINCT NEW.library_id, w FROM faq_words_of(array_to_string(NEW.terms, ' ')) AS w
        ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER faq_synonym_words AFTER INSERT OR UPDATE ON faq_synonym
    FOR EACH ROW EXECUTE FUNCTION faq_synonym_words();

-- Searches that found nothing, counted per day. The text is what a patron typed, so only a
-- normalised form is kept (lower case, words only; anything with a digit, an @ or a link,
-- and capitalised words that may be names, removed before it gets here) and only for
-- faq::MISS_RETENTION_DAYS (housekeeping deletes older days).
CREATE TABLE faq_search_miss (
    library_id  bigint NOT NULL REFERENCES library (id),
    day         date NOT NULL,
    query       text NOT NULL CHECK (length(query) BETWEEN 1 AND 100),
    searches    integer NOT NULL DEFAULT 1,
    PRIMARY KEY (library_id, day, query)
);

-- "This answered my question", counted per entry, day and where it was said.
CREATE TABLE faq_deflection (
    library_id  bigint NOT NULL,
    entry_id    bigint NOT NULL,
    day         date NOT NULL,
    source      text NOT NULL CHECK (source IN ('page', 'widget', 'sms', 'email')),
    count       integer NOT NULL DEFAULT 1,
    PRIMARY KEY (library_id, entry_id, day, source),
    FOREIGN KEY (library_id, entry_id) REFERENCES faq_entry (library_id, id) ON DELETE CASCADE
);
