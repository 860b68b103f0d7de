// What the widget remembers, in this tab only (`sessionStorage`: no cookie, nothing shared
// with other tabs or kept after the tab closes). History survives a reload because the
// messages and the cursor are kept here; the token is the only credential and it rotates on
// every resume.
import type { Message } from './protocol';

export interface PendingSend {
  client_id: string;
  text: string;
}

export interface SavedSession {
  token?: string;
  /** Highest `seq` the widget has seen: sent as `after` when resuming. */
  cursor?: number;
  messages: Message[];
  /** Sent but not yet acknowledged: sent again, with the same client_id, after a drop. */
  pending: PendingSend[];
  open: boolean;
  ended?: 'patron' | 'staff';
  /** Highest staff `seq` the patron has seen (the panel was open). */
  readSeq?: number;
  /** Highest patron `seq` staff have seen. */
  staffReadSeq?: number;
  joined?: string;
  name?: string;
  email?: string;
}

const EMPTY: SavedSession = { messages: [], pending: [], open: false };

export class SessionStore {
  private readonly key: string;

  constructor(hub: string, library: string) {
    this.key = `refdesk-chat:${hub}:${library}`;
  }

  load(): SavedSession {
    try {
      const raw = window.sessionStorage.getItem(this.key);
      if (!raw) return { ...EMPTY };
      const parsed = JSON.parse(raw) as Partial<SavedSession>;
      return { ...EMPTY, ...parsed, messages: parsed.messages ?? [], pending: parsed.pending ?? [] };
    } catch {
      // Storage disabled (some private modes): the chat still works, for this page view.
      return { ...EMPTY };
    }
  }

  save(session: SavedSession): void {
    try {
      window.sessionStorage.setItem(this.key, JSON.stringify(session));
    } catch {
      /* full or disabled: nothing to do */
    }
  }

  clear(): void {
    try {
      window.sessionStorage.removeItem(this.key);
    } catch {
      /* disabled */
    }
  }
}

/** A random id for a `send`, so a retry after a drop is recognised and stored once. */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
