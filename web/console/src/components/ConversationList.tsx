import { useEffect, useState } from 'preact/hooks';
import type { Conversation } from '../api/types';
import { KNOWN_CHANNELS, channelLabel } from '../lib/channels';
import { ago, fullDate, now, waitedFor } from '../lib/time';
import { list, loadMore, reloadList } from '../state/inbox';
import { orderOf, queueLabel } from '../state/queues';
import { linkClick, navigate, route, routeHref } from '../state/route';
import { staffName, teams, viewers } from '../state/store';
import { Avatar } from './Avatar';
import { Channel } from './Icon';
import { TargetBadge } from './ReportsDue';

export function ConversationList() {
  const r = route.value;
  const l = list.value;
  const title = queueLabel(r.queue, teams.value);
  const filtered = !!(r.channel || r.tag || r.q);
  return (
    <section class="list-pane" aria-labelledby="list-title">
      <div class="list-head">
        <h2 id="list-title">
          {title}
          <span class="list-order">{orderOf(r.queue) === 'waiting' ? 'oldest waiting first' : 'most recently started first'}</span>
        </h2>
        <SearchBox />
        <Filters />
      </div>
      {l.error && (
        <p class="form-error" role="alert">
          Could not load conversations: {l.error}{' '}
          <button type="button" class="btn btn-link" onClick={() => void reloadList()}>
            Try again
          </button>
        </p>
      )}
      <p class="visually-hidden" role="status">
        {l.loading ? 'Loading conversations' : `${l.items.length}${l.nextCursor ? ' or more' : ''} conversations`}
      </p>
      {l.loading && l.items.length === 0 ? (
        <p class="empty">Loading…</p>
      ) : l.items.length === 0 && !l.error ? (
        <p class="empty">{filtered ? 'No conversations match these filters.' : emptyText(r.queue)}</p>
      ) : (
        <ol class="rows" aria-label={`${title} conversations`}>
          {l.items.map((c) => (
            <Row key={c.id} c={c} current={c.id === r.conversationId} />
          ))}
        </ol>
      )}
      {l.nextCursor && (
        <div class="load-more">
          <button type="button" class="btn btn-secondary" onClick={() => void loadMore()} disabled={l.loadingMore}>
            {l.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </section>
  );
}

function emptyText(queue: string): string {
  if (queue === 'mine') return 'Nothing assigned to you. Pick one from Unassigned.';
  if (queue === 'resolved') return 'No resolved conversations yet.';
  if (queue === 'pending' || queue === 'snoozed') return `No ${queue} conversations.`;
  return 'All caught up — no patron is waiting.';
}

function Row({ c, current }: { c: Conversation; current: boolean }) {
  const r = route.value;
  const t = now.value;
  const target = { conversationId: c.id };
  const who = c.contact_label ?? `Patron #${c.contact_id}`;
  const lookers = Object.entries(viewers.value)
    .filter(([, v]) => v.conversationId === c.id)
    .map(([id]) => Number(id));
  const waiting = c.status === 'open' && c.waiting_since;
  // Calm by default; the colour rises with the wait (and the words say it too).
  const mins = waiting ? (t - Date.parse(c.waiting_since!)) / 60_000 : 0;
  const urgency = mins >= 60 ? 'wait-long' : mins >= 15 ? 'wait-mid' : 'wait-short';
  return (
    <li class={`row ${current ? 'row-current' : ''} ${waiting ? 'row-waiting' : ''}`}>
      <a
        id={`row-${c.id}`}
        class="row-link"
        href={routeHref({ ...r, ...target })}
        aria-current={current ? 'true' : undefined}
        onClick={(e) => linkClick(e, target)}
      >
        <span class="row-top">
          <span class="row-who">{who}</span>
          {waiting ? (
            <time class={`row-wait ${urgency}`} dateTime={c.waiting_since!} title={`Waiting since ${fullDate(c.waiting_since!)}`}>
              <span class="visually-hidden">waiting </span>
              {waitedFor(c.waiting_since!, t)}
            </time>
          ) : (
            <time class="row-age" dateTime={c.last_message_at} title={fullDate(c.last_message_at)}>
              {ago(c.last_message_at, t)}
            </time>
          )}
        </span>
        <span class="row-preview">{c.last_message_preview ?? c.subject ?? ''}</span>
        <span class="row-meta">
          <Channel channel={c.channel} />
          <TargetBadge id={c.id} waiting={!!waiting} />
          <span class={`row-assignee ${c.assignee_id == null ? 'unassigned' : ''}`}>
            {c.assignee_id != null && <Avatar staffId={c.assignee_id} size="sm" label={`Assigned to ${staffName(c.assignee_id)}`} />}
            <span aria-hidden={c.assignee_id != null ? 'true' : undefined}>{staffName(c.assignee_id)}</span>
          </span>
          {c.status !== 'open' && c.status !== r.queue && <span class={`status-pill status-${c.status}`}>{c.status}</span>}
          {c.tags.slice(0, 3).map((tag) => (
            <span class="tag" key={tag}>
              <span class="visually-hidden">tag </span>
              {tag}
            </span>
          ))}
          {lookers.length > 0 && (
            <span class="row-viewers">
              {lookers.map((id) => (
                <Avatar key={id} staffId={id} size="sm" label={`${staffName(id)} is viewing`} />
              ))}
            </span>
          )}
        </span>
      </a>
    </li>
  );
}

function SearchBox() {
  const r = route.value;
  const [text, setText] = useState(r.q);
  useEffect(() => setText(r.q), [r.q]);
  return (
    <form
      role="search"
      class="search"
      onSubmit={(e) => {
        e.preventDefault();
        navigate({ q: text.trim(), conversationId: r.conversationId });
      }}
    >
      <label for="search" class="visually-hidden">
        Search conversations
      </label>
      <input
        id="search"
        type="search"
        placeholder="Search messages  ( / )"
        value={text}
        aria-keyshortcuts="/"
        onInput={(e) => {
          setText(e.currentTarget.value);
          if (!e.currentTarget.value && r.q) navigate({ q: '' });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setText('');
            if (r.q) navigate({ q: '' });
            e.currentTarget.blur();
          }
        }}
      />
      <button type="submit" class="btn btn-secondary btn-icon" aria-label="Search">
        <svg viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true" focusable="false">
          <circle cx="11" cy="11" r="6" />
          <path d="m16 16 4 4" />
        </svg>
      </button>
    </form>
  );
}

function Filters() {
  const r = route.value;
  const [tag, setTag] = useState(r.tag);
  useEffect(() => setTag(r.tag), [r.tag]);
  const knownTags = Array.from(new Set(list.value.items.flatMap((c) => c.tags))).sort();
  return (
    <div class="filters">
      <label>
        <span>Channel</span>
        <select value={r.channel} onChange={(e) => navigate({ channel: e.currentTarget.value })}>
          <option value="">All channels</option>
          {KNOWN_CHANNELS.map((ch) => (
            <option value={ch} key={ch}>
              {channelLabel(ch)}
            </option>
          ))}
        </select>
      </label>
      <form
        class="tag-filter"
        onSubmit={(e) => {
          e.preventDefault();
          navigate({ tag: tag.trim() });
        }}
      >
        <label>
          <span>Tag</span>
          <input
            list="known-tags"
            value={tag}
            placeholder="any"
            onInput={(e) => setTag(e.currentTarget.value)}
            onChange={(e) => navigate({ tag: e.currentTarget.value.trim() })}
          />
        </label>
        <datalist id="known-tags">
          {knownTags.map((t) => (
            <option value={t} key={t} />
          ))}
        </datalist>
      </form>
      {(r.channel || r.tag || r.q) && (
        <button type="button" class="btn btn-link" onClick={() => navigate({ channel: '', tag: '', q: '' })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
