// After the chat ended: the transcript by email, a 1-5 rating, and a way to start again.
import { useState } from 'preact/hooks';
import type { Ctx } from './App';

export function EndView({ ctx }: { ctx: Ctx }) {
  const { chat, state, t } = ctx;
  const [email, setEmail] = useState(state.email ?? '');
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const done = (what: 'transcript' | 'rating') => state.done.includes(what);
  return (
    <div class="rd-end">
      <p class="rd-ended">{state.ended === 'staff' ? t('endedByStaff') : t('endedByPatron')}</p>
      {done('transcript') ? (
        <p role="status" class="rd-done">
          {t('transcriptDone')}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (email.trim()) chat.transcript(email.trim());
          }}
        >
          <label>
            {t('transcriptLabel')}
            <input type="email" autocomplete="email" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </label>
          <button type="submit" class="rd-button rd-secondary">
            {t('transcriptSend')}
          </button>
        </form>
      )}
      {done('rating') ? (
        <p role="status" class="rd-done">
          {t('rateDone')}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (score) chat.rate(score, comment.trim());
          }}
        >
          <fieldset class="rd-rating">
            <legend>{t('rateLegend')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} class="rd-star">
                <input type="radio" name="rd-score" value={n} checked={score === n} onChange={() => setScore(n)} />
                <span aria-hidden="true" class={n <= score ? 'rd-star-on' : ''}>
                  ★
                </span>
                <span class="rd-sr-only">{t('rateStar', { n })}</span>
              </label>
            ))}
          </fieldset>
          <label>
            {t('rateComment')}
            <textarea rows={2} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          </label>
          <button type="submit" class="rd-button rd-secondary" disabled={!score}>
            {t('rateSend')}
          </button>
        </form>
      )}
      <button type="button" class="rd-button" onClick={() => chat.newChat()}>
        {t('newChat')}
      </button>
    </div>
  );
}
