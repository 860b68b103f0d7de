// Calls of the patron-profile and privacy API (merge, split, duplicates, audit log), typed
// from the generated schema. Kept apart from client.ts so other features' edits never meet.
import { request } from './client';
import type { components } from './schema';

type S = components['schemas'];
export type Duplicate = S['Duplicate'];
export type ContactMerge = S['ContactMerge'];
export type AuditEntry = S['AuditEntry'];
export type AuditPage = S['AuditPage'];

const contact = (id: number) => `/api/contacts/${encodeURIComponent(id)}`;

export const privacyApi = {
  duplicates: (id: number) => request<Duplicate[]>('GET', contact(id) + '/duplicates'),
  merge: (into: number, from: number) => request<ContactMerge>('POST', contact(into) + '/merge', { from_contact_id: from }),
  split: (into: number, mergeId: number) => request<ContactMerge>('POST', contact(into) + '/split', { merge_id: mergeId }),
  audit: (before?: number | null) =>
    request<AuditPage>('GET', '/api/audit?limit=50' + (before ? `&before=${encodeURIComponent(before)}` : '')),
};
