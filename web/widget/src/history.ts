// The committed messages of a chat, held once each (by id) in `seq` order.
import type { Message } from './protocol';
import type { PendingSend } from './session';

export interface Merged {
  messages: Message[];
  /** Sends still waiting for their message (the others are retired). */
  pending: PendingSend[];
  /** Messages not seen before. */
  fresh: Message[];
}

export function mergeMessages(current: Message[], pending: PendingSend[], incoming: Message[]): Merged {
  const byId = new Map(current.map((m) => [m.id, m]));
  const fresh: Message[] = [];
  for (const m of incoming) {
    if (!byId.has(m.id)) fresh.push(m);
    byId.set(m.id, m);
  }
  const messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  const committed = new Set(messages.map((m) => m.client_id).filter(Boolean));
  return { messages, pending: pending.filter((p) => !committed.has(p.client_id)), fresh };
}

/** Staff messages after `readSeq`: the launcher's badge while the panel is closed. */
export function unreadCount(messages: Message[], readSeq: number): number {
  return messages.filter((m) => m.from === 'staff' && m.seq > readSeq).length;
}
