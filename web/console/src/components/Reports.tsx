// The reports area (/reports): filters, response times with the previous period, service
// targets, volume and reference statistics, each with its CSV; and for managers the patron
// life cycle (/reports/patrons). Staff see their own figures (the server enforces it);
// managers choose anyone's.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Staff, Team } from '../api/types';
import type { CsatRow, ReportFilters, ResponseRow, Stats } from '../state/reports';
import {
  change,
  data,
  duration,
  failure,
  filters,
  loadReports,
  loading,
  onPatronsPage,
  reportQuery,
  setFilters,
} from '../state/reports';
import { session } from '../state/store';
import { Heatmap, ResponseBars, WeeklyTrend } from './ReportsCharts';
import { PatronsReport } from './ReportsPatrons';
import { PageHeader } from './PageHeader';

const CHANNELS = ['email', 'sms', 'chat', 'survey'];

export function Reports() {
  const patrons = onPatronsPage();
  useEffect(() => {
    document.title = patrons ? 'Patron life cycle · Reports · Refdesk' : 'Reports · Refdesk';
    if (!patrons) void loadReports();
  }, []);
  const s = session.value!;
  const d = patrons ? null : data.value;
  const f = filters.value;
  const manager = s.role !== 'staff';
  return (
    <>
      <PageHeader title="Reports" library={s.library.name} />
      <main class="reports" id="main">
        {manager && (
          <nav class="report-tabs" aria-label="Report pages">
            <a href={'/reports' + reportQuery(f)} aria-current={patrons ? undefined : 'page'}>
              Service
            </a>
            <a href={'/reports/patrons' + reportQuery(f)} aria-current={patrons ? 'page' : undefined}>
              Patron life cycle
            </a>
          </nav>
        )}
        <Filters periodOnly={patrons} />
        {patrons && manager && <PatronsReport />}
        {!patrons && (
          <p role="status" class="report-status">
            {loading.value ? 'Loading the figures…' : failure.value ?? ''}
          </p>
        )}
        {d && (
          <>
            <section aria-labelledby="rt-title" class="report-section">
              <h2 id="rt-title">Response times ({f.hours === 'business' ? 'opening hours' : 'clock time'})</h2>
              <p class="hint">
                {f.from} to {f.to} (exclusive), compared with {d.byChannel.previous_from} to {d.byChannel.previous_to}.
                {d.byChannel.exact ? '' : ' Percentiles are read from histograms (within 2.5%).'}
              </p>
              <ResponseTable rows={d.byChannel.rows} />
              <ResponseBars rows={d.byChannel.rows} id="chart-response" />
              <Csv path="/api/reports/response-times" f={f} extra={{ group: 'channel' }} label="response times" />
            </section>
            <section aria-labelledby="targets-title" class="report-section">
              <h2 id="targets-title">Service targets</h2>
              {d.targets.current.length === 0 ? (
                <p class="hint">No service targets are set.</p>
              ) : (
                <table class="report-table">
                  <caption class="visually-hidden">Share of first responses within target</caption>
                  <thead>
                    <tr>
                      <th scope="col">Channel</th>
                      <th scope="col">Team</th>
                      <th scope="col">Target</th>
                      <th scope="col">Met</th>
                      <th scope="col">Previous period</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.targets.current.map((t, i) => (
                      <tr key={i}>
                        <th scope="row">{t.target.channel}</th>
                        <td>{t.target.team_id ?? 'all'}</td>
                        <td>
                          {duration(t.target.first_response_secs)}
                          {t.target.business_hours ? ' (opening hours)' : ''}
                        </td>
                        <td>{pct(t.share_met)}</td>
                        <td>{pct(d.targets.previous[i]?.share_met)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <Csv path="/api/reports/targets" f={f} label="service targets" />
            </section>
            <section aria-labelledby="volume-title" class="report-section">
              <h2 id="volume-title">Volume</h2>
              <Heatmap volume={d.volume} id="chart-heatmap" />
              <WeeklyTrend volume={d.volume} id="chart-weekly" />
              <Csv path="/api/reports/volume" f={f} label="volume" />
            </section>
            <section aria-labelledby="quality-title" class="report-section">
              <h2 id="quality-title">Chat and satisfaction</h2>
              <p>
                {d.chat.chats} chats, {d.chat.abandoned} left before an answer ({pct(d.chat.abandonment_rate)}); median wait{' '}
                {duration(d.chat.wait_p50)}, 90% within {duration(d.chat.wait_p90)}.
              </p>
              {d.csat.length === 0 ? (
                <p class="hint">No satisfaction ratings in this period.</p>
              ) : (
                <table class="report-table">
                  <caption class="visually-hidden">Satisfaction ratings per channel</caption>
                  <thead>
                    <tr>
                      <th scope="col">Channel</th>
                      <th scope="col">Ratings</th>
                      <th scope="col">Mean (1-5)</th>
                      <th scope="col">Satisfied (4-5)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {csatByChannel(d.csat).map((r) => (
                      <tr key={r.channel}>
                        <th scope="row">{r.channel}</th>
                        <td>{r.ratings}</td>
                        <td>{r.mean.toFixed(2)}</td>
                        <td>{pct(r.satisfied)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <Csv path="/api/reports/csat" f={f} label="satisfaction" />
            </section>
            <section aria-labelledby="read-title" class="report-section">
              <h2 id="read-title">Reference questions by READ level</h2>
              <ReadTable rows={d.reference} />
              <Csv path="/api/reports/reference" f={f} label="reference statistics" />
            </section>
            <section aria-labelledby="export-title" class="report-section">
              <h2 id="export-title">Export</h2>
              <a class="btn" href={'/api/reports/conversations.csv' + reportQuery(f)} download>
                Download every conversation (CSV)
              </a>
            </section>
          </>
        )}
      </main>
    </>
  );
}

/** Ratings summed per channel (the API splits them by team and staff too). */
function csatByChannel(rows: CsatRow[]) {
  const by = new Map<string, { ratings: number; sum: number; happy: number }>();
  for (const r of rows) {
    const e = by.get(r.channel) ?? { ratings: 0, sum: 0, happy: 0 };
    const n = Number(r.ratings);
    e.ratings += n;
    e.sum += (r.mean_score ?? 0) * n;
    e.happy += (r.satisfied_share ?? 0) * n;
    by.set(r.channel, e);
  }
  return [...by.entries()].map(([channel, e]) => ({
    channel,
    ratings: e.ratings,
    mean: e.sum / e.ratings,
    satisfied: e.happy / e.ratings,
  }));
}

function pct(v: number | null | undefined): string {
  return v == null ? '–' : `${Math.round(v * 100)}%`;
}

function Delta({ now, before }: { now: Stats; before: Stats }) {
  const c = change(now.p50, before.p50);
  if (c === null) return <span class="hint">–</span>;
  // Shorter is better: a fall is an improvement.
  return <span class={c <= 0 ? 'delta-good' : 'delta-bad'}>{`${c > 0 ? '+' : ''}${c}%`}</span>;
}

function ResponseTable({ rows }: { rows: ResponseRow[] }) {
  if (rows.length === 0) return <p class="hint">No conversations were answered in this period.</p>;
  return (
    <table class="report-table">
      <caption class="visually-hidden">Response times per channel</caption>
      <thead>
        <tr>
          <th scope="col">Channel</th>
          <th scope="col">Answered</th>
          <th scope="col">First response, median</th>
          <th scope="col">90% within</th>
          <th scope="col">Median vs previous</th>
          <th scope="col">Resolution, median</th>
          <th scope="col">90% within</th>
          <th scope="col">Replies to resolve</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.key || 'all'}</th>
            <td>{r.current.first_response.count}</td>
            <td>{duration(r.current.first_response.p50)}</td>
            <td>{duration(r.current.first_response.p90)}</td>
            <td>
              <Delta now={r.current.first_response} before={r.previous.first_response} />
            </td>
            <td>{duration(r.current.resolution.p50)}</td>
            <td>{duration(r.current.resolution.p90)}</td>
            <td>{r.current.replies_to_resolve.mean?.toFixed(1) ?? '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReadTable({ rows }: { rows: { read_level?: number | null; channel: string; questions: number }[] }) {
  const byLevel = new Map<string, number>();
  for (const r of rows) {
    const k = r.read_level == null ? 'not rated' : String(r.read_level);
    byLevel.set(k, (byLevel.get(k) ?? 0) + Number(r.questions));
  }
  if (byLevel.size === 0) return <p class="hint">No questions in this period.</p>;
  return (
    <table class="report-table">
      <caption class="visually-hidden">Questions per READ level</caption>
      <thead>
        <tr>
          <th scope="col">READ level</th>
          <th scope="col">Questions</th>
        </tr>
      </thead>
      <tbody>
        {[...byLevel.entries()].map(([k, n]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Csv({ path, f, extra = {}, label }: { path: string; f: ReportFilters; extra?: Record<string, string>; label: string }) {
  return (
    <p>
      <a href={path + reportQuery(f, { ...extra, format: 'csv' })} download>
        Download {label} (CSV)
      </a>
    </p>
  );
}

/** The report filters; the patron life cycle takes the period only. */
function Filters({ periodOnly }: { periodOnly: boolean }) {
  const f = filters.value;
  const manager = session.value?.role !== 'staff';
  const [teams, setTeams] = useState<Team[]>([]);
  const [people, setPeople] = useState<Staff[]>([]);
  useEffect(() => {
    void api.teams().then(setTeams).catch(() => {});
    if (manager) void api.staff().then(setPeople).catch(() => {});
  }, [manager]);
  const on = (k: keyof ReportFilters) => (e: Event) => setFilters({ [k]: (e.currentTarget as HTMLInputElement).value });
  return (
    <form class="report-filters" aria-label="Report filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        From <input type="date" value={f.from} onChange={on('from')} required />
      </label>
      <label>
        Until (not included) <input type="date" value={f.to} onChange={on('to')} required />
      </label>
      {!periodOnly && (
        <>
          <label>
            Channel
            <select value={f.channel} onChange={on('channel')}>
              <option value="">All channels</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
          <label>
            Team
            <select value={f.team} onChange={on('team')}>
              <option value="">All teams</option>
              {teams.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          {manager && (
            <label>
              Staff member
              <select value={f.staff} onChange={on('staff')}>
                <option value="">Everyone</option>
                {people.map((p) => (
                  <option key={p.id} value={String(p.id)}>
                    {p.display_name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            Count
            <select value={f.hours} onChange={on('hours')}>
              <option value="wall">Clock time</option>
              <option value="business">Opening hours only</option>
            </select>
          </label>
        </>
      )}
    </form>
  );
}
