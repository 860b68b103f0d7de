// The reports area against the real server, database and browser: a manager opens it from
// the queue list, sees the charts and tables built from a real answered conversation, it
// passes axe, and the CSV downloads with the figures.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, STAFF, apiSession, eventually, logIn, openBrowser, startStack } from './harness.mjs';

describe('reports', () => {
  let stack;
  let ada;
  let asAda;

  before(async () => {
    stack = await startStack();
    asAda = await apiSession(stack, STAFF.ada);
    const team = await asAda('POST', '/api/teams', { name: 'Reference', member_ids: [] });
    await asAda('PUT', `/api/teams/${team.id}/hours`, {
      intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '17:00' })),
    });
    await asAda('PUT', '/api/service-targets', [{ channel: 'sms', first_response_secs: 3600 }]);
    await stack.simulate('+15554440000', 'Do you have the new atlas?');
    const list = await eventually(async () => {
      const page = await asAda('GET', '/api/conversations');
      return page.conversations.length === 1 && page;
    }, { what: 'the patron text' });
    const id = list.conversations[0].id;
    await asAda('POST', `/api/conversations/${id}/replies`, { body: 'Yes, it is on the shelf.' });
    await asAda('PUT', `/api/conversations/${id}/reference`, { read_level: 2, question_type: 'catalog' });
    await asAda('PUT', `/api/conversations/${id}/status`, { status: 'resolved' });
    ada = await openBrowser({ acceptDownloads: true });
  });

  after(async () => {
    await ada?.close();
    await stack?.stop();
  });

  test('a manager opens the reports, sees the charts, passes axe and downloads a CSV', async () => {
    const { page } = ada;
    await logIn(page, stack, STAFF.ada);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Response times per channel' });
    await table.getByRole('rowheader', { name: 'sms' }).waitFor();
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'sms' }) });
    assert.equal(await row.getByRole('cell').first().textContent(), '1', 'one answered conversation');
    for (const name of [/First response by channel/, /When patrons write/, /Conversations per week/]) {
      await page.getByRole('img', { name }).waitFor();
    }
    await page.getByRole('table', { name: 'Share of first responses within target' }).getByText('100%').waitFor();
    await page.getByText('0 chats, 0 left before an answer').waitFor();
    await page.getByText('No satisfaction ratings in this period.').waitFor();
    await page.getByRole('table', { name: 'Questions per READ level' }).getByRole('rowheader', { name: '2' }).waitFor();

    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    const report = result.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(report, [], 'axe on the reports screen');
    await page.screenshot({ path: join(ARTIFACTS, 'reports.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download response times (CSV)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'response-times.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'key,period,measure,count,mean,p50,p90,p99');
    assert.ok(lines.some((l) => l.startsWith('sms,current,first_response_secs_wall,1,')), csv);

    // Filters change the figures and stay in the URL.
    await page.getByRole('combobox', { name: 'Channel' }).selectOption('email');
    await page.getByText('No conversations were answered in this period.').waitFor();
    assert.match(page.url(), /channel=email/);
  });

  test('the queue flags a patron waiting past the service target', async () => {
    const { page } = ada;
    await stack.simulate('+15554440001', 'Is the library open late tonight?');
    await asAda('PUT', '/api/service-targets', [{ channel: 'sms', first_response_secs: 1 }]);
    await eventually(async () => (await asAda('GET', '/api/service-targets/due')).some((d) => d.breached), {
      what: 'the target to pass',
    });
    await page.goto(stack.url + '/inbox/open');
    const row = page.getByRole('listitem').filter({ hasText: 'open late tonight' });
    await row.getByText('Overdue').waitFor();
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
    assert.deepEqual(result.violations.map((v) => v.id), [], 'axe on the queue with a warning');
  });
});
