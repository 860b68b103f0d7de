// Queues and filters: what each sidebar entry asks the server for, and the same rule
// evaluated in the browser so live events can insert, move and remove rows without
// reloading the list.
import type { Conversation, ListQuery, QueueCounts, Team } from '../api/types';

export type QueueKey = string; // 'open' | 'mine' | 'unassigned' | 'team-<id>' | 'pending' | 'snoozed' | 'resolved'

export interface Filters {
  channel: string;
  tag: string;
  q: string;
}

export interface QueueDef {
  key: QueueKey;
  label: string;
}

export function queueDefs(teams: Team[]): QueueDef[] {
  return [
    { key: 'open', label: 'All open' },
    { key: 'mine', label: 'Mine' },
    { key: 'unassigned', label: 'Unassigned' },
    ...teams.map((t) => ({ key: `team-${t.id}`, label: t.name })),
    { key: 'pending', label: 'Pending' },
    { key: 'snoozed', label: 'Snoozed' },
    { key: 'resolved', label: 'Resolved' },
  ];
}

export function queueLabel(key: QueueKey, teams: Team[]): string {
  return queueDefs(teams).find((q) => q.key === key)?.label ?? 'Inbox';
}

function teamOf(key: QueueKey): number | null {
  const m = /^team-(\d+)$/.exec(key);
  return m ? Number(m[1]) : null;
}

function statusOf(key: QueueKey): Conversation['status'] {
  return key === 'pending' || key === 'snoozed' || key === 'resolved' ? key : 'open';
}

/** Open queues are worked oldest-waiting first; the others read newest first. */
export function orderOf(key: QueueKey): 'waiting' | 'newest' {
  return statusOf(key) === 'open' ? 'waiting' : 'newest';
}

export function listQuery(key: QueueKey, f: Filters, cursor?: string | null): ListQuery {
  const q: ListQuery = { status: statusOf(key), order: orderOf(key), limit: 50 };
  if (key === 'mine') q.assignee = 'me';
  if (key === 'unassigned') q.assignee = 'none';
  const team = teamOf(key);
  if (team !== null) q.team = team;
  if (f.channel) q.channel = f.channel;
  if (f.tag) q.tag = f.tag;
  if (f.q.trim()) q.q = f.q.trim();
  if (cursor) q.cursor = cursor;
  return q;
}

/**
 * Does the conversation belong in this view? Full-text search cannot be evaluated here, so
 * with `q` set callers only update rows already shown.
 */
export function belongs(c: Conversation, key: QueueKey, f: Filters, me: number): boolean {
  if (c.status !== statusOf(key)) return false;
  if (key === 'mine' && c.assignee_id !== me) return false;
  if (key === 'unassigned' && c.assignee_id != null) return false;
  const team = teamOf(key);
  if (team !== null && c.team_id !== team) return false;
  if (f.channel && c.channel !== f.channel) return false;
  if (f.tag && !c.tags.includes(f.tag)) return false;
  return true;
}

/** The server's order: waiting = (waiting_since or +infinity, id) ascending; newest = id descending. */
export function compare(order: 'waiting' | 'newest'): (a: Conversation, b: Conversation) => number {
  if (order === 'newest') return (a, b) => b.id - a.id;
  const key = (c: Conversation) => (c.waiting_since ? Date.parse(c.waiting_since) : Infinity);
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id - b.id;
  };
}

export interface ListState {
  items: Conversation[];
  nextCursor: string | null;
}

/**
 * Applies the current state of one conversation to a loaded list: inserted where it
 * sorts, moved if its key changed, updated in place, or removed if it left the view.
 * A row that would sort past the end of a partial list is left for "load more".
 */
export function applyToList(list: ListState, c: Conversation, key: QueueKey, f: Filters, me: number): ListState {
  const index = list.items.findIndex((x) => x.id === c.id);
  const fits = belongs(c, key, f, me);
  if (!fits) {
    if (index < 0) return list;
    return { ...list, items: list.items.filter((x) => x.id !== c.id) };
  }
  if (f.q.trim() && index < 0) return list; // can't tell if it matches the search
  const cmp = compare(orderOf(key));
  const rest = index < 0 ? list.items : list.items.filter((x) => x.id !== c.id);
  let at = rest.findIndex((x) => cmp(c, x) < 0);
  if (at < 0) {
    if (list.nextCursor) return index < 0 ? list : { ...list, items: rest };
    at = rest.length;
  }
  const items = rest.slice();
  items.splice(at, 0, c);
  return { ...list, items };
}

/** Appends a further page, skipping rows already shown (they may have moved live). */
export function appendPage(list: ListState, page: Conversation[], next: string | null): ListState {
  const seen = new Set(list.items.map((c) => c.id));
  return { items: [...list.items, ...page.filter((c) => !seen.has(c.id))], nextCursor: next };
}

/** The live count shown beside a queue, if the server has told us. */
export function countFor(key: QueueKey, counts: QueueCounts | null, me: number): number | null {
  if (!counts) return null;
  switch (key) {
    case 'open':
      return counts.open;
    case 'unassigned':
      return counts.unassigned;
    case 'pending':
      return counts.pending;
    case 'snoozed':
      return counts.snoozed;
    case 'mine':
      return counts.by_assignee.find((a) => a.staff_id === me)?.open ?? 0;
    case 'resolved':
      return null;
    default: {
      const team = teamOf(key);
      return team === null ? null : (counts.by_team.find((t) => t.team_id === team)?.open ?? 0);
    }
  }
}
