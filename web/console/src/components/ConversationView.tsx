import { detail, reloadDetail } from '../state/inbox';
import { navigate } from '../state/route';
import { Actions } from './Actions';
import { TypingNotice, Viewers } from './Collision';
import { Composer } from './Composer';
import { Channel, Icon } from './Icon';
import { PatronPanel } from './PatronPanel';
import { ReferencePanel } from './ReferencePanel';
import { Regroup } from './Regroup';
import { Tags } from './Tags';
import { Thread } from './Thread';
import { now, waitedFor } from '../lib/time';

export function ConversationView() {
  const d = detail.value;
  if (d.id === null) {
    return (
      <section class="conv-pane conv-empty" aria-label="Conversation">
        <p>Choose a conversation from the list.</p>
        <p class="hint">
          Press <kbd>j</kbd> for the next one, <kbd>?</kbd> for all shortcuts.
        </p>
      </section>
    );
  }
  if (!d.data) {
    return (
      <section class="conv-pane" aria-label="Conversation">
        <BackLink />
        {d.error ? (
          <p class="form-error" role="alert">
            {d.error}{' '}
            <button type="button" class="btn btn-link" onClick={() => void reloadDetail()}>
              Try again
            </button>
          </p>
        ) : (
          <p class="empty">Loading conversation…</p>
        )}
      </section>
    );
  }
  const { conversation: c, contact, messages } = d.data;
  const label = c.contact_label ?? contact.display_name ?? `Patron #${contact.id}`;
  return (
    <section class="conv-pane" aria-labelledby="conv-title" data-conversation={c.id}>
      <div class="conv-head">
        <BackLink />
        <div class="conv-title-row">
          <h2 id="conv-title" tabIndex={-1}>
            {label}
          </h2>
          <Channel channel={c.channel} />
          {c.status === 'open' && c.waiting_since && (
            <span class="waiting-badge">waiting {waitedFor(c.waiting_since, now.value)}</span>
          )}
          <Viewers conversationId={c.id} />
        </div>
        {c.subject && <p class="conv-subject">{c.subject}</p>}
        <Actions c={c} />
        <ReferencePanel c={c} />
        <Regroup c={c} messages={messages} others={d.profile?.conversations ?? []} />
        <Tags c={c} />
      </div>
      <div class="conv-body">
        <div class="conv-main">
          <Thread messages={messages} contact={contact} label={label} />
          <TypingNotice conversationId={c.id} />
          <Composer c={c} identities={d.profile?.identities ?? []} patron={label} smsOptedOut={d.data.sms_opted_out} />
        </div>
        <PatronPanel profile={d.profile} current={c} label={label} />
      </div>
    </section>
  );
}

function BackLink() {
  return (
    <button type="button" class="btn btn-ghost back-link" onClick={() => navigate({ conversationId: null })}>
      <Icon name="back" /> Back to list
    </button>
  );
}
