import { notifyPermission, requestNotifications, setSound, soundOn } from '../lib/alerts';
import { setPresence } from '../state/live';
import { connection, logout, myPresence, session, socket } from '../state/store';
import { helpOpen } from '../state/ui';
import { auditOpen } from './AuditLog';
import { Icon } from './Icon';
import { limitsOpen } from './LimitSettings';
import { privacyOpen } from './PrivacySettings';

export function Header() {
  const s = session.value!;
  const away = myPresence.value.state === 'away';
  return (
    <header class="topbar">
      <div class="brand">
        <span class="brand-mark" aria-hidden="true">
          R
        </span>
        <h1 class="brand-name">Refdesk</h1>
        <span class="brand-library">{s.library.name}</span>
      </div>
      <ConnectionState />
      <div class="topbar-tools">
        <NotificationButton />
        <label class="switch">
          <input type="checkbox" checked={soundOn.value} onChange={(e) => setSound(e.currentTarget.checked)} />
          <span>Sound</span>
        </label>
        <label class="presence-select">
          <span class={`dot dot-${away ? 'away' : 'online'}`} aria-hidden="true" />
          <span class="visually-hidden">My status</span>
          <select
            value={myPresence.value.state}
            onChange={(e) => setPresence(e.currentTarget.value as 'online' | 'away')}
          >
            <option value="online">Online</option>
            <option value="away">Away{myPresence.value.auto ? ' (idle)' : ''}</option>
          </select>
        </label>
        <button type="button" class="btn btn-ghost" onClick={() => (helpOpen.value = true)} aria-keyshortcuts="?">
          <Icon name="keyboard" />
          <span class="label-wide">Shortcuts</span>
        </button>
        {(s.role === 'admin' || s.role === 'manager') && (
          <button type="button" class="btn btn-ghost" onClick={() => (privacyOpen.value = true)}>
            Privacy settings
          </button>
        )}
        {s.role === 'admin' && (
          <button type="button" class="btn btn-ghost" onClick={() => (auditOpen.value = true)}>
            Audit log
          </button>
        )}
        {s.role === 'admin' && (
          <button type="button" class="btn btn-ghost" onClick={() => (limitsOpen.value = true)}>
            Abuse limits
          </button>
        )}
        <span class="whoami" title={s.role}>
          {s.display_name}
        </span>
        <button type="button" class="btn btn-ghost" onClick={() => void logout()}>
          Log out
        </button>
      </div>
    </header>
  );
}

function NotificationButton() {
  const p = notifyPermission.value;
  if (p === 'unsupported' || p === 'granted') return null;
  if (p === 'denied') {
    return (
      <span class="hint" title="Allow notifications for this site in the browser's settings to get them.">
        Desktop alerts blocked
      </span>
    );
  }
  return (
    <button type="button" class="btn btn-secondary" onClick={() => void requestNotifications()}>
      <Icon name="bell" />
      <span class="label-wide">Turn on desktop alerts</span>
      <span class="label-narrow" aria-hidden="true">
        Desktop alerts
      </span>
    </button>
  );
}

function ConnectionState() {
  const c = connection.value;
  if (c.state === 'open') {
    return (
      <span class="live-state live-ok">
        <span class="dot dot-online" aria-hidden="true" /> Live
      </span>
    );
  }
  const text = c.state === 'connecting' ? 'Connecting…' : 'Live updates paused — reconnecting…';
  return (
    <span class="live-state live-down" role="status">
      <span class="dot dot-away" aria-hidden="true" /> {text}
      {c.state === 'reconnecting' && (
        <button type="button" class="btn btn-link" onClick={() => socket()?.retryNow()}>
          Retry now
        </button>
      )}
    </span>
  );
}
