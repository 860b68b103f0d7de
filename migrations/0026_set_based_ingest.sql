-- Ingest as set-based statements: a batch of inbound messages costs a few statements, not
-- eight per message.
--
-- Why: accept_inbound_batch called accept_inbound once per item, and each of its eight
-- statements (lock, duplicate check, identity, contact, conversation look-up, message,
-- conversation update, event) paid executor start-up and a trip through SPI for one row.
-- Measured on one backend with batches of 64 (one patron in three new): 110-134 us of
-- Postgres CPU per message instead of 384 (benches/support/ingest.rs, "ceiling" and the
-- batch-size sweep).
--
-- The meaning is unchanged (src/inbox/ingest.rs owns it; tests/api/ingest.rs checks it):
-- - advisory locks on every sender address of the batch, taken in one statement in key
--   order, so two batches never wait on each other in a cycle;
-- - idempotent on (library, channel, provider_id): a stored message returns its ids with
--   created = false and writes nothing;
-- - a message from the same patron as an earlier item of the batch must see what that item
--   did (its new contact, its conversation). Items are therefore stored in rounds: round n
--   holds each patron's n-th item (a patron is the known contact of the sender address, or
--   the address itself when it is new), so within one round every item has a patron of its
--   own and the statement can place them all at once, with ids drawn in advance. Nearly
--   every batch is one round.
--
-- accept_inbound (one message) goes: nothing calls it any more, and one executor of the
-- rules is easier to keep right than two.

DROP FUNCTION accept_inbound(bigint, text, text, text, text, text, text, text, bigint, interval, bigint, timestamptz);

CREATE OR REPLACE FUNCTION accept_inbound_batch(p_items jsonb)
RETURNS TABLE (ord integer, contact_id bigint, conversation_id bigint, message_id bigint, created boolean)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
    v_total integer := jsonb_array_length(p_items);
    -- Items (by ord) stored or found stored so far.
    v_done  integer[] := '{}';
    v_before integer;
    r       record;
