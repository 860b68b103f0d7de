-- Realtime latency: the event sequencer's pass and a patron's chat message, each in one
-- round trip and one commit.
--
-- Why: every round trip on the delivery path (patron message -> staff console frame) is a
-- wake-up of two processes, and on a busy machine each wake-up can wait for a core. The
-- sequencer pass used to be six statements (BEGIN, SET LOCAL, lock, UPDATE, NOTIFY,
-- COMMIT) and a chat message eight in two transactions.

-- Numbers every committed, unnumbered event in insert order (at most p_limit), notifies
-- p_channel with the highest number, and returns the numbered rows in sequence order so
-- the calling hub instance can fan them out without reading them back.
--
-- The contract is unchanged: events are appended unnumbered in the writer's transaction
-- and numbered after its COMMIT; passes are serialised by a transaction-level advisory
-- lock, so numbers are handed out in the commit order of passes and a reader that has
-- seen N has seen every event numbered below N. Call it outside an explicit transaction:
-- each statement of this VOLATILE function takes a new snapshot, so the statements after
-- the lock see everything the previous pass committed.
CREATE FUNCTION sequence_events(p_channel text, p_limit integer)
RETURNS TABLE (seq bigint, library_id bigint, kind text, conversation_id bigint, payload jsonb,
               created_at timestamptz)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_top bigint;
    v_count bigint;
BEGIN
    -- Numbering is derived data: if Postgres crashed before this commit reached disk, the
    -- rows are numbered again, and a console whose cursor is past the new head is told to
    -- reload. So this commit need not wait for the disk (local to this transaction).
    PERFORM set_config('synchronous_commit', 'off', true);
    PERFORM pg_advisory_xact_lock(hashtextextended('refdesk/event-sequencer', 0));
    SELECT coalesce(max(e.seq), 0) INTO v_top FROM event e;
    RETURN QUERY
    WITH pending AS (
        SELECT p.id, row_number() OVER (ORDER BY p.id) AS n
          FROM (SELECT e.id FROM event e WHERE e.seq IS NULL ORDER BY e.id LIMIT p_limit) p
    ), numbered AS (
        UPDATE event e SET seq = v_top + pending.n
          FROM pending WHERE e.id = pending.id
        RETURNING e.seq, e.library_id, e.kind, e.conversation_id, e.payload, e.created_at
    )
    SELECT * FROM numbered ORDER BY seq;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
        -- Numbers of one pass are contiguous: the highest is v_top + v_count.
        PERFORM pg_notify(p_channel, (v_top + v_count)::text);
    END IF;
END
$$;

-- What a chat needs beyond ingest once a patron message is stored: the session follows the
-- conversation (and every hub instance's sockets of the session hear so through
-- p_live_channel when this commits), and a chat that was abandoned, or lacks the chat
-- team or a subject, is put back in the chat team's queue (with its event).
CREATE FUNCTION chat_bind(p_library bigint, p_session bigint, p_contact bigint, p_conversation bigint,
                          p_team bigint, p_created boolean, p_live_channel text)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat_session s SET contact_id = p_contact, conversation_id = p_conversation, ended_at = NULL
     WHERE s.library_id = p_library AND s.id = p_session
       AND (s.conversation_id IS DISTINCT FROM p_conversation OR s.contact_id IS DISTINCT FROM p_contact);
    IF FOUND THEN
        PERFORM pg_notify(p_live_channel, json_build_object(
            'library_id', p_library,
            'frame', json_build_object('type', 'chat_session_bound', 'session', p_session,
                                       'conversation_id', p_conversation))::text);
    END IF;
    IF p_created THEN
        UPDATE conversation c SET team_id = coalesce(c.team_id, p_team), abandoned_at = NULL,
                                  subject = coalesce(c.subject, 'Web chat')
         WHERE c.library_id = p_library AND c.id = p_conversation
           AND ((c.team_id IS NULL AND p_team IS NOT NULL) OR c.abandoned_at IS NOT NULL OR c.subject IS NULL);
        IF FOUND THEN
            INSERT INTO event (library_id, kind, conversation_id, payload)
            VALUES (p_library, 'conversation_changed', p_conversation,
                    jsonb_build_object('change', jsonb_build_object('team_id', p_team)));
        END IF;
    END IF;
END
$$;

-- A patron's chat message in one statement (one round trip, one commit): ingest's own
-- accept_inbound_batch for the item the hub built (a new chat opens in the chat team's
-- queue, titled 'Web chat'), then chat_bind. `alone`: the message is the only one of its
-- conversation, so a socket has nothing earlier of it to catch up on.
CREATE FUNCTION chat_accept(p_item jsonb, p_session bigint, p_live_channel text)
RETURNS TABLE (contact_id bigint, conversation_id bigint, message_id bigint, created boolean, alone boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_library bigint := (p_item->>'library')::bigint;
    v_contact bigint;
    v_conversation bigint;
    v_message bigint;
    v_created boolean;
BEGIN
    SELECT a.contact_id, a.conversation_id, a.message_id, a.created
      INTO v_contact, v_conversation, v_message, v_created
      FROM accept_inbound_batch(jsonb_build_array(p_item)) a;
    PERFORM chat_bind(v_library, p_session, v_contact, v_conversation, (p_item->>'team')::bigint, v_created,
                      p_live_channel);
    RETURN QUERY
    SELECT v_contact, v_conversation, v_message, v_created,
           NOT EXISTS (SELECT 1 FROM message m
                        WHERE m.library_id = v_library AND m.conversation_id = v_conversation
                          AND m.id <> v_message);
END
$$;
