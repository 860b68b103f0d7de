import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { CannedResponse, Conversation, Identity, Segments, Staff } from '../api/types';
import { channelLabel } from '../lib/channels';
import { upsertMessage } from '../state/inbox';
import { typingIn } from '../state/live';
import { me, staff } from '../state/store';
import { composerMode, drafts } from '../state/ui';
import { AttachFiles, addFiles, type Attached } from './AttachFiles';
import { CannedPicker, fillCanned, shortcutBefore } from './Canned';
import { FaqSuggest, lastPatronMessage } from './FaqSuggest';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Colleagues named in a note as `@Full Name` or `@First` (case-insensitive). */
export function mentionedIn(text: string, people: Staff[], self: number): Staff[] {
  return people.filter((p) => {
    if (p.id === self) return false;
    const first = p.display_name.split(/\s+/)[0];
    const names = [p.display_name, first].map(escapeRe).join('|');
    return new RegExp(`(^|[^\\p{L}\\p{N}])@(${names})(?![\\p{L}\\p{N}])`, 'iu').test(text);
  });
}

/**
 * Reply to the patron (on the conversation's channel unless staff pick another one the
 * patron has) or add an internal note. Notes look different so nobody sends one by mistake.
 */
export function Composer({
  c,
  identities,
  patron,
  smsOptedOut,
}: {
  c: Conversation;
  identities: Identity[];
  patron: string;
  /** The patron replied STOP: texting them is blocked, and staff should see why. */
  smsOptedOut: boolean;
}) {
  const mode = composerMode.value;
  const draftKey = `${c.id}:${mode}`;
  const [text, setText] = useState(drafts.get(draftKey) ?? '');
  const [channel, setChannel] = useState(c.channel);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<Attached[]>([]);
  const [dropping, setDropping] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    setText(drafts.get(draftKey) ?? '');
    setError(null);
  }, [draftKey]);
  useEffect(() => setChannel(c.channel), [c.id, c.channel]);
  useEffect(() => setFiles([]), [c.id]);
  const segments = useSegments(mode === 'reply' && channel === 'sms' ? text : '');

  const channels = Array.from(new Set([c.channel, ...identities.map((i) => i.channel)]));
  const address = identities.find((i) => i.channel === channel)?.address;
  const isNote = mode === 'note';
  const blocked = !isNote && channel === 'sms' && smsOptedOut;
  const mentions = isNote ? mentionedIn(text, staff.value, me.value) : [];
  // Files go only with email replies (the upload API is the email channel's).
  const canAttach = !isNote && channel === 'email';
  const uploading = canAttach && files.some((f) => f.id === undefined && !f.error);
  const attach = (picked: File[]) => void addFiles(c.id, picked, files, setFiles);

  function update(v: string) {
    setText(v);
    drafts.set(draftKey, v);
  }

  /** Puts text at the cursor (replacing from `from` if given) and keeps typing there. */
  function insert(piece: string, from?: number) {
    const el = box.current;
    const start = from ?? el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    update(text.slice(0, start) + piece + text.slice(end));
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.selectionStart = el.selectionEnd = start + piece.length;
    });
  }

  const insertCanned = (r: CannedResponse) => insert(fillCanned(r.body, { patron }));

  async function send(e?: Event) {
    e?.preventDefault();
    const body = text.trim();
    if (!body || busy || uploading) return;
    setBusy(true);
    setError(null);
    try {
      const m = isNote
        ? await api.note(
            c.id,
            body,
            mentions.map((p) => p.id),
          )
        : await api.reply(
            c.id,
            body,
            channel === c.channel ? null : channel,
            canAttach ? files.flatMap((f) => (f.id === undefined || f.error ? [] : [f.id])) : [],
          );
      upsertMessage(m);
      drafts.delete(draftKey);
      setText('');
      if (canAttach) setFiles([]);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not send.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class={`composer ${isNote ? 'composer-note' : ''} ${dropping ? 'composer-dropping' : ''}`}
      onSubmit={send}
      aria-label={isNote ? 'Internal note' : 'Reply'}
      onDragOver={(e) => {
        if (!canAttach || !e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(e) => {
        setDropping(false);
        if (!canAttach || !e.dataTransfer?.files.length) return;
        e.preventDefault();
        attach(Array.from(e.dataTransfer.files));
      }}
    >
      <div class="composer-top">
        <div class="composer-modes" role="group" aria-label="Composer mode">
          <button
            type="button"
            class="mode"
            aria-pressed={!isNote}
            aria-keyshortcuts="r"
            onClick={() => (composerMode.value = 'reply')}
          >
            Reply <kbd>r</kbd>
          </button>
          <button
            type="button"
            class="mode"
            aria-pressed={isNote}
            aria-keyshortcuts="n"
            onClick={() => (composerMode.value = 'note')}
          >
            Internal note <kbd>n</kbd>
          </button>
        </div>
        <div class="composer-tools">
          {isNote && (
            <label class="inline-field">
              <span>Mention</span>
              <select
                value=""
                onChange={(e) => {
                  const who = staff.value.find((p) => String(p.id) === e.currentTarget.value);
                  if (who) insert(`@${who.display_name} `);
                  e.currentTarget.value = '';
                }}
              >
                <option value="">a colleague…</option>
                {staff.value
                  .filter((p) => p.id !== me.value)
                  .map((p) => (
                    <option value={String(p.id)} key={p.id}>
                      {p.display_name}
                    </option>
                  ))}
              </select>
            </label>
          )}
          {!isNote && channels.length > 1 && (
            <label class="inline-field">
              <span>Send by</span>
              <select value={channel} onChange={(e) => setChannel(e.currentTarget.value)}>
                {channels.map((ch) => (
                  <option value={ch} key={ch}>
                    {channelLabel(ch)}
                    {ch === c.channel ? ' (this conversation)' : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          {/* Canned responses stay last: their panel opens leftwards from the right edge. */}
          {!isNote && <FaqSuggest conversationId={c.id} question={lastPatronMessage()} onInsert={(t) => insert(t)} />}
          <CannedPicker onInsert={insertCanned} />
        </div>
      </div>
      <label for="composer-text" class="composer-label">
        {isNote
          ? 'Internal note — only staff will see this'
          : `Reply to ${patron} by ${channelLabel(channel)}${address && address !== patron ? ` (${address})` : ''}`}
      </label>
      <textarea
        id="composer-text"
        ref={box}
        rows={3}
        value={text}
        aria-describedby={error ? 'composer-error composer-hint' : 'composer-hint'}
        onInput={(e) => {
          const v = e.currentTarget.value;
          update(v);
          if (!isNote && v) typingIn(c.id);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send(e);
          if (e.key === 'Escape') e.currentTarget.blur();
          // "/shortcut" + Tab expands a canned response; otherwise Tab moves focus as usual.
          if (e.key === 'Tab' && !e.shiftKey) {
            const hit = shortcutBefore(text, e.currentTarget.selectionStart);
            if (hit) {
              e.preventDefault();
              insert(fillCanned(hit.response.body, { patron }), hit.start);
            }
          }
        }}
      />
      {canAttach && (
        <AttachFiles files={files} onAdd={attach} onRemove={(key) => setFiles((l) => l.filter((f) => f.key !== key))} />
      )}
      {blocked && (
        <p class="form-error" role="status" data-testid="sms-opted-out">
          This patron replied STOP, so texts to them are blocked. Reply on another channel they have, or they can
          text START to get texts again.
        </p>
      )}
      {error && (
        <p class="form-error" role="alert" id="composer-error">
          {error}
        </p>
      )}
      <div class="composer-foot">
        <span class="hint" id="composer-hint">
          Ctrl+Enter sends · type /shortcut then Tab for a canned response
          {canAttach ? ' · drop files here to attach them' : ''}
        </span>
        {mentions.length > 0 && (
          <span class="hint mention-list" data-testid="mentions">
            Will notify: {mentions.map((p) => p.display_name).join(', ')}
          </span>
        )}
        {segments && (
          <span class={`hint segments ${segments.segments > 1 ? 'segments-many' : ''}`}>
            {segments.segments} text message{segments.segments === 1 ? '' : 's'} · {segments.remaining_in_segment} characters
            left{segments.encoding === 'ucs2' ? ' (special characters shorten texts)' : ''}
          </span>
        )}
        <button type="submit" class={`btn send ${isNote ? 'btn-note' : 'btn-primary'}`} disabled={busy || blocked || uploading || !text.trim()}>
          {busy ? 'Sending…' : uploading ? 'Uploading…' : isNote ? 'Add note' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}

/** How many SMS segments the draft will take (asked of the server, after a pause in typing). */
function useSegments(text: string): Segments | null {
  const [result, setResult] = useState<Segments | null>(null);
  useEffect(() => {
    if (!text.trim()) {
      setResult(null);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      api.segments(text).then(
        (s) => live && setResult(s),
        () => live && setResult(null),
      );
    }, 400);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text]);
  return result;
}
