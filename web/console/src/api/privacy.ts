// Calls of the patron-profile and privacy API (merge, split, duplicates, audit log), typed
// from the generated schema. Kept apart from client.ts so other features' edits never meet.
import { request } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Duplicate = S['Duplicate'];
export type ContactMerge = S['ContactMerge'];
export type AuditEntry = S['AuditEntry'];
export type AuditPage = S['AuditPage'];
export type Policy = S['Policy'];
export type RetentionPreview = S['Preview'];
export type SplitMessageResult = S['SplitMessageResult'];

const contact = (id: number) => `/api/contacts/${encodeURIComponent(id)}`;

export const privacyApi = {
  duplicates: (id: number) => request<Duplicate[]>('GET', contact(id) + '/duplicates'),
  merge: (into: number, from: number) => request<ContactMerge>('POST', contact(into) + '/merge', { from_contact_id: from }),
  split: (into: number, mergeId: number) => request<ContactMerge>('POST', contact(into) + '/split', { merge_id: mergeId }),
  mergeConversations: (into: number, from: number) =>
    request<void>('POST', `/api/conversations/${encodeURIComponent(into)}/merge`, { from_conversation_id: from }),
  splitMessage: (messageId: number) =>
    request<SplitMessageResult>('POST', `/api/messages/${encodeURIComponent(messageId)}/split`),
  policy: () => request<Policy>('GET', '/api/settings/privacy'),
  savePolicy: (p: Policy) => request<Policy>('PUT', '/api/settings/privacy', p),
  previewPolicy: (p: Policy) => request<RetentionPreview>('POST', '/api/settings/privacy/preview', p),
  audit: (before?: number | null) =>
    request<AuditPage>('GET', '/api/audit?limit=50' + (before ? `&before=${encodeURIComponent(before)}` : '')),
};
