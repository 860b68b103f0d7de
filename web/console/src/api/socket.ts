// The console's live socket (`/ws/console`): reconnects with backoff, resumes from the last
// event it saw, keeps itself alive with pings, and never sends more frames than the
// server allows.
import type { ClientFrame, ServerFrame } from './types';

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SocketHandlers {
  frame(frame: ServerFrame): void;
  state(state: SocketState, retryInSeconds?: number): void;
  /**
   * The server said it is closing the socket (`closing`). The socket reconnects as after
   * any close unless `stop()` is called: the handler decides (e.g. by checking the session).
   */
  closing(reason: string): void;
}

/** The server closes a socket that sends more than 20 frames a second; stay well below. */
const FRAMES_PER_SECOND = 10;
const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

export class LiveSocket {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = false;
  private everOpened = false;
  /** Highest event sequence number applied; sent as `?after=` when reconnecting. */
  lastSeq: number | null = null;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  private sentAt: number[] = [];

  constructor(private readonly handlers: SocketHandlers) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    this.clearPing();
    if (this.ws) {
      this.ws.onclose = null;
      this.ws.close(1000, 'bye');
      this.ws = null;
    }
    this.handlers.state('closed');
  }

  /** Reconnect now (e.g. the browser came back online) instead of waiting out the backoff. */
  retryNow(): void {
    if (this.stopped || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return;
    window.clearTimeout(this.retryTimer);
    this.connect();
  }

  /**
   * Sends a frame within the rate limit. Over budget, `droppable` frames (typing) are
   * skipped; others wait their turn, and a newer `viewing` or `presence` frame replaces a
   * waiting one of the same type (only the latest state matters).
   */
  send(frame: ClientFrame, droppable = false): boolean {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.withinBudget() && this.waiting.length === 0) {
      this.write(frame);
      return true;
    }
    if (droppable) return false;
    const same = frame.type === 'viewing' || frame.type === 'presence';
    this.waiting = this.waiting.filter((f) => !(same && f.type === frame.type));
    this.waiting.push(frame);
    this.flushSoon();
    return true;
  }

  private waiting: ClientFrame[] = [];
  private flushTimer: number | undefined;

  private withinBudget(): boolean {
    const now = Date.now();
    this.sentAt = this.sentAt.filter((t) => now - t < 1000);
    return this.sentAt.length < FRAMES_PER_SECOND;
  }

  private write(frame: ClientFrame): void {
    this.sentAt.push(Date.now());
    this.ws!.send(JSON.stringify(frame));
  }

  private flushSoon(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = window.setTimeout(() => {
      this.flushTimer = undefined;
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        this.waiting = [];
        return;
      }
      while (this.waiting.length > 0 && this.withinBudget()) this.write(this.waiting.shift()!);
      if (this.waiting.length > 0) this.flushSoon();
    }, 150);
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  private connect(): void {
    this.handlers.state(this.everOpened ? 'reconnecting' : 'connecting');
    // After a reconnect the server replays what we missed before any live event, in order.
    const after = this.everOpened && this.lastSeq !== null ? `?after=${this.lastSeq}` : '';
    const ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/ws/console' + after);
    this.ws = ws;
    ws.onmessage = (e) => {
      this.armPing();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(e.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'hello') {
        this.attempt = 0;
        const reconnect = this.everOpened;
        this.everOpened = true;
        if (reconnect && this.lastSeq !== null) {
          // Missed events were asked for in the URL (?after=) and follow this frame.
        } else if (this.lastSeq === null) {
          this.lastSeq = frame.seq;
        }
        this.handlers.state('open');
      } else if (frame.type === 'event') {
        if (this.lastSeq !== null && frame.seq <= this.lastSeq) return; // already applied
        this.lastSeq = frame.seq;
      } else if (frame.type === 'resync') {
        this.lastSeq = frame.seq;
      } else if (frame.type === 'closing') {
        this.handlers.closing(frame.reason);
      }
      this.handlers.frame(frame);
    };
    ws.onclose = () => {
      this.clearPing();
      if (this.ws === ws) this.ws = null;
      if (this.stopped) {
        this.handlers.state('closed');
        return;
      }
      // Full jitter on an exponential backoff: 0.5 s, 1 s, 2 s ... 30 s.
      const cap = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt);
      const delay = this.attempt === 0 ? 300 : cap / 2 + Math.random() * (cap / 2);
      this.attempt++;
      this.handlers.state('reconnecting', Math.round(delay / 1000));
      this.retryTimer = window.setTimeout(() => this.connect(), delay);
    };
    ws.onerror = () => {
      /* onclose follows and schedules the retry */
    };
    ws.onopen = () => this.armPing();
  }

  private armPing(): void {
    this.clearPing();
    this.pingTimer = window.setTimeout(() => {
      this.send({ type: 'ping' });
      // No frame at all within the window: the connection is dead even if TCP hasn't noticed.
      this.pongTimer = window.setTimeout(() => this.ws?.close(4000, 'no pong'), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  private clearPing(): void {
    window.clearTimeout(this.pingTimer);
    window.clearTimeout(this.pongTimer);
  }
}
