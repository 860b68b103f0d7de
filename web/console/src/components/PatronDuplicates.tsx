import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { privacyApi, type Duplicate } from '../api/privacy';
import { reloadDetail } from '../state/inbox';
import { fullDate } from '../lib/time';
import { FormError } from './FormError';

/** Contacts that may be the same patron (same email or phone): suggestions only; staff
 * decide and merge one at a time. */
export function PatronDuplicates({ contactId }: { contactId: number }) {
  const [items, setItems] = useState<Duplicate[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setItems(null);
    privacyApi
      .duplicates(contactId)
      .then((d) => live && setItems(d))
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
  }, [contactId]);
  if (!items || items.length === 0) return null;
  const merge = async (d: Duplicate) => {
    setBusy(d.contact_id);
    setError(null);
    try {
      await privacyApi.merge(contactId, d.contact_id);
      setItems(items.filter((x) => x.contact_id !== d.contact_id));
      await reloadDetail();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The merge failed.');
    } finally {
      setBusy(null);
    }
  };
  return (
    <div class="duplicates">
      <h4>Maybe the same patron</h4>
      <ul>
        {items.map((d) => (
          <li key={d.contact_id}>
            <span>
              {d.label ?? `Patron ${d.contact_id}`} <span class="hint">(same {d.matched}, last contact {fullDate(d.last_contact_at)})</span>
            </span>
            <button type="button" class="btn btn-secondary" disabled={busy !== null} onClick={() => void merge(d)}>
              Merge into this patron
            </button>
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </div>
  );
}
