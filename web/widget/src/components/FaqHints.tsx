// As the patron types, up to three of the library's FAQ entries that may answer them
// (`GET /faq/{library}/search.json`, on the hub, the only place the widget talks to). A
// hint never blocks: the message can always be sent. "This answered my question" counts a
// deflection on the hub. New hints are announced politely (the widget's one live region),
// so a screen-reader user typing hears that answers appeared without losing their place.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ctx } from './App';

interface Hint {
  id: number;
  question: string;
  short_answer: string;
  url: string;
}

export function FaqHints({ ctx, text }: { ctx: Ctx; text: string }) {
  const { settings, t, announcer } = ctx;
  const [hints, setHints] = useState<Hint[]>([]);
  const [thanked, setThanked] = useState<number | null>(null);
  // The hints last announced: the same ones again (the patron typed on) are not repeated.
  const announced = useRef('');
  const q = text.trim();
  useEffect(() => {
    if (q.length < 4) {
      setHints([]);
      announced.current = '';
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const url = new URL(`/faq/${encodeURIComponent(settings.library)}/search.json`, settings.hub);
        url.searchParams.set('q', q.slice(0, 200));
        const res = await fetch(url, { signal: controller.signal, credentials: 'omit' });
        if (!res.ok) return;
        const found = ((await res.json()) as { results: Hint[] }).results.slice(0, 3);
        setHints(found);
        const ids = found.map((h) => h.id).join(',');
        if (ids && ids !== announced.current) announcer.say(t('faqHintsFound', { n: found.length }));
        announced.current = ids;
      } catch {
        // Hints are a help, never a requirement: no hub, no hints.
      }
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  if (thanked !== null) {
    return (
      <p class="rd-faq-thanks" role="status">
        {t('faqThanks')}
      </p>
    );
  }
  if (!hints.length) return null;
  const helpful = (id: number) => {
    setThanked(id);
    void fetch(new URL(`/faq/${encodeURIComponent(settings.library)}/${id}/helpful`, settings.hub), {
      method: 'POST',
      credentials: 'omit',
    }).catch(() => {});
  };
  return (
    <section class="rd-faq" aria-label={t('faqHints')}>
      <p class="rd-faq-title">{t('faqHints')}</p>
      <ul>
        {hints.map((h) => (
          <li key={h.id}>
            <a href={h.url} target="_blank" rel="noopener">
              {h.question}
            </a>
            <span class="rd-faq-short">{h.short_answer}</span>
            <button type="button" class="rd-faq-helpful" onClick={() => helpful(h.id)}>
              {t('faqHelpful')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
