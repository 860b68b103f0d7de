/**
 * Generated from web/openapi.json by scripts/gen-types.mjs (npm run types). Do not edit.
 * The widget <-> hub socket protocol (channels/src/chat/frames.rs, PROTOCOL.md).
 */

export type paths = Record<string, never>;
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
