import { useEffect, useRef, useState } from 'preact/hooks';
import { announce } from '../lib/alerts';
import { faqApi, faqOpen, type FaqSuggestion } from '../state/faq';
import { detail } from '../state/inbox';

/** What the patron last wrote in the open conversation (the suggestions' first query). */
export function lastPatronMessage(): string {
  const messages = detail.value.data?.messages ?? [];
  return [...messages].reverse().find((m) => m.direction === 'in')?.body ?? '';
}

/**
 * FAQ answers while replying: search the library's published entries (prefilled with the
 * patron's question) and insert one as a link or as text; or turn this conversation into a
 * draft entry once it is answered.
 */
export function FaqSuggest({
  conversationId,
  question,
  onInsert,
}: {
  conversationId: number;
  question: string;
  onInsert: (text: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<FaqSuggestion[]>([]);
  const [note, setNote] = useState<string | null>(null);
  const findRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) {
      setQ(question.slice(0, 200));
      findRef.current?.focus();
    }
  }, [open]);
  useEffect(() => {
    if (!open || !q.trim()) {
      setHits([]);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      faqApi
        .suggest(q)
        .then((h) => live && setHits(h))
        .catch(() => live && setHits([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, open]);
  return (
    <div class="canned faq-suggest">
      <button
        type="button"
        class="btn btn-secondary btn-small"
        aria-expanded={open}
        aria-controls="faq-panel"
        onClick={() => setOpen(!open)}
      >
        FAQ answers
      </button>
      {open && (
        <div class="canned-panel" id="faq-panel">
          <label class="field">
            <span>Find an FAQ answer</span>
            <input
              type="search"
              ref={findRef}
              value={q}
              onInput={(e) => setQ(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
            />
          </label>
          {hits.length === 0 ? (
            <p class="hint">{q.trim() ? 'No published entry matches.' : 'Type what the patron asked.'}</p>
          ) : (
            <ul class="canned-list" aria-label="FAQ suggestions">
              {hits.map((h) => (
                <li key={h.id} class="faq-hit">
                  <span class="faq-hit-question">{h.question}</span>
                  <span class="hint">{h.short_answer}</span>
                  <span class="faq-hit-buttons">
                    <button type="button" class="btn btn-secondary btn-small" onClick={() => { onInsert(h.url); setOpen(false); }}>
                      Insert link<span class="visually-hidden"> to {h.question}</span>
                    </button>
                    <button
                      type="button"
                      class="btn btn-secondary btn-small"
                      onClick={() => { onInsert(`${h.short_answer} ${h.url}`); setOpen(false); }}
                    >
                      Insert text<span class="visually-hidden"> of {h.question}</span>
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p>
            <button
              type="button"
              class="btn btn-secondary btn-small"
              onClick={async () => {
                try {
                  await faqApi.fromConversation(conversationId);
                  setNote('A draft entry was made from this conversation (patron details removed).');
                  announce('Draft FAQ entry made.');
                  faqOpen.value = true;
                } catch (e) {
                  setNote(e instanceof Error ? e.message : 'Could not make a draft.');
                }
              }}
            >
              Make a draft FAQ entry from this conversation
            </button>
          </p>
          {note && <p role="status">{note}</p>}
        </div>
      )}
    </div>
  );
}
