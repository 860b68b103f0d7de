// The survey screens' state: their place in the URL (`/surveys[/<id>[/edit|/results|/paper]]`)
// and the API calls they make. Kept apart from the inbox state on purpose.
import { signal } from '@preact/signals';
import { query, request } from '../api/client';
import type {
  CsatReport,
  PaperEntered,
  PaperResponse,
  Survey,
  SurveyBreakdown,
  SurveyComment,
  SurveyDefinition,
  SurveyDetail,
  SurveyOverview,
} from '../api/types';

export type SurveyView = 'list' | 'edit' | 'results' | 'paper';

export interface SurveyPlace {
  view: SurveyView;
  id: number | null;
}

export function isSurveyPath(pathname: string): boolean {
  return pathname === '/surveys' || pathname.startsWith('/surveys/');
}

export function parseSurveyPlace(pathname: string): SurveyPlace {
  const parts = pathname.split('/').filter(Boolean);
  const id = parts[1] && /^\d+$/.test(parts[1]) ? Number(parts[1]) : null;
  const sub = parts[2];
  if (id === null) return { view: 'list', id: null };
  if (sub === 'results' || sub === 'paper') return { view: sub, id };
  return { view: 'edit', id };
}

export function surveyHref(p: SurveyPlace): string {
  if (p.id === null) return '/surveys';
  return p.view === 'edit' ? `/surveys/${p.id}` : `/surveys/${p.id}/${p.view}`;
}

export const surveyPlace = signal<SurveyPlace>(parseSurveyPlace(location.pathname));

export function goSurvey(p: SurveyPlace): void {
  const href = surveyHref(p);
  if (href !== location.pathname) history.pushState(null, '', href);
  surveyPlace.value = p;
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  if (isSurveyPath(location.pathname)) surveyPlace.value = parseSurveyPlace(location.pathname);
});

/** Same-origin link clicks handled in the page (plain clicks only). */
export function surveyLink(e: MouseEvent, p: SurveyPlace): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  goSurvey(p);
}

const path = (id: number) => `/api/surveys/${encodeURIComponent(id)}`;

export interface Range {
  grain?: 'week' | 'month';
  from?: string;
  to?: string;
}

export const surveyApi = {
  list: () => request<Survey[]>('GET', '/api/surveys'),
  show: (id: number) => request<SurveyDetail>('GET', path(id)),
  create: (slug: string, name: string, definition: SurveyDefinition) =>
    request<SurveyDetail>('POST', '/api/surveys', { slug, name, definition }),
  update: (id: number, name: string, definition: SurveyDefinition, closed?: boolean) =>
    request<SurveyDetail>('PUT', path(id), { name, definition, closed: closed ?? null }),
  publish: (id: number) => request<SurveyDetail>('POST', path(id) + '/publish'),
  enterPaper: (id: number, body: PaperResponse) => request<PaperEntered>('POST', path(id) + '/responses', body),
  results: (id: number, r: Range) => request<SurveyOverview>('GET', path(id) + '/results' + query({ ...r })),
  breakdown: (id: number, by: string, question: string, r: Range) =>
    request<SurveyBreakdown>('GET', path(id) + '/breakdown' + query({ by, question, ...r })),
  comments: (id: number, q: string) => request<SurveyComment[]>('GET', path(id) + '/comments' + query({ q })),
  csat: () => request<CsatReport>('GET', '/api/surveys/csat'),
  exportUrl: (id: number) => path(id) + '/export.csv',
};

/** A fresh key per paper form, so entering the same sheet twice stores it once. */
export function newEntryKey(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return 'paper-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A blank survey to start from. */
export function blankSurvey(): SurveyDefinition {
  return {
    default_language: 'en',
    languages: ['en'],
    title: { en: 'How are we doing?' },
    intro: {},
    thanks: {},
    questions: [{ key: 'overall', kind: 'rating', scale: 5, required: true, prompt: { en: 'Overall, how satisfied are you?' } }],
  } as SurveyDefinition;
}
