// The console's place lives in the URL (`/inbox/<queue>[/<conversation>]?channel=&tag=&q=`)
// so a reload, a link or the back button never loses it.
import { signal } from '@preact/signals';
import type { Filters, QueueKey } from './queues';

export interface Route extends Filters {
  queue: QueueKey;
  conversationId: number | null;
}

const QUEUE = /^(open|mine|unassigned|pending|snoozed|resolved|team-\d+)$/;

export function parseRoute(loc: { pathname: string; search: string }): Route {
  const parts = loc.pathname.split('/').filter(Boolean);
  const params = new URLSearchParams(loc.search);
  let queue: QueueKey = 'open';
  let conversationId: number | null = null;
  if (parts[0] === 'inbox' && parts[1] && QUEUE.test(parts[1])) queue = parts[1];
  if (parts[0] === 'inbox' && parts[2] && /^\d+$/.test(parts[2])) conversationId = Number(parts[2]);
  return {
    queue,
    conversationId,
    channel: params.get('channel') ?? '',
    tag: params.get('tag') ?? '',
    q: params.get('q') ?? '',
  };
}

export function routeHref(r: Route): string {
  let path = `/inbox/${r.queue}`;
  if (r.conversationId !== null) path += `/${r.conversationId}`;
  const params = new URLSearchParams();
  if (r.channel) params.set('channel', r.channel);
  if (r.tag) params.set('tag', r.tag);
  if (r.q) params.set('q', r.q);
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export const route = signal<Route>(parseRoute(location));

export function navigate(patch: Partial<Route>, opts: { replace?: boolean } = {}): void {
  const next = { ...route.value, ...patch };
  const href = routeHref(next);
  if (href !== location.pathname + location.search) {
    if (opts.replace) history.replaceState(null, '', href);
    else history.pushState(null, '', href);
  }
  route.value = next;
}

window.addEventListener('popstate', () => {
  route.value = parseRoute(location);
});

/** Same-origin link clicks handled in the page (plain clicks only; ctrl/cmd opens a tab). */
export function linkClick(e: MouseEvent, patch: Partial<Route>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(patch);
}
