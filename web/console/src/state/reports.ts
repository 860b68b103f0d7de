// The reports area's state: filters (kept in the URL, so a link or a reload shows the same
// report), the loaded figures, and CSV links. Figures come from /api/reports/*.
import { signal } from '@preact/signals';
import type { components } from '../api/schema';

type S = components['schemas'];
export type ResponseTimes = S['ResponseTimes'];
export type ResponseRow = S['ResponseRow'];
export type Stats = S['Stats'];
export type Volume = S['Volume'];
export type TargetReport = S['TargetReport'];
export type ReadCount = S['ReadCount'];
export type ChatFigures = S['ChatFigures'];
export type CsatRow = S['CsatRow'];

export interface ReportFilters {
  from: string;
  to: string;
  channel: string;
  team: string;
  staff: string;
  hours: 'wall' | 'business';
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Default: the 30 days up to and including today. */
export function defaultFilters(now = new Date()): ReportFilters {
  const to = new Date(now.getTime() + 86_400_000);
  const from = new Date(to.getTime() - 30 * 86_400_000);
  return { from: isoDay(from), to: isoDay(to), channel: '', team: '', staff: '', hours: 'wall' };
}

export function filtersFromUrl(search: string): ReportFilters {
  const p = new URLSearchParams(search);
  const d = defaultFilters();
  const hours = p.get('hours') === 'business' ? 'business' : 'wall';
  return {
    from: p.get('from') ?? d.from,
    to: p.get('to') ?? d.to,
    channel: p.get('channel') ?? '',
    team: p.get('team') ?? '',
    staff: p.get('staff') ?? '',
    hours,
  };
}

/** The query string of a report request (empty filters left out). */
export function reportQuery(f: ReportFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, v);
  return '?' + q.toString();
}

export const filters = signal<ReportFilters>(filtersFromUrl(location.search));

export interface ReportData {
  byChannel: ResponseTimes;
  byWeek: ResponseTimes;
  volume: Volume;
  targets: TargetReport;
  reference: ReadCount[];
  chat: ChatFigures;
  csat: CsatRow[];
}

export const data = signal<ReportData | null>(null);
export const loading = signal(false);
export const failure = signal<string | null>(null);

async function get<T>(path: string): Promise<T> {
  const r = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!r.ok) {
    const body = await r.json().catch(() => ({}));
    throw new Error(body.message ?? `The report could not be loaded (${r.status}).`);
  }
  return r.json() as Promise<T>;
}

let generation = 0;

/** Loads every figure of the reports screen for the current filters. */
export async function loadReports(): Promise<void> {
  const f = filters.value;
  const mine = ++generation;
  loading.value = true;
  failure.value = null;
  try {
    const [byChannel, byWeek, volume, targets, reference, chat, csat] = await Promise.all([
      get<ResponseTimes>('/api/reports/response-times' + reportQuery(f, { group: 'channel' })),
      get<ResponseTimes>('/api/reports/response-times' + reportQuery(f, { group: 'week' })),
      get<Volume>('/api/reports/volume' + reportQuery(f)),
      get<TargetReport>('/api/reports/targets' + reportQuery(f)),
      get<ReadCount[]>('/api/reports/reference' + reportQuery(f)),
      get<ChatFigures>('/api/reports/chat' + reportQuery(f)),
      get<CsatRow[]>('/api/reports/csat' + reportQuery(f)),
    ]);
    if (mine === generation) data.value = { byChannel, byWeek, volume, targets, reference, chat, csat };
  } catch (e) {
    if (mine === generation) failure.value = (e as Error).message;
  } finally {
    if (mine === generation) loading.value = false;
  }
}

/** The patron life-cycle page loads its own figures (and keeps its own URL). */
export function onPatronsPage(): boolean {
  return location.pathname.startsWith('/reports/patrons');
}

export function setFilters(patch: Partial<ReportFilters>): void {
  filters.value = { ...filters.value, ...patch };
  if (onPatronsPage()) return;
  history.replaceState(null, '', '/reports' + reportQuery(filters.value));
  void loadReports();
}

/** A duration in seconds as people read it: 45 s, 12 min, 3.5 h, 2.1 days. */
export function duration(secs: number | null | undefined): string {
  if (secs === null || secs === undefined) return '–';
  if (secs < 60) return `${Math.round(secs)} s`;
  if (secs < 3600) return `${Math.round(secs / 60)} min`;
  if (secs < 86_400) return `${(secs / 3600).toFixed(1)} h`;
  return `${(secs / 86_400).toFixed(1)} days`;
}

/** The change from `before` to `now` as a signed percentage, or null. */
export function change(now: number | null | undefined, before: number | null | undefined): number | null {
  if (now == null || before == null || before === 0) return null;
  return Math.round(((now - before) / before) * 100);
}
