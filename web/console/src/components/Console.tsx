import { effect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { unlockAudio } from '../lib/alerts';
import { handleShortcut } from '../lib/shortcuts';
import { detail } from '../state/inbox';
import { connect } from '../state/live';
import { queueLabel } from '../state/queues';
import { route } from '../state/route';
import { counts, loadReferenceData, session, teams } from '../state/store';
import { AuditLog } from './AuditLog';
import { LimitSettings } from './LimitSettings';
import { PrivacySettings } from './PrivacySettings';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { Header } from './Header';
import { HelpDialog } from './HelpDialog';
import { QueueNav } from './QueueNav';
import { LiveRegion, Toasts } from './Toasts';

// The tab title carries the number of open conversations, so a glance at the tab bar says
// whether patrons are waiting.
effect(() => {
  if (!session.value) {
    document.title = 'Log in · Refdesk';
    return;
  }
  const n = counts.value?.open ?? 0;
  const place = detail.value.data?.conversation.contact_label ?? queueLabel(route.value.queue, teams.value);
  document.title = `${n > 0 ? `(${n}) ` : ''}${place} · Refdesk`;
});

export function Console() {
  useEffect(() => {
    void loadReferenceData();
    connect();
    const unlock = () => unlockAudio();
    window.addEventListener('keydown', handleShortcut);
    window.addEventListener('pointerdown', unlock, { once: true });
    window.addEventListener('keydown', unlock, { once: true });
    return () => {
      window.removeEventListener('keydown', handleShortcut);
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
    };
  }, []);
  const open = route.value.conversationId !== null;
  return (
    <>
      <a class="skip-link" href="#list-title" onClick={skipTo('search')}>
        Skip to the conversation list
      </a>
      {open && (
        <a class="skip-link" href="#composer-text" onClick={skipTo('composer-text')}>
          Skip to the reply box
        </a>
      )}
      <Header />
      <div class={`layout ${open ? 'has-conversation' : ''}`}>
        <QueueNav />
        <main class="work" id="main">
          <ConversationList />
          <ConversationView />
        </main>
      </div>
      <Toasts />
      <LiveRegion />
      <HelpDialog />
      <AuditLog />
      <PrivacySettings />
      <LimitSettings />
    </>
  );
}

function skipTo(id: string) {
  return (e: MouseEvent) => {
    const el = document.getElementById(id);
    if (el) {
      e.preventDefault();
      el.focus();
    }
  };
}
