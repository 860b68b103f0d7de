import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { CannedResponse } from '../api/types';
import { announce, toast } from '../lib/alerts';
import { canned, loadCanned, me, session } from '../state/store';

export interface Fill {
  patron: string;
}

/** Fills the placeholders the server documents: {patron_name}, {staff_name}, {library_name}. */
export function fillCanned(body: string, fill: Fill): string {
  const s = session.value;
  return body
    .replaceAll('{patron_name}', fill.patron)
    .replaceAll('{staff_name}', s?.display_name ?? '')
    .replaceAll('{library_name}', s?.library.name ?? '');
}

/** The canned response whose shortcut is typed as `/shortcut` just before the cursor. */
export function shortcutBefore(text: string, cursor: number): { response: CannedResponse; start: number } | null {
  const m = /(^|\s)\/([a-z0-9-]+)$/.exec(text.slice(0, cursor));
  if (!m) return null;
  const response = canned.value.find((c) => c.shortcut === m[2]);
  return response ? { response, start: cursor - m[2].length - 1 } : null;
}

/** A searchable list of canned responses; choosing one inserts it into the composer. */
export function CannedPicker({ onInsert }: { onInsert: (r: CannedResponse) => void }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [manage, setManage] = useState(false);
  const findRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) findRef.current?.focus();
  }, [open]);
  const f = filter.trim().toLowerCase();
  const shown = canned.value.filter(
    (c) => !f || c.shortcut.includes(f) || c.title.toLowerCase().includes(f) || c.body.toLowerCase().includes(f),
  );
  return (
    <div class="canned">
      <button
        type="button"
        class="btn btn-secondary btn-small"
        aria-expanded={open}
        aria-controls="canned-panel"
        onClick={() => setOpen(!open)}
      >
        Canned responses
      </button>
      {open && (
        <div class="canned-panel" id="canned-panel">
          <label class="field">
            <span>Find a canned response</span>
            <input
              type="search"
              value={filter}
              onInput={(e) => setFilter(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setOpen(false);
                if (e.key === 'Enter' && shown[0]) {
                  e.preventDefault();
                  onInsert(shown[0]);
                  setOpen(false);
                }
              }}
              ref={findRef}
            />
          </label>
          {shown.length === 0 ? (
            <p class="hint">{canned.value.length ? 'None match.' : 'No canned responses yet.'}</p>
          ) : (
            <ul class="canned-list">
              {shown.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    class="canned-item"
                    onClick={() => {
                      onInsert(c);
                      setOpen(false);
                    }}
                  >
                    <span class="canned-title">{c.title}</span>
                    <span class="canned-shortcut">/{c.shortcut}</span>
                    {c.owner_staff_id == null && <span class="canned-shared">shared</span>}
                    <span class="canned-body">{c.body}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <button type="button" class="btn btn-link" onClick={() => setManage(true)}>
            Manage canned responses…
          </button>
        </div>
      )}
      {manage && <CannedDialog close={() => setManage(false)} />}
    </div>
  );
}

function CannedDialog({ close }: { close: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [shortcut, setShortcut] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const manager = session.value?.role === 'manager' || session.value?.role === 'admin';
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  async function create(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await api.createCanned({ shortcut: shortcut.trim(), title: title.trim(), body, shared });
      await loadCanned();
      announce(`Canned response /${shortcut.trim()} saved.`);
      setShortcut('');
      setTitle('');
      setBody('');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not save.');
    }
  }

  async function remove(c: CannedResponse) {
    try {
      await api.deleteCanned(c.id);
      await loadCanned();
      announce(`Canned response /${c.shortcut} deleted.`);
    } catch (err) {
      toast(`Could not delete: ${err instanceof Error ? err.message : 'unknown error'}`, { tone: 'error' });
    }
  }

  return (
    <dialog ref={ref} class="help canned-dialog" aria-labelledby="canned-title" onClose={close}>
      <h2 id="canned-title">Canned responses</h2>
      <p class="hint">
        Insert one from the composer, or type <kbd>/shortcut</kbd> then <kbd>Tab</kbd>. Placeholders:{' '}
        <code>{'{patron_name}'}</code>, <code>{'{staff_name}'}</code>, <code>{'{library_name}'}</code>.
      </p>
      <ul class="canned-manage">
        {canned.value.map((c) => {
          const mine = c.owner_staff_id === me.value;
          const mayDelete = mine || (c.owner_staff_id == null && manager);
          return (
            <li key={c.id}>
              <span>
                <strong>/{c.shortcut}</strong> {c.title} <span class="hint">({mine ? 'yours' : 'shared'})</span>
              </span>
              {mayDelete && (
                <button type="button" class="btn btn-small btn-ghost" onClick={() => void remove(c)} aria-label={`Delete /${c.shortcut}`}>
                  Delete
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <form class="canned-form" onSubmit={create}>
        <h3>New canned response</h3>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <label class="field">
          <span>Shortcut (lower-case letters, digits, dashes)</span>
          <input value={shortcut} required pattern="[a-z0-9][a-z0-9-]*" onInput={(e) => setShortcut(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Title</span>
          <input value={title} required onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Text</span>
          <textarea rows={4} value={body} required onInput={(e) => setBody(e.currentTarget.value)} />
        </label>
        {manager && (
          <label class="check">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
            <span>Share with everyone in the library</span>
          </label>
        )}
        <div class="panel-buttons">
          <button type="submit" class="btn btn-primary">
            Save
          </button>
          <button type="button" class="btn btn-ghost" onClick={() => ref.current?.close()}>
            Close
          </button>
        </div>
      </form>
    </dialog>
  );
}
