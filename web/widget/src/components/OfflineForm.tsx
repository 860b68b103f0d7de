// Nobody can answer live (outside opening hours, or no librarian online): say so plainly,
// with the hub's own words, and take a message that staff answer by email or text.
import { useRef, useState } from 'preact/hooks';
import type { Ctx } from './App';
import { MAX_TEXT } from './Composer';

export function OfflineForm({ ctx }: { ctx: Ctx }) {
  const { chat, state, settings, t } = ctx;
  const [text, setText] = useState('');
  const [name, setName] = useState(state.name ?? '');
  const [email, setEmail] = useState(state.email ?? '');
  const [phone, setPhone] = useState('');
  const [missing, setMissing] = useState(false);
  const emailField = useRef<HTMLInputElement>(null);
  const a = state.availability;
  const when = a.next_open
    ? new Intl.DateTimeFormat(settings.lang, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(
        new Date(a.next_open),
      )
    : '';

  // The hub's own words in English; the widget's translation of the reason otherwise.
  const availabilityText =
    settings.lang === 'en' && a.message
      ? a.message
      : a.reason === 'closed'
        ? t('closedNow')
        : a.reason === 'no_staff'
          ? t('noStaffNow')
          : a.message;

  if (state.done.includes('left_message')) {
    return (
      <div class="rd-offline">
        <p role="status" class="rd-done">
          {t('leaveDone')}
        </p>
      </div>
    );
  }

  return (
    <form
      class="rd-offline"
      aria-labelledby="rd-offline-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        if (!email.trim() && !phone.trim()) {
          setMissing(true);
          emailField.current?.focus();
          return;
        }
        setMissing(false);
        chat.leaveMessage({
          text: text.trim(),
          name: name.trim() || undefined,
          email: email.trim() || undefined,
          phone: phone.trim() || undefined,
        });
      }}
    >
      <h3 id="rd-offline-title">{t('unavailableTitle')}</h3>
      <p class="rd-availability">{availabilityText}</p>
      {when && <p class="rd-availability">{t('nextOpen', { when })}</p>}
      <p class="rd-hint" id="rd-leave-intro">
        {t('leaveIntro')}
      </p>
      <label>
        {t('leaveMessage')}
        <textarea
          required
          rows={4}
          maxLength={MAX_TEXT}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('leaveName')}
        <input type="text" autocomplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        {t('leaveEmail')}
        <input
          ref={emailField}
          type="email"
          autocomplete="email"
          aria-invalid={missing}
          aria-describedby={missing ? 'rd-leave-missing' : 'rd-leave-intro'}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('leavePhone')}
        <input
          type="tel"
          autocomplete="tel"
          aria-invalid={missing}
          aria-describedby={missing ? 'rd-leave-missing' : undefined}
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </label>
      {missing && (
        <p class="rd-error" id="rd-leave-missing" role="alert">
          {t('leaveNeedContact')}
        </p>
      )}
      <button type="submit" class="rd-button">
        {t('leaveSend')}
      </button>
    </form>
  );
}
