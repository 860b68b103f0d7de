// Small hand-made SVG charts: a line over periods and horizontal bars. Each is an image
// with a title for screen readers, and the caller shows the same figures as a table.

export interface Point {
  label: string;
  value: number | null;
}

const W = 560;
const H = 180;
const PAD = 32;

export function LineChart({ title, points, min, max }: { title: string; points: Point[]; min: number; max: number }) {
  const n = points.length;
  const x = (i: number) => PAD + (n <= 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (n - 1));
  const y = (v: number) => H - PAD - ((v - min) / (max - min || 1)) * (H - 2 * PAD);
  const shown = points.map((p, i) => ({ ...p, i })).filter((p) => p.value !== null) as (Point & { i: number; value: number })[];
  const d = shown.map((p, k) => `${k ? 'L' : 'M'}${x(p.i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-t`}>
      <title id={`${id}-t`}>{title}</title>
      <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} class="axis" />
      <text x={4} y={y(max) + 4} class="tick">
        {max}
      </text>
      <text x={4} y={y(min) + 4} class="tick">
        {min}
      </text>
      <path d={d} class="line" />
      {shown.map((p) => (
        <circle key={p.i} cx={x(p.i)} cy={y(p.value)} r={4} class="dot" />
      ))}
      {points.map((p, i) =>
        i % Math.ceil(n / 8 || 1) === 0 ? (
          <text key={i} x={x(i)} y={H - 8} class="tick" text-anchor="middle">
            {p.label}
          </text>
        ) : null,
      )}
    </svg>
  );
}

export function BarChart({ title, bars, max }: { title: string; bars: Point[]; max: number }) {
  const row = 28;
  const h = bars.length * row + 8;
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${h}`} role="img" aria-labelledby={`${id}-t`}>
      <title id={`${id}-t`}>{title}</title>
      {bars.map((b, i) => {
        const w = b.value === null ? 0 : (Math.max(0, b.value) / (max || 1)) * (W - 220);
        return (
          <g key={i}>
            <text x={0} y={i * row + 19} class="tick">
              {b.label.length > 28 ? b.label.slice(0, 27) + '…' : b.label}
            </text>
            <rect x={190} y={i * row + 6} width={w} height={18} class="bar" />
            <text x={196 + w} y={i * row + 19} class="tick">
              {b.value === null ? '–' : b.value.toFixed(1)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
