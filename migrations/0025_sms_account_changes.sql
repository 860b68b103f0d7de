-- SMS webhooks read their library and account from a cache in each hub instance
-- (src/sms/accounts.rs) instead of a query per webhook. Whoever changes a library or its
-- SMS account (the settings API, an operator's SQL, an erasure), every instance hears of
-- it when the change commits: the payload is the library's id, and the instances forget
-- what they remember of that library.
CREATE FUNCTION notify_sms_account_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    v_row record;
BEGIN
    IF TG_OP = 'DELETE' THEN
        v_row := OLD;
    ELSE
        v_row := NEW;
    END IF;
    IF TG_TABLE_NAME = 'library' THEN
        PERFORM pg_notify('refdesk_sms_account', v_row.id::text);
    ELSE
        PERFORM pg_notify('refdesk_sms_account', v_row.library_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sms_account_changed AFTER INSERT OR UPDATE OR DELETE ON sms_account
    FOR EACH ROW EXECUTE FUNCTION notify_sms_account_changed();

-- A new library needs no notice (unknown slugs are never remembered); a renamed or
-- re-slugged one does.
CREATE TRIGGER library_changed_for_sms AFTER UPDATE OR DELETE ON library
    FOR EACH ROW EXECUTE FUNCTION notify_sms_account_changed();
