import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Contact, Message } from '../api/types';
import { channelLabel } from '../lib/channels';
import { fullDate, stamp } from '../lib/time';
import { staffName } from '../state/store';
import { Icon } from './Icon';

/** The whole thread, oldest first; stays scrolled to the newest unless staff scrolled up. */
export function Thread({ messages, contact, label }: { messages: Message[]; contact: Contact; label: string }) {
  const ref = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  const lastCount = useRef(0);
  const lastConversation = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const conv = messages[0]?.conversation_id ?? null;
    if (conv !== lastConversation.current) {
      lastConversation.current = conv;
      pinned.current = true;
    }
    if (pinned.current || messages.length !== lastCount.current) {
      if (pinned.current) el.scrollTop = el.scrollHeight;
    }
    lastCount.current = messages.length;
  }, [messages]);

  return (
    <ol
      class="thread"
      ref={ref}
      tabIndex={0}
      aria-label={`Messages with ${label}`}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {messages.length === 0 && <li class="empty">No messages yet.</li>}
      {messages.map((m) => (
        <MessageItem key={m.id} m={m} patron={contact.display_name ?? label} />
      ))}
    </ol>
  );
}

function MessageItem({ m, patron }: { m: Message; patron: string }) {
  const who =
    m.direction === 'in' ? patron : m.author_staff_id != null ? staffName(m.author_staff_id) : 'Library (automatic)';
  const kind = m.direction === 'in' ? 'From patron' : m.direction === 'note' ? 'Internal note' : 'Reply';
  return (
    <li class={`msg msg-${m.direction}`} id={`msg-${m.id}`}>
      <article aria-label={`${kind}, ${who}, ${fullDate(m.created_at)}`}>
        <header class="msg-meta">
          {m.direction === 'note' && (
            <span class="note-label">
              <Icon name="note" /> Internal note — staff only
            </span>
          )}
          <span class="msg-who">{who}</span>
          {m.direction !== 'note' && (
            <span class="msg-channel">
              {m.direction === 'in' ? 'via' : 'by'} {channelLabel(m.channel)}
            </span>
          )}
          <time dateTime={m.created_at} title={fullDate(m.created_at)}>
            {stamp(m.created_at)}
          </time>
        </header>
        <div class="msg-body">{m.body}</div>
        {m.direction === 'out' && <Delivery status={m.delivery_status} error={m.delivery_error} />}
      </article>
    </li>
  );
}

const STATUS: Record<string, { text: string; icon: string }> = {
  queued: { text: 'Queued', icon: 'clock' },
  sending: { text: 'Sending…', icon: 'clock' },
  sent: { text: 'Sent', icon: 'check' },
  delivered: { text: 'Delivered', icon: 'checks' },
  failed: { text: 'Not delivered', icon: 'alert' },
  undelivered: { text: 'Not delivered', icon: 'alert' },
};

export function Delivery({ status, error }: { status?: string | null; error?: string | null }) {
  const s = status ?? 'queued';
  const info = STATUS[s] ?? { text: s, icon: 'clock' };
  const failed = s === 'failed' || s === 'undelivered';
  return (
    <p class={`delivery delivery-${failed ? 'failed' : s}`} data-status={s}>
      <Icon name={info.icon} />
      <span class="visually-hidden">Delivery status: </span>
      <span class="delivery-text">{info.text}</span>
      {failed && error && <span class="delivery-error">— {error}</span>}
    </p>
  );
}
