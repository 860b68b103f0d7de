// Reference statistics on a resolved conversation: the READ level (1-6) and question type,
// with what the library's earlier answers and FAQ suggest (GET /api/conversations/{id}/
// reference). A suggestion is one click (or Enter) to take and never applied by itself;
// staff may set anything else, or nothing.
import './reference.css';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api/client';
import type { components } from '../api/schema';
import type { Conversation } from '../api/types';
import { announce, toast } from '../lib/alerts';

type ReferenceOf = components['schemas']['ReferenceOf'];
type TypeSuggestion = components['schemas']['TypeSuggestion'];

const LEVELS = [1, 2, 3, 4, 5, 6];
const LEVEL_HINT: Record<number, string> = {
  1: 'directional, no specialised knowledge',
  2: 'minimal resources',
  3: 'some resources and knowledge of sources',
  4: 'several resources, some instruction',
  5: 'substantial time, in-depth research',
  6: 'most effort, several consultations',
};

function why(s: TypeSuggestion): string {
  if (s.source === 'faq') return `The question matches the FAQ “${s.faq_question}”.`;
  return `${s.similar} of the ${s.neighbours} most similar answered ${s.neighbours === 1 ? 'question was' : 'questions were'} “${s.question_type}”.`;
}

export function ReferencePanel({ c }: { c: Conversation }) {
  const [ref, setRef] = useState<ReferenceOf | null>(null);
  const [level, setLevel] = useState('');
  const [kind, setKind] = useState('');
  const [busy, setBusy] = useState(false);
  const resolved = c.status === 'resolved';

  useEffect(() => {
    if (!resolved) return;
    let live = true;
    setRef(null);
    request<ReferenceOf>('GET', `/api/conversations/${c.id}/reference`)
      .then((r) => {
        if (!live) return;
        setRef(r);
        setLevel(r.read_level == null ? '' : String(r.read_level));
        setKind(r.question_type ?? '');
      })
      .catch(() => live && setRef({ read_level: null, question_type: null, suggestions: [], usual: [] }));
    return () => {
      live = false;
    };
  }, [c.id, resolved]);

  if (!resolved || !ref) return null;

  async function save(read_level: number | null, question_type: string | null) {
    setBusy(true);
    try {
      const saved = await request<{ read_level?: number | null; question_type?: string | null }>(
        'PUT',
        `/api/conversations/${c.id}/reference`,
        { read_level, question_type },
      );
      setRef({ ...ref!, read_level: saved.read_level ?? null, question_type: saved.question_type ?? null });
      setLevel(saved.read_level == null ? '' : String(saved.read_level));
      setKind(saved.question_type ?? '');
      announce(
        `Recorded as ${saved.question_type ?? 'no question type'}${saved.read_level ? `, READ level ${saved.read_level}` : ''}.`,
      );
    } catch (e) {
      toast(`Could not record it: ${e instanceof Error ? e.message : 'unknown error'}`, { tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const classified = ref.question_type != null || ref.read_level != null;
  const offered = ref.suggestions.filter((s) => s.question_type !== ref.question_type);
  return (
    <section class="reference-panel" aria-labelledby="ref-title">
      <h3 id="ref-title" class="ref-title">
        Reference statistics
        {classified && (
          <span class="ref-now">
            {' '}
            — {ref.question_type ?? 'no type'}
            {ref.read_level ? `, READ ${ref.read_level}` : ''}
          </span>
        )}
      </h3>
      {offered.length > 0 && (
        <div class="ref-suggestions" role="group" aria-label="Suggested classification">
          {offered.map((s, i) => (
            <p class="ref-suggestion" key={s.question_type}>
              <button
                type="button"
                class={`btn ${i === 0 && !classified ? 'btn-primary' : 'btn-secondary'}`}
                disabled={busy}
                onClick={() => void save(s.read_level ?? (level ? Number(level) : null), s.question_type)}
              >
                Use “{s.question_type}”{s.read_level ? `, READ ${s.read_level}` : ''}
              </button>{' '}
              <span class="hint">{why(s)}</span>
            </p>
          ))}
        </div>
      )}
      <form
        class="ref-form"
        aria-label="READ level and question type"
        onSubmit={(e) => {
          e.preventDefault();
          void save(level ? Number(level) : null, kind.trim() || null);
        }}
      >
        <label class="inline-field">
          <span>READ level</span>
          <select value={level} onChange={(e) => setLevel(e.currentTarget.value)}>
            <option value="">Not rated</option>
            {LEVELS.map((l) => (
              <option key={l} value={String(l)}>
                {l} — {LEVEL_HINT[l]}
              </option>
            ))}
          </select>
        </label>
        <label class="inline-field">
          <span>Question type</span>
          <input
            type="text"
            list={`ref-types-${c.id}`}
            value={kind}
            maxLength={60}
            onInput={(e) => setKind(e.currentTarget.value)}
          />
        </label>
        <datalist id={`ref-types-${c.id}`}>
          {ref.usual.map((u) => (
            <option key={u.question_type} value={u.question_type} />
          ))}
        </datalist>
        <button type="submit" class="btn btn-secondary" disabled={busy}>
          Save
        </button>
      </form>
    </section>
  );
}
