// The survey builder: questions, kinds, translations, then save the draft and publish it
// as a new version (the public page keeps the live version until then).
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { SurveyDefinition, SurveyDetail, SurveyQuestion } from '../api/types';
import { session } from '../state/store';
import { surveyApi } from '../state/surveys';

type Kind = SurveyQuestion['kind'];
const KINDS: [Kind, string][] = [
  ['rating', 'Rating (1-5 or 1-10)'],
  ['aspect', 'Service aspect: importance and satisfaction'],
  ['nps', 'Recommend (NPS, 0-10)'],
  ['single_choice', 'Single choice'],
  ['multiple_choice', 'Multiple choice'],
  ['context', 'About the respondent (patron type, age band, branch…)'],
  ['free_text', 'Free text'],
  ['contact_me', 'May we contact you?'],
];

/** Options as the builder edits them: one `key: label` per line, per language. */
function optionsText(q: SurveyQuestion, lang: string): string {
  if (!('options' in q)) return '';
  return q.options.map((o) => `${o.key}: ${o.label[lang] ?? ''}`).join('\n');
}

function withOptions(q: SurveyQuestion, lang: string, text: string): SurveyQuestion {
  if (!('options' in q)) return q;
  const old = new Map(q.options.map((o) => [o.key, o.label]));
  const options = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(':');
      const key = (at > 0 ? line.slice(0, at) : line).trim();
      const label = (at > 0 ? line.slice(at + 1) : line).trim();
      return { key, label: { ...(old.get(key) ?? {}), [lang]: label } };
    });
  return { ...q, options };
}

function changeKind(q: SurveyQuestion, kind: Kind): SurveyQuestion {
  const base = { key: q.key, prompt: q.prompt, required: q.required };
  const options = 'options' in q ? q.options : [];
  switch (kind) {
    case 'rating':
    case 'aspect':
      return { ...base, kind, scale: 5 };
    case 'single_choice':
    case 'multiple_choice':
    case 'context':
      return { ...base, kind, options };
    case 'free_text':
      return { ...base, kind, max_chars: 2000 };
    default:
      return { ...base, kind } as SurveyQuestion;
  }
}

