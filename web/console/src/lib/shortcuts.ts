// Single-key shortcuts for a shift at the desk. Never while typing, never with Ctrl/Alt/Meta.
import { effect } from '@preact/signals';
import { claim, setStatus } from '../components/Actions';
import { detail, list } from '../state/inbox';
import { navigate, route } from '../state/route';
import { composerMode, focusSoon, helpOpen } from '../state/ui';

export const SHORTCUTS: [string, string][] = [
  ['j', 'Next conversation in the list'],
  ['k', 'Previous conversation in the list'],
  ['r', 'Reply to the patron'],
  ['n', 'Write an internal note'],
  ['e', 'Resolve the open conversation'],
  ['a', 'Assign the open conversation to me'],
  ['/', 'Search'],
  ['?', 'Show these shortcuts'],
  ['Esc', 'Close this help; leave a text box'],
];

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

// Where the open conversation last was in the list: after it leaves the queue (resolved,
// transferred) j continues with the one that took its place instead of jumping to the top.
let lastPos: number | null = null;
effect(() => {
  const id = route.value.conversationId;
  const i = id === null ? -1 : list.value.items.findIndex((c) => c.id === id);
  if (i >= 0) lastPos = i;
  else if (id === null) lastPos = null;
});

function step(delta: number): void {
  const items = list.value.items;
  if (items.length === 0) return;
  const at = items.findIndex((c) => c.id === route.value.conversationId);
  let next: number;
  if (at >= 0) next = at + delta;
  else if (lastPos !== null) next = delta > 0 ? lastPos : lastPos - 1;
  else next = delta > 0 ? 0 : items.length - 1;
  next = Math.min(items.length - 1, Math.max(0, next));
  const id = items[next].id;
  navigate({ conversationId: id });
  focusSoon(`row-${id}`);
}

export function handleShortcut(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if (typing(e.target) || helpOpen.value || document.querySelector('dialog[open]')) return;
  const open = detail.value.data?.conversation;
  switch (e.key) {
    case 'j':
      step(1);
      break;
    case 'k':
      step(-1);
      break;
    case 'r':
    case 'n':
      if (!open) return;
      composerMode.value = e.key === 'r' ? 'reply' : 'note';
      focusSoon('composer-text');
      break;
    case 'e':
      if (!open || open.status === 'resolved') return;
      void setStatus(open, 'resolved');
      break;
    case 'a':
      if (!open) return;
      void claim(open);
      break;
    case '/':
      focusSoon('search');
      break;
    case '?':
      helpOpen.value = true;
      break;
    default:
      return;
  }
  e.preventDefault();
}
