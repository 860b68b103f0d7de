// The conversation list and the open conversation: loaded over REST, then kept current by
// live events (rows are inserted, moved and removed in place; nothing is refetched).
import { batch, effect, signal, untracked } from '@preact/signals';
import { api, ApiError } from '../api/client';
import type { ContactProfile, Conversation, ConversationDetail, Message } from '../api/types';
import { appendPage, applyToList, listQuery, type ListState } from './queues';
import { route } from './route';
import { me, session } from './store';

export interface ListView extends ListState {
  /** The view these rows belong to; results for an older view are dropped. */
  key: string;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
}

export const list = signal<ListView>({ key: '', items: [], nextCursor: null, loading: true, loadingMore: false, error: null });

export interface DetailView {
  id: number | null;
  data: ConversationDetail | null;
  profile: ContactProfile | null;
  loading: boolean;
  error: string | null;
}

export const detail = signal<DetailView>({ id: null, data: null, profile: null, loading: false, error: null });

function viewKey(): string {
  const r = route.value;
  return JSON.stringify([r.queue, r.channel, r.tag, r.q.trim()]);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : 'Something went wrong.';
}

/** Live changes that arrived while the list was loading, applied once it has loaded. */
let arrivedWhileLoading: Conversation[] = [];

export async function reloadList(): Promise<void> {
  const r = route.value;
  const key = viewKey();
  arrivedWhileLoading = [];
  list.value = { ...list.value, key, loading: true, error: null, ...(list.value.key === key ? {} : { items: [], nextCursor: null }) };
  try {
    const page = await api.conversations(listQuery(r.queue, r));
    if (list.value.key !== key) return;
    let loaded: ListState = { items: page.conversations, nextCursor: page.next_cursor ?? null };
    for (const c of arrivedWhileLoading) loaded = applyToList(loaded, c, r.queue, r, me.value);
    arrivedWhileLoading = [];
    list.value = { key, ...loaded, loading: false, loadingMore: false, error: null };
  } catch (e) {
    if (list.value.key !== key) return;
    list.value = { ...list.value, loading: false, error: message(e) };
  }
}

export async function loadMore(): Promise<void> {
  const cur = list.value;
  if (!cur.nextCursor || cur.loadingMore) return;
  const r = route.value;
  const key = cur.key;
  list.value = { ...cur, loadingMore: true };
  try {
    const page = await api.conversations(listQuery(r.queue, r, cur.nextCursor));
    if (list.value.key !== key) return;
    list.value = { ...list.value, ...appendPage(list.value, page.conversations, page.next_cursor ?? null), loadingMore: false };
  } catch (e) {
    if (list.value.key !== key) return;
    list.value = { ...list.value, loadingMore: false, error: message(e) };
  }
}

export async function reloadDetail(): Promise<void> {
  const id = route.value.conversationId;
  if (id === null) {
    detail.value = { id: null, data: null, profile: null, loading: false, error: null };
    return;
  }
  const same = detail.value.id === id;
  detail.value = { id, data: same ? detail.value.data : null, profile: same ? detail.value.profile : null, loading: true, error: null };
  try {
    const data = await api.conversation(id);
    if (detail.value.id !== id) return;
    detail.value = { ...detail.value, data, loading: false };
    const profile = await api.contact(data.contact.id);
    if (detail.value.id !== id) return;
    detail.value = { ...detail.value, profile };
  } catch (e) {
    if (detail.value.id !== id) return;
    const text = e instanceof ApiError && e.status === 404 ? 'This conversation does not exist or was erased.' : message(e);
    detail.value = { ...detail.value, loading: false, error: text };
  }
}

/** The current state of a conversation, from an event or our own action. */
export function upsertConversation(c: Conversation): void {
  const r = route.value;
  batch(() => {
    if (list.value.key === viewKey() && !list.value.loading) {
      const next = applyToList(list.value, c, r.queue, r, me.value);
      if (next !== list.value) list.value = { ...list.value, ...next };
    } else if (list.value.loading) {
      arrivedWhileLoading.push(c);
    }
    if (list.value.loading && list.value.items.some((x) => x.id === c.id)) {
      // Rows still shown from before the reload: keep them current meanwhile.
      list.value = { ...list.value, items: list.value.items.map((x) => (x.id === c.id ? c : x)) };
    }
    const d = detail.value;
    if (d.data && d.data.conversation.id === c.id) {
      detail.value = { ...d, data: { ...d.data, conversation: c } };
    }
    const p = detail.value.profile;
    if (p && p.conversations.some((x) => x.id === c.id)) {
      detail.value = { ...detail.value, profile: { ...p, conversations: p.conversations.map((x) => (x.id === c.id ? c : x)) } };
    }
  });
}

/** A message in the open conversation's thread: appended once, or replaced by a newer copy. */
export function upsertMessage(m: Message): void {
  const d = detail.value;
  if (!d.data || d.data.conversation.id !== m.conversation_id) return;
  const msgs = d.data.messages;
  const i = msgs.findIndex((x) => x.id === m.id);
  const messages = i < 0 ? [...msgs, m].sort((a, b) => a.id - b.id) : msgs.map((x) => (x.id === m.id ? { ...x, ...m } : x));
  detail.value = { ...d, data: { ...d.data, messages } };
}

export function setDeliveryStatus(conversationId: number, messageId: number, status: string, error: string | null): void {
  const d = detail.value;
  if (!d.data || d.data.conversation.id !== conversationId) return;
  detail.value = {
    ...d,
    data: {
      ...d.data,
      messages: d.data.messages.map((x) =>
        x.id === messageId ? { ...x, delivery_status: status, delivery_error: error ?? null } : x,
      ),
    },
  };
}

// Reload the list when the queue or filters change, and the thread when another one opens.
let lastListKey = '';
let lastDetail: number | null | undefined;
effect(() => {
  if (!session.value) {
    lastListKey = '';
    lastDetail = undefined;
    return;
  }
  const key = viewKey();
  if (key !== lastListKey) {
    lastListKey = key;
    untracked(() => void reloadList());
  }
  const id = route.value.conversationId;
  if (id !== lastDetail) {
    lastDetail = id;
    untracked(() => void reloadDetail());
  }
});