export function SurveyBuilder({ id }: { id: number }) {
  const [detail, setDetail] = useState<SurveyDetail | null>(null);
  const [name, setName] = useState('');
  const [def, setDef] = useState<SurveyDefinition | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = (d: SurveyDetail) => {
    setDetail(d);
    setName(d.survey.name);
    setDef(d.survey.draft);
  };
  useEffect(() => {
    surveyApi.show(id).then(load, (e: ApiError) => setMessage({ ok: false, text: e.message }));
  }, [id]);
  if (!def || !detail) return <p role="status">{message?.text ?? 'Loading the survey…'}</p>;
  const langs = def.languages;
  const setQ = (i: number, q: SurveyQuestion) => setDef({ ...def, questions: def.questions.map((x, j) => (j === i ? q : x)) });
  const move = (i: number, by: number) => {
    const qs = [...def.questions];
    const [q] = qs.splice(i, 1);
    qs.splice(i + by, 0, q);
    setDef({ ...def, questions: qs });
  };
  const run = async (what: 'save' | 'publish') => {
    setMessage(null);
    try {
      let d = await surveyApi.update(id, name, def);
      if (what === 'publish') d = await surveyApi.publish(id);
      load(d);
      setMessage({ ok: true, text: what === 'publish' ? `Published as version ${d.survey.published_version}.` : 'Draft saved.' });
    } catch (e) {
      setMessage({ ok: false, text: (e as ApiError).message });
    }
  };
  return (
    <section aria-labelledby="builder-title" class="builder">
      <h1 id="builder-title">Edit survey</h1>
      <p class="survey-meta">
        {detail.survey.published_version ? `Live: version ${detail.survey.published_version}. ` : 'Not published yet. '}
        Public page:{' '}
        <a href={`/s/${session.value?.library.slug ?? ''}/${detail.survey.slug}`} target="_blank" rel="noopener">
          /s/{session.value?.library.slug}/{detail.survey.slug}
        </a>
      </p>
      <p>
        <label for="survey-name">Name</label>
        <input id="survey-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </p>
      <p>
        <label for="survey-langs">Languages (tags, comma-separated; the first is the default)</label>
        <input
          id="survey-langs"
          value={langs.join(', ')}
          onChange={(e) => {
            const ls = e.currentTarget.value.split(',').map((l) => l.trim()).filter(Boolean);
            if (ls.length) setDef({ ...def, languages: ls, default_language: ls[0] });
          }}
        />
      </p>
      {langs.map((l) => (
        <p key={l}>
          <label for={`title-${l}`}>Title ({l})</label>
          <input id={`title-${l}`} value={def.title[l] ?? ''} onInput={(e) => setDef({ ...def, title: { ...def.title, [l]: e.currentTarget.value } })} />
        </p>
      ))}
      <ol class="builder-questions">
        {def.questions.map((q, i) => (
          <li key={i} class="builder-q">
            <fieldset>
              <legend>Question {i + 1}</legend>
              <p class="builder-row">
                <label>
                  Key <input value={q.key} onInput={(e) => setQ(i, { ...q, key: e.currentTarget.value })} />
                </label>
                <label>
                  Kind{' '}
                  <select value={q.kind} onChange={(e) => setQ(i, changeKind(q, e.currentTarget.value as Kind))}>
                    {KINDS.map(([k, label]) => (
                      <option value={k} key={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                </label>
                {(q.kind === 'rating' || q.kind === 'aspect') && (
                  <label>
                    Scale{' '}
                    <select value={String(q.scale)} onChange={(e) => setQ(i, { ...q, scale: Number(e.currentTarget.value) })}>
                      <option value="5">1-5</option>
                      <option value="10">1-10</option>
                    </select>
                  </label>
                )}
                <label class="inline">
                  <input type="checkbox" checked={!!q.required} onChange={(e) => setQ(i, { ...q, required: e.currentTarget.checked })} /> Required
                </label>
              </p>
              {langs.map((l) => (
                <p key={l}>
                  <label>
                    Question text ({l}){' '}
                    <input value={q.prompt[l] ?? ''} onInput={(e) => setQ(i, { ...q, prompt: { ...q.prompt, [l]: e.currentTarget.value } })} />
                  </label>
                </p>
              ))}
              {'options' in q &&
                langs.map((l) => (
                  <p key={'o' + l}>
                    <label>
                      Options ({l}), one per line as <code>key: label</code>
                      <textarea rows={4} value={optionsText(q, l)} onChange={(e) => setQ(i, withOptions(q, l, e.currentTarget.value))} />
                    </label>
                  </p>
                ))}
              <p class="builder-row">
                <button type="button" disabled={i === 0} onClick={() => move(i, -1)}>
                  Move up <span class="visually-hidden">question {i + 1}</span>
                </button>
                <button type="button" disabled={i === def.questions.length - 1} onClick={() => move(i, 1)}>
                  Move down <span class="visually-hidden">question {i + 1}</span>
                </button>
                <button type="button" onClick={() => setDef({ ...def, questions: def.questions.filter((_, j) => j !== i) })}>
                  Remove <span class="visually-hidden">question {i + 1}</span>
                </button>
              </p>
            </fieldset>
          </li>
        ))}
      </ol>
      <p class="builder-row">
        <button
          type="button"
          onClick={() =>
            setDef({
              ...def,
              questions: [...def.questions, { key: `q${def.questions.length + 1}`, kind: 'rating', scale: 5, required: false, prompt: {} } as SurveyQuestion],
            })
          }
        >
          Add a question
        </button>
        <button type="button" onClick={() => void run('save')}>
          Save draft
        </button>
        <button type="button" class="primary" onClick={() => void run('publish')}>
          Save and publish
        </button>
      </p>
      {message && (
        <p class={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <h2>Versions</h2>
      <ul>
        {detail.versions.map((v) => (
          <li key={v.version}>
            Version {v.version}, published {new Date(v.published_at).toLocaleDateString()}: {v.responses} responses
          </li>
        ))}
      </ul>
    </section>
  );
}
