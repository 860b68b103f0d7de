import type { ContactProfile, Conversation } from '../api/types';
import { fullDate, now, ago } from '../lib/time';
import { linkClick, route, routeHref } from '../state/route';
import { Channel } from './Icon';
import { PatronDuplicates } from './PatronDuplicates';
import { PatronMerges } from './PatronMerges';

export function PatronPanel({ profile, current, label }: { profile: ContactProfile | null; current: Conversation; label: string }) {
  const r = route.value;
  return (
    // Focusable: it scrolls on its own when the patron's history is long (keyboard users
    // scroll it with the arrow keys).
    <section class="patron" aria-labelledby="patron-title" tabIndex={0}>
      <h3 id="patron-title">Patron</h3>
      {!profile ? (
        <p class="hint">Loading patron…</p>
      ) : (
        <>
          <dl class="facts">
            <dt>Name</dt>
            <dd>{profile.contact.display_name ?? <span class="hint">not given</span>}</dd>
            {profile.contact.language && (
              <>
                <dt>Language</dt>
                <dd>{profile.contact.language}</dd>
              </>
            )}
            {profile.contact.preferred_channel && (
              <>
                <dt>Prefers</dt>
                <dd>
                  <Channel channel={profile.contact.preferred_channel} />
                </dd>
              </>
            )}
            <dt>Stage</dt>
            <dd>
              {profile.contact.lifecycle_stage}{' '}
              <span class="hint">
                since <time dateTime={profile.contact.lifecycle_changed_at}>{fullDate(profile.contact.lifecycle_changed_at)}</time>
              </span>
            </dd>
            {profile.contact.patron_type && (
              <>
                <dt>Patron type</dt>
                <dd>{profile.contact.patron_type}</dd>
              </>
            )}
            {profile.contact.home_branch && (
              <>
                <dt>Home branch</dt>
                <dd>{profile.contact.home_branch}</dd>
              </>
            )}
            <dt>First contact</dt>
            <dd>
              <time dateTime={profile.contact.created_at}>{fullDate(profile.contact.created_at)}</time>
            </dd>
          </dl>
          <h4>Ways to reach {label}</h4>
          <ul class="identities">
            {profile.identities.map((i) => (
              <li key={i.channel + i.address}>
                <Channel channel={i.channel} />
                <span class="address">{i.address}</span>
              </li>
            ))}
          </ul>
          <PatronDuplicates key={`${profile.contact.id}/${profile.identities.length}`} contactId={profile.contact.id} />
          <PatronMerges contactId={profile.contact.id} merges={profile.merges} />
          {profile.consents.length > 0 && (
            <>
              <h4>Consent</h4>
              <ul class="consents">
                {profile.consents.slice(0, 5).map((c, i) => (
                  <li key={i}>
                    {c.kind === 'sms' ? 'Texts' : 'Surveys'}: {c.granted ? 'agreed' : 'refused'}{' '}
                    <span class="hint">
                      ({c.source}, <time dateTime={c.at}>{fullDate(c.at)}</time>)
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h4>Conversations ({profile.conversations.length})</h4>
          <ul class="history">
            {profile.conversations.map((c) => {
              const here = c.id === current.id;
              return (
                <li key={c.id} class={here ? 'history-current' : ''}>
                  {here ? (
                    <span aria-current="true">
                      <HistoryLine c={c} /> <span class="hint">(this one)</span>
                    </span>
                  ) : (
                    <a href={routeHref({ ...r, conversationId: c.id })} onClick={(e) => linkClick(e, { conversationId: c.id })}>
                      <HistoryLine c={c} />
                    </a>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}

function HistoryLine({ c }: { c: Conversation }) {
  return (
    <span class="history-line">
      <span class="history-top">
        <Channel channel={c.channel} /> <span class={`status-pill status-${c.status}`}>{c.status}</span>{' '}
        <time dateTime={c.last_message_at}>{ago(c.last_message_at, now.value)}</time>
      </span>
      <span class="history-preview">{c.subject ?? c.last_message_preview ?? ''}</span>
    </span>
  );
}
