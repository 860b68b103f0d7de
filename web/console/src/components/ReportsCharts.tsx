// Hand-written SVG charts for the reports area: small, accessible (each is an image with a
// text alternative, and the same figures are in a table beside it), no library.
import type { ResponseRow, Volume } from '../state/reports';
import { duration } from '../state/reports';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Median and 90th-percentile first response per row, as paired horizontal bars. */
export function ResponseBars({ rows, id }: { rows: ResponseRow[]; id: string }) {
  const max = Math.max(1, ...rows.map((r) => r.current.first_response.p90 ?? 0));
  const rowH = 34;
  const width = 520;
  const left = 90;
  const scale = (v: number | null | undefined) => ((v ?? 0) / max) * (width - left - 70);
  const summary = rows
    .map((r) => `${r.key || 'all'}: median ${duration(r.current.first_response.p50)}, 90% within ${duration(r.current.first_response.p90)}`)
    .join('; ');
  return (
    <figure class="report-chart">
      <figcaption id={`${id}-title`}>First response by channel: median (dark) and 90th percentile (light)</figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${Math.max(rowH, rows.length * rowH)}`}
        class="chart-svg"
      >
        <desc id={`${id}-desc`}>{summary || 'No first responses in this period.'}</desc>
        {rows.map((r, i) => (
          <g key={r.key} transform={`translate(0 ${i * rowH})`}>
            <text x={left - 8} y={rowH / 2 + 4} text-anchor="end" class="chart-label">
              {r.key || 'all'}
            </text>
            <rect x={left} y={6} height={10} width={scale(r.current.first_response.p90)} class="bar-p90" />
            <rect x={left} y={18} height={10} width={scale(r.current.first_response.p50)} class="bar-p50" />
            <text x={left + scale(r.current.first_response.p90) + 6} y={15} class="chart-value">
              {duration(r.current.first_response.p90)}
            </text>
            <text x={left + scale(r.current.first_response.p50) + 6} y={28} class="chart-value">
              {duration(r.current.first_response.p50)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Conversations per hour of day x weekday (all channels summed), darker = busier. */
export function Heatmap({ volume, id }: { volume: Volume; id: string }) {
  const grid: number[][] = WEEKDAYS.map(() => Array<number>(24).fill(0));
  for (const c of volume.heatmap) grid[c.weekday - 1][c.hour] += Number(c.conversations);
  const max = Math.max(1, ...grid.flat());
  let busiest = { day: 0, hour: 0, n: 0 };
  grid.forEach((row, d) => row.forEach((n, h) => n > busiest.n && (busiest = { day: d, hour: h, n })));
  const cell = 20;
  const left = 40;
  const desc = busiest.n
    ? `Busiest hour: ${WEEKDAYS[busiest.day]} ${busiest.hour}:00 with ${busiest.n} conversations.`
    : 'No conversations in this period.';
  return (
    <figure class="report-chart">
      <figcaption id={`${id}-title`}>When patrons write: conversations by weekday and hour (library time)</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${left + 24 * cell} ${20 + 7 * cell}`} class="chart-svg">
        <desc id={`${id}-desc`}>{desc}</desc>
        {[0, 6, 12, 18].map((h) => (
          <text key={h} x={left + h * cell} y={12} class="chart-label">
            {h}:00
          </text>
        ))}
        {grid.map((row, d) => (
          <g key={d} transform={`translate(0 ${20 + d * cell})`}>
            <text x={0} y={cell - 6} class="chart-label">
              {WEEKDAYS[d]}
            </text>
            {row.map((n, h) => (
              <rect
                key={h}
                x={left + h * cell + 1}
                y={1}
                width={cell - 2}
                height={cell - 2}
                class="heat"
                style={{ opacity: n ? 0.15 + 0.85 * (n / max) : 0.05 }}
              />
            ))}
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** Conversations per week as a line of points. */
export function WeeklyTrend({ volume, id }: { volume: Volume; id: string }) {
  const totals = new Map<string, number>();
  for (const w of volume.weeks) totals.set(w.week, (totals.get(w.week) ?? 0) + Number(w.conversations));
  const weeks = [...totals.entries()].sort(([a], [b]) => a.localeCompare(b));
  const max = Math.max(1, ...weeks.map(([, n]) => n));
  const width = 520;
  const height = 120;
  const step = weeks.length > 1 ? (width - 40) / (weeks.length - 1) : 0;
  const points = weeks.map(([, n], i) => `${20 + i * step},${height - 10 - (n / max) * (height - 30)}`).join(' ');
  const desc = weeks.map(([w, n]) => `week of ${w}: ${n}`).join('; ') || 'No conversations in this period.';
  return (
    <figure class="report-chart">
      <figcaption id={`${id}-title`}>Conversations per week</figcaption>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} class="chart-svg">
        <desc id={`${id}-desc`}>{desc}</desc>
        <polyline points={points} class="trend-line" />
        {weeks.map(([w, n], i) => (
          <circle key={w} cx={20 + i * step} cy={height - 10 - (n / max) * (height - 30)} r={3} class="trend-point" />
        ))}
      </svg>
    </figure>
  );
}
