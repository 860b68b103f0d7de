import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { privacyApi } from '../api/privacy';
import type { Conversation, Message } from '../api/types';
import { announce } from '../lib/alerts';
import { channelLabel } from '../lib/channels';
import { fullDate } from '../lib/time';
import { reloadDetail, reloadList } from '../state/inbox';
import { navigate } from '../state/route';
import { FormError } from './FormError';

type Mode = 'merge' | 'split';

/** Regrouping a patron's messages from the conversation view: merge another conversation of
 * the same patron into this one, or split one message out into a new conversation. Each
 * opens a native modal dialog (focus kept inside, Esc cancels) that asks for the choice and
 * then for confirmation; the API records both in the audit log. */
export function Regroup({ c, messages, others }: { c: Conversation; messages: Message[]; others: Conversation[] }) {
  const [mode, setMode] = useState<Mode | null>(null);
  const candidates = others.filter((o) => o.id !== c.id);
  return (
    <div class="action-row regroup" role="group" aria-label="Regroup messages">
      <button
        type="button"
        class="btn btn-secondary"
        disabled={candidates.length === 0}
        title={candidates.length === 0 ? 'This patron has no other conversation.' : undefined}
        onClick={() => setMode('merge')}
      >
        Merge conversations…
      </button>
      <button
        type="button"
        class="btn btn-secondary"
        disabled={messages.length < 2}
        title={messages.length < 2 ? 'A conversation keeps at least one message.' : undefined}
        onClick={() => setMode('split')}
      >
        Split out a message…
      </button>
      {mode && (
        <RegroupDialog mode={mode} c={c} messages={messages} candidates={candidates} onDone={() => setMode(null)} />
      )}
    </div>
  );
}

function RegroupDialog({
  mode,
  c,
  messages,
  candidates,
  onDone,
}: {
  mode: Mode;
  c: Conversation;
  messages: Message[];
  candidates: Conversation[];
  onDone: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const continueRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  // The dialog is already open when a step changes, so `autofocus` would not apply: move the
  // focus to the step's main button by hand (keyboard users continue with Enter). A layout
  // effect, so the focus moves in the frame the step appears: an Enter pressed right then
  // lands on the new button, never on the page.
  const firstStep = useRef(true);
  useLayoutEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    (confirming ? confirmRef : continueRef).current?.focus();
  }, [confirming]);
  const title = mode === 'merge' ? 'Merge conversations' : 'Split out a message';
  const options =
    mode === 'merge'
      ? candidates.map((o) => ({
          id: o.id,
          label: `${channelLabel(o.channel)} conversation #${o.id}, last message ${fullDate(o.last_message_at)}`,
          detail: o.subject ?? o.last_message_preview ?? '',
        }))
      : messages.map((m) => ({
          id: m.id,
          label: `${m.direction === 'in' ? 'From the patron' : m.direction === 'note' ? 'Note' : 'Reply'}, ${fullDate(m.created_at)}`,
          detail: m.body.length > 80 ? m.body.slice(0, 80) + '…' : m.body,
        }));
  const chosenLabel = options.find((o) => o.id === chosen)?.label ?? '';
  const run = async () => {
    if (chosen === null) return;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'merge') {
        await privacyApi.mergeConversations(c.id, chosen);
        announce('Conversations merged.');
        ref.current?.close();
        await Promise.all([reloadDetail(), reloadList()]);
      } else {
        const r = await privacyApi.splitMessage(chosen);
        announce('Message moved to a new conversation.');
        ref.current?.close();
        navigate({ conversationId: r.conversation_id });
        await reloadList();
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'That did not work; nothing was changed.');
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="help regroup-dialog" aria-labelledby="regroup-title" onClose={onDone}>
      <h2 id="regroup-title">{title}</h2>
      {!confirming ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen !== null) setConfirming(true);
          }}
        >
          <fieldset class="choices">
            <legend>
              {mode === 'merge'
                ? 'Which conversation of this patron moves into this one?'
                : 'Which message starts a new conversation?'}
            </legend>
            {options.map((o) => (
              <label key={o.id} class="choice">
                <input
                  type="radio"
                  name="regroup-choice"
                  value={String(o.id)}
                  checked={chosen === o.id}
                  onChange={() => setChosen(o.id)}
                />
                <span>
                  {o.label}
                  {o.detail && <span class="hint choice-detail">{o.detail}</span>}
                </span>
              </label>
            ))}
          </fieldset>
          <FormError error={error} />
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" onClick={() => ref.current?.close()}>
              Cancel
            </button>
            <button type="submit" class="btn btn-primary" disabled={chosen === null} ref={continueRef}>
              Continue
            </button>
          </div>
        </form>
      ) : (
        <div role="group" aria-labelledby="regroup-confirm">
          <p id="regroup-confirm">
            {mode === 'merge'
              ? `Move every message of ${chosenLabel} into this conversation? That conversation is then removed; a message can be split out again later.`
              : `Move the message (${chosenLabel}) into a new conversation of the same patron?`}
          </p>
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => setConfirming(false)}>
              Back
            </button>
            <button type="button" class="btn btn-primary" disabled={busy} ref={confirmRef} onClick={() => void run()}>
              {mode === 'merge' ? 'Yes, merge' : 'Yes, split it out'}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
