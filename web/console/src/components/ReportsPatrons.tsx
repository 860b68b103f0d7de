// The patron life cycle (/reports/patrons, managers): patrons new in the period, returning,
// and lapsed (no contact for the lapse period before its end), per preferred channel, with
// a chart, the lapse period to change, and the CSV (GET /api/reports/patrons).
import './reference.css';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api/client';
import type { components } from '../api/schema';
import { filters, reportQuery } from '../state/reports';

type Patrons = components['schemas']['Patrons'];
type Lifecycle = components['schemas']['Lifecycle'];

const STAGES = [
  { key: 'new', label: 'New' },
  { key: 'returning', label: 'Returning' },
  { key: 'lapsed', label: 'Lapsed' },
] as const;

function lapseFromUrl(): string {
  return new URLSearchParams(location.search).get('lapsed_after_days') ?? '';
}

export function PatronsReport() {
  const f = filters.value;
  const [lapse, setLapse] = useState(lapseFromUrl);
  const [asked, setAsked] = useState(lapseFromUrl);
  const [data, setData] = useState<Patrons | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const extra: Record<string, string> = asked ? { lapsed_after_days: asked } : {};

  useEffect(() => {
    let live = true;
    setFailure(null);
    request<Patrons>('GET', '/api/reports/patrons' + reportQuery(f, extra))
      .then((d) => live && setData(d))
      .catch((e) => live && setFailure(`The patron figures could not be loaded: ${(e as Error).message}`));
    history.replaceState(null, '', '/reports/patrons' + reportQuery(f, extra));
    return () => {
      live = false;
    };
  }, [f, asked]);

  const rows = data?.rows ?? [];
  const total = (k: (typeof STAGES)[number]['key']) => rows.reduce((n, r) => n + Number(r[k]), 0);
  return (
    <section aria-labelledby="patrons-title" class="report-section">
      <h2 id="patrons-title">Patron life cycle</h2>
      <p class="hint">
        New: first contact in the period. Returning: known before and in contact during it. Lapsed: known before, and no
        contact in the {data?.lapsed_after_days ?? '…'} days before the period ends. Counted by each patron's preferred
        channel.
      </p>
      <form
        class="report-filters"
        aria-label="Lapse period"
        onSubmit={(e) => {
          e.preventDefault();
          setAsked(lapse.trim());
        }}
      >
        <label>
          Lapsed after (days)
          <input
            type="number"
            min={1}
            max={3650}
            value={lapse}
            placeholder={String(data?.lapsed_after_days ?? '')}
            onInput={(e) => setLapse(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="btn btn-secondary">
          Apply
        </button>
      </form>
      <p role="status" class="report-status">
        {failure ?? (data ? '' : 'Loading the figures…')}
      </p>
      {data &&
        (rows.length === 0 ? (
          <p class="hint">No patrons in this period.</p>
        ) : (
          <>
            <table class="report-table">
              <caption class="visually-hidden">Patrons by life-cycle stage and preferred channel</caption>
              <thead>
                <tr>
                  <th scope="col">Preferred channel</th>
                  {STAGES.map((s) => (
                    <th scope="col" key={s.key}>
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.preferred_channel ?? ''}>
                    <th scope="row">{r.preferred_channel ?? 'not known'}</th>
                    {STAGES.map((s) => (
                      <td key={s.key}>{r[s.key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">All channels</th>
                  {STAGES.map((s) => (
                    <td key={s.key}>{total(s.key)}</td>
                  ))}
                </tr>
              </tfoot>
            </table>
            <LifecycleBars rows={rows} id="chart-lifecycle" />
          </>
        ))}
      <p>
        <a href={'/api/reports/patrons' + reportQuery(f, { ...extra, format: 'csv' })} download>
          Download patron life cycle (CSV)
        </a>
      </p>
    </section>
  );
}

/** New, returning and lapsed patrons per channel, as grouped horizontal bars. */
function LifecycleBars({ rows, id }: { rows: Lifecycle[]; id: string }) {
  const max = Math.max(1, ...rows.flatMap((r) => STAGES.map((s) => Number(r[s.key]))));
  const rowH = 48;
  const width = 520;
  const left = 90;
  const scale = (v: number) => (v / max) * (width - left - 50);
  const desc = rows
    .map((r) => `${r.preferred_channel ?? 'not known'}: ${STAGES.map((s) => `${r[s.key]} ${s.label.toLowerCase()}`).join(', ')}`)
    .join('; ');
  return (
    <figure class="report-chart">
      <figcaption id={`${id}-title`}>Patrons per preferred channel: new (dark), returning, lapsed (light)</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${rows.length * rowH}`} class="chart-svg">
        <desc id={`${id}-desc`}>{desc}</desc>
        {rows.map((r, i) => (
          <g key={r.preferred_channel ?? ''} transform={`translate(0 ${i * rowH})`}>
            <text x={left - 8} y={rowH / 2 + 4} text-anchor="end" class="chart-label">
              {r.preferred_channel ?? 'not known'}
            </text>
            {STAGES.map((s, j) => (
              <g key={s.key}>
                <rect x={left} y={4 + j * 14} height={11} width={scale(Number(r[s.key]))} class={`bar-stage-${s.key}`} />
                <text x={left + scale(Number(r[s.key])) + 6} y={13 + j * 14} class="chart-value">
                  {r[s.key]}
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}
