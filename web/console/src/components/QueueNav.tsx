import { countsApprox } from '../state/live';
import { countFor, queueDefs } from '../state/queues';
import { linkClick, route, routeHref } from '../state/route';
import { counts, me, teams } from '../state/store';
import { faqOpen } from '../state/faq';

function approx(key: string): boolean {
  const a = countsApprox.value;
  if (!a) return false;
  if (key === 'pending') return a.pending;
  if (key === 'snoozed') return a.snoozed;
  return key !== 'resolved' && a.open;
}

export function QueueNav() {
  const r = route.value;
  return (
    <nav class="queues" aria-label="Queues">
      <h2 class="visually-hidden">Queues</h2>
      <ul>
        {queueDefs(teams.value).map((q, i, all) => {
          const n = countFor(q.key, counts.value, me.value);
          const current = r.queue === q.key;
          const nextTeam = q.key.startsWith('team-') && !all[i - 1]?.key.startsWith('team-');
          const target = { queue: q.key, conversationId: null };
          const shown = n === null ? null : `${n}${approx(q.key) ? '+' : ''}`;
          return (
            <li class={nextTeam ? 'queue-group' : q.key === 'pending' ? 'queue-group' : ''} key={q.key}>
              <a
                href={routeHref({ ...r, ...target })}
                class="queue"
                aria-current={current ? 'page' : undefined}
                onClick={(e) => linkClick(e, target)}
              >
                <span class="queue-name">{q.label}</span>
                {shown !== null && (
                  <span class={`count ${n ? '' : 'count-zero'}`}>
                    <span class="visually-hidden">, </span>
                    {shown}
                    <span class="visually-hidden"> {q.key === 'pending' || q.key === 'snoozed' ? 'conversations' : 'open'}</span>
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ul>
      <p class="queue-group">
        <a href="/reports" class="queue">
          <span class="queue-name">Reports</span>
        </a>
      </p>
      <p class="queue-extra">
        <a href="/tally">Desk tally</a>
      </p>
      <p class="queue-extra">
        <a href="/surveys">Surveys</a>
      </p>
      <button type="button" class="queue faq-open" onClick={() => (faqOpen.value = true)}>
        FAQ answers
      </button>
    </nav>
  );
}
