// The FAQ screen's state: the library's entries and the calls that change them. Types are
// the server's (generated from its OpenAPI document).
import { signal } from '@preact/signals';
import { request } from '../api/client';
import type { components } from '../api/schema';

type S = components['schemas'];
export type FaqEntry = S['Entry'];
export type FaqInput = S['EntryInput'];
export type FaqSuggestion = S['Suggestion'];

/** Whether the FAQ screen (a modal dialog over the console) is open. */
export const faqOpen = signal(false);
export const faqEntries = signal<FaqEntry[]>([]);
export const faqError = signal<string | null>(null);

export async function loadFaq(): Promise<void> {
  try {
    faqEntries.value = await request<FaqEntry[]>('GET', '/api/faq');
    faqError.value = null;
  } catch (e) {
    faqError.value = e instanceof Error ? e.message : 'Could not load the FAQ.';
  }
}

function replace(entry: FaqEntry): FaqEntry {
  const rest = faqEntries.value.filter((e) => e.id !== entry.id);
  faqEntries.value = [entry, ...rest];
  return entry;
}

export const faqApi = {
  create: async (input: FaqInput) => replace(await request<FaqEntry>('POST', '/api/faq', input)),
  update: async (id: number, input: FaqInput) => replace(await request<FaqEntry>('PUT', `/api/faq/${id}`, input)),
  act: async (id: number, action: 'publish' | 'unpublish' | 'reviewed') =>
    replace(await request<FaqEntry>('POST', `/api/faq/${id}/${action}`, {})),
  remove: async (id: number) => {
    await request<void>('DELETE', `/api/faq/${id}`);
    faqEntries.value = faqEntries.value.filter((e) => e.id !== id);
  },
  fromConversation: async (conversationId: number) =>
    replace(await request<FaqEntry>('POST', '/api/faq/from-conversation', { conversation_id: conversationId })),
  suggest: (q: string) => request<FaqSuggestion[]>('GET', `/api/faq/suggest?q=${encodeURIComponent(q)}`),
};

/** Plain text typed by staff as the answer's HTML: paragraphs, escaped. */
export function textToHtml(text: string): string {
  const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

/** The answer's HTML back as text for editing. */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html.replaceAll('<br>', '\n').replaceAll('</p>', '\n\n'), 'text/html');
  return (doc.body.textContent ?? '').trim();
}
