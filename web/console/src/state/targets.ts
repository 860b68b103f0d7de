// Service-target due times of waiting conversations (GET /api/service-targets/due),
// refreshed every 30 s; the list's badge compares them with the clock every 15 s, so a
// conversation turns "overdue" live even between refreshes.
import { signal } from '@preact/signals';
import type { components } from '../api/schema';

type Due = components['schemas']['Due'];

export const dueById = signal<Record<number, string>>({});
let timer: number | null = null;

async function refresh(): Promise<void> {
  try {
    const r = await fetch('/api/service-targets/due', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!r.ok) return;
    const rows = (await r.json()) as Due[];
    dueById.value = Object.fromEntries(rows.map((d) => [d.conversation_id, d.due_at]));
  } catch {
    // Offline for a moment: keep the last due times.
  }
}

/** Starts the refresh loop once per page. */
export function watchDueTimes(): void {
  if (timer !== null) return;
  void refresh();
  timer = window.setInterval(() => void refresh(), 30_000);
}

/** "overdue", "due soon" (within 15 minutes) or null. */
export function dueState(dueAt: string | undefined, nowMs: number): 'overdue' | 'soon' | null {
  if (!dueAt) return null;
  const left = Date.parse(dueAt) - nowMs;
  if (left <= 0) return 'overdue';
  return left <= 15 * 60_000 ? 'soon' : null;
}
