// Entry of widget.js: finds its <script> tag, loads the library's settings from the hub
// that served it, and mounts the launcher and panel inside a shadow root on a host element
// of its own, so the library's CSS cannot reach in and ours cannot leak out.
import { render } from 'preact';
import { App } from './components/App';
import { Chat } from './chat';
import { translator } from './i18n';
import { Announcer } from './announcer';
import { readScriptTag, loadSettings } from './settings';
import css from './styles.css?inline';

const HOST_TAG = 'refdesk-chat';

async function mount(): Promise<void> {
  const attrs = readScriptTag();
  if (!attrs || document.querySelector(HOST_TAG)) return;
  const settings = await loadSettings(attrs);
  if (document.readyState === 'loading') {
    await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
  }
  const host = document.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'open' });
  // A constructed sheet is not inline style, so a strict CSP on the library's page allows it.
  if ('adoptedStyleSheets' in shadow && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.appendChild(style);
  }
  document.body.appendChild(host);

  const t = translator(settings.lang);
  const announcer = new Announcer();
  const chat = new Chat({
    hub: settings.hub,
    library: settings.library,
    lang: settings.lang,
    availability: settings.availability,
    identity: settings.identity,
    announce: (what, message) => {
      if (what === 'message' && message) {
        const name = message.author ?? (message.from === 'staff' ? t('librarian') : settings.name);
        const text = message.text || message.attachments.map((a) => t('attachment', { file: a.filename })).join(', ');
        announcer.say(t('newMessageFrom', { name, text }));
      } else if (what.startsWith('joined:')) {
        announcer.say(t('joined', { name: what.slice('joined:'.length) }));
      } else if (what.startsWith('queue:')) {
        const n = Number(what.slice('queue:'.length));
        announcer.say(n <= 1 ? t('queueNext') : t('queue', { n }));
      } else if (['reconnected', 'reconnecting', 'offlineNetwork', 'endedByStaff', 'endedByPatron'].includes(what)) {
        announcer.say(t(what as 'reconnected'));
      }
    },
  });
  render(<App chat={chat} settings={settings} t={t} announcer={announcer} />, shadow);
}

void mount();
