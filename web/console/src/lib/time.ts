// Times as staff read them: "12 min", "3 h 5 min", "2 d", plus an absolute form for
// titles and the thread. `now` ticks so every relative time on screen stays current.
import { signal } from '@preact/signals';

/** Milliseconds since the epoch, updated every 15 s (and on demand). */
export const now = signal(Date.now());
window.setInterval(() => (now.value = Date.now()), 15_000);

export function waitedFor(fromIso: string, nowMs: number): string {
  const mins = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  if (mins < 1) return 'just now';
  if (mins < 60) return `${mins} min`;
  const hours = Math.floor(mins / 60);
  if (hours < 24) return mins % 60 ? `${hours} h ${mins % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 && days < 3 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export function ago(iso: string, nowMs: number): string {
  const w = waitedFor(iso, nowMs);
  return w === 'just now' ? w : `${w} ago`;
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayTimeFmt = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
});
const fullFmt = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** "14:05" today, "Tue 3 Mar 14:05" otherwise. */
export function stamp(iso: string): string {
  const d = new Date(iso);
  const today = new Date();
  return d.toDateString() === today.toDateString() ? timeFmt.format(d) : dayTimeFmt.format(d);
}

export function fullDate(iso: string): string {
  return fullFmt.format(new Date(iso));
}

/** Value for <input type="datetime-local"> in local time. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
