// The console's shared state: who is logged in, colleagues and teams, the live socket and
// what it tells us (counts, presence, who views or types where).
import { computed, signal } from '@preact/signals';
import { api, ApiError, onSessionLost, setCsrfToken } from '../api/client';
import type { LiveSocket, SocketState } from '../api/socket';
import type { CannedResponse, PresenceState, QueueCounts, SessionInfo, Staff, Team } from '../api/types';

export const session = signal<SessionInfo | null>(null);
/** False until we know whether a session cookie is still good. */
export const sessionChecked = signal(false);
export const sessionNotice = signal<string | null>(null);

export const staff = signal<Staff[]>([]);
export const teams = signal<Team[]>([]);
/** The library's shared canned responses and my own. */
export const canned = signal<CannedResponse[]>([]);

export const counts = signal<QueueCounts | null>(null);
export const presence = signal<Record<number, PresenceState>>({});
/** What I chose; `auto` is set when the idle timer put me away. */
export const myPresence = signal<{ state: 'online' | 'away'; auto: boolean }>({ state: 'online', auto: false });
export const connection = signal<{ state: SocketState; retryIn?: number }>({ state: 'connecting' });

export interface Seen {
  conversationId: number | null;
  until: number;
}
/** Colleagues' "viewing" (45 s) and "typing" (6 s) signals, by staff id. */
export const viewers = signal<Record<number, Seen>>({});
export const typers = signal<Record<number, Seen>>({});

export const me = computed(() => session.value?.staff_id ?? 0);

export const staffById = computed(() => {
  const m = new Map<number, Staff>();
  for (const s of staff.value) m.set(s.id, s);
  return m;
});

export function staffName(id: number | null | undefined): string {
  if (id == null) return 'Unassigned';
  if (id === me.value) return 'You';
  return staffById.value.get(id)?.display_name ?? `Staff #${id}`;
}

export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? words[words.length - 1][0] : (words[0]?.[1] ?? '');
  return (first + last).toUpperCase();
}

let socketRef: LiveSocket | null = null;
export function setSocket(s: LiveSocket | null): void {
  socketRef = s;
}
export function socket(): LiveSocket | null {
  return socketRef;
}

export async function loadCanned(): Promise<void> {
  try {
    canned.value = await api.canned();
  } catch {
    canned.value = [];
  }
}

export async function loadReferenceData(): Promise<void> {
  void loadCanned();
  const [t, s] = await Promise.all([api.teams(), api.staff()]);
  teams.value = t.slice().sort((a, b) => a.name.localeCompare(b.name));
  staff.value = s.filter((x) => !x.disabled_at).sort((a, b) => a.display_name.localeCompare(b.display_name));
}

export function startSession(info: SessionInfo): void {
  setCsrfToken(info.csrf_token);
  sessionNotice.value = null;
  session.value = info;
}

export function endSession(notice: string | null): void {
  setCsrfToken(null);
  socketRef?.stop();
  socketRef = null;
  session.value = null;
  counts.value = null;
  presence.value = {};
  viewers.value = {};
  typers.value = {};
  sessionNotice.value = notice;
}

onSessionLost(() => {
  if (session.value) endSession('Your session ended. Please log in again.');
});

export async function checkSession(): Promise<void> {
  try {
    startSession(await api.session());
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      sessionNotice.value = e instanceof Error ? e.message : 'The server could not be reached.';
    }
  } finally {
    sessionChecked.value = true;
  }
}

export async function logout(): Promise<void> {
  socketRef?.send({ type: 'viewing', conversation_id: null });
  try {
    await api.logout();
  } catch {
    /* the session may be gone already */
  }
  endSession('You have logged out.');
}

// Expire colleagues' viewing/typing signals that were not renewed.
window.setInterval(() => {
  const t = Date.now();
  for (const sig of [viewers, typers]) {
    const cur = sig.value;
    if (Object.values(cur).some((v) => v.until <= t)) {
      sig.value = Object.fromEntries(Object.entries(cur).filter(([, v]) => v.until > t));
    }
  }
}, 1000);
