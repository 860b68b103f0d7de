// The widget: a launcher button, and the chat panel when it is open. Focus moves into the
// panel on open and back to the launcher on close; one live region speaks what is new.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Announcer } from '../announcer';
import type { Chat, ChatState } from '../chat';
import { palette } from '../colors';
import type { Translate } from '../i18n';
import type { WidgetSettings } from '../settings';
import { Panel } from './Panel';

export interface Ctx {
  chat: Chat;
  state: ChatState;
  settings: WidgetSettings;
  t: Translate;
  /** Polite screen-reader announcements (one live region for the whole widget). */
  announcer: Announcer;
}

function useChatState(chat: Chat): ChatState {
  const [state, setState] = useState(chat.state);
  useEffect(() => chat.subscribe(() => setState(chat.state)), [chat]);
  return state;
}

export function App(props: { chat: Chat; settings: WidgetSettings; t: Translate; announcer: Announcer }) {
  const { chat, settings, t, announcer } = props;
  const state = useChatState(chat);
  const [spoken, setSpoken] = useState('');
  const launcher = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(state.open);
  // Open from an earlier page of the site: shown again, but the focus stays with the page.
  const openedHere = useRef(false);
  useEffect(() => announcer.listen(setSpoken), [announcer]);
  // A layout effect, so the focus moves in the same frame the panel goes: never a moment on
  // the page body, where a screen reader would start reading the page from the top.
  useLayoutEffect(() => {
    // Back to the launcher when the panel closes (not on the first render).
    if (wasOpen.current && !state.open) launcher.current?.focus();
    wasOpen.current = state.open;
  }, [state.open]);

  const colors = palette(settings.color);
  const style = {
    '--rd-accent': colors.accent,
    '--rd-on-accent': colors.onAccent,
    '--rd-accent-ink': colors.accentInk,
  };
  const ctx: Ctx = { chat, state, settings, t, announcer };
  return (
    <div class={`rd-root rd-${settings.position}`} lang={settings.lang} style={style}>
      <button
        ref={launcher}
        type="button"
        class="rd-launcher"
        hidden={state.open}
        aria-expanded={state.open}
        aria-controls="rd-panel"
        onClick={() => {
          openedHere.current = true;
          chat.setOpen(true);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="24" height="24">
          <path
            fill="currentColor"
            d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
          />
        </svg>
        <span class="rd-launcher-text">{t('launcher')}</span>
        {state.unread > 0 && <span class="rd-badge">{t('launcherUnread', { n: state.unread })}</span>}
      </button>
      {state.open && <Panel ctx={ctx} takeFocus={openedHere.current} onClose={() => chat.setOpen(false)} />}
      <div class="rd-sr-only" aria-live="polite" aria-atomic="true">
        {spoken}
      </div>
    </div>
  );
}
