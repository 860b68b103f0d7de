// The patron's chat: what the panel shows, kept in step with the hub. Every committed
// message is held once (by id, in `seq` order); a send stays "pending" with its client_id
// until the hub acknowledges it, and is sent again with the same client_id after any drop,
// so nothing is lost and nothing is stored twice.
import { attachmentLink, checkFile, postFile } from './attachments';
import { ChatLink, type LinkState } from './connection';
import { mergeMessages, unreadCount } from './history';
import type { Availability, ClientFrame, Message, ServerFrame, SignedIdentity } from './protocol';
import { PROTOCOL_VERSION } from './protocol';
import { newClientId, type PendingSend, type SavedSession, SessionStore } from './session';

export interface Upload {
  client_id: string;
  filename: string;
}

export type Notice = { key: string; text?: string };
export type DoneWhat = 'transcript' | 'rating' | 'left_message' | 'contact';

export interface ChatState {
  link: LinkState;
  /** True once a socket has been welcomed (so a later drop is a "reconnecting"). */
  everConnected: boolean;
  messages: Message[];
  pending: PendingSend[];
  uploads: Upload[];
  availability: Availability;
  queuePosition?: number | null;
  joined?: string;
  staffTyping: boolean;
  staffReadSeq: number;
  ended?: 'patron' | 'staff';
  done: DoneWhat[];
  notice?: Notice;
  open: boolean;
  unread: number;
  name?: string;
  email?: string;
}

export interface ChatOptions {
  hub: string;
  library: string;
  lang: string;
  availability: Availability;
  identity?: SignedIdentity;
  /** Polite screen-reader announcement (new staff message, joined, ended, ...). */
  announce(text: string, from?: Message): void;
}

const STAFF_TYPING_MS = 8_000;
const PATRON_TYPING_IDLE_MS = 4_000;
const PATRON_TYPING_REPEAT_MS = 3_000;

export class Chat {
  state: ChatState;
  private listeners = new Set<() => void>();
  private readonly link: ChatLink;
  private readonly store: SessionStore;
  private saved: SavedSession;
  /** Requests that need a `done` and are sent again after a drop until they get one. */
  private awaiting = new Map<DoneWhat, ClientFrame>();
  private staffTypingTimer: number | undefined;
  private typingIdleTimer: number | undefined;
  private typingSentAt = 0;
  private readSent = 0;
  private endWanted = false;
  /** The site's signed identity was refused: go on as a guest (the patron is told). */
  private identityRefused = false;

