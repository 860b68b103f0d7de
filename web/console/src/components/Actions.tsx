import { useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Conversation, ConversationStatus } from '../api/types';
import { announce, toast } from '../lib/alerts';
import { fullDate, toLocalInput } from '../lib/time';
import { upsertConversation } from '../state/inbox';
import { me, presence, staff, staffName, teams } from '../state/store';

async function act(what: string, run: () => Promise<Conversation>, done?: string): Promise<boolean> {
  try {
    const c = await run();
    upsertConversation(c);
    if (done) announce(done);
    return true;
  } catch (e) {
    toast(`Could not ${what}: ${e instanceof Error ? e.message : 'unknown error'}`, { tone: 'error' });
    return false;
  }
}

export const claim = (c: Conversation) => act('assign it to you', () => api.claim(c.id), 'Assigned to you.');
export const setStatus = (c: Conversation, status: ConversationStatus, until?: string) =>
  act(
    `mark it ${status}`,
    () => api.setStatus(c.id, { status, snooze_until: until ?? null }),
    status === 'resolved' ? 'Conversation resolved.' : status === 'open' ? 'Conversation reopened.' : `Conversation ${status}.`,
  );

/** Who owns it, which team, and where it stands. */
export function Actions({ c }: { c: Conversation }) {
  const [panel, setPanel] = useState<'none' | 'transfer' | 'snooze'>('none');
  const mine = c.assignee_id === me.value;
  return (
    <div class="actions">
      <div class="action-row" role="group" aria-label="Assignment">
        {!mine && (
          <button type="button" class="btn btn-secondary" onClick={() => void claim(c)} aria-keyshortcuts="a">
            Assign to me <kbd>a</kbd>
          </button>
        )}
        <label class="inline-field">
          <span>Assignee</span>
          <select
            value={c.assignee_id == null ? '' : String(c.assignee_id)}
            onChange={(e) => {
              const v = e.currentTarget.value;
              const id = v ? Number(v) : null;
              void act('change the assignee', () => api.assign(c.id, id), `Assigned to ${staffName(id)}.`);
            }}
          >
            <option value="">Unassigned</option>
            {staff.value.map((s) => (
              <option value={String(s.id)} key={s.id}>
                {s.id === me.value ? `${s.display_name} (you)` : s.display_name}
                {presence.value[s.id] && presence.value[s.id] !== 'offline' ? ` — ${presence.value[s.id]}` : ''}
              </option>
            ))}
          </select>
        </label>
        <span class="team-now">
          Team: <strong>{teams.value.find((t) => t.id === c.team_id)?.name ?? 'none'}</strong>
        </span>
        <button
          type="button"
          class="btn btn-secondary"
          aria-expanded={panel === 'transfer'}
          aria-controls="transfer-panel"
          onClick={() => setPanel(panel === 'transfer' ? 'none' : 'transfer')}
        >
          Transfer…
        </button>
      </div>
      <div class="action-row" role="group" aria-label="Status">
        <span class={`status-pill status-${c.status}`}>
          <span class="visually-hidden">Status: </span>
          {c.status}
          {c.status === 'snoozed' && c.snoozed_until ? ` until ${fullDate(c.snoozed_until)}` : ''}
        </span>
        {c.status !== 'resolved' && (
          <button type="button" class="btn btn-primary" onClick={() => void setStatus(c, 'resolved')} aria-keyshortcuts="e">
            Resolve <kbd>e</kbd>
          </button>
        )}
        {c.status !== 'open' && (
          <button type="button" class="btn btn-secondary" onClick={() => void setStatus(c, 'open')}>
            Reopen
          </button>
        )}
        {c.status !== 'pending' && (
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => void setStatus(c, 'pending')}
            title="Waiting on the patron or on something outside the library"
          >
            Pending
          </button>
        )}
        <button
          type="button"
          class="btn btn-secondary"
          aria-expanded={panel === 'snooze'}
          aria-controls="snooze-panel"
          onClick={() => setPanel(panel === 'snooze' ? 'none' : 'snooze')}
        >
          Snooze…
        </button>
      </div>
      {panel === 'transfer' && <Transfer c={c} close={() => setPanel('none')} />}
      {panel === 'snooze' && <Snooze c={c} close={() => setPanel('none')} />}
    </div>
  );
}

