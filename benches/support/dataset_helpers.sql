CREATE SCHEMA bench;
CREATE TABLE bench.dataset (
    spec               text NOT NULL,
    generated_in_secs  double precision NOT NULL,
    contacts           bigint NOT NULL,
    conversations      bigint NOT NULL,
    messages           bigint NOT NULL,
    generated_at       timestamptz NOT NULL DEFAULT now()
);
-- A non-negative pseudo-random number for (x, seed).
CREATE FUNCTION bench.h(x bigint, seed bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN hashint8extended(x, seed) & 9223372036854775807;
-- Ids are interleaved across libraries (40/20/20/20) as they would be in one shared table.
CREATE FUNCTION bench.lib(x bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (ARRAY[1, 1, 1, 1, 2, 2, 3, 3, 4, 4]::bigint[])[((x - 1) % 10) + 1];
CREATE FUNCTION bench.team_first(l bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (ARRAY[1, 6, 10, 13]::bigint[])[l];
CREATE FUNCTION bench.team_count(l bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (ARRAY[5, 4, 3, 4]::bigint[])[l];
-- Half the patrons email, 30% text, 10% chat, 10% answer surveys.
CREATE FUNCTION bench.channel(c bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (ARRAY['email', 'email', 'email', 'email', 'email', 'sms', 'sms', 'sms', 'chat', 'survey'])[1 + bench.h(c, 12) % 10];
CREATE FUNCTION bench.address(ch text, c bigint) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE ch WHEN 'email' THEN 'patron' || c || '@mail.example'
                   WHEN 'sms' THEN '+1555' || lpad(c::text, 7, '0')
                   WHEN 'chat' THEN 'chat-' || md5(c::text)
                   ELSE 'survey-' || c END;
-- A message body from a seed: patrons ask, staff answer. "renew" is in 1 question of 8;
-- microfiche, genealogy, braille and notary are each in about 1 patron message of 500.
CREATE FUNCTION bench.body(h bigint, inbound boolean) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN inbound THEN
        (ARRAY['Hi,', 'Hello,', 'Good morning,', 'Hi there,', 'Dear library,', 'Hello again,', 'Quick question:', 'Excuse me,'])[1 + (h & 7)]
        || ' ' || (ARRAY[
            'Can I renew my books online?', 'How many times can I renew a DVD?',
            'Could you renew my items for another three weeks?', 'My card expired, how do I renew it?',
            'Is the library open on Sunday afternoon?', 'I would like to place a hold on the new mystery novel.',
            'Do you have study rooms I can book for tomorrow?', 'I think I was charged a fine for a book I returned.',
            'Can you recommend picture books about dinosaurs?', 'Where can I print a document from my phone?',
            'Is there storytime for toddlers this week?', 'I lost my library card, what should I do?',
            'Can I borrow a laptop or a hotspot?', 'Do you offer help with job applications?',
            'I need an article from a journal you do not have.', 'How do I get e-books on my tablet?',
            'Is the parking lot open during the construction?', 'Can I donate a box of paperbacks?',
            'What time does the branch close on holidays?', 'I am looking for local newspapers from the 1950s.',
            'Could you help me find a book about gardening?', 'My hold says ready but I cannot find it on the shelf.',
            'Are there any English conversation classes?', 'I want to reserve the meeting room for a club.',
            'How do I reset my PIN for the online catalog?', 'Do you have audiobooks in Spanish?',
            'Can my child get a library card without me?', 'The self-checkout machine did not give me a receipt.',
            'Is tax form help available this year?', 'Can I suggest a book for the collection?',
            'Where can I find the interlibrary loan form?', 'Do you have museum passes to borrow?'])[1 + ((h >> 3) & 31)]
        || ' ' || (ARRAY[
            'Thanks in advance.', 'My card number ends in 4821.', 'I will come by after work.', 'It is for a school project.',
            'No rush.', 'I asked at the desk last week.', 'My daughter is asking.', 'Please text me back.',
            'I tried the website but got stuck.', 'I am a new patron.', 'The title is on the receipt.', 'Appreciate your help!',
            'I am at the Eastside branch.', 'It is due on Friday.', 'Sorry for the trouble.', 'Is that possible?'])[1 + ((h >> 8) & 15)]
        || CASE (h >> 12) & 511
               WHEN 0 THEN ' Also, is the microfiche reader working this week?'
               WHEN 1 THEN ' I am also researching my family genealogy.'
               WHEN 2 THEN ' Do you have this in braille?'
               WHEN 3 THEN ' Is there a notary at the branch?'
               ELSE '' END
    ELSE
        (ARRAY['Thanks for reaching out!', 'Hi, thanks for your message.', 'Happy to help.', 'Good question!'])[1 + (h & 3)]
        || ' ' || (ARRAY[
            'You can renew up to three times online or by phone.', 'I placed the hold for you; we will text you when it arrives.',
            'Our hours are on the website; on Sunday we open at 1 pm.', 'I waived the fine since the book came back on time.',
            'Study rooms can be booked up to two weeks ahead.', 'Bring a photo ID and proof of address to the front desk.',
            'I sent you a link to our e-book app.', 'We can request that through interlibrary loan.',
            'Storytime is on Tuesday and Thursday at 10.', 'Laptops can be borrowed for two weeks.',
            'I found three titles on the shelf and put them on hold.', 'Your PIN has been reset; check your email.',
            'The meeting room is free that evening; I booked it for you.', 'The printer accepts uploads from your phone.',
            'We do have that in Spanish; it is on hold for you.', 'I forwarded your question to our local history team.'])[1 + ((h >> 2) & 15)]
        || ' ' || (ARRAY['Best, the reference desk', 'Have a great day!', 'Let us know if there is anything else.', 'See you soon!'])[1 + ((h >> 6) & 3)]
    END;
