-- FAQ search: plans that do not depend on the query's words, and a NOTIFY whenever
-- something a public search reads changes (every hub instance keeps recent results in
-- memory, src/faq/cache.rs, and forgets a library's on this signal).

-- faq_search's statements take the query's tsqueries as parameters. With custom plans
-- (plpgsql's default for the first calls and whenever they look cheaper) each call was
-- planned again for its words, from their frequencies in the last ANALYZE sample; a
-- generic plan is made once per connection from the table's size and the operators'
-- default selectivities, so every query of every library runs the same index-backed
-- plan whatever a fresh sample says, and no call pays the planning of five statements
-- (no match: 0.4 ms instead of 1.2 ms; 98 buffers either way). What made a no-match search
-- show ~1,250 buffers and 5-10 ms in a bench report was a call on a new connection:
-- plpgsql compiles the function and fills the catalog caches once per connection.
ALTER FUNCTION faq_search(bigint, text[], text, boolean, text, integer, integer, integer, real)
    SET plan_cache_mode = force_generic_plan;

-- The payload is the library whose search results may have changed, or '*' for every
-- library (a TRUNCATE). Several rows of one transaction send one notification per library
-- (Postgres folds identical notifications), delivered at commit.
CREATE FUNCTION faq_search_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_LEVEL = 'STATEMENT' THEN
        PERFORM pg_notify('refdesk_faq', '*');
    ELSE
        PERFORM pg_notify('refdesk_faq', (CASE TG_OP WHEN 'DELETE' THEN OLD.library_id ELSE NEW.library_id END)::text);
    END IF;
    RETURN NULL;
END $$;

-- Entries: a new one (even a draft: its words join the typo dictionary), a deleted one, and
-- any change of what search reads or returns. Views and votes are counted on every page
-- view and click and never change a search's results, so they send nothing.
CREATE TRIGGER faq_entry_search_changed AFTER INSERT OR DELETE ON faq_entry
    FOR EACH ROW EXECUTE FUNCTION faq_search_changed();
CREATE TRIGGER faq_entry_search_changed_update AFTER UPDATE ON faq_entry
    FOR EACH ROW
    WHEN ((OLD.slug, OLD.question, OLD.short_answer, OLD.language, OLD.status, OLD.search)
          IS DISTINCT FROM (NEW.slug, NEW.question, NEW.short_answer, NEW.language, NEW.status, NEW.search))
    EXECUTE FUNCTION faq_search_changed();
-- Synonyms, and the typo dictionary (filled by the triggers above; a direct write counts too).
CREATE TRIGGER faq_synonym_search_changed AFTER INSERT OR UPDATE OR DELETE ON faq_synonym
    FOR EACH ROW EXECUTE FUNCTION faq_search_changed();
CREATE TRIGGER faq_word_search_changed AFTER INSERT OR UPDATE OR DELETE ON faq_word
    FOR EACH ROW EXECUTE FUNCTION faq_search_changed();
CREATE TRIGGER faq_entry_search_truncated AFTER TRUNCATE ON faq_entry
    FOR EACH STATEMENT EXECUTE FUNCTION faq_search_changed();
CREATE TRIGGER faq_synonym_search_truncated AFTER TRUNCATE ON faq_synonym
    FOR EACH STATEMENT EXECUTE FUNCTION faq_search_changed();
CREATE TRIGGER faq_word_search_truncated AFTER TRUNCATE ON faq_word
    FOR EACH STATEMENT EXECUTE FUNCTION faq_search_changed();
