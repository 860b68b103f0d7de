// The rules that keep the list current from live events (console/src/state/queues.ts),
// without a browser: the module is transpiled with TypeScript's own compiler.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url));

let q;
let dir;
before(async () => {
  const source = await readFile(join(WEB_DIR, 'console/src/state/queues.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
  });
  dir = await mkdtemp(join(tmpdir(), 'refdesk-queues-'));
  await writeFile(join(dir, 'queues.mjs'), outputText);
  q = await import(join(dir, 'queues.mjs'));
});
after(() => rm(dir, { recursive: true, force: true }));

const ME = 7;
const none = { channel: '', tag: '', q: '' };
let nextId = 1;
function conv(over = {}) {
  return {
    id: nextId++,
    contact_id: 1,
    channel: 'sms',
    status: 'open',
    tags: [],
    created_at: '2026-01-01T10:00:00Z',
    last_message_at: '2026-01-01T10:00:00Z',
    message_count: 1,
    assignee_id: null,
    team_id: null,
    waiting_since: '2026-01-01T10:00:00Z',
    ...over,
  };
}
const ids = (l) => l.items.map((c) => c.id);

describe('live list rules', () => {
  test('a new waiting conversation is inserted by how long the patron has waited', () => {
    const a = conv({ waiting_since: '2026-01-01T09:00:00Z' });
    const b = conv({ waiting_since: '2026-01-01T11:00:00Z' });
    const answered = conv({ waiting_since: null });
    const list = { items: [a, b, answered], nextCursor: null };
    const c = conv({ waiting_since: '2026-01-01T10:00:00Z' });
    assert.deepEqual(ids(q.applyToList(list, c, 'open', none, ME)), [a.id, c.id, b.id, answered.id]);
  });

  test('a row moves when its waiting time changes and leaves when it no longer belongs', () => {
    const a = conv({ waiting_since: '2026-01-01T09:00:00Z' });
    const b = conv({ waiting_since: '2026-01-01T10:00:00Z' });
    let list = { items: [a, b], nextCursor: null };
    list = q.applyToList(list, { ...a, waiting_since: null }, 'open', none, ME);
    assert.deepEqual(ids(list), [b.id, a.id]);
    list = q.applyToList(list, { ...b, status: 'resolved' }, 'open', none, ME);
    assert.deepEqual(ids(list), [a.id]);
  });

  test('queues and filters decide membership: mine, unassigned, team, channel, tag', () => {
    const c = conv({ assignee_id: ME, team_id: 3, channel: 'email', tags: ['hours'] });
    assert.equal(q.belongs(c, 'mine', none, ME), true);
    assert.equal(q.belongs(c, 'unassigned', none, ME), false);
    assert.equal(q.belongs(c, 'team-3', none, ME), true);
    assert.equal(q.belongs(c, 'team-4', none, ME), false);
    assert.equal(q.belongs(c, 'open', { ...none, channel: 'sms' }, ME), false);
    assert.equal(q.belongs(c, 'open', { ...none, tag: 'hours' }, ME), true);
    assert.equal(q.belongs(c, 'pending', none, ME), false);
  });

  test('with a text search only rows already shown are updated', () => {
    const shown = conv();
    const list = { items: [shown], nextCursor: null };
    const search = { ...none, q: 'renew' };
    assert.equal(q.applyToList(list, conv(), 'open', search, ME), list);
    const updated = q.applyToList(list, { ...shown, tags: ['x'] }, 'open', search, ME);
    assert.deepEqual(updated.items[0].tags, ['x']);
  });

  test('a row that sorts past the end of a partial list waits for "load more"', () => {
    const a = conv({ waiting_since: '2026-01-01T09:00:00Z' });
    const list = { items: [a], nextCursor: 'next' };
    assert.equal(q.applyToList(list, conv({ waiting_since: '2026-01-02T09:00:00Z' }), 'open', none, ME), list);
    const page = q.appendPage(list, [a, conv()], null);
    assert.equal(page.items.length, 2, 'rows already shown are not repeated');
  });

  test('non-open queues read newest first and ask the server for the same', () => {
    assert.equal(q.orderOf('resolved'), 'newest');
    assert.deepEqual(q.listQuery('mine', { ...none, tag: 'hours' }), {
      status: 'open',
      order: 'waiting',
      limit: 50,
      assignee: 'me',
      tag: 'hours',
    });
    assert.equal(q.listQuery('team-5', none, 'abc').team, 5);
    assert.equal(q.listQuery('team-5', none, 'abc').cursor, 'abc');
  });

  test('counts per queue come from the server frame', () => {
    const counts = { open: 5, unassigned: 2, pending: 1, snoozed: 0, by_team: [{ team_id: 3, open: 4 }], by_assignee: [{ staff_id: ME, open: 3 }] };
    assert.equal(q.countFor('mine', counts, ME), 3);
    assert.equal(q.countFor('team-3', counts, ME), 4);
    assert.equal(q.countFor('team-9', counts, ME), 0);
    assert.equal(q.countFor('resolved', counts, ME), null);
    assert.equal(q.countFor('open', null, ME), null);
  });
});