function Transfer({ c, close }: { c: Conversation; close: () => void }) {
  const [team, setTeam] = useState(c.team_id == null ? '' : String(c.team_id));
  const [note, setNote] = useState('');
  const [keep, setKeep] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = teams.value.find((t) => String(t.id) === team)?.name ?? 'no team';
  return (
    <form
      id="transfer-panel"
      class="panel"
      aria-label="Transfer to a team"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ok = await act(
          'transfer it',
          () => api.transfer(c.id, { team_id: team ? Number(team) : null, keep_assignee: keep, note: note.trim() || null }),
          `Transferred to ${name}.`,
        );
        setBusy(false);
        if (ok) close();
      }}
    >
      <label class="field">
        <span>Team</span>
        <select value={team} onChange={(e) => setTeam(e.currentTarget.value)}>
          <option value="">No team</option>
          {teams.value.map((t) => (
            <option value={String(t.id)} key={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>Handover note for the team (optional, staff only)</span>
        <textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <label class="check">
        <input type="checkbox" checked={keep} onChange={(e) => setKeep(e.currentTarget.checked)} />
        <span>Keep the current assignee ({staffName(c.assignee_id)})</span>
      </label>
      <div class="panel-buttons">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          Transfer
        </button>
        <button type="button" class="btn btn-ghost" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function presets(): { label: string; at: Date }[] {
  const n = new Date();
  const inHours = (h: number) => new Date(n.getTime() + h * 3_600_000);
  const tomorrow = new Date(n);
  tomorrow.setDate(n.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  const nextWeek = new Date(n);
  nextWeek.setDate(n.getDate() + ((8 - n.getDay()) % 7 || 7));
  nextWeek.setHours(9, 0, 0, 0);
  return [
    { label: 'In 1 hour', at: inHours(1) },
    { label: 'In 4 hours', at: inHours(4) },
    { label: 'Tomorrow 9:00', at: tomorrow },
    { label: 'Next Monday 9:00', at: nextWeek },
  ];
}

function Snooze({ c, close }: { c: Conversation; close: () => void }) {
  const [when, setWhen] = useState(toLocalInput(presets()[2].at));
  const [error, setError] = useState<string | null>(null);
  async function snooze(at: Date) {
    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) {
      setError('Choose a time in the future.');
      return;
    }
    if (await setStatus(c, 'snoozed', at.toISOString())) close();
  }
  return (
    <form
      id="snooze-panel"
      class="panel"
      aria-label="Snooze until"
      onSubmit={(e) => {
        e.preventDefault();
        void snooze(new Date(when));
      }}
    >
      <p class="panel-text">The conversation leaves the queue and comes back at the chosen time.</p>
      <div class="preset-row">
        {presets().map((p) => (
          <button type="button" class="btn btn-secondary" key={p.label} onClick={() => void snooze(p.at)}>
            {p.label}
          </button>
        ))}
      </div>
      <label class="field">
        <span>Or choose a date and time</span>
        <input
          type="datetime-local"
          value={when}
          min={toLocalInput(new Date())}
          onInput={(e) => setWhen(e.currentTarget.value)}
          aria-describedby={error ? 'snooze-error' : undefined}
        />
      </label>
      {error && (
        <p class="form-error" role="alert" id="snooze-error">
          {error}
        </p>
      )}
      <div class="panel-buttons">
        <button type="submit" class="btn btn-primary">
          Snooze
        </button>
        <button type="button" class="btn btn-ghost" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}
