// The widget <-> hub contract (channels/src/chat/PROTOCOL.md, version 1). The frame types
// are generated from the Rust types (channels/src/chat/frames.rs) into protocol.gen.ts by
// `npm run types`; tests/types.test.mjs fails when that file is stale.
import type { components } from './protocol.gen';

type Schemas = components['schemas'];

export const PROTOCOL_VERSION = 1;

export type Attachment = Schemas['ChatAttachment'];
export type Message = Schemas['ChatMessage'];
export type Availability = Schemas['ChatAvailability'];
export type SignedIdentity = Schemas['ChatSignedIdentity'];
export type ErrorCode = Schemas['ChatErrorCode'];
export type ClientFrame = Schemas['PatronFrame'];
export type ServerFrame = Schemas['HubFrame'];

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
