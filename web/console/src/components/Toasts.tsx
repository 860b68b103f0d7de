import { announcement, dismissToast, toasts } from '../lib/alerts';
import { navigate, route } from '../state/route';
import { Icon } from './Icon';

/** Visible alerts (not a live region: announcements go through <LiveRegion>). */
export function Toasts() {
  return (
    <section class="toasts" aria-label="Alerts">
      {toasts.value.map((t) => (
        <div class={`toast toast-${t.tone}`} key={t.id} data-testid="toast">
          <p class="toast-text">{t.text}</p>
          <div class="toast-buttons">
            {t.conversationId !== undefined && t.conversationId !== route.value.conversationId && (
              <button
                type="button"
                class="btn btn-small btn-secondary"
                onClick={() => {
                  navigate({ conversationId: t.conversationId! });
                  dismissToast(t.id);
                }}
              >
                Open
              </button>
            )}
            <button type="button" class="btn btn-small btn-ghost" aria-label="Dismiss alert" onClick={() => dismissToast(t.id)}>
              <Icon name="close" />
            </button>
          </div>
        </div>
      ))}
    </section>
  );
}

/** Polite announcements for screen readers (new patron messages, results of actions). */
export function LiveRegion() {
  return (
    <div class="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {announcement.value}
    </div>
  );
}
