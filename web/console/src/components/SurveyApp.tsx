// The survey screens: the list of surveys, then one survey's builder, results or paper
// entry. Reached at /surveys (a link in the queue navigation).
import { useEffect, useState } from 'preact/hooks';
import '../survey.css';
import { ApiError } from '../api/client';
import type { Survey } from '../api/types';
import { blankSurvey, goSurvey, surveyApi, surveyLink, surveyPlace } from '../state/surveys';
import { session } from '../state/store';
import { SurveyBuilder } from './SurveyBuilder';
import { SurveyPaper } from './SurveyPaper';
import { SurveyResults } from './SurveyResults';

export function SurveyApp() {
  const p = surveyPlace.value;
  useEffect(() => {
    document.title = 'Surveys · Refdesk';
  }, []);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to the survey screen
      </a>
      <header class="survey-top">
        <a href="/inbox/open">← Inbox</a>
        <a href="/surveys" onClick={(e) => surveyLink(e, { view: 'list', id: null })}>
          Surveys
        </a>
      </header>
      <main class="survey-main" id="main">
        {p.id === null && <SurveyList />}
        {p.id !== null && p.view === 'edit' && <SurveyBuilder id={p.id} key={p.id} />}
        {p.id !== null && p.view === 'results' && <SurveyResults id={p.id} key={p.id} />}
        {p.id !== null && p.view === 'paper' && <SurveyPaper id={p.id} key={p.id} />}
      </main>
    </>
  );
}

function SurveyList() {
  const [surveys, setSurveys] = useState<Survey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const manager = session.value?.role !== 'staff';
  useEffect(() => {
    surveyApi.list().then(setSurveys, (e: ApiError) => setError(e.message));
  }, []);
  const create = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const d = await surveyApi.create(slug.trim(), name.trim(), blankSurvey());
      goSurvey({ view: 'edit', id: d.survey.id });
    } catch (err) {
      setError((err as ApiError).message);
    }
  };
  return (
    <section aria-labelledby="surveys-title">
      <h1 id="surveys-title">Surveys</h1>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {surveys === null ? (
        <p role="status">Loading surveys…</p>
      ) : surveys.length === 0 ? (
        <p>No surveys yet.</p>
      ) : (
        <ul class="survey-list">
          {surveys.map((s) => (
            <li key={s.id}>
              <h2>{s.name}</h2>
              <p class="survey-meta">
                {s.published_version ? `Live: version ${s.published_version}` : 'Draft, not published'}
                {s.unpublished_changes && s.published_version ? ' · unpublished changes' : ''}
                {s.closed_at ? ' · closed' : ''}
              </p>
              <p class="survey-actions">
                {manager && (
                  <a href={`/surveys/${s.id}`} onClick={(e) => surveyLink(e, { view: 'edit', id: s.id })}>
                    Edit <span class="visually-hidden">{s.name}</span>
                  </a>
                )}
                {manager && (
                  <a href={`/surveys/${s.id}/results`} onClick={(e) => surveyLink(e, { view: 'results', id: s.id })}>
                    Results <span class="visually-hidden">of {s.name}</span>
                  </a>
                )}
                {s.published_version && (
                  <a href={`/surveys/${s.id}/paper`} onClick={(e) => surveyLink(e, { view: 'paper', id: s.id })}>
                    Enter paper responses <span class="visually-hidden">for {s.name}</span>
                  </a>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {manager && (
        <form class="survey-new" onSubmit={create}>
          <h2>New survey</h2>
          <p>
            <label for="new-survey-name">Name</label>
            <input id="new-survey-name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </p>
          <p>
            <label for="new-survey-slug">Web address (letters, digits and -)</label>
            <input
              id="new-survey-slug"
              required
              pattern="[a-z0-9][a-z0-9\-]*"
              value={slug}
              onInput={(e) => setSlug(e.currentTarget.value)}
            />
          </p>
          <button type="submit">Create survey</button>
        </form>
      )}
    </section>
  );
}
