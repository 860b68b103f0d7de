/**
 * Generated from web/openapi.json by scripts/gen-types.mjs (npm run types). Do not edit.
 */

export interface paths {
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who opened, exported, merged, split or erased which record, and when (admins). */
        get: operations["get_audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Asks for a password reset link by email ("forgot password").
         * @description Always 202 with the same body, as fast whether or not an account exists: the link is
         *     mailed afterwards, through the library's own mailbox, to each active account with the
         *     address. Limited per client address and per address asked for (429 with Retry-After).
         */
        post: operations["post_auth_password_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/password-reset/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sets a new password with a reset link's token. The link then no longer works, every
         *     session of the account ends (open consoles close), and the audit log records it.
         *     Limited per client address (429 with Retry-After).
         */
        post: operations["post_auth_password_reset_complete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/canned-responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's shared responses and the caller's own. */
        get: operations["get_canned_responses"];
        put?: never;
        /** Creates a canned response; shared ones need a manager. */
        post: operations["post_canned_responses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/canned-responses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Changes a canned response. */
        put: operations["put_canned_responses_by_id"];
        post?: never;
        /** Deletes a canned response. */
        delete: operations["delete_canned_responses_by_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patron's profile. Opening one is recorded in the audit log. */
        get: operations["get_contacts_by_id"];
        put?: never;
        post?: never;
        /**
         * Erases a patron on request: every conversation of theirs on every channel loses its
         *     text and who it was, the contact its profile and addresses. Counts, times and READ levels
         *     stay (reports do not change); an SMS opt-out stays as a keyed hash so it is still
         *     honoured. Admins; recorded in the audit log. Cannot be undone.
         */
        delete: operations["delete_contacts_by_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Records a consent given or withdrawn. For SMS it also sets whether the patron's numbers
         *     may be texted.
         */
        post: operations["post_contacts_by_id_consents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/duplicates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Other contacts with the same normalised email or phone number: suggestions only. */
        get: operations["get_contacts_by_id_duplicates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Everything kept about one patron (and contacts merged into them), one section per table:
         *     what the patron gets when they ask for their data. Managers; recorded in the audit log.
         */
        get: operations["get_contacts_by_id_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/export/html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same export as a readable, self-contained HTML page. */
        get: operations["get_contacts_by_id_export_html"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merges another contact into this one (same patron). Undo with split. */
        post: operations["post_contacts_by_id_merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the patron's preferred channel, language, patron type and home branch. */
        put: operations["put_contacts_by_id_profile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/sms-consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Records a patron's SMS consent as staff heard it (all of the patron's numbers). */
        put: operations["put_contacts_by_id_sms_consent"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/contacts/{id}/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Undoes a merge: the identities, conversations and consents it moved go back. */
        post: operations["post_contacts_by_id_split"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists conversations; by default the open queue, oldest waiting first. */
        get: operations["get_conversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A conversation with its messages. Opening one is recorded in the audit log. */
        get: operations["get_conversations_by_id"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/assignee": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Assigns the conversation to a colleague, or unassigns it (null). */
        put: operations["put_conversations_by_id_assignee"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Assigns the conversation to the caller. */
        post: operations["post_conversations_by_id_claim"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The email side of a conversation (any staff). */
        get: operations["get_conversations_by_id_email"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/email/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Uploads a file to attach to an email reply of this conversation (any staff). Name it in
         *     the reply's `attachments`. Its type is read from the bytes, never taken from the name.
         */
        post: operations["post_conversations_by_id_email_attachments"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merges another conversation of the same patron into this one. */
        post: operations["post_conversations_by_id_merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Adds an internal note (staff only; never sent to the patron). */
        post: operations["post_conversations_by_id_notes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/reference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A conversation's READ level and question type, with suggestions from the library's
         *     classified conversations and FAQ (shown when staff resolve it; never applied by itself).
         */
        get: operations["get_conversations_by_id_reference"];
        /** Sets a conversation's READ level and question type. */
        put: operations["put_conversations_by_id_reference"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replies to the patron. The reply is stored and queued; the outbox worker sends it and
         *     its delivery status follows live.
         */
        post: operations["post_conversations_by_id_replies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the status: open, pending, snoozed (until a time) or resolved. */
        put: operations["put_conversations_by_id_status"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replaces the conversation's tags. */
        put: operations["put_conversations_by_id_tags"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/conversations/{id}/team": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Transfers the conversation to a team, optionally with a handover note. */
        put: operations["put_conversations_by_id_team"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's entries, most viewed first. */
        get: operations["get_faq"];
        put?: never;
        /** Creates a draft entry. */
        post: operations["post_faq"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** FAQ figures for managers. */
        get: operations["get_faq_analytics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/from-conversation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Makes a draft entry from an answered conversation: the patron's first message as the
         *     question, the last staff reply as the answer, patron identifiers stripped.
         */
        post: operations["post_faq_from_conversation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Up to five published entries matching `q`, for the composer. */
        get: operations["get_faq_suggest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/synonyms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's synonyms. */
        get: operations["get_faq_synonyms"];
        /** Replaces the library's synonyms (managers). */
        put: operations["put_faq_synonyms"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One entry. */
        get: operations["get_faq_by_id"];
        /** Changes an entry's text, topics, language, team or link. */
        put: operations["put_faq_by_id"];
        post?: never;
        /** Deletes an entry (managers). Its counts go with it. */
        delete: operations["delete_faq_by_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publishes an entry (managers): patrons can find it from now on. */
        post: operations["post_faq_by_id_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/{id}/reviewed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Records that someone checked the entry is still right today. */
        post: operations["post_faq_by_id_reviewed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/faq/{id}/unpublish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Takes an entry back to draft (managers). */
        post: operations["post_faq_by_id_unpublish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/holidays": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's holidays (whole library, or one team), by date. */
        get: operations["get_holidays"];
        put?: never;
        /** Adds a holiday (managers). */
        post: operations["post_holidays"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/holidays/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Removes a holiday (managers). */
        delete: operations["delete_holidays_by_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Logs in with email and password; sets the session cookie.
         * @description Unknown email and wrong password answer alike (and take as long). Failures are limited
         *     per account and per client address (429 with Retry-After).
         */
        post: operations["post_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ends the session everywhere at once: the row is revoked, so the cookie is dead even if
         *     a copy survives.
         */
        post: operations["post_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/messages/{id}/split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Moves a message out into a new conversation of the same patron. */
        post: operations["post_messages_by_id_split"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reference/question-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's most used question types (the console suggests them when resolving). */
        get: operations["get_reference_question_types"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reference/tallies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Records questions answered in person or by phone (credited to the caller). */
        post: operations["post_reference_tallies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reference/tallies/today": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Today's counts at a service point, the caller's last tally and the library's service points. */
        get: operations["get_reference_tallies_today"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reference/tallies/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Takes back one of the caller's own tallies of the last day (the tally screen's undo). */
        delete: operations["delete_reference_tallies_by_id"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Web chat: chats started, abandoned before an answer, and wait times. */
        get: operations["get_reports_chat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/conversations.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One row per conversation started in the period (times, channel, team, assignee, READ
         *     level, tags, rating), streamed. Staff get the conversations assigned to them.
         */
        get: operations["get_reports_conversations_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Satisfaction ratings per channel, team and staff member. */
        get: operations["get_reports_csat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/patrons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Patrons new, returning and lapsed in the period, per preferred channel (managers). */
        get: operations["get_reports_patrons"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/reference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reference questions by READ level, channel (tallies: in_person, phone), team and type. */
        get: operations["get_reports_reference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/response-times": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Response times per channel, team, staff member, week or tag, beside the previous period. */
        get: operations["get_reports_response_times"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Service targets met per period (library-wide figures). */
        get: operations["get_reports_targets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/volume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Volume for staffing the desk: an hour-of-day x weekday heatmap and weekly trends. */
        get: operations["get_reports_volume"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Searches messages, newest first. */
        get: operations["get_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/service-targets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's service targets. */
        get: operations["get_service_targets"];
        /** Replaces the service targets (managers). One per channel and team at most. */
        put: operations["put_service_targets"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/service-targets/due": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The oldest waiting conversations (up to 500) with the time their answer is due. */
        get: operations["get_service_targets_due"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The current session, with its CSRF token. */
        get: operations["get_session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The chat widget settings (admins). */
        get: operations["get_settings_chat"];
        /** Changes the chat widget settings (admins). Fields left out stay as they are. */
        put: operations["put_settings_chat"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How ratings are asked for after a conversation is resolved (managers). */
        get: operations["get_settings_csat"];
        /** Changes the rating settings (managers). */
        put: operations["put_settings_csat"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/csat/optouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Never asks this address for a rating again (managers). */
        post: operations["post_settings_csat_optouts"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/email/mailboxes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's mailboxes and whether mail is coming in (admins). */
        get: operations["get_settings_email_mailboxes"];
        put?: never;
        /** Adds a mailbox; an enabled one is polled within moments (admins). */
        post: operations["post_settings_email_mailboxes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/email/mailboxes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Changes a mailbox's settings; its poller restarts with them (admins). Passwords left out
         *     are kept.
         */
        put: operations["put_settings_email_mailboxes_by_id"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/email/mailboxes/{id}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reads the mailbox's backfill window again, seen mail included, e.g. after a restore.
         *     Nothing is stored twice (admins).
         */
        post: operations["post_settings_email_mailboxes_by_id_resync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/email/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Mail that could not become a message, newest first (admins). */
        get: operations["get_settings_email_quarantine"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/email/quarantine/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A quarantined message with its raw bytes, to inspect or save as .eml (admins). */
        get: operations["get_settings_email_quarantine_by_id"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's abuse limits (admins). */
        get: operations["get_settings_limits"];
        /**
         * Sets the library's abuse limits (admins). Each is 1 up to the hub's ceiling; `null`
         *     uses the ceiling. Applies at once on this instance, within 10 s on the others.
         */
        put: operations["put_settings_limits"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/privacy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The library's retention policy (defaults when never set). Managers read it; admins
         *     change it.
         */
        get: operations["get_settings_privacy"];
        /** Changes the retention policy. Shorter limits take effect at the next hourly run. */
        put: operations["put_settings_privacy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/privacy/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What the next retention run would remove if this policy (saved or not) applied now,
         *     per channel. Changes nothing.
         */
        post: operations["post_settings_privacy_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/settings/sms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The SMS settings (admins). */
        get: operations["get_settings_sms"];
        /** Sets the SMS account (admins). */
        put: operations["put_settings_sms"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sms/keywords": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's keyword replies. */
        get: operations["get_sms_keywords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sms/keywords/{keyword}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Sets the reply to a keyword (managers). Consent keywords cannot be changed. */
        put: operations["put_sms_keywords_{keyword}"];
        post?: never;
        /** Removes a keyword reply (managers). */
        delete: operations["delete_sms_keywords_{keyword}"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sms/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts characters and segments of a text before it is sent. */
        get: operations["get_sms_segments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Colleagues in this library. */
        get: operations["get_staff"];
        put?: never;
        /** Creates a staff account (admins). */
        post: operations["post_staff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Changes a colleague's role or disables the account (admins). Either change ends the
         *     account's sessions, so the new rights apply at once.
         */
        put: operations["put_staff_by_id"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/staff/{id}/password-reset-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Makes a password reset link for a colleague, e.g. when the library has no mailbox to
         *     mail it from (admins for anyone; managers for staff accounts). Supersedes earlier links
         *     of the account; audit-logged. Not for your own account: use "forgot password".
         */
        post: operations["post_staff_by_id_password_reset_link"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's surveys. */
        get: operations["get_surveys"];
        put?: never;
        /** Creates a survey as a draft (managers). */
        post: operations["post_surveys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/csat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ratings per channel, team and staff member beside the response times of the same
         *     conversations; requests sent and answered (managers).
         */
        get: operations["get_surveys_csat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A survey, its published definition and its versions. */
        get: operations["get_surveys_by_id"];
        /** Replaces the draft (managers). A live survey keeps showing its published version. */
        put: operations["put_surveys_by_id"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A scored question per period and per option of a context question; groups under the
         *     threshold are hidden (managers).
         */
        get: operations["get_surveys_by_id_breakdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Respondents' comments, newest first, with search (managers). */
        get: operations["get_surveys_by_id_comments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every response as CSV, one column per question of the published version (managers). */
        get: operations["get_surveys_by_id_export_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publishes the draft as a new immutable version (managers). Responses keep the version
         *     they answered; publishing an unchanged draft changes nothing.
         */
        post: operations["post_surveys_by_id_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Keys in a paper response (staff), tagged as paper, against the published version.
         *     Answers that do not fit answer 422 with code `invalid_response` and, beside `code` and
         *     `message`, `fields`: one `{question, code}` per problem.
         */
        post: operations["post_surveys_by_id_responses"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/surveys/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Responses, response rate, satisfaction and NPS per period; every scored question over
         *     the range; the Opportunity Index of each service aspect (managers).
         */
        get: operations["get_surveys_by_id_results"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The library's teams with their members. */
        get: operations["get_teams"];
        put?: never;
        /** Creates a team (managers). */
        post: operations["post_teams"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Renames a team and replaces its members (managers). */
        put: operations["put_teams_by_id"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/teams/{id}/hours": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A team's opening hours. */
        get: operations["get_teams_by_id_hours"];
        /** Replaces a team's opening hours (managers). Intervals of one day must not overlap. */
        put: operations["put_teams_by_id_hours"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Analytics: {
            /** Format: int32 */
            days: number;
            /** @description Deflections in the period by where they happened (page, widget, sms, email). */
            deflections_by_source: components["schemas"]["SourceCount"][];
            /** @description Entries whose review date has passed. */
            due_for_review: components["schemas"]["EntryFigures"][];
            /** @description Every entry with its figures, most viewed first. */
            entries: components["schemas"]["EntryFigures"][];
            /** @description Searches that found nothing (kept for at most `retention_days`). */
            missed_searches: components["schemas"]["MissedSearch"][];
            /** Format: int32 */
            retention_days: number;
        };
        /** @description LibSat's view of one service aspect. */
        AspectScore: {
            /** Format: double */
            importance?: number | null;
            key: string;
            label: string;
            /** Format: int64 */
            n: number;
            /**
             * Format: double
             * @description importance + (importance - satisfaction), floor 0; higher = act here first.
             */
            opportunity_index?: number | null;
            /** Format: double */
            satisfaction?: number | null;
        };
        AssignRequest: {
            staff_id?: null | components["schemas"]["StaffId"];
        };
        AssigneeCount: {
            /** Format: int64 */
            open: number;
            /** Format: int64 */
            staff_id: number;
        };
        /** @description One audit entry. */
        AuditEntry: {
            /** @description open, export, merge, split, erase, consent, sms_consent... */
            action: string;
            /** Format: date-time */
            at: string;
            /** @description Ids and counts (never message content or addresses). */
            detail: Record<string, never>;
            /** Format: int64 */
            id: number;
            staff_id?: null | components["schemas"]["StaffId"];
            /** @description The staff member's name (null for the system, e.g. retention). */
            staff_name?: string | null;
            /** Format: int64 */
            subject_id?: number | null;
            /** @description contact, conversation, message... */
            subject_type: string;
        };
        AuditPage: {
            /** @description Newest first. */
            entries: components["schemas"]["AuditEntry"][];
            /**
             * Format: int64
             * @description Pass as `before` for the next page; null at the end.
             */
            next_before?: number | null;
        };
        Breakdown: {
            group_question: string;
            measure: string;
            /** Format: int64 */
            min_group: number;
            /** @description The whole range per group (hidden the same way). */
            overall: components["schemas"]["GroupCell"][];
            periods: components["schemas"]["BreakdownPeriod"][];
            question: string;
        };
        BreakdownPeriod: {
            groups: components["schemas"]["GroupCell"][];
            /** Format: date */
            period: string;
        };
        CannedRequest: {
            body: string;
            /** @description Shared with the whole library (managers only); default personal. */
            shared?: boolean;
            /** @description Lower-case letters, digits and dashes, e.g. `hours`. */
            shortcut: string;
            title: string;
        };
        CannedResponse: {
            body: string;
            /** Format: int64 */
            id: number;
            owner_staff_id?: null | components["schemas"]["StaffId"];
            shortcut: string;
            title: string;
        };
        /**
         * @description What the next run would do under `policy` (saved or not), per channel: how many
         *     resolved conversations would lose their free text, and how many their identities.
         *     Read-only; the console shows it before a policy is saved.
         */
        ChannelPreview: {
            /**
             * Format: int64
             * @description Conversations whose bodies, subjects, attachments and comments would go.
             */
            bodies: number;
            /** @description email, sms, chat or survey. */
            channel: string;
            /**
             * Format: int64
             * @description Conversations whose addresses, names and provider ids would go.
             */
            identities: number;
        };
        ChatAttachment: {
            content_type: string;
            filename: string;
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            size: number;
        };
        /**
         * @description Whether a librarian can answer now. `open` only when the team is within its hours AND
         *     somebody is online.
         */
        ChatAvailability: {
            /** @description What the widget shows, honestly. */
            message: string;
            /** Format: date-time */
            next_open?: string | null;
            open: boolean;
            reason?: null | components["schemas"]["ChatClosedReason"];
            staff_online: boolean;
        };
        /** @enum {string} */
        ChatClosedReason: "closed" | "no_staff";
        /** @enum {string} */
        ChatDoneWhat: "transcript" | "rating" | "left_message" | "contact";
        /** @enum {string} */
        ChatEndedBy: "patron" | "staff";
        /** @enum {string} */
        ChatErrorCode: "bad_frame" | "too_large" | "rate_limited" | "identity_invalid" | "session_unknown" | "invalid_email" | "invalid_phone" | "closed" | "invalid_text" | "no_conversation" | "unavailable";
        /**
         * @description Web chat in a period: how many started, how many the patron left unanswered, and
         *     the waits (first responses) of the chats answered.
         */
        ChatFigures: {
            /** Format: int64 */
            abandoned: number;
            /**
             * Format: double
             * @description abandoned / chats; null without chats.
             */
            abandonment_rate?: number | null;
            /** Format: int64 */
            answered: number;
            /** Format: int64 */
            chats: number;
            /** Format: double */
            wait_mean?: number | null;
            /** Format: double */
            wait_p50?: number | null;
            /** Format: double */
            wait_p90?: number | null;
        };
        /** @description One message of the chat as the patron sees it. */
        ChatMessage: {
            /** Format: date-time */
            at: string;
            attachments: components["schemas"]["ChatAttachment"][];
            /** @description Staff: first name or display name only. */
            author?: string | null;
            client_id?: string | null;
            from: components["schemas"]["ChatSender"];
            /** Format: int64 */
            id: number;
            /**
             * Format: int64
             * @description Position in the event stream, monotone in commit order (0: older than the stream's
             *     retention, only ever in a welcome without `after`).
             */
            seq: number;
            text: string;
        };
        /** @enum {string} */
        ChatSender: "patron" | "staff" | "system";
        ChatSettingsUpdate: {
            allowed_origins?: string[] | null;
            color?: string | null;
            enabled?: boolean | null;
            /** @description Empty: the default greeting. */
            greeting?: string | null;
            languages?: string[] | null;
            /** Format: int32 */
            max_upload_bytes?: number | null;
            position?: string | null;
            privacy_url?: string | null;
            /** @description Makes a new identity-signing secret (the old one stops working) and returns it once. */
            regenerate_secret?: boolean;
            /**
             * Format: int64
             * @description null: no team (every team's hours and staff count).
             */
            team_id?: number | null;
        };
        /**
         * @description The widget's settings as admins see them: never the secret, except once in the answer
         *     to a regeneration.
         */
        ChatSettingsView: {
            /** @description Pages of these origins (`https://www.library.example`) may use the widget. */
            allowed_origins: string[];
            /** @description `#rrggbb` */
            color?: string | null;
            /** @description Paste into the library's website. */
            embed_snippet: string;
            enabled: boolean;
            greeting?: string | null;
            languages: string[];
            /** Format: int32 */
            max_upload_bytes: number;
            /** @description `right` or `left` */
            position: string;
            privacy_url?: string | null;
            team_id?: null | components["schemas"]["TeamId"];
            /**
             * @description Only in the answer to `regenerate_secret`: hex, for signing patron identities. Not
             *     shown again.
             */
            widget_secret?: string | null;
        };
        /** @description What a library's website vouches for (`window.RefdeskChat.identity`). */
        ChatSignedIdentity: {
            email?: string | null;
            id: string;
            name?: string | null;
            /** @description hex(HMAC-SHA256(widget_secret, id + "." + ts)) */
            sig: string;
            /**
             * Format: int64
             * @description Unix seconds when the site signed it.
             */
            ts: number;
        };
        Choice: {
            key: string;
            label: {
                [key: string]: string;
            };
        };
        /** @description Console -> server. */
        ClientFrame: {
            /** Format: int64 */
            after: number;
            /** @enum {string} */
            type: "resume";
        } | {
            conversation_id?: null | components["schemas"]["ConversationId"];
            /** @enum {string} */
            type: "viewing";
        } | {
            conversation_id: components["schemas"]["ConversationId"];
            /** @enum {string} */
            type: "typing";
        } | {
            state: components["schemas"]["PresenceState"];
            /** @enum {string} */
            type: "presence";
        } | {
            /** @enum {string} */
            type: "ping";
        };
        /** @description A comment with where it came from. */
        Comment: {
            comment: string;
            contact_requested: boolean;
            /** Format: int64 */
            conversation_id?: number | null;
            language: string;
            /** Format: int64 */
            response_id: number;
            source: string;
            /** Format: date-time */
            submitted_at: string;
        };
        CompleteReset: {
            /** @description The new password: at least 12 characters. */
            password: string;
            /** @description The token from the link (after `#token=`). */
            token: string;
        };
        /** @description One consent given or withdrawn. */
        Consent: {
            /** Format: date-time */
            at: string;
            /** @description True: agreed (SMS opt-in); false: refused (SMS STOP, survey opt-out). */
            granted: boolean;
            /** @description `sms` or `survey`. */
            kind: string;
            /** @description How: `keyword`, `provider`, `staff` or `patron`. */
            source: string;
        };
        ConsentRequest: {
            /** @description True: agreed; false: refused or withdrawn. */
            granted: boolean;
            /** @description `sms` or `survey`. */
            kind: string;
            /** @description How it was given: `staff` (at the desk, on the phone) or `patron` (a form). Default staff. */
            source?: string | null;
        };
        /** @description A patron. */
        Contact: {
            /**
             * Format: date-time
             * @description Set once retention or erasure removed who the patron was.
             */
            anonymised_at?: string | null;
            /** Format: date-time */
            created_at: string;
            display_name?: string | null;
            home_branch?: string | null;
            id: components["schemas"]["ContactId"];
            language?: string | null;
            /** Format: date-time */
            last_contact_at: string;
            /**
             * Format: date-time
             * @description When the stage last changed.
             */
            lifecycle_changed_at: string;
            /** @description new, returning or lapsed. */
            lifecycle_stage: string;
            merged_into?: null | components["schemas"]["ContactId"];
            /** @description The library's own word: adult, student, child, faculty... */
            patron_type?: string | null;
            preferred_channel?: string | null;
        };
        /**
         * Format: int64
         * @description A patron.
         */
        ContactId: number;
        /** @description One merge of two contacts. */
        ContactMerge: {
            conversation_ids: number[];
            from_contact_id: components["schemas"]["ContactId"];
            /** Format: int64 */
            id: number;
            identity_ids: number[];
            into_contact_id: components["schemas"]["ContactId"];
            /** Format: date-time */
            merged_at: string;
            /**
             * Format: date-time
             * @description Set once a split undid it.
             */
            split_at?: string | null;
        };
        /** @description A patron with every way to reach them and their history across channels. */
        ContactProfile: {
            /** @description Consent given or withdrawn, newest first. */
            consents: components["schemas"]["Consent"][];
            contact: components["schemas"]["Contact"];
            /** @description Newest first. */
            conversations: components["schemas"]["Conversation"][];
            identities: components["schemas"]["Identity"][];
            /** @description Contacts merged into this one (undo with split), newest first. */
            merges: components["schemas"]["ContactMerge"][];
        };
        /** @description A conversation as the inbox list and the conversation view show it. */
        Conversation: {
            assignee_id?: null | components["schemas"]["StaffId"];
            /** @example email */
            channel: string;
            contact_id: components["schemas"]["ContactId"];
            /** @description What staff see for the patron: their name, else their first address. */
            contact_label?: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            first_response_at?: string | null;
            id: components["schemas"]["ConversationId"];
            /** Format: date-time */
            last_message_at: string;
            /** @description The start of the latest message to or from the patron (notes are not shown). */
            last_message_preview?: string | null;
            /** Format: int32 */
            message_count: number;
            /** Format: int32 */
            read_level?: number | null;
            /** Format: date-time */
            resolved_at?: string | null;
            /** Format: date-time */
            snoozed_until?: string | null;
            status: components["schemas"]["ConversationStatus"];
            subject?: string | null;
            tags: string[];
            team_id?: null | components["schemas"]["TeamId"];
            /**
             * Format: date-time
             * @description Arrival of the oldest message the library has not answered; null when the library
             *     spoke last.
             */
            waiting_since?: string | null;
        };
        /** @description A conversation with its whole thread. */
        ConversationDetail: {
            contact: components["schemas"]["Contact"];
            conversation: components["schemas"]["Conversation"];
            messages: components["schemas"]["Message"][];
            /** @description The patron opted out of texts: the composer should not offer SMS, and says why. */
            sms_opted_out: boolean;
        };
        /** @description An email conversation's mailbox, the Cc list its replies carry, and its emails' headers. */
        ConversationEmail: {
            cc: string[];
            /** @description The mailbox replies go out from (none: not an email conversation, or no mailbox). */
            mailbox_address?: string | null;
            messages: components["schemas"]["EmailHeaders"][];
        };
        /** Format: int64 */
        ConversationId: number;
        /** @description One page of conversations. */
        ConversationPage: {
            conversations: components["schemas"]["Conversation"][];
            /** @description Pass as `cursor` for the next page; absent on the last page. */
            next_cursor?: string | null;
        };
        /**
         * @description Where a conversation stands.
         * @enum {string}
         */
        ConversationStatus: "open" | "pending" | "snoozed" | "resolved";
        /**
         * @description CSAT of the period, per channel, team or staff member, beside the response times of
         *     the same conversations (computed by `crate::reports::csat`, which also serves the
         *     reports' CSAT table).
         */
        CsatGroup: {
            /** @description The channel name, team id or staff id (as text); null: none. */
            key?: string | null;
            /** Format: double */
            mean?: number | null;
            /**
             * Format: double
             * @description Median seconds from the conversation's start to the first answer.
             */
            median_first_response_secs?: number | null;
            name?: string | null;
            /** Format: int64 */
            ratings: number;
            /**
             * Format: double
             * @description Share of ratings of 4 or 5.
             */
            satisfied?: number | null;
        };
        CsatReport: {
            by_channel: components["schemas"]["CsatGroup"][];
            by_staff: components["schemas"]["CsatGroup"][];
            by_team: components["schemas"]["CsatGroup"][];
            /** Format: int64 */
            requests_answered: number;
            /** Format: int64 */
            requests_sent: number;
        };
        /** @description Satisfaction ratings (1-5) per channel, team and staff member (`super::csat::ratings`). */
        CsatRow: {
            channel: string;
            /** Format: double */
            mean_score?: number | null;
            /** Format: int64 */
            ratings: number;
            /**
             * Format: double
             * @description Share of 4 and 5.
             */
            satisfied_share?: number | null;
            /** Format: int64 */
            staff_id?: number | null;
            /** Format: int64 */
            team_id?: number | null;
        };
        /** @description How a library asks for ratings. */
        CsatSettings: {
            enabled: boolean;
            /**
             * Format: int32
             * @description At most one request per patron in this many days (0: no cap).
             */
            min_days_between: number;
            /**
             * Format: int32
             * @description A text that is just a number counts as the rating this long after the request.
             */
            reply_window_hours: number;
            /**
             * Format: int32
             * @description Share of resolved conversations asked, 0-100.
             */
            sample_percent: number;
        };
        /**
         * @description Which way a message went. Notes are staff-only and never leave the hub.
         * @enum {string}
         */
        Direction: "in" | "out" | "note";
        /** @description When a waiting patron's answer is due under its target. */
        Due: {
            breached: boolean;
            conversation_id: components["schemas"]["ConversationId"];
            /** Format: date-time */
            due_at: string;
            /** Format: date-time */
            waiting_since: string;
        };
        /** @description Another contact that may be the same patron. */
        Duplicate: {
            contact_id: components["schemas"]["ContactId"];
            /** @description Their name, else their first address. */
            label?: string | null;
            /** Format: date-time */
            last_contact_at: string;
            /** @description What matched: `email` or `phone`. */
            matched: string;
        };
        /** @description What one inbound email carried beyond its thread-view text. */
        EmailHeaders: {
            /** @description Why it counts as automatic mail (out-of-office, list...), if it does. */
            automatic?: string | null;
            cc: string[];
            message_id: components["schemas"]["MessageId"];
            /**
             * Format: int32
             * @description Attachments that were listed but not kept (too large or too many).
             */
            omitted_attachments: number;
            /** @description Quoted history and signature, folded out of the thread view. */
            quoted_text: string;
            /** @description The email's own Message-ID. */
            rfc_message_id: string;
            subject?: string | null;
            to: string[];
        };
        /** @description One FAQ entry as staff see it. */
        Entry: {
            /** @description Sanitised HTML. */
            answer_html: string;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            helpful_count: number;
            /** Format: int64 */
            id: number;
            language: string;
            /** Format: date-time */
            last_reviewed_at?: string | null;
            /** Format: date-time */
            published_at?: string | null;
            question: string;
            /**
             * Format: date-time
             * @description When the entry should next be reviewed.
             */
            review_due_at: string;
            /** Format: int32 */
            review_every_days: number;
            short_answer: string;
            slug: string;
            /** Format: int64 */
            source_conversation_id?: number | null;
            /** @description `draft` or `published`. */
            status: string;
            /** Format: int64 */
            team_id?: number | null;
            topics: string[];
            /** Format: date-time */
            updated_at: string;
            /** Format: int64 */
            views: number;
        };
        EntryFigures: {
            /**
             * Format: int64
             * @description Questions it answered in the period ("this answered my question", SMS answers).
             */
            deflections: number;
            /** Format: int64 */
            helpful_count: number;
            /** Format: int64 */
            id: number;
            question: string;
            /** Format: date-time */
            review_due_at: string;
            status: string;
            /** Format: int64 */
            views: number;
        };
        /** @description What staff write; the server derives the plain text and the slug. */
        EntryInput: {
            /** @description HTML; sanitised on the way in (scripts, styles, event handlers and odd URLs removed). */
            answer_html: string;
            /** @description ISO 639-1 code; `en` and `es` get stemming, others match word for word. Default `en`. */
            language?: string;
            question: string;
            /**
             * Format: int32
             * @description Days between reviews (1 to 3650); default 180.
             */
            review_every_days?: number | null;
            /** @description One or two sentences that answer by themselves (SMS, suggestions); 1 to 320 characters. */
            short_answer: string;
            /** @description The link's last part; made from the question when absent. */
            slug?: string | null;
            /** Format: int64 */
            team_id?: number | null;
            topics?: string[];
        };
        /** @description What an erasure touched (ids and counts only). */
        Erased: {
            contacts: number[];
            conversations: number;
        };
        /** @description The JSON body of every error response. */
        ErrorBody: {
            /** @description Stable machine-readable code, e.g. `not_found`, `invalid_credentials`. */
            code: string;
            message: string;
        };
        /** @description The three measures of one row. */
        Figures: {
            first_response: components["schemas"]["Stats"];
            replies_to_resolve: components["schemas"]["Stats"];
            resolution: components["schemas"]["Stats"];
        };
        FromConversation: {
            /** Format: int64 */
            conversation_id: number;
        };
        /** @enum {string} */
        Grain: "week" | "month";
        /** @description One group's figure in one period; `value` and `n` are null when the group is hidden. */
        GroupCell: {
            /** Format: int64 */
            n?: number | null;
            option: string;
            suppressed: boolean;
            /** Format: double */
            value?: number | null;
        };
        /** @description Conversations started in one hour of one weekday (library time) on one channel. */
        HeatCell: {
            channel: string;
            /** Format: int64 */
            conversations: number;
            /**
             * Format: int32
             * @description 0..23, local time.
             */
            hour: number;
            /**
             * Format: int32
             * @description ISO weekday: 1 = Monday .. 7 = Sunday.
             */
            weekday: number;
        };
        /** @description A day the library (no team) or one team is closed. */
        Holiday: {
            /** @example 2026-12-25 */
            day: string;
            /** Format: int64 */
            id: number;
            name: string;
            team_id?: null | components["schemas"]["TeamId"];
        };
        /** @description Hub -> patron. */
        HubFrame: {
            availability: components["schemas"]["ChatAvailability"];
            /** Format: int64 */
            conversation_id?: number | null;
            /**
             * Format: int64
             * @description The highest `seq` of this chat the widget now has (send it as `after`).
             */
            cursor: number;
            messages: components["schemas"]["ChatMessage"][];
            /** Format: int64 */
            queue_position?: number | null;
            token: string;
            /** @enum {string} */
            type: "welcome";
            /** Format: int32 */
            v: number;
        } | {
            message: components["schemas"]["ChatMessage"];
            /** @enum {string} */
            type: "message";
        } | {
            client_id: string;
            message: components["schemas"]["ChatMessage"];
            /** @enum {string} */
            type: "ack";
        } | {
            active: boolean;
            /** @enum {string} */
            type: "typing";
        } | {
            name: string;
            /** @enum {string} */
            type: "joined";
        } | {
            /** Format: int64 */
            seq: number;
            /** @enum {string} */
            type: "read";
        } | {
            /** Format: int64 */
            position: number;
            /** @enum {string} */
            type: "queue";
        } | {
            availability: components["schemas"]["ChatAvailability"];
            /** @enum {string} */
            type: "availability";
        } | {
            by: components["schemas"]["ChatEndedBy"];
            /** @enum {string} */
            type: "ended";
        } | {
            /** @enum {string} */
            type: "done";
            what: components["schemas"]["ChatDoneWhat"];
        } | {
            code: components["schemas"]["ChatErrorCode"];
            message: string;
            /** @enum {string} */
            type: "error";
        } | {
            /** @enum {string} */
            type: "pong";
        };
        /** @description One way to reach a patron. */
        Identity: {
            address: string;
            channel: string;
            /** Format: date-time */
            created_at: string;
        };
        /** @description An automatic reply to a one-word text (STOP, START and HELP are built in). */
        KeywordReply: {
            /** @description Upper-case letters and digits, 2 to 20, e.g. `HOURS`. */
            keyword: string;
            reply: string;
        };
        KeywordRequest: {
            /** @description At most 1600 characters (ten SMS segments). */
            reply: string;
        };
        /** @description A library: the tenant every other row belongs to. */
        Library: {
            id: components["schemas"]["LibraryId"];
            name: string;
            slug: string;
            timezone: string;
        };
        /**
         * Format: int64
         * @description A library (the tenant).
         */
        LibraryId: number;
        /** @description Limits a library chose; `None` means the hub's ceiling applies. */
        LibraryLimits: {
            /**
             * Format: int32
             * @description Chat socket connects per client address per minute.
             */
            chat_connects_per_minute?: number | null;
            /**
             * Format: int32
             * @description Chat messages and uploads per patron chat session per minute.
             */
            chat_messages_per_minute?: number | null;
            /**
             * Format: int32
             * @description FAQ "this answered my question" votes per client address per 10 minutes.
             */
            faq_votes_per_10_minutes?: number | null;
            /**
             * Format: int32
             * @description Signed SMS provider webhooks for this library per minute.
             */
            sms_webhooks_per_minute?: number | null;
            /**
             * Format: int32
             * @description Survey submissions per client address per hour (a kiosk is one address).
             */
            survey_submissions_per_hour?: number | null;
        };
        /** @description Patrons by life-cycle stage in a period, per preferred channel. */
        Lifecycle: {
            /**
             * Format: int64
             * @description Known before, and no contact in the `lapsed_after_days` before the period's end.
             */
            lapsed: number;
            /**
             * Format: int64
             * @description First contact in the period.
             */
            new: number;
            preferred_channel?: string | null;
            /**
             * Format: int64
             * @description Known before the period and in contact during it.
             */
            returning: number;
        };
        /**
         * @description The library's limits: what it chose (`null`: the ceiling), the hub's ceilings, and what
         *     is in force.
         */
        LimitSettings: {
            ceilings: components["schemas"]["LimitValues"];
            in_force: components["schemas"]["LimitValues"];
            own: components["schemas"]["LibraryLimits"];
        };
        /** @description One value per limited route. */
        LimitValues: {
            /** Format: int32 */
            chat_connects_per_minute: number;
            /** Format: int32 */
            chat_messages_per_minute: number;
            /** Format: int32 */
            faq_votes_per_10_minutes: number;
            /** Format: int32 */
            sms_webhooks_per_minute: number;
            /** Format: int32 */
            survey_submissions_per_hour: number;
        };
        /** @description A change to the inbox, with the current state of what changed. */
        LiveEvent: {
            conversation: components["schemas"]["Conversation"];
            /** @enum {string} */
            kind: "message_created";
            /** @description Colleagues @mentioned in a note: notify them. */
            mentions: components["schemas"]["StaffId"][];
            message: components["schemas"]["Message"];
        } | {
            by?: null | components["schemas"]["StaffId"];
            conversation: components["schemas"]["Conversation"];
            /** @enum {string} */
            kind: "conversation_changed";
        } | {
            conversation_id: components["schemas"]["ConversationId"];
            error?: string | null;
            /** @enum {string} */
            kind: "delivery_status_changed";
            message_id: components["schemas"]["MessageId"];
            /** @description queued (retrying), sent, delivered or failed. */
            status: string;
        };
        LoginRequest: {
            email: string;
            password: string;
        };
        /**
         * @description Whether mail is coming in: `ok`, `failing` (the last attempt failed; see `last_error`),
         *     `connecting` (never read yet) or `disabled`.
         */
        MailboxHealth: {
            last_error?: string | null;
            /** Format: date-time */
            last_error_at?: string | null;
            /** Format: date-time */
            last_ok_at?: string | null;
            state: string;
        };
        /**
         * Format: int64
         * @description A mailbox of one library.
         */
        MailboxId: number;
        MailboxList: {
            mailboxes: components["schemas"]["MailboxView"][];
        };
        /** @description A mailbox's settings. On update, a password left out keeps the stored one. */
        MailboxSettings: {
            /** @description The library's address: From of replies; bounces come back to it. */
            address: string;
            /**
             * @description Acknowledge a patron's new email conversation at once, with FAQ suggestions
             *     (never automatic mail or lists; at most once per patron per day). Default false.
             */
            auto_ack?: boolean | null;
            /** @description The acknowledgement's opening text (default: a built-in text). */
            auto_ack_text?: string | null;
            /**
             * Format: int32
             * @description On first connect, ingest unseen mail of this many days (0 to 3650; default 14).
             */
            backfill_days?: number | null;
            /** @description Default true. */
            enabled?: boolean | null;
            /** @description Display name of From, e.g. "Springfield Library". */
            from_name?: string | null;
            /**
             * Format: int32
             * @description With IDLE, renew it this often (5 to 1740 s; default 240).
             */
            idle_seconds?: number | null;
            /** @description Default INBOX. */
            imap_folder?: string | null;
            imap_host: string;
            /** @description Required when creating. */
            imap_password?: string | null;
            /**
             * Format: int32
             * @description Default: 993 with tls, else 143.
             */
            imap_port?: number | null;
            imap_security: components["schemas"]["SecurityName"];
            /** @description Default: the address. */
            imap_username?: string | null;
            /**
             * Format: int32
             * @description Larger messages are quarantined (65536 to 209715200; default 50 MB).
             */
            max_message_bytes?: number | null;
            /**
             * Format: int32
             * @description Without IDLE, search this often (5 to 3600 s; default 60).
             */
            poll_seconds?: number | null;
            /**
             * @description Move each message here once it is stored (e.g. "Processed"); left out or empty: only
             *     mark it \Seen. A folder missing on the server also means \Seen only.
             */
            processed_folder?: string | null;
            smtp_host: string;
            smtp_password?: string | null;
            /**
             * Format: int32
             * @description Default: 465 with tls, 587 with starttls, else 25.
             */
            smtp_port?: number | null;
            smtp_security: components["schemas"]["SecurityName"];
            /** @description Leave out for a relay that needs no login. */
            smtp_username?: string | null;
            /** @description Put the replying staff member's name in From ("Ann (Springfield Library)"). */
            staff_name_in_from?: boolean | null;
            /** @description PEM certificate(s) to trust besides the public roots (a library's own CA). */
            tls_ca_pem?: string | null;
        };
        /** @description A mailbox as admins see it: never its passwords. */
        MailboxView: {
            address: string;
            /** @description New email conversations are acknowledged automatically. */
            auto_ack: boolean;
            auto_ack_text?: string | null;
            /** Format: int32 */
            backfill_days: number;
            enabled: boolean;
            from_name?: string | null;
            /** @description A PEM CA certificate is configured for the servers. */
            has_tls_ca: boolean;
            health: components["schemas"]["MailboxHealth"];
            id: components["schemas"]["MailboxId"];
            /** Format: int32 */
            idle_seconds: number;
            imap_folder: string;
            imap_host: string;
            /** Format: int32 */
            imap_port: number;
            imap_security: components["schemas"]["SecurityName"];
            imap_username: string;
            /** Format: int64 */
            last_uid?: number | null;
            /** Format: int32 */
            max_message_bytes: number;
            /** Format: int32 */
            poll_seconds: number;
            /** @description Where committed messages are moved (none: they are only marked \Seen). */
            processed_folder?: string | null;
            /** @description A re-read of the backfill window is pending. */
            rescan_pending: boolean;
            smtp_host: string;
            /** Format: int32 */
            smtp_port: number;
            smtp_security: components["schemas"]["SecurityName"];
            smtp_username?: string | null;
            staff_name_in_from: boolean;
            /**
             * Format: int64
             * @description The poller's cursor (UIDs mean something only with their UIDVALIDITY).
             */
            uid_validity?: number | null;
        };
        MergeContactsRequest: {
            /**
             * Format: int64
             * @description The contact that joins this one (its identities, conversations and consents move).
             */
            from_contact_id: number;
        };
        MergeConversationsRequest: {
            /**
             * Format: int64
             * @description The conversation whose messages move into this one (it is then removed).
             */
            from_conversation_id: number;
        };
        /** @description A message in a conversation's thread. */
        Message: {
            author_staff_id?: null | components["schemas"]["StaffId"];
            body: string;
            /** @description Sanitised HTML, when the channel had any. */
            body_html?: string | null;
            /** @example sms */
            channel: string;
            conversation_id: components["schemas"]["ConversationId"];
            /** Format: date-time */
            created_at: string;
            delivery_error?: string | null;
            /** @description received (inbound), queued, sending, sent, delivered or failed (outbound); null for notes. */
            delivery_status?: string | null;
            direction: components["schemas"]["Direction"];
            id: components["schemas"]["MessageId"];
        };
        /** Format: int64 */
        MessageId: number;
        MissedSearch: {
            /** Format: date */
            last_day: string;
            /** @description Normalised: lower case, no numbers, addresses or likely names. */
            query: string;
            /** Format: int64 */
            searches: number;
        };
        NewHoliday: {
            /** @example 2026-12-25 */
            day: string;
            /** @description 1 to 100 characters. */
            name: string;
            team_id?: null | components["schemas"]["TeamId"];
        };
        NewStaff: {
            display_name: string;
            email: string;
            /** @description At least 12 characters. */
            password: string;
            role: components["schemas"]["Role"];
        };
        NewSurvey: {
            definition: components["schemas"]["SurveyDefinition"];
            name: string;
            /** @description The public address: `/s/{library}/{slug}`. Lower-case letters, digits and `-`. */
            slug: string;
        };
        /** @description Questions answered at a service point, counted by hand. */
        NewTally: {
            /**
             * Format: date-time
             * @description When; default now (at most a year back, not in the future).
             */
            at?: string | null;
            /**
             * Format: int32
             * @description Questions counted at once (1 to 1000); default 1.
             */
            count?: number | null;
            /** @description `in_person` or `phone`. */
            mode: string;
            question_type?: string | null;
            /** Format: int32 */
            read_level?: number | null;
            /** @description The desk, e.g. "Reference desk" (1 to 100 characters). */
            service_point: string;
            team_id?: null | components["schemas"]["TeamId"];
        };
        NoteRequest: {
            body: string;
            /** @description Colleagues to notify (@mention). */
            mentions?: components["schemas"]["StaffId"][];
        };
        /** @description One opening interval of a team, in the library's time zone. */
        OpeningInterval: {
            /**
             * @description Local time it closes (after `opens`).
             * @example 17:00:00
             */
            closes: string;
            /**
             * @description Local time the desk opens, `HH:MM` or `HH:MM:SS`.
             * @example 09:00:00
             */
            opens: string;
            /**
             * Format: int32
             * @description ISO weekday: 1 = Monday .. 7 = Sunday.
             */
            weekday: number;
        };
        OptOut: {
            address: string;
            /** @description email or sms. */
            channel: string;
        };
        Overview: {
            aspects: components["schemas"]["AspectScore"][];
            by_source: {
                [key: string]: number;
            };
            grain: components["schemas"]["Grain"];
            nps_question?: string | null;
            questions: components["schemas"]["QuestionScore"][];
            /** Format: int64 */
            responses: number;
            satisfaction_question?: string | null;
            trend: components["schemas"]["TrendPoint"][];
        };
        PaperEntered: {
            /** @description True when this entry key was entered before (nothing new stored). */
            duplicate: boolean;
            /** Format: int64 */
            response_id: number;
        };
        PaperResponse: {
            /**
             * @description Answers by question key, e.g. `{"overall": {"type": "rating", "value": 4}}`; types:
             *     rating, aspect (importance, satisfaction), nps, choice (option), choices (options),
             *     text, contact (consent, email, phone).
             */
            answers: Record<string, never>;
            /**
             * @description A key the entry screen makes per paper form (8-100 characters): the same form
             *     entered twice is stored once.
             */
            entry_key?: string | null;
            /** @description The language the form was printed in; default the survey's default. */
            language?: string | null;
            /**
             * Format: date
             * @description The day written on the form, if any (else today).
             */
            submitted_on?: string | null;
        };
        /**
         * @description Patron -> hub. Unknown fields are ignored (a newer widget may send more). Serialisable
         *     too, for test clients and the property tests that round-trip every frame.
         */
        PatronFrame: {
            /** Format: int64 */
            after?: number | null;
            identity?: null | components["schemas"]["ChatSignedIdentity"];
            lang?: string | null;
            token?: string | null;
            /** @enum {string} */
            type: "hello";
            /** Format: int32 */
            v: number;
        } | {
            client_id: string;
            text: string;
            /** @enum {string} */
            type: "send";
        } | {
            active: boolean;
            /** @enum {string} */
            type: "typing";
        } | {
            /** Format: int64 */
            seq: number;
            /** @enum {string} */
            type: "read";
        } | {
            email?: string | null;
            name?: string | null;
            phone?: string | null;
            /** @enum {string} */
            type: "contact";
        } | {
            client_id: string;
            email?: string | null;
            name?: string | null;
            phone?: string | null;
            text: string;
            /** @enum {string} */
            type: "leave_message";
        } | {
            /** @enum {string} */
            type: "end";
        } | {
            email: string;
            /** @enum {string} */
            type: "transcript";
        } | {
            comment?: string | null;
            /** Format: int32 */
            score: number;
            /** @enum {string} */
            type: "rate";
        } | {
            /** @enum {string} */
            type: "ping";
        };
        /** @description Patrons by life-cycle stage per preferred channel, and the lapse period used. */
        Patrons: {
            /** Format: int32 */
            lapsed_after_days: number;
            rows: components["schemas"]["Lifecycle"][];
        };
        /** @description How long a library keeps what. */
        Policy: {
            /**
             * Format: int32
             * @description Free text (bodies, HTML, subjects, attachments, rating comments) goes after this many
             *     days if sooner than `retention_days`.
             */
            body_days?: number | null;
            /** @description Where patrons ask for their data or its erasure (shown on the privacy page). */
            contact_email?: string | null;
            /** @description Extra words for the privacy page (plain text). */
            contact_text?: string | null;
            /**
             * Format: int32
             * @description Who it was (addresses, names, provider ids) goes after this many days if sooner.
             */
            identity_days?: number | null;
            /**
             * Format: int32
             * @description A patron with no contact for this long counts as lapsed.
             */
            lapsed_after_days: number;
            /**
             * Format: int32
             * @description Resolved conversations older than this are anonymised completely (1..3650).
             */
            retention_days: number;
        };
        Presence: {
            staff_id: components["schemas"]["StaffId"];
            state: components["schemas"]["PresenceState"];
        };
        /** @enum {string} */
        PresenceState: "online" | "away" | "offline";
        Preview: {
            /**
             * Format: date-time
             * @description Free text of conversations resolved before this goes.
             */
            bodies_before: string;
            /** @description Channels with something to remove, by name. */
            channels: components["schemas"]["ChannelPreview"][];
            /**
             * Format: date-time
             * @description Identities of conversations resolved before this go.
             */
            identities_before: string;
        };
        ProfileRequest: {
            home_branch?: string | null;
            /** @description A BCP 47 tag, e.g. `en`, `es`, `zh-Hant`. */
            language?: string | null;
            /** @description The library's own word: adult, student, child, faculty... */
            patron_type?: string | null;
            /** @description email, sms, chat or survey; null: none. */
            preferred_channel?: string | null;
        };
        QuarantineList: {
            /** @description Newest first, at most 200. */
            messages: components["schemas"]["Quarantined"][];
        };
        /** @description A quarantined message as admins list it (without its bytes). */
        Quarantined: {
            /** Format: date-time */
            created_at: string;
            detail: string;
            /** Format: int64 */
            id: number;
            mailbox_id: components["schemas"]["MailboxId"];
            /** @description Only the start of the message was kept (it was over the size limit). */
            raw_truncated: boolean;
            /** @description unparseable, too_large, no_sender or rejected. */
            reason: string;
            /** Format: int64 */
            size_bytes: number;
            /** Format: int64 */
            uid: number;
            /** Format: int64 */
            uid_validity: number;
        };
        /** @description One quarantined message with its raw bytes. */
        QuarantinedMessage: components["schemas"]["Quarantined"] & {
            /** @description The message as received (RFC 5322), base64. Never render it as HTML. */
            raw_base64: string;
        };
        Question: components["schemas"]["QuestionKind"] & {
            /** @description Stable across versions (results join versions by it): lower-case letters, digits, `_`. */
            key: string;
            prompt: {
                [key: string]: string;
            };
            required?: boolean;
        };
        /** @description What a question asks for. */
        QuestionKind: {
            /** @enum {string} */
            kind: "rating";
            /** Format: int32 */
            scale: number;
        } | {
            /** @enum {string} */
            kind: "aspect";
            /** Format: int32 */
            scale: number;
        } | {
            /** @enum {string} */
            kind: "nps";
        } | {
            /** @enum {string} */
            kind: "single_choice";
            options: components["schemas"]["Choice"][];
        } | {
            /** @enum {string} */
            kind: "multiple_choice";
            options: components["schemas"]["Choice"][];
        } | {
            /** @enum {string} */
            kind: "context";
            options: components["schemas"]["Choice"][];
        } | {
            /** @enum {string} */
            kind: "free_text";
            /** Format: int32 */
            max_chars?: number;
        } | {
            /** @enum {string} */
            kind: "contact_me";
        };
        /** @description A scored question over the whole range. */
        QuestionScore: {
            key: string;
            /** Format: double */
            mean?: number | null;
            measure: string;
            /** Format: int64 */
            n: number;
            /** Format: double */
            nps?: number | null;
        };
        /** @description A question type and how often it was used in the last year. */
        QuestionType: {
            question_type: string;
            /** Format: int64 */
            uses: number;
        };
        /** @description Open work per queue. "Mine" is `by_assignee` at the client's own staff id. */
        QueueCounts: {
            by_assignee: components["schemas"]["AssigneeCount"][];
            by_team: components["schemas"]["TeamCount"][];
            /** Format: int64 */
            open: number;
            /** Format: int64 */
            pending: number;
            /** Format: int64 */
            snoozed: number;
            /** Format: int64 */
            unassigned: number;
        };
        /**
         * @description Reference questions by READ level (null: not rated), channel (in_person and phone
         *     come from tallies), team and question type.
         */
        ReadCount: {
            channel: string;
            question_type?: string | null;
            /** Format: int64 */
            questions: number;
            /** Format: int32 */
            read_level?: number | null;
            /** Format: int64 */
            team_id?: number | null;
        };
        ReferenceFields: {
            /** @description What kind of question, 1 to 60 characters (e.g. "research", "account"); null clears it. */
            question_type?: string | null;
            /**
             * Format: int32
             * @description READ scale 1 (directional) to 6 (most effort); null clears it.
             */
            read_level?: number | null;
        };
        /** @description A conversation's classification, suggestions for it, and the library's usual types. */
        ReferenceOf: {
            question_type?: string | null;
            /** Format: int32 */
            read_level?: number | null;
            /** @description Best first; empty when nothing the library has resembles the conversation. */
            suggestions: components["schemas"]["TypeSuggestion"][];
            /** @description The library's most used types (quick picks). */
            usual: components["schemas"]["QuestionType"][];
        };
        ReplyRequest: {
            /** @description Email only: files uploaded with `POST /api/conversations/{id}/email/attachments`. */
            attachments?: number[];
            body: string;
            /** @description Send on another channel the patron has; default: the conversation's channel. */
            channel?: string | null;
        };
        /** @description A reset link made for a colleague. */
        ResetLink: {
            /** Format: date-time */
            expires_at: string;
            /** @description Give it to the colleague only (in person, by phone); it works once. */
            url: string;
        };
        ResetRequest: {
            /** @description The account's email address. */
            email: string;
        };
        /** @description The same answer whatever the address. */
        ResetRequested: {
            message: string;
        };
        /** @description One row: a group's figures now and in the period before. */
        ResponseRow: {
            current: components["schemas"]["Figures"];
            /**
             * @description Channel, team id, staff id, week (Monday), `<team id>/<Monday>` or tag; "" without
             *     grouping.
             */
            key: string;
            previous: components["schemas"]["Figures"];
        };
        /** @description First response, resolution (to the first resolve) and replies to resolve. */
        ResponseTimes: {
            /**
             * @description True when the percentiles were computed exactly from the stored facts; false when
             *     read from the histograms (within 2.5%; counts and means are exact either way).
             */
            exact: boolean;
            from: string;
            /** @description `wall` or `business`. */
            hours: string;
            previous_from: string;
            previous_to: string;
            rows: components["schemas"]["ResponseRow"][];
            to: string;
        };
        /** @enum {string} */
        ResyncReason: "too_old" | "lagged";
        /**
         * @description What a staff account may do. Ordered: each role can do everything the one before can.
         * @enum {string}
         */
        Role: "staff" | "manager" | "admin";
        /** @description One full-text search hit. */
        SearchHit: {
            conversation_id: components["schemas"]["ConversationId"];
            /** Format: date-time */
            created_at: string;
            direction: components["schemas"]["Direction"];
            message_id: components["schemas"]["MessageId"];
            /** @description The matching passage with the hits between « and ». */
            snippet: string;
        };
        SearchResults: {
            hits: components["schemas"]["SearchHit"][];
            next_before?: null | components["schemas"]["MessageId"];
        };
        /**
         * @description How a connection is secured.
         * @enum {string}
         */
        SecurityName: "tls" | "starttls" | "plain";
        /**
         * @description How a text will travel: GSM-7 fits 160 characters in one message, UCS-2 (any character
         *     outside GSM-7, e.g. an emoji or "á") only 70.
         */
        Segments: {
            characters: number;
            /** @description `gsm7` or `ucs2`. */
            encoding: string;
            /** @description Characters that still fit in the last segment. */
            remaining_in_segment: number;
            segments: number;
        };
        /** @description Server -> console. */
        ServerFrame: {
            presence: components["schemas"]["Presence"][];
            /** Format: int64 */
            seq: number;
            staff_id: components["schemas"]["StaffId"];
            /** @enum {string} */
            type: "hello";
            /** Format: int32 */
            version: number;
        } | {
            event: components["schemas"]["LiveEvent"];
            /** Format: int64 */
            seq: number;
            /** @enum {string} */
            type: "event";
        } | {
            reason: components["schemas"]["ResyncReason"];
            /** Format: int64 */
            seq: number;
            /** @enum {string} */
            type: "resync";
        } | {
            staff_id: components["schemas"]["StaffId"];
            state: components["schemas"]["PresenceState"];
            /** @enum {string} */
            type: "presence";
        } | {
            conversation_id?: null | components["schemas"]["ConversationId"];
            staff_id: components["schemas"]["StaffId"];
            /** @enum {string} */
            type: "viewing";
        } | {
            conversation_id: components["schemas"]["ConversationId"];
            staff_id: components["schemas"]["StaffId"];
            /** @enum {string} */
            type: "typing";
        } | {
            conversation_id: components["schemas"]["ConversationId"];
            /** @enum {string} */
            type: "patron_typing";
        } | {
            counts: components["schemas"]["QueueCounts"];
            /** @enum {string} */
            type: "counts";
        } | {
            /** @enum {string} */
            type: "pong";
        } | {
            reason: string;
            /** @enum {string} */
            type: "closing";
        };
        /**
         * @description The logged-in staff member and the CSRF token their state-changing requests must send
         *     in `X-CSRF-Token`.
         */
        SessionInfo: {
            csrf_token: string;
            display_name: string;
            library: components["schemas"]["Library"];
            role: components["schemas"]["Role"];
            staff_id: components["schemas"]["StaffId"];
        };
        /** @description The library's SMS account as admins see it: never the auth token. */
        SmsSettings: {
            account_sid?: string | null;
            api_base_url?: string | null;
            configured: boolean;
            from_number?: string | null;
            help_text?: string | null;
            media_hosts: string[];
            messaging_service_sid?: string | null;
            status_callback_url: string;
            /** @description Paste into the provider's console as the messaging webhook. */
            webhook_url: string;
        };
        SmsSettingsUpdate: {
            account_sid: string;
            /** @description Default: https://api.twilio.com */
            api_base_url?: string | null;
            /** @description A new token keeps the previous one valid for webhooks for 24 hours (rotation). */
            auth_token: string;
            from_number?: string | null;
            help_text?: string | null;
            /** @description Origins MMS media may be fetched from; default: the provider's. */
            media_hosts?: string[] | null;
            messaging_service_sid?: string | null;
        };
        SourceCount: {
            /** Format: int64 */
            count: number;
            source: string;
        };
        SplitContactRequest: {
            /**
             * Format: int64
             * @description The merge into this contact to undo.
             */
            merge_id: number;
        };
        SplitMessageResult: {
            /** @description The new conversation holding the message. */
            conversation_id: components["schemas"]["ConversationId"];
        };
        /** @description A staff account as the API shows it (no password hash). */
        Staff: {
            /** Format: date-time */
            disabled_at?: string | null;
            display_name: string;
            email: string;
            id: components["schemas"]["StaffId"];
            library_id: components["schemas"]["LibraryId"];
            role: components["schemas"]["Role"];
        };
        /** Format: int64 */
        StaffId: number;
        StaffUpdate: {
            /** @description Disabling ends every session of the account at once. */
            disabled?: boolean | null;
            role?: null | components["schemas"]["Role"];
        };
        /** @description Count, mean and percentiles of one measure (seconds, or replies), rounded to 1/1000. */
        Stats: {
            /** Format: int64 */
            count: number;
            /** Format: double */
            mean?: number | null;
            /** Format: double */
            p50?: number | null;
            /** Format: double */
            p90?: number | null;
            /** Format: double */
            p99?: number | null;
        };
        StatusRequest: {
            /**
             * Format: date-time
             * @description Required for `snoozed`: when the conversation comes back.
             */
            snooze_until?: string | null;
            status: components["schemas"]["ConversationStatus"];
        };
        /** @description A published entry staff can insert as a link or as text. */
        Suggestion: {
            /** Format: int64 */
            id: number;
            question: string;
            short_answer: string;
            /** @description The public link. */
            url: string;
        };
        /** @description A survey as managers see it. */
        Survey: {
            /** Format: date-time */
            closed_at?: string | null;
            /** Format: date-time */
            created_at: string;
            draft: components["schemas"]["SurveyDefinition"];
            /** Format: int64 */
            id: number;
            name: string;
            /**
             * Format: int32
             * @description The version the public page shows; null until first published.
             */
            published_version?: number | null;
            slug: string;
            /** @description True when the draft differs from the published version (there is something to publish). */
            unpublished_changes: boolean;
            /** Format: date-time */
            updated_at: string;
        };
        SurveyDefinition: {
            /** @description The language shown when the patron picks none, and the one every text must have. */
            default_language: string;
            intro?: {
                [key: string]: string;
            };
            /** @description Every language offered, the default first or anywhere. */
            languages: string[];
            questions: components["schemas"]["Question"][];
            /** @description Shown after a response is received. */
            thanks?: {
                [key: string]: string;
            };
            title: {
                [key: string]: string;
            };
        };
        /** @description A survey with its published definition and versions. */
        SurveyDetail: {
            published?: null | components["schemas"]["SurveyDefinition"];
            survey: components["schemas"]["Survey"];
            versions: components["schemas"]["VersionInfo"][];
        };
        SurveyUpdate: {
            /** @description Close (true) or reopen (false) the survey to new responses; absent: unchanged. */
            closed?: boolean | null;
            /** @description The new draft; the public page keeps the published version until `publish`. */
            definition: components["schemas"]["SurveyDefinition"];
            name: string;
        };
        /** @description The library's synonym groups: each group's terms are searched as one. */
        Synonyms: {
            /** @description e.g. `[["renew", "extend", "keep longer"], ["card", "membership", "library card"]]`. */
            groups: string[][];
        };
        TagsRequest: {
            tags: string[];
        };
        Tally: {
            /** Format: date-time */
            at: string;
            /** Format: int32 */
            count: number;
            /** Format: int64 */
            id: number;
            mode: string;
            question_type?: string | null;
            /** Format: int32 */
            read_level?: number | null;
            service_point: string;
            team_id?: null | components["schemas"]["TeamId"];
        };
        /** @description Questions of one mode and READ level. */
        TallyCount: {
            mode: string;
            /** Format: int64 */
            questions: number;
            /** Format: int32 */
            read_level?: number | null;
        };
        /** @description Today's tallies (the library's date), for the tally screen. */
        TallyDay: {
            /** @description Questions counted today, by mode and READ level (at `service_point`, if given). */
            counts: components["schemas"]["TallyCount"][];
            /** Format: date */
            day: string;
            last?: null | components["schemas"]["Tally"];
            /** @description Service points the library counted at in the last 30 days, most used first. */
            service_points: string[];
            /** Format: int64 */
            total: number;
        };
        Target: {
            /** @description Count only the team's opening hours. */
            business_hours?: boolean;
            /** @description email, sms, chat or survey. */
            channel: string;
            /**
             * Format: int32
             * @description 1 second to a year.
             */
            first_response_secs: number;
            team_id?: null | components["schemas"]["TeamId"];
        };
        /** @description Share of first responses that met their target, now and in the period before. */
        TargetReport: {
            current: components["schemas"]["TargetResult"][];
            previous: components["schemas"]["TargetResult"][];
        };
        /** @description How one target did in a period. */
        TargetResult: {
            /** Format: int64 */
            met: number;
            /**
             * Format: int64
             * @description First responses in the period the target applies to.
             */
            responses: number;
            /**
             * Format: double
             * @description met / responses; null without responses.
             */
            share_met?: number | null;
            target: components["schemas"]["Target"];
        };
        /** @description A queue of conversations: Reference, Circulation, Children's, a branch. */
        Team: {
            id: components["schemas"]["TeamId"];
            member_ids: components["schemas"]["StaffId"][];
            name: string;
        };
        TeamCount: {
            /** Format: int64 */
            open: number;
            /** Format: int64 */
            team_id?: number | null;
        };
        /** @description A team's week, in the library's time zone. */
        TeamHours: {
            /**
             * @description Several intervals a day are allowed; an empty week means "no hours set" (the team
             *     counts as always open in business-hours figures).
             */
            intervals: components["schemas"]["OpeningInterval"][];
            /** @description The library's IANA time zone, e.g. `America/New_York` (read only). */
            timezone?: string;
        };
        /** Format: int64 */
        TeamId: number;
        TeamRequest: {
            member_ids?: components["schemas"]["StaffId"][];
            name: string;
        };
        TransferRequest: {
            /**
             * @description Keep the current assignee (default: the conversation goes back to the team's queue
             *     unassigned).
             */
            keep_assignee?: boolean;
            /** @description An internal note for the receiving team. */
            note?: string | null;
            team_id?: null | components["schemas"]["TeamId"];
        };
        /** @description One period of the headline trend. */
        TrendPoint: {
            /** Format: double */
            nps?: number | null;
            /** Format: date */
            period: string;
            /**
             * Format: double
             * @description Web and kiosk responses per view; null without views.
             */
            response_rate?: number | null;
            /** Format: int64 */
            responses: number;
            /**
             * Format: double
             * @description Mean of the satisfaction question (see `satisfaction_question`).
             */
            satisfaction?: number | null;
            /**
             * Format: int64
             * @description Page views (web and kiosk) in the period.
             */
            views: number;
        };
        /** @description One suggested classification. */
        TypeSuggestion: {
            /** @description `faq`: the entry's question. */
            faq_question?: string | null;
            /** Format: int64 */
            neighbours: number;
            question_type: string;
            /**
             * Format: int32
             * @description The READ level most often given with this type (null when none was).
             */
            read_level?: number | null;
            /**
             * Format: int64
             * @description `similar`: how many of the nearest conversations had this type, of `neighbours`.
             */
            similar: number;
            /**
             * @description `similar`: the type of the most similar classified conversations; `faq`: the topic
             *     of the FAQ entry the patron's words match.
             */
            source: string;
        };
        /** @description An uploaded file waiting for its reply. */
        Upload: {
            content_type: string;
            filename: string;
            /** Format: int64 */
            id: number;
            /** Format: int32 */
            size_bytes: number;
        };
        /** @description A file for an email reply. */
        UploadRequest: {
            /** @description The file's bytes, base64 (standard alphabet, padded). At most 10 MB decoded. */
            data_base64: string;
            /** @description The file's name as the staff member's computer knows it (sanitised before use). */
            filename: string;
        };
        /** @description One published version (the list in the builder). */
        VersionInfo: {
            /** Format: date-time */
            published_at: string;
            /** Format: int64 */
            published_by?: number | null;
            /** Format: int64 */
            responses: number;
            /** Format: int32 */
            version: number;
        };
        /** @description Conversations by hour of day x weekday and by week, per channel. */
        Volume: {
            heatmap: components["schemas"]["HeatCell"][];
            weeks: components["schemas"]["WeekCount"][];
        };
        /** @description Conversations started per week (Monday, library time) and channel. */
        WeekCount: {
            channel: string;
            /** Format: int64 */
            conversations: number;
            week: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    get_audit: {
        parameters: {
            query?: {
                /** @description contact, conversation, message, privacy_policy... */
                subject_type?: string;
                subject_id?: number;
                staff_id?: number;
                action?: string;
                /** @description Entries older than this id (the last id of the previous page). */
                before?: number;
                /** @description 1..200, default 50. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_auth_password_reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetRequest"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResetRequested"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_auth_password_reset_complete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteReset"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_canned_responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedResponse"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_canned_responses: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CannedRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedResponse"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_canned_responses_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CannedRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CannedResponse"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_canned_responses_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_contacts_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactProfile"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_contacts_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Erased"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_contacts_by_id_consents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentRequest"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_contacts_by_id_duplicates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Duplicate"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_contacts_by_id_export: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_contacts_by_id_export_html: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_contacts_by_id_merge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeContactsRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactMerge"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_contacts_by_id_profile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProfileRequest"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_contacts_by_id_sms_consent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConsentRequest"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_contacts_by_id_split: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SplitContactRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactMerge"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_conversations: {
        parameters: {
            query?: {
                /** @description open (default), pending, snoozed, resolved, or all. */
                status?: string;
                team?: number;
                /** @description `me`, `none` (unassigned) or a staff id. */
                assignee?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                tag?: string;
                /** @description Full-text search over the conversation's messages (web-search syntax). */
                q?: string;
                /** @description `waiting` (oldest waiting first; default for open) or `newest`. */
                order?: string;
                /** @description From the previous page's `next_cursor`. */
                cursor?: string;
                /** @description 1 to 100; default 50. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationPage"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_conversations_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationDetail"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_conversations_by_id_assignee: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_conversations_by_id_claim: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_conversations_by_id_email: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConversationEmail"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_conversations_by_id_email_attachments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UploadRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Upload"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_conversations_by_id_merge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeConversationsRequest"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_conversations_by_id_notes: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NoteRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_conversations_by_id_reference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferenceOf"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_conversations_by_id_reference: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReferenceFields"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReferenceFields"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_conversations_by_id_replies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplyRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_conversations_by_id_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_conversations_by_id_tags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TagsRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_conversations_by_id_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_faq: {
        parameters: {
            query?: {
                /** @description `draft` or `published`; both when absent. */
                status?: string;
                /** @description Only entries due for review. */
                due?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_faq: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntryInput"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_faq_analytics: {
        parameters: {
            query?: {
                /** @description Days back from today (1 to 365); default 30. */
                days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Analytics"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_faq_from_conversation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FromConversation"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_faq_suggest: {
        parameters: {
            query: {
                /** @description What the patron asked or what staff are typing. */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Suggestion"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_faq_synonyms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Synonyms"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_faq_synonyms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Synonyms"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Synonyms"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_faq_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_faq_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EntryInput"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_faq_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_faq_by_id_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_faq_by_id_reviewed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_faq_by_id_unpublish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Entry"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_holidays: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Holiday"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_holidays: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewHoliday"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Holiday"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_holidays_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionInfo"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_messages_by_id_split: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SplitMessageResult"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reference_question_types: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestionType"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_reference_tallies: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTally"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tally"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reference_tallies_today: {
        parameters: {
            query?: {
                /** @description Only this service point's counts (default: every service point). */
                service_point?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TallyDay"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    delete_reference_tallies_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_chat: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatFigures"];
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_conversations_csv: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_csat: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CsatRow"][];
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_patrons: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
                /**
                 * @description A patron with no contact for this many days counts as lapsed (1 to 3650); default the
                 *     library's privacy setting, else `reports.lapsed_after_days`.
                 */
                lapsed_after_days?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Patrons"];
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_reference: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadCount"][];
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_response_times: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResponseTimes"];
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_targets: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetReport"];
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_reports_volume: {
        parameters: {
            query?: {
                /** @description First local day (YYYY-MM-DD); default 30 days before `to`. */
                from?: string;
                /** @description Day after the last (exclusive); default tomorrow in the library's time zone. */
                to?: string;
                /** @description email, sms, chat or survey. */
                channel?: string;
                /** @description A team id; 0 = conversations without a team. */
                team?: number;
                /** @description A staff id (staff may only ask for their own). */
                staff?: number;
                /** @description `wall` (default) or `business` (the team's opening hours). */
                hours?: string;
                /**
                 * @description Rows per `none` (default), `channel`, `team`, `staff`, `week`, `team_week` (key
                 *     `<team id>/<Monday>`) or `tag`.
                 */
                group?: string;
                /** @description `json` (default) or `csv`. */
                format?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Volume"];
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_search: {
        parameters: {
            query: {
                /** @description Words to find; web-search syntax ("quoted phrase", -excluded, or). */
                q: string;
                /** @description From the previous page's `next_before`. */
                before?: number;
                /** @description 1 to 100; default 25. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResults"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_service_targets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_service_targets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Target"][];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Target"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_service_targets_due: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Due"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionInfo"];
                };
            };
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_chat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSettingsView"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings_chat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatSettingsUpdate"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatSettingsView"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_csat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CsatSettings"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings_csat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CsatSettings"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CsatSettings"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_settings_csat_optouts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OptOut"];
            };
        };
        responses: {
            /** @description Recorded */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_email_mailboxes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxList"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_settings_email_mailboxes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MailboxSettings"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxView"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings_email_mailboxes_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MailboxSettings"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxView"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_settings_email_mailboxes_by_id_resync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MailboxView"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_email_quarantine: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuarantineList"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_email_quarantine_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuarantinedMessage"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_limits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitSettings"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings_limits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LibraryLimits"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LimitSettings"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_privacy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings_privacy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Policy"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_settings_privacy_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Policy"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Preview"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_settings_sms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SmsSettings"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_settings_sms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SmsSettingsUpdate"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SmsSettings"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_sms_keywords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeywordReply"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "put_sms_keywords_{keyword}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyword: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["KeywordRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KeywordReply"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    "delete_sms_keywords_{keyword}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyword: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_sms_segments: {
        parameters: {
            query: {
                text: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Segments"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_staff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Staff"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_staff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewStaff"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Staff"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_staff_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StaffUpdate"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Staff"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_staff_by_id_password_reset_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResetLink"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_surveys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Survey"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_surveys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSurvey"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDetail"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_surveys_csat: {
        parameters: {
            query?: {
                /** @description First day (default: 90 days ago). */
                from?: string;
                /** @description Last day (default: today). */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CsatReport"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_surveys_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDetail"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_surveys_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SurveyUpdate"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDetail"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_surveys_by_id_breakdown: {
        parameters: {
            query: {
                /** @description The context question to group by (its key). */
                by: string;
                /** @description The scored question (its key); ignored for `measure=responses`. */
                question?: string;
                /** @description rating, importance, satisfaction, nps or responses (default: the question's own). */
                measure?: string;
                /** @description Smallest group shown (default 5, at least 2). */
                min_group?: number;
                grain?: components["schemas"]["Grain"];
                from?: string;
                to?: string;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Breakdown"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_surveys_by_id_comments: {
        parameters: {
            query?: {
                /** @description Words to find (web-search syntax). */
                q?: string;
                /** @description Older than this response id (the last one of the previous page). */
                before?: number;
                /** @description 1 to 200; default 50. */
                limit?: number;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Comment"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_surveys_by_id_export_csv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_surveys_by_id_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SurveyDetail"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_surveys_by_id_responses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PaperResponse"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaperEntered"];
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaperEntered"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_surveys_by_id_results: {
        parameters: {
            query?: {
                /** @description `week` or `month` (default). */
                grain?: components["schemas"]["Grain"];
                /** @description First day (default: twelve months ago). */
                from?: string;
                /** @description Last day (default: today). */
                to?: string;
            };
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Overview"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description No such record in the caller's library */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_teams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"][];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    post_teams: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamRequest"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_teams_by_id: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamRequest"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Team"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    get_teams_by_id_hours: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamHours"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Missing CSRF token, foreign Origin, or a role that may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Invalid input; `code` says which */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    put_teams_by_id_hours: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TeamHours"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TeamHours"];
                };
            };
            /** @description Not logged in, or the session ended */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description Too many requests; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
