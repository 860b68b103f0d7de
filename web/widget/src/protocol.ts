// The widget <-> hub contract (channels/src/chat/PROTOCOL.md, version 1), as TypeScript.
// The Rust types in channels/src/chat/frames.rs are the source; keep this file true to them.

export const PROTOCOL_VERSION = 1;

export interface Attachment {
  id: number;
  filename: string;
  content_type: string;
  size: number;
}

export interface Message {
  seq: number;
  id: number;
  from: 'patron' | 'staff' | 'system';
  author?: string;
  text: string;
  /** RFC 3339 */
  at: string;
  client_id?: string;
  attachments: Attachment[];
}

export interface Availability {
  open: boolean;
  staff_online: boolean;
  reason?: 'closed' | 'no_staff';
  next_open?: string;
  message: string;
}

/** `GET /chat/{library}/config` */
export interface ChatConfig {
  name: string;
  greeting: string;
  color: string;
  position: 'right' | 'left';
  languages: string[];
  privacy_url?: string | null;
  max_upload_bytes: number;
  availability: Availability;
}

export interface SignedIdentity {
  id: string;
  name?: string;
  email?: string;
  ts: number;
  sig: string;
}

export type ClientFrame =
  | { type: 'hello'; v: number; token?: string; after?: number; identity?: SignedIdentity; lang?: string }
  | { type: 'send'; client_id: string; text: string }
  | { type: 'typing'; active: boolean }
  | { type: 'read'; seq: number }
  | { type: 'contact'; name?: string; email?: string; phone?: string }
  | { type: 'leave_message'; client_id: string; text: string; name?: string; email?: string; phone?: string }
  | { type: 'end' }
  | { type: 'transcript'; email: string }
  | { type: 'rate'; score: number; comment?: string }
  | { type: 'ping' };

export type ErrorCode =
  | 'bad_frame'
  | 'too_large'
  | 'rate_limited'
  | 'identity_invalid'
  | 'session_unknown'
  | 'invalid_email'
  | 'invalid_phone'
  | 'closed';

export type ServerFrame =
  | {
      type: 'welcome';
      v: number;
      token: string;
      conversation_id?: number | null;
      cursor: number;
      availability: Availability;
      queue_position?: number | null;
      messages: Message[];
    }
  | { type: 'message'; message: Message }
  | { type: 'ack'; client_id: string; message: Message }
  | { type: 'typing'; active: boolean }
  | { type: 'joined'; name: string }
  | { type: 'read'; seq: number }
  | { type: 'queue'; position: number }
  | { type: 'availability'; availability: Availability }
  | { type: 'ended'; by: 'patron' | 'staff' }
  | { type: 'done'; what: 'transcript' | 'rating' | 'left_message' | 'contact' }
  | { type: 'error'; code: ErrorCode | string; message: string }
  | { type: 'pong' };
