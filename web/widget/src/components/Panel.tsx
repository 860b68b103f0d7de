// The open chat panel: a dialog that keeps keyboard focus inside it (Tab wraps), closes on
// Escape, and shows the conversation, the offline form, or the end-of-chat choices.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Ctx } from './App';
import { Composer } from './Composer';
import { Details } from './Details';
import { EndView } from './EndView';
import { Messages } from './Messages';
import { OfflineForm } from './OfflineForm';
import { StatusLine } from './StatusLine';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), textarea:not([disabled]), select, summary, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => {
    // The fields of a closed <details> still have boxes in Chromium, but cannot take focus.
    const details = el.closest('details');
    if (details && !details.open && el.tagName !== 'SUMMARY') return false;
    return !el.closest('[hidden]') && el.getClientRects().length > 0;
  });
}

export function Panel({ ctx, takeFocus, onClose }: { ctx: Ctx; takeFocus: boolean; onClose: () => void }) {
  const { chat, state, settings, t } = ctx;
  const panel = useRef<HTMLDivElement>(null);
  const confirmYes = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const started = state.messages.length > 0 || state.pending.length > 0;
  const offline = !state.availability.open && !started && !state.ended;

  useEffect(() => {
    // First field first: the patron can type straight away.
    if (!takeFocus) return;
    const root = panel.current!;
    const first = root.querySelector<HTMLElement>('textarea, input') ?? focusables(root)[0];
    first?.focus();
  }, []);
  useEffect(() => {
    if (confirming) confirmYes.current?.focus();
  }, [confirming]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (confirming) setConfirming(false);
      else onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const items = focusables(panel.current!);
    if (items.length === 0) return;
    const active = (panel.current!.getRootNode() as ShadowRoot).activeElement;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && (active === first || !items.includes(active as HTMLElement))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !items.includes(active as HTMLElement))) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      ref={panel}
      id="rd-panel"
      class="rd-panel"
      role="dialog"
      aria-modal="true"
      aria-labelledby="rd-title"
      onKeyDown={onKeyDown}
    >
      <header class="rd-header">
        <div class="rd-heading">
          <h2 id="rd-title">{settings.name || t('title')}</h2>
          <StatusLine ctx={ctx} />
        </div>
        {started && !state.ended && !confirming && (
          <button type="button" class="rd-header-button" onClick={() => setConfirming(true)}>
            {t('endChat')}
          </button>
        )}
        <button type="button" class="rd-header-button rd-close" aria-label={t('close')} onClick={onClose}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6L6 18" />
          </svg>
        </button>
      </header>
      {confirming && (
        <div class="rd-confirm" role="group" aria-label={t('endConfirm')}>
          <p>{t('endConfirm')}</p>
          <button
            type="button"
            class="rd-button"
            ref={confirmYes}
            onClick={() => {
              setConfirming(false);
              chat.end();
            }}
          >
            {t('endYes')}
          </button>
          <button type="button" class="rd-button rd-secondary" onClick={() => setConfirming(false)}>
            {t('endNo')}
          </button>
        </div>
      )}
      {state.notice && (
        <div class="rd-notice" role="alert">
          <p>{t(state.notice.key as never) || t('error_generic')}</p>
          <button type="button" class="rd-link-button" onClick={() => chat.dismissNotice()}>
            {t('minimise')}
          </button>
        </div>
      )}
      {offline ? (
        <OfflineForm ctx={ctx} />
      ) : (
        <>
          <Messages ctx={ctx} />
          {state.ended ? (
            <EndView ctx={ctx} />
          ) : (
            <>
              <Composer ctx={ctx} />
              <Details ctx={ctx} />
            </>
          )}
        </>
      )}
      {settings.privacyUrl && (
        <p class="rd-footer">
          <a href={settings.privacyUrl} target="_blank" rel="noopener noreferrer">
            {t('privacy')}
          </a>
        </p>
      )}
    </div>
  );
}
