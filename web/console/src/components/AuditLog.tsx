import { signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { privacyApi, type AuditEntry } from '../api/privacy';
import { fullDate } from '../lib/time';
import { FormError } from './FormError';

/** Whether the audit log dialog is open (admins). */
export const auditOpen = signal(false);

/** Who opened, exported, merged, split or erased which record, and when: ids only, never
 * content. A native modal dialog (focus trapped, Esc closes), newest first, paged. */
export function AuditLog() {
  const ref = useRef<HTMLDialogElement>(null);
  const open = auditOpen.value;
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async (before: number | null) => {
    try {
      const page = await privacyApi.audit(before);
      setEntries((old) => (before ? [...old, ...page.entries] : page.entries));
      setNext(page.next_before ?? null);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The audit log could not be loaded.');
    }
  };
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      void load(null);
    }
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} class="help audit" aria-labelledby="audit-title" onClose={() => (auditOpen.value = false)}>
      <h2 id="audit-title">Audit log</h2>
      <p class="hint">Who opened, exported, merged, split or erased which record. Message content is never logged.</p>
      <FormError error={error} />
      <table>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Did</th>
            <th scope="col">Record</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>
                <time dateTime={e.at}>{fullDate(e.at)}</time>
              </td>
              <td>{e.staff_name ?? 'the system'}</td>
              <td>{e.action}</td>
              <td>
                {e.subject_type} {e.subject_id ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && !error && <p class="hint">Nothing recorded yet.</p>}
      <div class="dialog-actions">
        {next !== null && (
          <button type="button" class="btn btn-secondary" onClick={() => void load(next)}>
            Older entries
          </button>
        )}
        <form method="dialog">
          <button type="submit" class="btn btn-primary">
            Close
          </button>
        </form>
      </div>
    </dialog>
  );
}