  constructor(private readonly options: ChatOptions) {
    this.store = new SessionStore(options.hub, options.library);
    this.saved = this.store.load();
    this.state = {
      link: 'idle',
      everConnected: false,
      messages: this.saved.messages,
      pending: this.saved.pending,
      uploads: [],
      availability: options.availability,
      staffTyping: false,
      staffReadSeq: this.saved.staffReadSeq ?? 0,
      ended: this.saved.ended,
      joined: this.saved.joined,
      done: [],
      open: this.saved.open,
      unread: 0,
      name: this.saved.name,
      email: this.saved.email,
    };
    this.state.unread = this.countUnread();
    const ws = new URL('/ws/chat', options.hub);
    ws.protocol = ws.protocol === 'https:' ? 'wss:' : 'ws:';
    ws.searchParams.set('library', options.library);
    this.link = new ChatLink(ws.toString(), {
      hello: () => this.hello(),
      frame: (f) => this.onFrame(f),
      state: (s) => this.onLinkState(s),
    });
    // A chat already under way (reload, next page of the site) reconnects at once.
    if (this.saved.token || this.saved.pending.length > 0) this.link.start();
    document.addEventListener('visibilitychange', () => this.markRead());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get token(): string | undefined {
    return this.saved.token;
  }

  get ready(): boolean {
    return this.link.ready;
  }

  setOpen(open: boolean): void {
    this.update({ open });
    if (open) {
      this.link.start();
      this.markRead();
    }
  }

  send(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    const item = { client_id: newClientId(), text: trimmed };
    this.update({ pending: [...this.state.pending, item] });
    this.stopTyping();
    this.link.start();
    this.link.send({ type: 'send', ...item });
  }

  /** The patron typed: tell staff now and then, and that they stopped after a pause. */
  typing(): void {
    const now = Date.now();
    if (now - this.typingSentAt > PATRON_TYPING_REPEAT_MS && this.link.send({ type: 'typing', active: true })) {
      this.typingSentAt = now;
    }
    window.clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = window.setTimeout(() => this.stopTyping(), PATRON_TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    window.clearTimeout(this.typingIdleTimer);
    if (this.typingSentAt) {
      this.typingSentAt = 0;
      this.link.send({ type: 'typing', active: false });
    }
  }

  /** Tell staff the patron has seen everything shown, when the panel is open and visible. */
  markRead(): void {
    if (!this.state.open || document.visibilityState !== 'visible') return;
    const top = this.lastSeq();
    if (this.state.unread) this.update({ unread: 0 });
    if (top > (this.saved.readSeq ?? 0)) this.persist({ readSeq: top });
    if (top > this.readSent && this.link.send({ type: 'read', seq: top })) this.readSent = top;
  }

  contact(name: string, email: string): void {
    this.update({ name: name || undefined, email: email || undefined });
    this.request('contact', { type: 'contact', name: name || undefined, email: email || undefined });
  }

  leaveMessage(fields: { text: string; name?: string; email?: string; phone?: string }): void {
    this.request('left_message', { type: 'leave_message', client_id: newClientId(), ...fields });
  }

  end(): void {
    // Said again after a drop until the hub answers `ended`.
    this.endWanted = true;
    this.link.send({ type: 'end' });
  }

  transcript(email: string): void {
    this.request('transcript', { type: 'transcript', email });
  }

  rate(score: number, comment?: string): void {
    this.request('rating', { type: 'rate', score, comment: comment || undefined });
  }

  /** Forget this chat (after it ended) and start a new one. */
  newChat(): void {
    this.store.clear();
    this.saved = { messages: [], pending: [], open: true };
    this.readSent = 0;
    this.endWanted = false;
    this.awaiting.clear();
    this.update({
      messages: [],
      pending: [],
      uploads: [],
      ended: undefined,
      joined: undefined,
      queuePosition: undefined,
      staffReadSeq: 0,
      done: [],
      notice: undefined,
      unread: 0,
    });
    this.link.restart();
  }

  /** Uploads a file over HTTP; the hub answers with the message that carries it. */
  async upload(file: File, maxBytes: number): Promise<'ok' | 'too_large' | 'wrong_type' | 'failed'> {
    const refused = checkFile(file, maxBytes);
    if (refused) return refused;
    const client_id = newClientId();
    this.update({ uploads: [...this.state.uploads, { client_id, filename: file.name }] });
    try {
      for (let tries = 0; tries < 2; tries++) {
        if (!this.saved.token) {
          this.link.start();
          await this.when(() => !!this.saved.token, 15_000);
        }
        const { hub, library } = this.options;
        const { result, message } = await postFile(hub, library, this.saved.token ?? '', client_id, file);
        if (message) this.merge([message], false);
        if (result !== 'retry') return result;
      }
      return 'failed';
    } catch {
      return 'failed';
    } finally {
      this.update({ uploads: this.state.uploads.filter((u) => u.client_id !== client_id) });
    }
  }

  /** The link to an attachment, readable only by this session (the token rotates). */
  attachmentUrl(id: number): string {
    return attachmentLink(this.options.hub, this.options.library, this.saved.token ?? '', id);
  }

  dismissNotice(): void {
    this.update({ notice: undefined });
  }

  private request(what: DoneWhat, frame: ClientFrame): void {
    this.awaiting.set(what, frame);
    this.update({ done: this.state.done.filter((d) => d !== what), notice: undefined });
    this.link.start();
    this.link.send(frame);
  }

  private hello(): ClientFrame {
    const frame: ClientFrame = { type: 'hello', v: PROTOCOL_VERSION, lang: this.options.lang };
    if (this.saved.token) {
      frame.token = this.saved.token;
      if (this.saved.cursor !== undefined) frame.after = this.saved.cursor;
    }
    if (this.options.identity && !this.identityRefused) frame.identity = this.options.identity;
    return frame;
  }

  private onLinkState(link: LinkState): void {
    const wasDown = this.state.everConnected && this.state.link !== 'open';
    if (this.state.link === 'open' && (link === 'offline' || link === 'reconnecting')) {
      this.options.announce(link === 'offline' ? 'offlineNetwork' : 'reconnecting');
    }
    this.update({ link });
    if (link === 'open' && wasDown) this.options.announce('reconnected');
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'welcome': {
        this.persist({ token: frame.token });
        this.readSent = 0;
        this.update({
          everConnected: true,
          availability: frame.availability,
          queuePosition: frame.queue_position,
          notice: this.state.notice?.key === 'error_rate_limited' ? undefined : this.state.notice,
        });
        if (frame.cursor > (this.saved.cursor ?? 0)) this.persist({ cursor: frame.cursor });
        this.merge(frame.messages, true);
        // Everything not yet acknowledged goes again, with the same client_id.
        for (const p of this.state.pending) this.link.send({ type: 'send', ...p });
        for (const f of this.awaiting.values()) this.link.send(f);
        if (this.endWanted) this.link.send({ type: 'end' });
        this.markRead();
        break;
      }
      case 'message':
        this.merge([frame.message], true);
        if (frame.message.from === 'staff') this.setStaffTyping(false);
        this.markRead();
        break;
      case 'ack':
        this.merge([{ ...frame.message, client_id: frame.message.client_id ?? frame.client_id }], false);
        break;
      case 'typing':
        this.setStaffTyping(frame.active);
        break;
      case 'joined':
        this.persist({ joined: frame.name });
        this.update({ joined: frame.name, queuePosition: undefined });
        this.options.announce('joined:' + frame.name);
        break;
      case 'read':
        if (frame.seq > this.state.staffReadSeq) {
          this.persist({ staffReadSeq: frame.seq });
          this.update({ staffReadSeq: frame.seq });
        }
        break;
      case 'queue':
        if (frame.position !== this.state.queuePosition) this.options.announce('queue:' + frame.position);
        this.update({ queuePosition: frame.position });
        break;
      case 'availability':
        this.update({ availability: frame.availability });
        break;
      case 'ended':
        this.endWanted = false;
        this.persist({ ended: frame.by });
        this.update({ ended: frame.by, staffTyping: false, queuePosition: undefined });
        this.options.announce(frame.by === 'staff' ? 'endedByStaff' : 'endedByPatron');
        break;
      case 'done':
        this.awaiting.delete(frame.what);
        this.update({ done: [...this.state.done.filter((d) => d !== frame.what), frame.what] });
        break;
      case 'error':
        this.onError(frame.code, frame.message);
        break;
      case 'pong':
        break;
    }
  }

  private onError(code: string, message: string): void {
    if (code === 'session_unknown') {
      // The token is no longer valid (expired, or used from another tab): start afresh.
      this.store.clear();
      this.saved = { messages: [], pending: this.state.pending, open: this.state.open };
      this.update({ messages: [], ended: undefined, joined: undefined, staffReadSeq: 0 });
      this.link.restart();
      return;
    }
    if (code === 'identity_invalid') {
      this.identityRefused = true;
      this.link.restart();
    }
    if (code === 'invalid_email' || code === 'invalid_phone') {
      // The request it answered will not succeed as it is: stop resending it.
      this.awaiting.clear();
    }
    this.update({ notice: { key: 'error_' + code, text: message } });
  }

  private setStaffTyping(active: boolean): void {
    window.clearTimeout(this.staffTypingTimer);
    if (active) this.staffTypingTimer = window.setTimeout(() => this.setStaffTyping(false), STAFF_TYPING_MS);
    if (this.state.staffTyping !== active) this.update({ staffTyping: active });
  }

  /** Adds committed messages once each, in `seq` order, and retires their pending sends. */
  private merge(incoming: Message[], announce: boolean): void {
    if (incoming.length === 0) return;
    const { messages, pending, fresh } = mergeMessages(this.state.messages, this.state.pending, incoming);
    this.persist({ cursor: Math.max(this.saved.cursor ?? 0, ...incoming.map((m) => m.seq)) });
    this.update({ messages, pending });
    this.update({ unread: this.countUnread() });
    if (announce) for (const m of fresh) if (m.from !== 'patron') this.options.announce('message', m);
  }

  private countUnread(): number {
    return this.state?.open ? 0 : unreadCount(this.state.messages, this.saved.readSeq ?? 0);
  }

  private lastSeq(): number {
    const last = this.state.messages[this.state.messages.length - 1];
    return last ? last.seq : 0;
  }

  /** Resolves when `check` holds (re-checked on every state change), or rejects at the deadline. */
  private when(check: () => boolean, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (check()) return resolve();
      const timer = window.setTimeout(() => {
        off();
        reject(new Error('timeout'));
      }, timeoutMs);
      const off = this.subscribe(() => {
        if (!check()) return;
        window.clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  private persist(patch: Partial<SavedSession>): void {
    this.saved = { ...this.saved, ...patch };
    this.store.save(this.saved);
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    this.saved = {
      ...this.saved,
      messages: this.state.messages,
      pending: this.state.pending,
      open: this.state.open,
      name: this.state.name,
      email: this.state.email,
    };
    this.store.save(this.saved);
    for (const l of this.listeners) l();
  }
}
