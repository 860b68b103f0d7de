// Wires the live socket to the console's state: events update the list and the open
// thread, colleagues' presence/viewing/typing show up, new patron messages alert staff.
import { effect, signal } from '@preact/signals';
import { api } from '../api/client';
import { LiveSocket } from '../api/socket';
import type { Conversation, EventOf, QueueCounts, ServerFrame } from '../api/types';
import { announce, chime, desktopNotify, toast } from '../lib/alerts';
import { channelLabel } from '../lib/channels';
import { detail, list, reloadDetail, reloadList, setDeliveryStatus, upsertConversation, upsertMessage } from './inbox';
import { navigate, route } from './route';
import {
  connection,
  counts,
  me,
  myPresence,
  presence,
  session,
  setSocket,
  socket,
  staffName,
  typers,
  viewers,
} from './store';

const VIEWING_TTL_MS = 45_000;
const TYPING_TTL_MS = 6_000;
const VIEWING_EVERY_MS = 20_000;
const TYPING_EVERY_MS = 1_000;
const AWAY_AFTER_MS = 10 * 60_000;

/** Queue counts computed from the lists until the server's first `counts` frame arrives. */
export const countsApprox = signal<{ open: boolean; pending: boolean; snoozed: boolean } | null>(null);

let helloSeen = false;
let failedAttempts = 0;

export function connect(): void {
  socket()?.stop();
  helloSeen = false;
  failedAttempts = 0;
  const s = new LiveSocket({
    frame: onFrame,
    state: (state, retryIn) => {
      connection.value = { state, retryIn };
      if (state === 'open') failedAttempts = 0;
      // A socket that keeps failing may mean the session ended while we were away: ask
      // (a 401 takes staff back to the login screen).
      if (state === 'reconnecting' && ++failedAttempts >= 2) void api.session().catch(() => {});
    },
    // "session ended" is also what a server that is shutting down says: ask whether the
    // session is really gone (401 -> login screen) before leaving; otherwise reconnect.
    closing: () => void api.session().catch(() => {}),
  });
  setSocket(s);
  s.start();
}

function onFrame(f: ServerFrame): void {
  switch (f.type) {
    case 'hello': {
      presence.value = Object.fromEntries(f.presence.map((p) => [p.staff_id, p.state]));
      if (myPresence.value.state === 'away') socket()?.send({ type: 'presence', state: 'away' });
      announceViewing();
      if (!counts.value) void estimateCounts();
      if (!helloSeen) {
        // Events from here on arrive live; reload what may have been read before this
        // point so nothing between the first load and the socket's start is missed.
        helloSeen = true;
        void reloadList();
        if (route.value.conversationId !== null) void reloadDetail();
      }
      break;
    }
    case 'event':
      onEvent(f.event);
      break;
    case 'resync':
      void reloadList();
      void reloadDetail();
      break;
    case 'counts':
      countsApprox.value = null;
      counts.value = f.counts;
      break;
    case 'presence': {
      const was = presence.value[f.staff_id];
      presence.value = { ...presence.value, [f.staff_id]: f.state };
      // A colleague just came online: tell them now what we have open, not in 20 s.
      if (f.staff_id !== me.value && f.state === 'online' && (was === undefined || was === 'offline')) announceViewing();
      break;
    }
    case 'viewing': {
      if (f.staff_id === me.value) break;
      const next = { ...viewers.value };
      if (f.conversation_id == null) delete next[f.staff_id];
      else next[f.staff_id] = { conversationId: f.conversation_id, until: Date.now() + VIEWING_TTL_MS };
      viewers.value = next;
      break;
    }
    case 'typing':
      if (f.staff_id === me.value) break;
      typers.value = { ...typers.value, [f.staff_id]: { conversationId: f.conversation_id, until: Date.now() + TYPING_TTL_MS } };
      break;
    case 'pong':
    case 'closing':
      break;
  }
}

function onEvent(e: EventOf<'message_created'> | EventOf<'conversation_changed'> | EventOf<'delivery_status_changed'>): void {
  switch (e.kind) {
    case 'message_created':
      upsertConversation(e.conversation);
      upsertMessage(e.message);
      if (e.message.direction === 'in') patronWrote(e.conversation, e.message.body);
      if (e.mentions?.includes(me.value) && e.message.author_staff_id !== me.value) mentioned(e.conversation, e.message.author_staff_id);
      // A colleague's reply ends their "typing" notice at once.
      if (e.message.author_staff_id != null && typers.value[e.message.author_staff_id]) {
        const next = { ...typers.value };
        delete next[e.message.author_staff_id];
        typers.value = next;
      }
      break;
    case 'conversation_changed': {
      const before = findKnown(e.conversation.id);
      upsertConversation(e.conversation);
      if (
        before &&
        e.by != null &&
        e.by !== me.value &&
        e.conversation.assignee_id === me.value &&
        before.assignee_id !== me.value
      ) {
        toast(`${staffName(e.by)} assigned you the conversation with ${label(e.conversation)}.`, { conversationId: e.conversation.id });
      }
      break;
    }
    case 'delivery_status_changed': {
      setDeliveryStatus(e.conversation_id, e.message_id, e.status, e.error ?? null);
      const open = detail.value.data;
      const mine = open?.messages.find((m) => m.id === e.message_id)?.author_staff_id === me.value;
      if (e.status === 'failed' && mine) {
        toast(`Your reply could not be delivered: ${e.error ?? 'unknown error'}.`, { tone: 'error', conversationId: e.conversation_id });
      }
      break;
    }
  }
}

