-- FAQ search reads its GIN indexes on every keystroke of a patron and writes them only when
-- staff edit an entry. With GIN's default fast update, writes go to a pending list that
-- every search then reads in full and that the planner prices in: after a bulk import of
-- entries (until the next vacuum) it chose to scan the whole table instead of the index.
-- Writing straight into the index costs little at the FAQ's write rate and keeps every
-- search on the index.
ALTER INDEX faq_entry_search SET (fastupdate = off);
ALTER INDEX faq_entry_question_trgm SET (fastupdate = off);
ALTER INDEX faq_word_trgm SET (fastupdate = off);
-- What is pending now moves into the index (turning fast update off leaves it pending).
SELECT gin_clean_pending_list('faq_entry_search'::regclass),
       gin_clean_pending_list('faq_entry_question_trgm'::regclass),
       gin_clean_pending_list('faq_word_trgm'::regclass);
