import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { privacyApi, type ContactMerge } from '../api/privacy';
import { reloadDetail } from '../state/inbox';
import { fullDate } from '../lib/time';
import { FormError } from './FormError';

/** Contacts merged into this one, each with an undo (split) that moves back what it moved. */
export function PatronMerges({ contactId, merges }: { contactId: number; merges: ContactMerge[] }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = merges.filter((m) => !m.split_at);
  if (active.length === 0) return null;
  const split = async (m: ContactMerge) => {
    setBusy(true);
    setError(null);
    try {
      await privacyApi.split(contactId, m.id);
      await reloadDetail();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The split failed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="merges">
      <h4>Merged records</h4>
      <ul>
        {active.map((m) => (
          <li key={m.id}>
            <span>
              Patron {m.from_contact_id} merged {fullDate(m.merged_at)}{' '}
              <span class="hint">
                ({m.identity_ids.length} addresses, {m.conversation_ids.length} conversations)
              </span>
            </span>
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={() => void split(m)}>
              Undo merge
            </button>
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </div>
  );
}