/** The last state of a conversation this console knew, if any (open thread or list). */
function findKnown(id: number): Conversation | undefined {
  if (detail.value.data?.conversation.id === id) return detail.value.data.conversation;
  return list.value.items.find((c) => c.id === id);
}

function label(c: Conversation): string {
  return c.contact_label ?? `patron #${c.contact_id}`;
}

/** Alert for a patron's message unless a colleague already owns the conversation. */
function patronWrote(c: Conversation, body: string): void {
  const who = label(c);
  const preview = body.length > 120 ? body.slice(0, 117) + '…' : body;
  const looking = route.value.conversationId === c.id && document.visibilityState === 'visible';
  if (looking) {
    announce(`New message from ${who}: ${preview}`);
    return;
  }
  announce(`New ${channelLabel(c.channel)} message from ${who}.`);
  if (c.assignee_id != null && c.assignee_id !== me.value) return;
  toast(`New ${channelLabel(c.channel)} message from ${who}: ${preview}`, { conversationId: c.id });
  chime();
  desktopNotify(`${who} (${channelLabel(c.channel)})`, preview, `conversation-${c.id}`, () =>
    navigate({ conversationId: c.id }),
  );
}

/** A colleague @mentioned me in a note. */
function mentioned(c: Conversation, by: number | null | undefined): void {
  const text = `${staffName(by)} mentioned you in a note about ${label(c)}.`;
  announce(text);
  if (route.value.conversationId === c.id && document.visibilityState === 'visible') return;
  toast(text, { conversationId: c.id });
  chime();
  desktopNotify('You were mentioned', text, `mention-${c.id}`, () => navigate({ conversationId: c.id }));
}

/** The socket sends counts when something changes; until then, count from the lists. */
async function estimateCounts(): Promise<void> {
  try {
    const [open, pending, snoozed] = await Promise.all(
      (['open', 'pending', 'snoozed'] as const).map((status) => api.conversations({ status, limit: 100 })),
    );
    if (counts.value) return;
    const c: QueueCounts = {
      open: open.conversations.length,
      unassigned: 0,
      pending: pending.conversations.length,
      snoozed: snoozed.conversations.length,
      by_team: [],
      by_assignee: [],
    };
    for (const conv of open.conversations) {
      if (conv.assignee_id == null) c.unassigned++;
      const t = c.by_team.find((x) => x.team_id === (conv.team_id ?? null));
      if (t) t.open++;
      else c.by_team.push({ team_id: conv.team_id ?? null, open: 1 });
      if (conv.assignee_id != null) {
        const a = c.by_assignee.find((x) => x.staff_id === conv.assignee_id);
        if (a) a.open++;
        else c.by_assignee.push({ staff_id: conv.assignee_id, open: 1 });
      }
    }
    countsApprox.value = { open: !!open.next_cursor, pending: !!pending.next_cursor, snoozed: !!snoozed.next_cursor };
    counts.value = c;
  } catch {
    /* counts stay unknown until the server sends them */
  }
}

// ---- Viewing: tell colleagues which conversation is open; repeat so it does not expire ----

function announceViewing(): void {
  socket()?.send({ type: 'viewing', conversation_id: session.value ? route.value.conversationId : null });
}

let viewingTimer: number | undefined;
let lastViewed: number | null | undefined;
effect(() => {
  const id = session.value ? route.value.conversationId : null;
  if (id === lastViewed) return;
  lastViewed = id;
  announceViewing();
  window.clearInterval(viewingTimer);
  if (id !== null) viewingTimer = window.setInterval(announceViewing, VIEWING_EVERY_MS);
});

// ---- Typing ----

let lastTypingAt = 0;
let lastTypingId: number | null = null;
export function typingIn(conversationId: number): void {
  const t = Date.now();
  if (conversationId === lastTypingId && t - lastTypingAt < TYPING_EVERY_MS) return;
  if (socket()?.send({ type: 'typing', conversation_id: conversationId }, true)) {
    lastTypingAt = t;
    lastTypingId = conversationId;
  }
}

// ---- Presence: manual toggle, auto-away after 10 minutes without input ----

export function setPresence(state: 'online' | 'away', auto = false): void {
  myPresence.value = { state, auto };
  socket()?.send({ type: 'presence', state });
}

let lastInput = Date.now();
function activity(): void {
  lastInput = Date.now();
  if (myPresence.value.state === 'away' && myPresence.value.auto) setPresence('online');
}
for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const) {
  window.addEventListener(type, activity, { passive: true, capture: true });
}
window.setInterval(() => {
  if (session.value && myPresence.value.state === 'online' && Date.now() - lastInput >= AWAY_AFTER_MS) {
    setPresence('away', true);
  }
}, 15_000);

window.addEventListener('online', () => socket()?.retryNow());
// Closing the tab: colleagues should not see us "viewing" for another 45 s.
window.addEventListener('pagehide', () => socket()?.send({ type: 'viewing', conversation_id: null }));
