-- accept_inbound: the whole of durable ingest for one patron message, in one round trip.
--
-- Why a function: ingest is the hot path (every email, text and chat line), and the work —
-- find or create the contact, find or open the conversation, store the message, update the
-- conversation, append the event — is five dependent statements. Done from the client that
-- is five round trips per message; here it is one, and callers can put many calls in one
-- transaction (group commit). The Rust side (src/inbox/ingest.rs) owns the meaning; this
-- is its executor.
--
-- Idempotent on (library, channel, provider_id): the same inbound twice returns the ids of
-- the first with created = false, and writes nothing.
--
-- Concurrency: an advisory transaction lock on the sender's address serialises arrivals from
-- one address, so a new patron who sends two texts at once becomes one contact with one
-- conversation. Batches take these locks in the order of their items, which the hub sorts
-- by address, so two batches never wait on each other in a cycle.
CREATE FUNCTION accept_inbound(
    p_library         bigint,
    p_channel         text,
    p_address         text,
    p_display_name    text,
    p_provider_id     text,
    p_subject         text,
    p_body            text,
    p_body_html       text,
    -- A conversation the channel believes this continues (email reference, chat session).
    -- Only honoured when it belongs to the same contact: a forged reference never joins
    -- someone else's conversation.
    p_thread          bigint,
    -- Continue the contact's latest conversation on this channel if it is not resolved, or
    -- was resolved within this window (SMS, chat). NULL: only p_thread continues.
    p_continue_within interval,
    p_team            bigint,
    p_received_at     timestamptz
) RETURNS TABLE (contact_id bigint, conversation_id bigint, message_id bigint, created boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_contact      bigint;
    v_conversation bigint;
    v_message      bigint;
    v_new_conv     boolean := false;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_library || '/' || p_channel || '/' || p_address, 0));

    SELECT m.conversation_id, m.id, c.contact_id
      INTO v_conversation, v_message, v_contact
      FROM message m JOIN conversation c ON c.library_id = m.library_id AND c.id = m.conversation_id
     WHERE m.library_id = p_library AND m.channel = p_channel AND m.provider_id = p_provider_id
       AND m.direction = 'in';
    IF FOUND THEN
        RETURN QUERY SELECT v_contact, v_conversation, v_message, false;
        RETURN;
    END IF;

    SELECT ci.contact_id INTO v_contact
      FROM contact_identity ci
     WHERE ci.library_id = p_library AND ci.channel = p_channel AND ci.address = p_address;
    IF NOT FOUND THEN
        INSERT INTO contact (library_id, display_name, preferred_channel, created_at, last_contact_at)
        VALUES (p_library, p_display_name, p_channel, p_received_at, p_received_at)
        RETURNING id INTO v_contact;
        INSERT INTO contact_identity (library_id, contact_id, channel, address, created_at)
        VALUES (p_library, v_contact, p_channel, p_address, p_received_at);
    ELSE
        -- Lifecycle needs the day of last contact, not the second: skip the write for a
        -- patron already seen in the last hour.
        UPDATE contact SET last_contact_at = p_received_at,
                           display_name = coalesce(display_name, p_display_name)
         WHERE library_id = p_library AND id = v_contact
           AND last_contact_at < p_received_at - interval '1 hour';
    END IF;

    IF p_thread IS NOT NULL THEN
        SELECT c.id INTO v_conversation
          FROM conversation c
         WHERE c.library_id = p_library AND c.id = p_thread AND c.contact_id = v_contact;
    END IF;

    IF v_conversation IS NULL AND p_continue_within IS NOT NULL THEN
        SELECT c.id INTO v_conversation
          FROM conversation c
         WHERE c.library_id = p_library AND c.contact_id = v_contact AND c.channel = p_channel
           AND (c.status <> 'resolved' OR c.resolved_at > p_received_at - p_continue_within)
         ORDER BY (c.status <> 'resolved') DESC, c.last_message_at DESC
         LIMIT 1;
    END IF;

    IF v_conversation IS NULL THEN
        INSERT INTO conversation (library_id, contact_id, channel, team_id, subject, created_at,
                                  waiting_since, last_message_at, message_count)
        VALUES (p_library, v_contact, p_channel, p_team, p_subject, p_received_at,
                p_received_at, p_received_at, 1)
        RETURNING id INTO v_conversation;
        v_new_conv := true;
    END IF;

    INSERT INTO message (library_id, conversation_id, direction, channel, body, body_html,
                         provider_id, delivery_status, created_at)
    VALUES (p_library, v_conversation, 'in', p_channel, p_body, p_body_html,
            p_provider_id, 'received', p_received_at)
    RETURNING id INTO v_message;

    -- A patron writing again reopens a resolved or snoozed conversation and puts it back in
    -- the queue; the wait starts at the first unanswered message.
    IF NOT v_new_conv THEN
    UPDATE conversation c
       SET message_count   = c.message_count + 1,
           last_message_at = greatest(c.last_message_at, p_received_at),
           waiting_since   = coalesce(c.waiting_since, p_received_at),
           status          = 'open',
           snoozed_until   = NULL,
           resolved_at     = NULL
     WHERE c.library_id = p_library AND c.id = v_conversation;
    END IF;

    INSERT INTO event (library_id, kind, conversation_id, payload)
    VALUES (p_library, 'message_created', v_conversation,
            jsonb_build_object('message_id', v_message, 'direction', 'in', 'channel', p_channel,
                               'contact_id', v_contact, 'new_conversation', v_new_conv));

    RETURN QUERY SELECT v_contact, v_conversation, v_message, true;
END
$$;

-- Group commit: many inbound messages in one round trip and one transaction. Items are
-- objects with the parameters of accept_inbound; results come back in item order.
CREATE FUNCTION accept_inbound_batch(p_items jsonb)
RETURNS TABLE (ord integer, contact_id bigint, conversation_id bigint, message_id bigint, created boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_item jsonb;
    v_ord  integer;
BEGIN
    FOR v_item, v_ord IN SELECT value, (o - 1)::integer FROM jsonb_array_elements(p_items) WITH ORDINALITY AS t(value, o) LOOP
        RETURN QUERY
        SELECT v_ord, a.contact_id, a.conversation_id, a.message_id, a.created
          FROM accept_inbound(
                 (v_item->>'library')::bigint, v_item->>'channel', v_item->>'address',
                 v_item->>'display_name', v_item->>'provider_id', v_item->>'subject',
                 v_item->>'body', v_item->>'body_html', (v_item->>'thread')::bigint,
                 (v_item->>'continue_within_secs')::double precision * interval '1 second',
                 (v_item->>'team')::bigint, (v_item->>'received_at')::timestamptz) a;
    END LOOP;
END
$$;
