// The patron's socket to the hub (`/ws/chat`): opens it, says `hello` first, reconnects with
// capped, jittered backoff after any drop, keeps itself alive with pings and notices a
// dead link (no pong) or the browser going offline. What to say in `hello` and what to do
// with frames is the chat's business (chat.ts).
import type { ClientFrame, ServerFrame } from './protocol';

export type LinkState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'offline' | 'stopped';

export interface LinkHandlers {
  hello(): ClientFrame;
  frame(frame: ServerFrame): void;
  state(state: LinkState): void;
}

const PING_EVERY_MS = 25_000;
const PONG_WITHIN_MS = 10_000;
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
/** The server refuses frames over 16 KiB; the composer keeps text well below. */
export const MAX_FRAME_BYTES = 16 * 1024;

export class ChatLink {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private stopped = true;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private pongTimer: number | undefined;
  /** True once `welcome` arrived on the current socket: only then may frames go out. */
  private welcomed = false;

  constructor(
    private readonly url: string,
    private readonly handlers: LinkHandlers,
  ) {
    window.addEventListener('online', () => this.retryNow());
    window.addEventListener('offline', () => {
      // The socket may linger half-dead for minutes; drop it now and say so honestly.
      if (this.stopped) return;
      this.drop();
      this.handlers.state('offline');
    });
  }

  get ready(): boolean {
    return this.welcomed && this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.retryTimer);
    this.drop();
    this.handlers.state('stopped');
  }

  /** Start over on a fresh socket (e.g. after `session_unknown`, with a fresh hello). */
  restart(): void {
    this.drop();
    this.attempt = 0;
    if (!this.stopped) this.connect();
  }

  /** Sends when the session is live; returns false when the frame must wait. */
  send(frame: ClientFrame): boolean {
    if (!this.ready) return false;
    this.ws!.send(JSON.stringify(frame));
    return true;
  }

  private retryNow(): void {
    if (this.stopped || this.ws) return;
    window.clearTimeout(this.retryTimer);
    this.connect();
  }

  private connect(): void {
    window.clearTimeout(this.retryTimer);
    if (!navigator.onLine) {
      this.handlers.state('offline');
      return; // the `online` event brings us back
    }
    this.handlers.state(this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    this.welcomed = false;
    ws.onopen = () => ws.send(JSON.stringify(this.handlers.hello()));
    ws.onmessage = (event) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(event.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'welcome') {
        this.welcomed = true;
        this.attempt = 0;
        this.startPing();
      }
      if (frame.type === 'pong') window.clearTimeout(this.pongTimer);
      this.handlers.frame(frame);
      if (frame.type === 'welcome') this.handlers.state('open');
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.drop();
      if (!this.stopped) this.scheduleRetry();
    };
    ws.onerror = () => {
      /* onclose follows */
    };
  }

  private scheduleRetry(): void {
    const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.attempt);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.attempt++;
    this.handlers.state(navigator.onLine ? 'reconnecting' : 'offline');
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }

  private startPing(): void {
    window.clearInterval(this.pingTimer);
    this.pingTimer = window.setInterval(() => {
      if (!this.send({ type: 'ping' })) return;
      window.clearTimeout(this.pongTimer);
      this.pongTimer = window.setTimeout(() => {
        // No answer: the link is dead even if the browser has not noticed.
        const ws = this.ws;
        this.drop();
        ws?.close();
        if (!this.stopped) this.scheduleRetry();
      }, PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  }

  private drop(): void {
    window.clearInterval(this.pingTimer);
    window.clearTimeout(this.pongTimer);
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
      if (ws.readyState <= WebSocket.OPEN) ws.close(1000);
    }
  }
}
