// Optional name and email, only for the transcript or a later reply. Never required: the
// patron can just type.
import { useState } from 'preact/hooks';
import type { Ctx } from './App';

export function Details({ ctx }: { ctx: Ctx }) {
  const { chat, state, t } = ctx;
  const [name, setName] = useState(state.name ?? '');
  const [email, setEmail] = useState(state.email ?? '');
  const [asked, setAsked] = useState(false);
  const saved = asked && state.done.includes('contact');
  return (
    <details class="rd-details">
      <summary>{t('detailsToggle')}</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          chat.contact(name.trim(), email.trim());
          setAsked(true);
        }}
      >
        <p class="rd-hint" id="rd-details-hint">
          {t('detailsHint')}
        </p>
        <label>
          {t('detailsName')}
          <input type="text" autocomplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t('detailsEmail')}
          <input
            type="email"
            autocomplete="email"
            aria-describedby="rd-details-hint"
            value={email}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
              setAsked(false);
            }}
          />
        </label>
        <button type="submit" class="rd-button rd-secondary">
          {t('detailsSave')}
        </button>
        <p role="status" class="rd-hint">
          {saved ? t('detailsSaved') : ''}
        </p>
      </form>
    </details>
  );
}
