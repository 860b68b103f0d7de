// Paper responses keyed in by staff, question by question, against the live version;
// stored tagged as paper. Each sheet gets its own entry key, so saving twice stores once.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import type { PaperResponse, SurveyDefinition, SurveyQuestion } from '../api/types';
import { newEntryKey, surveyApi } from '../state/surveys';

type Values = Record<string, string | string[]>;

function toAnswers(def: SurveyDefinition, v: Values): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  for (const q of def.questions) {
    const get = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
    switch (q.kind) {
      case 'rating':
      case 'nps':
        if (get(q.key)) a[q.key] = { type: q.kind, value: Number(get(q.key)) };
        break;
      case 'aspect':
        if (get(q.key + '.importance') || get(q.key + '.satisfaction'))
          a[q.key] = { type: 'aspect', importance: Number(get(q.key + '.importance')), satisfaction: Number(get(q.key + '.satisfaction')) };
        break;
      case 'single_choice':
      case 'context':
        if (get(q.key)) a[q.key] = { type: 'choice', option: get(q.key) };
        break;
      case 'multiple_choice': {
        const options = (v[q.key] as string[] | undefined) ?? [];
        if (options.length) a[q.key] = { type: 'choices', options };
        break;
      }
      case 'free_text':
        if (get(q.key)) a[q.key] = { type: 'text', text: get(q.key) };
        break;
      case 'contact_me':
        if (get(q.key + '.email') || get(q.key + '.phone'))
          a[q.key] = { type: 'contact', consent: true, email: get(q.key + '.email') || null, phone: get(q.key + '.phone') || null };
        break;
    }
  }
  return a;
}

function Field({ q, lang, v, set }: { q: SurveyQuestion; lang: string; v: Values; set: (k: string, x: string | string[]) => void }) {
  const id = `paper-${q.key}`;
  const prompt = q.prompt[lang] ?? q.key;
  const num = (k: string, lo: number, hi: number, label: string) => (
    <label class="paper-num">
      {label}{' '}
      <input id={k === q.key ? id : undefined} type="number" min={lo} max={hi} inputMode="numeric" value={(v[k] as string) ?? ''} onInput={(e) => set(k, e.currentTarget.value)} />
    </label>
  );
  switch (q.kind) {
    case 'rating':
      return <div class="paper-q">{num(q.key, 1, q.scale, `${prompt} (1-${q.scale})`)}</div>;
    case 'nps':
      return <div class="paper-q">{num(q.key, 0, 10, `${prompt} (0-10)`)}</div>;
    case 'aspect':
      return (
        <fieldset class="paper-q">
          <legend>{prompt}</legend>
          {num(q.key + '.importance', 1, q.scale, `Importance (1-${q.scale})`)}
          {num(q.key + '.satisfaction', 1, q.scale, `Satisfaction (1-${q.scale})`)}
        </fieldset>
      );
    case 'single_choice':
    case 'context':
      return (
        <div class="paper-q">
          <label for={id}>{prompt}</label>
          <select id={id} value={(v[q.key] as string) ?? ''} onChange={(e) => set(q.key, e.currentTarget.value)}>
            <option value="">(no answer)</option>
            {q.options.map((o) => (
              <option value={o.key} key={o.key}>
                {o.label[lang] ?? o.key}
              </option>
            ))}
          </select>
        </div>
      );
    case 'multiple_choice': {
      const chosen = (v[q.key] as string[] | undefined) ?? [];
      return (
        <fieldset class="paper-q">
          <legend>{prompt}</legend>
          {q.options.map((o) => (
            <label class="inline" key={o.key}>
              <input
                type="checkbox"
                checked={chosen.includes(o.key)}
                onChange={(e) => set(q.key, e.currentTarget.checked ? [...chosen, o.key] : chosen.filter((c) => c !== o.key))}
              />{' '}
              {o.label[lang] ?? o.key}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'free_text':
      return (
        <div class="paper-q">
          <label for={id}>{prompt}</label>
          <textarea id={id} rows={3} value={(v[q.key] as string) ?? ''} onInput={(e) => set(q.key, e.currentTarget.value)} />
        </div>
      );
    case 'contact_me':
      return (
        <fieldset class="paper-q">
          <legend>{prompt} (only if the patron ticked "contact me")</legend>
          <label>
            Email <input type="email" value={(v[q.key + '.email'] as string) ?? ''} onInput={(e) => set(q.key + '.email', e.currentTarget.value)} />
          </label>
          <label>
            Phone <input type="tel" value={(v[q.key + '.phone'] as string) ?? ''} onInput={(e) => set(q.key + '.phone', e.currentTarget.value)} />
          </label>
        </fieldset>
      );
  }
}

export function SurveyPaper({ id }: { id: number }) {
  const [def, setDef] = useState<SurveyDefinition | null>(null);
  const [values, setValues] = useState<Values>({});
  const [date, setDate] = useState('');
  const [key, setKey] = useState(newEntryKey());
  const [entered, setEntered] = useState(0);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    surveyApi.show(id).then(
      (d) => (d.published ? setDef(d.published) : setMessage({ ok: false, text: 'Publish the survey first.' })),
      (e: ApiError) => setMessage({ ok: false, text: e.message }),
    );
  }, [id]);
  if (!def) return <p role="status">{message?.text ?? 'Loading the survey…'}</p>;
  const lang = def.default_language;
  const save = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await surveyApi.enterPaper(id, { answers: toAnswers(def, values) as PaperResponse['answers'], submitted_on: date || null, entry_key: key, language: lang });
      setEntered(entered + (r.duplicate ? 0 : 1));
      setMessage({ ok: true, text: r.duplicate ? 'This sheet was already entered.' : `Saved paper response ${r.response_id}. Next sheet.` });
      setValues({});
      setKey(newEntryKey());
      document.getElementById('paper-first')?.focus();
    } catch (err) {
      const body = err as ApiError;
      setMessage({ ok: false, text: `Not saved: ${body.message}` });
    }
  };
  return (
    <section aria-labelledby="paper-title">
      <h1 id="paper-title" tabIndex={-1}>
        Enter paper responses
      </h1>
      <p>Type each sheet as written; leave unanswered questions empty. Entered this session: {entered}.</p>
      <form onSubmit={save} class="paper-form">
        <p>
          <label for="paper-first">Date on the sheet (optional)</label>
          <input id="paper-first" type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </p>
        {def.questions.map((q) => (
          <Field key={q.key} q={q} lang={lang} v={values} set={(k, x) => setValues({ ...values, [k]: x })} />
        ))}
        <p>
          <button type="submit" class="primary">
            Save this sheet
          </button>
        </p>
        {message && (
          <p class={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </p>
        )}
      </form>
    </section>
  );
}
