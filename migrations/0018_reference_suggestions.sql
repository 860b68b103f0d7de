-- Reference statistics, second part: suggesting a question type when a conversation is
-- resolved, and the service-point tally screen.
--
-- The suggestion compares the conversation's text with the library's recently classified
-- conversations (src/reports/suggest.rs). It reads them newest first, so they need an
-- index of their own: without it, finding the last few hundred classified conversations in
-- a library where staff classify one in twenty reads twenty times as many rows. Partial,
-- so it holds only the classified ones.
CREATE INDEX conversation_classified ON conversation (library_id, created_at DESC)
    WHERE question_type IS NOT NULL;

-- The tally screen shows what the caller counted today and undoes their last tally: by
-- staff member and time.
CREATE INDEX reference_tally_staff ON reference_tally (library_id, staff_id, at DESC);
