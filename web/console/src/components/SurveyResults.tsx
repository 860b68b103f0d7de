// Survey results for managers: trend (responses, response rate, satisfaction, NPS),
// Opportunity Index per aspect, a breakdown by a context question with small groups
// hidden, comments with search, the CSV export, and ratings after conversations (CSAT).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { CsatReport, SurveyBreakdown, SurveyComment, SurveyDefinition, SurveyOverview } from '../api/types';
import { surveyApi } from '../state/surveys';
import { BarChart, LineChart } from './SurveyCharts';

const fmt = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '–' : v.toFixed(digits));
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`);

function scaleOf(def: SurveyDefinition, key: string | null | undefined): number {
  const q = def.questions.find((x) => x.key === key);
  return q && 'scale' in q ? q.scale : 5;
}

export function SurveyResults({ id }: { id: number }) {
  const [grain, setGrain] = useState<'week' | 'month'>('month');
  const [def, setDef] = useState<SurveyDefinition | null>(null);
  const [overview, setOverview] = useState<SurveyOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    surveyApi.show(id).then((d) => setDef(d.published ?? d.survey.draft), (e: ApiError) => setError(e.message));
  }, [id]);
  useEffect(() => {
    surveyApi.results(id, { grain }).then(setOverview, (e: ApiError) => setError(e.message));
  }, [id, grain]);
  if (error) return <p role="alert">{error}</p>;
  if (!overview || !def) return <p role="status">Loading results…</p>;
  const lang = def.default_language;
  const label = (key: string) => def.questions.find((q) => q.key === key)?.prompt[lang] ?? key;
  const trend = overview.trend;
  return (
    <section aria-labelledby="results-title" class="results">
      <h1 id="results-title">Results: {def.title[lang]}</h1>
      <p>
        <label for="grain">Group by </label>
        <select id="grain" value={grain} onChange={(e) => setGrain(e.currentTarget.value as 'week' | 'month')}>
          <option value="month">month</option>
          <option value="week">week</option>
        </select>{' '}
        · {overview.responses} responses ({Object.entries(overview.by_source).map(([s, n]) => `${n} ${s}`).join(', ')}) ·{' '}
        <a href={surveyApi.exportUrl(id)} download>
          Download all responses (CSV)
        </a>
      </p>
      <h2>Satisfaction over time</h2>
      <LineChart
        title={`Mean of “${label(overview.satisfaction_question ?? '')}” per ${grain}`}
        points={trend.map((t) => ({ label: t.period.slice(0, 7), value: t.satisfaction ?? null }))}
        min={1}
        max={scaleOf(def, overview.satisfaction_question)}
      />
      <h2>Net Promoter Score over time</h2>
      <LineChart title={`NPS per ${grain}`} points={trend.map((t) => ({ label: t.period.slice(0, 7), value: t.nps ?? null }))} min={-100} max={100} />
      <table class="figures">
        <caption>Per {grain}</caption>
        <thead>
          <tr>
            <th scope="col">Period from</th>
            <th scope="col">Responses</th>
            <th scope="col">Page views</th>
            <th scope="col">Response rate</th>
            <th scope="col">Satisfaction</th>
            <th scope="col">NPS</th>
          </tr>
        </thead>
        <tbody>
          {trend.map((t) => (
            <tr key={t.period}>
              <th scope="row">{t.period}</th>
              <td>{t.responses}</td>
              <td>{t.views}</td>
              <td>{pct(t.response_rate)}</td>
              <td>{fmt(t.satisfaction, 2)}</td>
              <td>{fmt(t.nps, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Where to act first: Opportunity Index</h2>
      <p>Importance + (importance − satisfaction), never below 0. Higher means important to patrons and under-served.</p>
      <BarChart
        title="Opportunity Index per service aspect"
        bars={overview.aspects.map((a) => ({ label: a.label, value: a.opportunity_index ?? null }))}
        max={Math.max(1, ...overview.aspects.map((a) => a.opportunity_index ?? 0))}
      />
      <table class="figures">
        <caption>Service aspects</caption>
        <thead>
          <tr>
            <th scope="col">Aspect</th>
            <th scope="col">Answers</th>
            <th scope="col">Importance</th>
            <th scope="col">Satisfaction</th>
            <th scope="col">Opportunity Index</th>
          </tr>
        </thead>
        <tbody>
          {overview.aspects.map((a) => (
            <tr key={a.key}>
              <th scope="row">{a.label}</th>
              <td>{a.n}</td>
              <td>{fmt(a.importance, 2)}</td>
              <td>{fmt(a.satisfaction, 2)}</td>
              <td>{fmt(a.opportunity_index, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Breakdown id={id} def={def} grain={grain} />
      <Comments id={id} />
      <Csat />
    </section>
  );
}

function Breakdown({ id, def, grain }: { id: number; def: SurveyDefinition; grain: 'week' | 'month' }) {
  const lang = def.default_language;
  const contexts = def.questions.filter((q) => q.kind === 'context');
  const scored = def.questions.filter((q) => q.kind === 'rating' || q.kind === 'nps' || q.kind === 'aspect');
  const [by, setBy] = useState(contexts[0]?.key ?? '_source');
  const [question, setQuestion] = useState(scored[0]?.key ?? '');
  const [data, setData] = useState<SurveyBreakdown | null>(null);
  useEffect(() => {
    surveyApi.breakdown(id, by, question, { grain }).then(setData, () => setData(null));
  }, [id, by, question, grain]);
  const optionLabel = (o: string) => {
    const q = def.questions.find((x) => x.key === by);
    return (q && 'options' in q ? q.options.find((x) => x.key === o)?.label[lang] : undefined) ?? o;
  };
  const options = data ? data.overall.map((c) => c.option) : [];
  return (
    <>
      <h2>Breakdown</h2>
      <p class="builder-row">
        <label>
          Group by{' '}
          <select value={by} onChange={(e) => setBy(e.currentTarget.value)}>
            {contexts.map((q) => (
              <option key={q.key} value={q.key}>
                {q.prompt[lang]}
              </option>
            ))}
            <option value="_source">Where the answer came from (web, kiosk, paper)</option>
          </select>
        </label>
        <label>
          Figure{' '}
          <select value={question} onChange={(e) => setQuestion(e.currentTarget.value)}>
            {scored.map((q) => (
              <option key={q.key} value={q.key}>
                {q.prompt[lang]}
              </option>
            ))}
          </select>
        </label>
      </p>
      {data && (
        <table class="figures">
          <caption>
            {data.measure} by group; groups under {data.min_group} respondents are hidden so no one can be singled out
          </caption>
          <thead>
            <tr>
              <th scope="col">Period from</th>
              {options.map((o) => (
                <th scope="col" key={o}>
                  {optionLabel(o)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...data.periods, { period: 'All', groups: data.overall }].map((p) => (
              <tr key={p.period}>
                <th scope="row">{p.period}</th>
                {options.map((o) => {
                  const c = p.groups.find((g) => g.option === o);
                  return <td key={o}>{!c ? '–' : c.suppressed ? 'hidden' : `${fmt(c.value, 2)} (n=${c.n})`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function Comments({ id }: { id: number }) {
  const [q, setQ] = useState('');
  const [list, setList] = useState<SurveyComment[]>([]);
  const search = (text: string) => surveyApi.comments(id, text).then(setList, () => setList([]));
  useEffect(() => {
    void search('');
  }, [id]);
  return (
    <>
      <h2>Comments</h2>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          void search(q);
        }}
      >
        <label for="comment-q">Search comments </label>
        <input id="comment-q" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />{' '}
        <button type="submit">Search</button>
      </form>
      <ul class="comments" aria-live="polite">
        {list.map((c) => (
          <li key={c.response_id}>
            <blockquote lang={c.language}>{c.comment}</blockquote>
            <p class="survey-meta">
              {new Date(c.submitted_at).toLocaleDateString()} · {c.source}
              {c.conversation_id ? (
                <>
                  {' '}
                  · <a href={`/inbox/resolved/${c.conversation_id}`}>conversation</a>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Csat() {
  const [r, setR] = useState<CsatReport | null>(null);
  useEffect(() => {
    surveyApi.csat().then(setR, () => setR(null));
  }, []);
  if (!r) return null;
  const table = (title: string, rows: CsatReport['by_channel']) => (
    <table class="figures">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Who</th>
          <th scope="col">Ratings</th>
          <th scope="col">Mean (1-5)</th>
          <th scope="col">Satisfied (4-5)</th>
          <th scope="col">Median first answer</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.key ?? 'none'}>
            <th scope="row">{g.name ?? g.key ?? 'none'}</th>
            <td>{g.ratings}</td>
            <td>{fmt(g.mean, 2)}</td>
            <td>{pct(g.satisfied)}</td>
            <td>{g.median_first_response_secs == null ? '–' : `${Math.round(g.median_first_response_secs / 60)} min`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <h2>Ratings after conversations (last 90 days)</h2>
      <p>
        {r.requests_sent} requests sent, {r.requests_answered} answered.
      </p>
      {table('By channel', r.by_channel)}
      {table('By team', r.by_team)}
      {table('By staff member', r.by_staff)}
    </>
  );
}
