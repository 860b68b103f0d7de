import './faq.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { announce } from '../lib/alerts';
import {
  faqApi,
  faqEntries,
  faqError,
  faqOpen,
  htmlToText,
  loadFaq,
  textToHtml,
  type FaqEntry,
} from '../state/faq';
import { session } from '../state/store';

const isManager = () => ['manager', 'admin'].includes(session.value?.role ?? '');

/**
 * The library's FAQ: write and edit entries (staff), publish, unpublish and delete them
 * (managers), mark them reviewed. A native modal dialog over the console, so the live
 * queue keeps running underneath.
 */
export function FaqManager() {
  const ref = useRef<HTMLDialogElement>(null);
  const open = faqOpen.value;
  const [editing, setEditing] = useState<FaqEntry | 'new' | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      void loadFaq();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const now = Date.now();
  return (
    <dialog ref={ref} class="faq-manager" aria-labelledby="faq-title" onClose={() => (faqOpen.value = false)}>
      <div class="faq-head">
        <h2 id="faq-title">FAQ answers</h2>
        <button type="button" class="btn btn-secondary btn-small" onClick={() => (faqOpen.value = false)}>
          Close
        </button>
      </div>
      <p class="hint">
        Patrons read published entries at{' '}
        <a href={`/faq/${session.value?.library.slug ?? ''}`} target="_blank" rel="noopener">
          /faq/{session.value?.library.slug}
        </a>
        . Staff write and edit; managers publish.
      </p>
      {faqError.value && (
        <p class="form-error" role="alert">
          {faqError.value}
        </p>
      )}
      {editing ? (
        <FaqForm entry={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <button type="button" class="btn" onClick={() => setEditing('new')}>
          New entry
        </button>
      )}
      <table class="faq-table">
        <caption class="visually-hidden">Entries</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Status</th>
            <th scope="col">Views</th>
            <th scope="col">Helpful</th>
            <th scope="col">Review</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {faqEntries.value.map((e) => (
            <tr key={e.id}>
              <td>{e.question}</td>
              <td>{e.status === 'published' ? 'Published' : 'Draft'}</td>
              <td>{e.views}</td>
              <td>{e.helpful_count}</td>
              <td>{Date.parse(e.review_due_at) <= now ? 'Due' : new Date(e.review_due_at).toLocaleDateString()}</td>
              <td class="faq-actions">
                <button type="button" class="btn btn-secondary btn-small" onClick={() => setEditing(e)}>
                  Edit<span class="visually-hidden"> {e.question}</span>
                </button>
                <Act entry={e} action="reviewed" label="Mark reviewed" />
                {isManager() && (
                  <Act
                    entry={e}
                    action={e.status === 'published' ? 'unpublish' : 'publish'}
                    label={e.status === 'published' ? 'Unpublish' : 'Publish'}
                  />
                )}
                {isManager() && (
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    onClick={async () => {
                      if (!confirm(`Delete “${e.question}”?`)) return;
                      await run(() => faqApi.remove(e.id), 'Deleted.');
                    }}
                  >
                    Delete<span class="visually-hidden"> {e.question}</span>
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </dialog>
  );
}

async function run(action: () => Promise<unknown>, done: string) {
  try {
    await action();
    faqError.value = null;
    announce(done);
  } catch (err) {
    faqError.value = err instanceof Error ? err.message : 'That did not work.';
  }
}

function Act({ entry, action, label }: { entry: FaqEntry; action: 'publish' | 'unpublish' | 'reviewed'; label: string }) {
  return (
    <button type="button" class="btn btn-secondary btn-small" onClick={() => run(() => faqApi.act(entry.id, action), `${label}: done.`)}>
      {label}
      <span class="visually-hidden"> {entry.question}</span>
    </button>
  );
}

function FaqForm({ entry, onDone }: { entry: FaqEntry | null; onDone: () => void }) {
  const [question, setQuestion] = useState(entry?.question ?? '');
  const [short, setShort] = useState(entry?.short_answer ?? '');
  const [answer, setAnswer] = useState(entry ? htmlToText(entry.answer_html) : '');
  const [topics, setTopics] = useState((entry?.topics ?? []).join(', '));
  const [language, setLanguage] = useState(entry?.language ?? 'en');
  const [busy, setBusy] = useState(false);
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    const input = {
      question,
      short_answer: short,
      answer_html: textToHtml(answer),
      topics: topics.split(',').map((t) => t.trim()).filter(Boolean),
      language,
    };
    await run(() => (entry ? faqApi.update(entry.id, input) : faqApi.create(input)), 'Saved.');
    setBusy(false);
    if (!faqError.value) onDone();
  }
  return (
    <form class="faq-form" onSubmit={save} aria-label={entry ? 'Edit entry' : 'New entry'}>
      <label class="field">
        <span>Question</span>
        <input required maxLength={300} value={question} onInput={(e) => setQuestion(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Short answer (texts and suggestions, up to 320 characters)</span>
        <input required maxLength={320} value={short} onInput={(e) => setShort(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Answer</span>
        <textarea required rows={6} value={answer} onInput={(e) => setAnswer(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Topics (comma separated)</span>
        <input value={topics} onInput={(e) => setTopics(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Language</span>
        <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          <option value="en">English</option>
          <option value="es">Spanish</option>
          <option value="fr">French</option>
          <option value="zh">Chinese</option>
        </select>
      </label>
      <div class="faq-form-buttons">
        <button type="submit" class="btn" disabled={busy}>
          Save
        </button>
        <button type="button" class="btn btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
