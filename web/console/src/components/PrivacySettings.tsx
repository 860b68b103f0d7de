import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { privacyApi, type Policy, type RetentionPreview } from '../api/privacy';
import { announce } from '../lib/alerts';
import { channelLabel } from '../lib/channels';
import { fullDate } from '../lib/time';
import { session } from '../state/store';
import { DialogLoadFailed, FormError } from './FormError';

/** Whether the privacy settings dialog is open (managers and admins). */
export const privacyOpen = signal(false);

/** The form's text fields: numbers as typed, so a half-typed value is not lost. */
interface Draft {
  retention_days: string;
  body_days: string;
  identity_days: string;
  lapsed_after_days: string;
  contact_email: string;
  contact_text: string;
}

const toDraft = (p: Policy): Draft => ({
  retention_days: String(p.retention_days),
  body_days: p.body_days == null ? '' : String(p.body_days),
  identity_days: p.identity_days == null ? '' : String(p.identity_days),
  lapsed_after_days: String(p.lapsed_after_days),
  contact_email: p.contact_email ?? '',
  contact_text: p.contact_text ?? '',
});

const optionalDays = (s: string) => (s.trim() === '' ? null : Number(s));
const toPolicy = (d: Draft): Policy => ({
  retention_days: Number(d.retention_days),
  body_days: optionalDays(d.body_days),
  identity_days: optionalDays(d.identity_days),
  lapsed_after_days: Number(d.lapsed_after_days),
  contact_email: d.contact_email.trim() || null,
  contact_text: d.contact_text.trim() || null,
});

/** The library's retention policy: how long message text and patron identities are kept
 * after a conversation is resolved, and what the next hourly run would remove under the
 * values in the form (before they are saved). Managers may look and try values; admins
 * save. Past the limits, conversations are anonymised, never deleted: reports keep their
 * facts. */
export function PrivacySettings() {
  const ref = useRef<HTMLDialogElement>(null);
  const open = privacyOpen.value;
  const canSave = session.value?.role === 'admin';
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const showPreview = async (d: Draft) => {
    try {
      setPreview(await privacyApi.previewPolicy(toPolicy(d)));
      setError(null);
    } catch (e) {
      setPreview(null);
      setError(e instanceof ApiError ? e.message : 'The preview could not be loaded.');
    }
  };

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      setDraft(null);
      setPreview(null);
      setError(null);
      privacyApi
        .policy()
        .then((p) => {
          const next = toDraft(p);
          setDraft(next);
          void showPreview(next);
        })
        .catch((e) => setError(e instanceof ApiError ? e.message : 'The policy could not be loaded.'));
    }
    if (!open && d.open) d.close();
  }, [open]);

  const field = (key: keyof Draft) => ({
    value: draft?.[key] ?? '',
    onInput: (e: Event) => {
      const value = (e.currentTarget as HTMLInputElement).value;
      setDraft((old) => (old ? { ...old, [key]: value } : old));
    },
  });

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft || !canSave) return;
    setBusy(true);
    try {
      const saved = await privacyApi.savePolicy(toPolicy(draft));
      setDraft(toDraft(saved));
      setError(null);
      announce('Privacy settings saved.');
      privacyOpen.value = false;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The policy could not be saved.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      class="help privacy-settings"
      aria-labelledby="privacy-title"
      onClose={() => (privacyOpen.value = false)}
    >
      <h2 id="privacy-title">Privacy settings</h2>
      <p class="hint">
        After these limits, resolved conversations are anonymised: the text or the patron's names, addresses and
        numbers are removed on every channel, while the facts reports need (channel, team, times, ratings) stay.
      </p>
      {!draft && !error && <p class="empty">Loading…</p>}
      {draft && (
        <form onSubmit={(e) => void save(e)}>
          <div class="policy-fields">
            <label>
              <span>Anonymise everything after (days)</span>
              <input type="number" min={1} max={3650} required {...field('retention_days')} />
            </label>
            <label>
              <span>Remove message text sooner, after (days)</span>
              <input type="number" min={1} max={3650} placeholder="same" aria-describedby="privacy-optional" {...field('body_days')} />
            </label>
            <label>
              <span>Remove names and addresses sooner, after (days)</span>
              <input
                type="number"
                min={1}
                max={3650}
                placeholder="same"
                aria-describedby="privacy-optional"
                {...field('identity_days')}
              />
            </label>
            <label>
              <span>A patron counts as lapsed after (days)</span>
              <input type="number" min={1} max={3650} required {...field('lapsed_after_days')} />
            </label>
            <label>
              <span>Where patrons ask for their data (email)</span>
              <input type="email" {...field('contact_email')} />
            </label>
            <label class="wide">
              <span>More words for the privacy page</span>
              <textarea rows={2} maxLength={2000} {...field('contact_text')} />
            </label>
          </div>
          <p id="privacy-optional" class="hint">
            Leave a "sooner" field empty to use the first limit.
          </p>
          <section aria-labelledby="preview-title" class="policy-preview">
            <div class="preview-head">
              <h3 id="preview-title">What the next run would remove</h3>
              <button type="button" class="btn btn-secondary" onClick={() => void showPreview(draft)}>
                Show for these values
              </button>
            </div>
            <div aria-live="polite">
              {preview && <PreviewTable preview={preview} />}
            </div>
          </section>
          <FormError error={error} />
          <div class="dialog-actions">
            {!canSave && <p class="hint">Only administrators can change these settings.</p>}
            <button type="button" class="btn btn-secondary" onClick={() => (privacyOpen.value = false)}>
              {canSave ? 'Cancel' : 'Close'}
            </button>
            {canSave && (
              <button type="submit" class="btn btn-primary" disabled={busy}>
                Save
              </button>
            )}
          </div>
        </form>
      )}
      {!draft && error && <DialogLoadFailed error={error} onClose={() => (privacyOpen.value = false)} />}
    </dialog>
  );
}

function PreviewTable({ preview }: { preview: RetentionPreview }) {
  if (preview.channels.length === 0) {
    return <p class="hint">Nothing: no resolved conversation is past these limits yet.</p>;
  }
  return (
    <table>
      <caption class="hint">
        Text of conversations resolved before {fullDate(preview.bodies_before)}; names and addresses of those resolved
        before {fullDate(preview.identities_before)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Conversations losing their text</th>
          <th scope="col">Conversations losing names and addresses</th>
        </tr>
      </thead>
      <tbody>
        {preview.channels.map((c) => (
          <tr key={c.channel}>
            <th scope="row">{channelLabel(c.channel)}</th>
            <td>{c.bodies}</td>
            <td>{c.identities}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
