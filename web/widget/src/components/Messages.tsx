// The conversation: the greeting, every committed message in order, the patron's sends
// still on their way, files being uploaded, and whether staff are typing. Each entry says
// who wrote it in words (not only by colour or side).
import { useEffect, useRef } from 'preact/hooks';
import type { Attachment, Message } from '../protocol';
import { formatBytes } from '../i18n';
import type { Ctx } from './App';

const URL_RE = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'"]/g;

/** Plain text with web addresses as links (nothing else is interpreted). */
function Linkified({ text }: { text: string }) {
  const parts: (string | preact.JSX.Element)[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    parts.push(text.slice(last, m.index));
    parts.push(
      <a href={m[0]} target="_blank" rel="noopener noreferrer">
        {m[0]}
      </a>,
    );
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function Files({ ctx, files }: { ctx: Ctx; files: Attachment[] }) {
  return (
    <ul class="rd-files">
      {files.map((f) => {
        const url = ctx.chat.attachmentUrl(f.id);
        return (
          <li key={f.id}>
            {f.content_type.startsWith('image/') ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {/* CORS mode: the hub grants this page's origin (a plain no-cors load would be refused by its CORP). */}
                <img src={url} alt={f.filename} class="rd-thumb" crossOrigin="anonymous" referrerpolicy="no-referrer" />
              </a>
            ) : (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {f.filename} ({formatBytes(f.size, ctx.settings.lang)})
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function Messages({ ctx }: { ctx: Ctx }) {
  const { state, settings, t } = ctx;
  const scroller = useRef<HTMLDivElement>(null);
  const time = new Intl.DateTimeFormat(settings.lang, { hour: 'numeric', minute: '2-digit' });
  const lastPatron = [...state.messages].reverse().find((m) => m.from === 'patron');

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [state.messages.length, state.pending.length, state.uploads.length, state.staffTyping]);

  const who = (m: Message) =>
    m.from === 'patron' ? t('you') : m.from === 'staff' ? (m.author ?? t('librarian')) : (m.author ?? settings.name);

  return (
    <div ref={scroller} class="rd-scroll" tabIndex={0} role="region" aria-label={t('conversation')}>
      <ol class="rd-messages">
        {settings.greeting && (
          <li class="rd-msg rd-from-system">
            <p class="rd-text">{settings.greeting}</p>
          </li>
        )}
        {state.messages.map((m) => (
          <li key={m.id} class={`rd-msg rd-from-${m.from}`} data-seq={m.seq}>
            <p class="rd-meta">
              <span class="rd-who">{who(m)}</span> <time dateTime={m.at}>{time.format(new Date(m.at))}</time>
            </p>
            {m.text && (
              <p class="rd-text">
                <Linkified text={m.text} />
              </p>
            )}
            {m.attachments.length > 0 && <Files ctx={ctx} files={m.attachments} />}
            {m === lastPatron && state.pending.length === 0 && (
              <p class="rd-state">{m.seq <= state.staffReadSeq ? t('seen') : t('sent')}</p>
            )}
          </li>
        ))}
        {state.pending.map((p) => (
          <li key={p.client_id} class="rd-msg rd-from-patron rd-pending">
            <p class="rd-meta">
              <span class="rd-who">{t('you')}</span>
            </p>
            <p class="rd-text">{p.text}</p>
            <p class="rd-state">{t('sending')}</p>
          </li>
        ))}
        {state.uploads.map((u) => (
          <li key={u.client_id} class="rd-msg rd-from-patron rd-pending">
            <p class="rd-text">{t('uploading', { file: u.filename })}</p>
          </li>
        ))}
      </ol>
      {state.staffTyping && <p class="rd-typing">{t('typing')}</p>}
    </div>
  );
}
