// The tally screen (/tally): questions answered in person or by phone at a service point,
// counted with one tap (or one key, 1-6) per question, so desk work lands in the same
// reference statistics as the inbox. The last tally can be undone; today's counts sit
// beside the buttons. POST/DELETE /api/reference/tallies, GET .../tallies/today.
import './reference.css';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api/client';
import type { components } from '../api/schema';
import { session } from '../state/store';
import { LiveRegion } from './Toasts';
import { announce } from '../lib/alerts';
import { PageHeader } from './PageHeader';

type S = components['schemas'];
type TallyDay = S['TallyDay'];
type Tally = S['Tally'];
type QuestionType = S['QuestionType'];

const LEVELS: { level: number; label: string }[] = [
  { level: 1, label: 'Directional' },
  { level: 2, label: 'Quick lookup' },
  { level: 3, label: 'Some sources' },
  { level: 4, label: 'Several sources' },
  { level: 5, label: 'In-depth' },
  { level: 6, label: 'Most effort' },
];
const MODES = [
  { mode: 'in_person', label: 'In person' },
  { mode: 'phone', label: 'Phone' },
];
const POINT_KEY = 'refdesk.tally.service-point';

function describe(t: Tally): string {
  const how = t.mode === 'phone' ? 'phone' : 'in person';
  const level = t.read_level ? `READ ${t.read_level}` : 'not rated';
  const time = new Date(t.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return `${how}, ${level}${t.question_type ? `, ${t.question_type}` : ''} at ${time}`;
}

export function TallyScreen() {
  const s = session.value!;
  const [point, setPoint] = useState(() => localStorage.getItem(POINT_KEY) || 'Reference desk');
  const [mode, setMode] = useState('in_person');
  const [kind, setKind] = useState<string | null>(null);
  const [types, setTypes] = useState<QuestionType[]>([]);
  const [day, setDay] = useState<TallyDay | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function refresh(at = point) {
    try {
      setDay(await request<TallyDay>('GET', `/api/reference/tallies/today?service_point=${encodeURIComponent(at.trim())}`));
    } catch (e) {
      setError(`Today's counts could not be loaded: ${(e as Error).message}`);
    }
  }

  useEffect(() => {
    document.title = 'Tally · Refdesk';
    void refresh();
    void request<QuestionType[]>('GET', '/api/reference/question-types')
      .then((t) => setTypes(t.slice(0, 8)))
      .catch(() => {});
  }, []);

  async function count(level: number | null) {
    const at = point.trim();
    if (!at) {
      setError('Name the service point first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const t = await request<Tally>('POST', '/api/reference/tallies', {
        service_point: at,
        mode,
        read_level: level,
        question_type: kind,
      });
      localStorage.setItem(POINT_KEY, at);
      announce(`Counted: ${describe(t)}.`);
      await refresh(at);
    } catch (e) {
      setError(`Not counted: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  async function undo(t: Tally) {
    setBusy(true);
    setError(null);
    try {
      await request<void>('DELETE', `/api/reference/tallies/${t.id}`);
      announce(`Undone: ${describe(t)}.`);
      await refresh();
    } catch (e) {
      setError(`Could not undo: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }

  // Keys 1-6 count a question at that level, unless typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || busy) return;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
      if (/^[1-6]$/.test(e.key)) {
        e.preventDefault();
        void count(Number(e.key));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const cell = (m: string, level: number | null) =>
    day?.counts.find((c) => c.mode === m && (c.read_level ?? null) === level)?.questions ?? 0;
  const rowTotal = (level: number | null) => MODES.reduce((n, m) => n + Number(cell(m.mode, level)), 0);
  const colTotal = (m: string) => (day?.counts ?? []).filter((c) => c.mode === m).reduce((n, c) => n + Number(c.questions), 0);
  const rows: (number | null)[] = [...LEVELS.map((l) => l.level), null];

  return (
    <>
      <PageHeader title="Tally" library={s.library.name} />
      <main class="tally" id="main">
        <section class="tally-entry" aria-labelledby="tally-title">
          <h2 id="tally-title">Count a question asked at the desk</h2>
          <div class="tally-settings">
            <label class="field">
              <span>Service point</span>
              <input
                type="text"
                list="tally-points"
                value={point}
                maxLength={100}
                onInput={(e) => setPoint(e.currentTarget.value)}
                onChange={() => void refresh()}
              />
            </label>
            <datalist id="tally-points">
              {day?.service_points.map((p) => <option key={p} value={p} />)}
            </datalist>
            <fieldset class="tally-modes">
              <legend>Asked</legend>
              {MODES.map((m) => (
                <label key={m.mode} class="check">
                  <input type="radio" name="tally-mode" value={m.mode} checked={mode === m.mode} onChange={() => setMode(m.mode)} />
                  <span>{m.label}</span>
                </label>
              ))}
            </fieldset>
          </div>
          {types.length > 0 && (
            <div class="tally-types" role="group" aria-label="Question type (optional)">
              <span class="tally-types-label" aria-hidden="true">
                Question type:
              </span>
              {types.map((t) => (
                <button
                  type="button"
                  key={t.question_type}
                  class="btn btn-secondary chip"
                  aria-pressed={kind === t.question_type}
                  onClick={() => setKind(kind === t.question_type ? null : t.question_type)}
                >
                  {t.question_type}
                </button>
              ))}
            </div>
          )}
          <div class="tally-levels" role="group" aria-label="Count one question at READ level">
            {LEVELS.map((l) => (
              <button
                type="button"
                key={l.level}
                class="btn tally-level"
                disabled={busy}
                aria-keyshortcuts={String(l.level)}
                onClick={() => void count(l.level)}
              >
                <span class="tally-level-n">{l.level}</span>
                <span class="tally-level-label">{l.label}</span>
              </button>
            ))}
            <button type="button" class="btn btn-secondary tally-level" disabled={busy} onClick={() => void count(null)}>
              <span class="tally-level-label">Not rated</span>
            </button>
          </div>
          <p class="hint">Tap a level (or press 1-6) once per question. READ 1: directions, hours; 6: most effort.</p>
          {error && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <p class="tally-undo">
            {day?.last ? (
              <button type="button" class="btn btn-ghost" disabled={busy} onClick={() => void undo(day.last!)}>
                Undo the last tally ({describe(day.last)})
              </button>
            ) : (
              <span class="hint">Nothing to undo.</span>
            )}
          </p>
        </section>
        <section class="tally-today" aria-labelledby="today-title">
          <h2 id="today-title">
            Today at {point.trim() || 'every service point'}: {day?.total ?? 0}
          </h2>
          <table class="report-table">
            <caption class="visually-hidden">Questions counted today by READ level and how they were asked</caption>
            <thead>
              <tr>
                <th scope="col">READ level</th>
                {MODES.map((m) => (
                  <th scope="col" key={m.mode}>
                    {m.label}
                  </th>
                ))}
                <th scope="col">Total</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((level) => (
                <tr key={String(level)}>
                  <th scope="row">{level ?? 'Not rated'}</th>
                  {MODES.map((m) => (
                    <td key={m.mode}>{cell(m.mode, level)}</td>
                  ))}
                  <td>{rowTotal(level)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All</th>
                {MODES.map((m) => (
                  <td key={m.mode}>{colTotal(m.mode)}</td>
                ))}
                <td>{day?.total ?? 0}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      </main>
      <LiveRegion />
    </>
  );
}
