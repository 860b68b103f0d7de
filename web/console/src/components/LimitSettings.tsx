import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, request } from '../api/client';
import type { components } from '../api/schema';
import { announce } from '../lib/alerts';
import { DialogLoadFailed, FormError } from './FormError';

type S = components['schemas'];
type LimitSettingsView = S['LimitSettings'];
type OwnLimits = S['LibraryLimits'];
type Key = keyof S['LimitValues'];

/** Whether the abuse limits dialog is open (admins). */
export const limitsOpen = signal(false);

const FIELDS: { key: Key; label: string }[] = [
  { key: 'chat_connects_per_minute', label: 'Chat connections per visitor per minute' },
  { key: 'chat_messages_per_minute', label: 'Chat messages per chat per minute' },
  { key: 'survey_submissions_per_hour', label: 'Survey answers per device per hour' },
  { key: 'sms_webhooks_per_minute', label: 'Texts from the SMS provider per minute' },
  { key: 'faq_votes_per_10_minutes', label: '"This answered my question" votes per visitor per 10 minutes' },
];

type Draft = Record<Key, string>;

const toDraft = (own: OwnLimits): Draft =>
  Object.fromEntries(FIELDS.map(({ key }) => [key, own[key] == null ? '' : String(own[key])])) as Draft;

/** The library's own limits on its public pages and webhooks, each at most the hub's
 * ceiling; an empty field uses the ceiling. Over a limit, the patron is asked to wait. */
export function LimitSettings() {
  const ref = useRef<HTMLDialogElement>(null);
  const open = limitsOpen.value;
  const [view, setView] = useState<LimitSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      setView(null);
      setDraft(null);
      setError(null);
      request<LimitSettingsView>('GET', '/api/settings/limits')
        .then((v) => {
          setView(v);
          setDraft(toDraft(v.own));
        })
        .catch((e) => setError(e instanceof ApiError ? e.message : 'The limits could not be loaded.'));
    }
    if (!open && d.open) d.close();
  }, [open]);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!draft) return;
    const body = Object.fromEntries(
      FIELDS.map(({ key }) => [key, draft[key].trim() === '' ? null : Number(draft[key])]),
    ) as OwnLimits;
    setBusy(true);
    try {
      const saved = await request<LimitSettingsView>('PUT', '/api/settings/limits', body);
      setView(saved);
      setDraft(toDraft(saved.own));
      setError(null);
      announce('Limits saved.');
      limitsOpen.value = false;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The limits could not be saved.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} class="help limit-settings" aria-labelledby="limits-title" onClose={() => (limitsOpen.value = false)}>
      <h2 id="limits-title">Abuse limits</h2>
      <p class="hint" id="limits-hint">
        How often one visitor, device or chat may use the library's public pages before being asked to wait. Leave a
        field empty for the hub's limit, which is also the most you can set.
      </p>
      {!draft && !error && <p class="empty">Loading…</p>}
      {draft && view && (
        <form onSubmit={(e) => void save(e)}>
          <div class="policy-fields">
            {FIELDS.map(({ key, label }) => (
              <label key={key}>
                <span>{label}</span>
                <input
                  type="number"
                  min={1}
                  max={view.ceilings[key]}
                  placeholder={String(view.ceilings[key])}
                  aria-describedby="limits-hint"
                  value={draft[key]}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setDraft((old) => (old ? { ...old, [key]: value } : old));
                  }}
                />
              </label>
            ))}
          </div>
          <FormError error={error} />
          <div class="dialog-actions">
            <button type="button" class="btn btn-secondary" onClick={() => (limitsOpen.value = false)}>
              Cancel
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Save
            </button>
          </div>
        </form>
      )}
      {!draft && error && <DialogLoadFailed error={error} onClose={() => (limitsOpen.value = false)} />}
    </dialog>
  );
}