BEGIN
    -- Locks first: every look-up below must see what an earlier batch of these senders did.
    PERFORM pg_advisory_xact_lock(k)
       FROM (SELECT DISTINCT hashtextextended(i.library || '/' || i.channel || '/' || i.address, 0) AS k
               FROM jsonb_to_recordset(p_items) AS i(library bigint, channel text, address text)
              ORDER BY 1) keys;

    -- Rounds: each stores the first remaining item of every patron; nearly always one.
    WHILE cardinality(v_done) < v_total LOOP
        v_before := cardinality(v_done);
        FOR r IN
        WITH items AS MATERIALIZED (
            SELECT (i.o - 1)::integer AS ord, i.library, i.channel, i.address, i.display_name, i.provider_id,
                   i.subject, i.body, i.body_html, i.thread, i.team, i.received_at,
                   i.continue_within_secs * interval '1 second' AS continue_within
              FROM ROWS FROM (jsonb_to_recordset(p_items) AS (
                     library bigint, channel text, address text, display_name text, provider_id text,
                     subject text, body text, body_html text, thread bigint, continue_within_secs double precision,
                     team bigint, received_at timestamptz))
                   WITH ORDINALITY AS i(library, channel, address, display_name, provider_id, subject, body,
                                        body_html, thread, continue_within_secs, team, received_at, o)
             WHERE NOT (i.o - 1)::integer = ANY (v_done)
        ), identified AS MATERIALIZED (    -- the patron: the address's contact, or the new address
            SELECT it.*, ci.contact_id AS known_contact,
                   row_number() OVER (PARTITION BY it.library,
                                      coalesce(ci.contact_id::text, it.channel || '/' || it.address)
                                      ORDER BY it.ord) AS turn
              FROM items it
              LEFT JOIN LATERAL (
                    SELECT ci.contact_id FROM contact_identity ci
                     WHERE ci.library_id = it.library AND ci.channel = it.channel AND ci.address = it.address
                     ORDER BY ci.library_id, ci.channel, ci.address LIMIT 1) ci ON true
        ), mine AS MATERIALIZED (          -- this round's items: one per patron
            SELECT * FROM identified WHERE turn = 1
        ), stored AS MATERIALIZED (        -- retries of messages already stored
            SELECT it.ord, c.contact_id, m.conversation_id, m.id AS message_id
              FROM mine it
              JOIN LATERAL (
                    SELECT m.id, m.conversation_id FROM message m
                     WHERE m.library_id = it.library AND m.channel = it.channel
                       AND m.provider_id = it.provider_id AND m.direction = 'in'
                     ORDER BY m.library_id, m.channel, m.provider_id LIMIT 1) m ON true
              JOIN LATERAL (
                    SELECT c.contact_id FROM conversation c
                     WHERE c.library_id = it.library AND c.id = m.conversation_id
                     ORDER BY c.library_id, c.id LIMIT 1) c ON true
        ), fresh AS MATERIALIZED (
            SELECT it.*, CASE WHEN it.known_contact IS NULL THEN nextval('contact_id_seq') END AS new_contact
              FROM mine it
             WHERE NOT EXISTS (SELECT 1 FROM stored s WHERE s.ord = it.ord)
        ), picked AS MATERIALIZED (        -- the conversation each message continues, if any
            -- (a thread reference counts only if it is this patron's; a new patron has none)
            SELECT f.*, coalesce(f.known_contact, f.new_contact) AS contact,
                   CASE WHEN f.known_contact IS NOT NULL THEN coalesce(
                       (SELECT c.id FROM conversation c
                         WHERE c.library_id = f.library AND c.id = f.thread AND c.contact_id = f.known_contact
                         ORDER BY c.library_id, c.id LIMIT 1),
                       (SELECT c.id FROM conversation c
                         WHERE f.continue_within IS NOT NULL
                           AND c.library_id = f.library AND c.contact_id = f.known_contact AND c.channel = f.channel
                           AND (c.status <> 'resolved' OR c.resolved_at > f.received_at - f.continue_within)
                         ORDER BY c.library_id, c.contact_id, (c.status <> 'resolved') DESC, c.last_message_at DESC
                         LIMIT 1)) END AS continued
              FROM fresh f
        ), placed AS MATERIALIZED (        -- ids drawn now, so the writes below need no RETURNING
            SELECT p.*, coalesce(p.continued, nextval('conversation_id_seq')) AS conv,
                   nextval('message_id_seq') AS msg
              FROM picked p
        ), new_contact AS (
            INSERT INTO contact (id, library_id, display_name, preferred_channel, created_at, last_contact_at)
            OVERRIDING SYSTEM VALUE
            SELECT p.new_contact, p.library, p.display_name, p.channel, p.received_at, p.received_at
              FROM placed p WHERE p.new_contact IS NOT NULL
        ), new_identity AS (
            INSERT INTO contact_identity (library_id, contact_id, channel, address, created_at)
            SELECT p.library, p.new_contact, p.channel, p.address, p.received_at
              FROM placed p WHERE p.new_contact IS NOT NULL
        ), seen AS (
            UPDATE contact c SET last_contact_at = p.received_at,
                                 display_name = coalesce(c.display_name, p.display_name)
              FROM placed p
             WHERE p.known_contact IS NOT NULL AND c.library_id = p.library AND c.id = p.known_contact
               AND c.last_contact_at < p.received_at - interval '1 hour'
        ), new_conversation AS (
            INSERT INTO conversation (id, library_id, contact_id, channel, team_id, subject, created_at,
                                      waiting_since, last_message_at, message_count)
            OVERRIDING SYSTEM VALUE
            SELECT p.conv, p.library, p.contact, p.channel, p.team, p.subject, p.received_at,
                   p.received_at, p.received_at, 1
              FROM placed p WHERE p.continued IS NULL
        ), new_message AS (
            INSERT INTO message (id, library_id, conversation_id, direction, channel, body, body_html,
                                 provider_id, delivery_status, created_at)
            OVERRIDING SYSTEM VALUE
            SELECT p.msg, p.library, p.conv, 'in', p.channel, p.body, p.body_html, p.provider_id, 'received',
                   p.received_at
              FROM placed p
        ), reopened AS (                   -- a patron writing again puts it back in the queue;
                                           -- the wait starts at the first unanswered message
            UPDATE conversation c
               SET message_count   = c.message_count + g.n,
                   last_message_at = greatest(c.last_message_at, g.latest),
                   waiting_since   = coalesce(c.waiting_since, g.earliest),
                   status          = 'open',
                   snoozed_until   = NULL,
                   resolved_at     = NULL
              FROM (SELECT p.library, p.continued, count(*)::integer AS n, max(p.received_at) AS latest,
                           min(p.received_at) AS earliest
                      FROM placed p WHERE p.continued IS NOT NULL GROUP BY 1, 2) g
             WHERE c.library_id = g.library AND c.id = g.continued
        ), new_event AS (
            INSERT INTO event (library_id, kind, conversation_id, payload)
            SELECT p.library, 'message_created', p.conv,
                   jsonb_build_object('message_id', p.msg, 'direction', 'in', 'channel', p.channel,
                                      'contact_id', p.contact, 'new_conversation', p.continued IS NULL)
              FROM placed p ORDER BY p.ord
        )
        SELECT p.ord, p.contact, p.conv, p.msg, true AS created FROM placed p
        UNION ALL
        SELECT s.ord, s.contact_id, s.conversation_id, s.message_id, false FROM stored s
        LOOP
            v_done := v_done || r.ord;
            ord := r.ord; contact_id := r.contact; conversation_id := r.conv; message_id := r.msg;
            created := r.created;
            RETURN NEXT;
        END LOOP;
        IF cardinality(v_done) = v_before THEN
            RAISE EXCEPTION 'accept_inbound_batch: a round stored nothing (% of % items done)',
                cardinality(v_done), v_total;
        END IF;
    END LOOP;
END
$$;

-- Every look-up above is one item's, by the key of one index, and says so: LATERAL with
-- LIMIT, ordered by that index's columns (constant under the WHERE, so the order changes
-- nothing but the plan). A new database has no statistics until autovacuum's first
-- ANALYZE, and without them every index on library_id looks as good as the unique one;
-- measured: a generic plan that found a chat patron's identity through
-- contact_identity_contact read all of the library's identities for every message.
--
-- One plan per connection, made once, and always the plan of a few key look-ups per item.
-- Left to choose, plpgsql planned the big statement afresh on every call (measured: 1.3 ms
-- of planning per call, more than the work of storing 10 messages). And a plan made while
-- the tables are new or small (a fresh install, the first calls on a new connection before
-- autovacuum's ANALYZE) joined the batch to whole tables by seq scan and hash join, a plan
-- that got slower with every message stored (measured: 3.9 ms of Postgres CPU per message
-- after 60,000). A batch is at most a few hundred items, each looked up by an indexed key,
-- so neither is ever right here.
ALTER FUNCTION accept_inbound_batch(jsonb)
    SET plan_cache_mode = force_generic_plan
    SET enable_seqscan = off
    SET enable_hashjoin = off
    SET enable_mergejoin = off;
