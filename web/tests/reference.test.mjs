// Reference statistics in the real console, server, database and Chromium: resolving a
// conversation offers the question type of the library's similar earlier questions as one
// keyboard-reachable click; the desk tally counts with one tap, shows today's counts and
// undoes the last tally; the patron life cycle shows per channel with its CSV. Every
// screen passes axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axe } from './axe.mjs';
import { ARTIFACTS, STAFF, apiSession, eventually, logIn, openBrowser, startStack } from './harness.mjs';

describe('reference statistics', () => {
  let stack;
  let ada;
  let asAda;

  /** The id of the conversation whose patron wrote `text`. */
  async function conversationOf(text) {
    return eventually(
      async () => {
        const page = await asAda('GET', '/api/conversations?status=open');
        return page.conversations.find((c) => c.last_message_preview?.includes(text))?.id;
      },
      { what: `the conversation "${text}"` },
    );
  }

  before(async () => {
    stack = await startStack();
    asAda = await apiSession(stack, STAFF.ada);
    // Earlier questions, classified by staff: two renewals and one about opening hours.
    const past = [
      ['+15553330001', 'Can I renew my library books online?', 1, 'renewals'],
      ['+15553330002', 'How do I renew a book that is overdue?', 1, 'renewals'],
      ['+15553330003', 'Is the library open on Sunday?', 1, 'hours'],
    ];
    for (const [from, text, level, kind] of past) {
      await stack.simulate(from, text);
      const id = await conversationOf(text);
      await asAda('PUT', `/api/conversations/${id}/reference`, { read_level: level, question_type: kind });
      await asAda('PUT', `/api/conversations/${id}/status`, { status: 'resolved' });
    }
    ada = await openBrowser({ acceptDownloads: true });
  });

  after(async () => {
    await ada?.close();
    await stack?.stop();
  });

  test('resolving a conversation suggests its question type, taken with one key press', async () => {
    const { page } = ada;
    await stack.simulate('+15553330004', 'Could I renew my books for two more weeks?');
    const id = await conversationOf('two more weeks');
    await logIn(page, stack, STAFF.ada);
    // The login screen's own session check answers 401 before logging in: expected.
    ada.problems.splice(0);
    await page.goto(`${stack.url}/inbox/open/${id}`);
    await page.locator(`.conv-pane[data-conversation="${id}"]`).waitFor();
    assert.equal(await page.getByRole('region', { name: /Reference statistics/ }).count(), 0, 'not before resolving');

    await page.locator('.thread').focus();
    await page.keyboard.press('e');
    const panel = page.getByRole('region', { name: /Reference statistics/ });
    const use = panel.getByRole('button', { name: 'Use “renewals”, READ 1' });
    await use.waitFor();
    await panel.getByText('2 of the 2 most similar answered questions were “renewals”.').waitFor();
    await axe(page, 'resolved conversation with a suggestion');
    await page.screenshot({ path: join(ARTIFACTS, 'reference-suggestion.png') });

    // Keyboard only: tab to the suggestion and take it.
    await use.focus();
    await page.keyboard.press('Enter');
    await panel.getByRole('heading', { name: 'Reference statistics — renewals, READ 1' }).waitFor();
    const saved = await asAda('GET', `/api/conversations/${id}/reference`);
    assert.deepEqual([saved.read_level, saved.question_type], [1, 'renewals']);
    assert.equal(await panel.getByRole('combobox', { name: 'READ level' }).inputValue(), '1');

    // Never forced: staff change it to something else by hand.
    await panel.getByRole('combobox', { name: 'READ level' }).selectOption('3');
    await panel.getByRole('combobox', { name: 'Question type' }).fill('account');
    await panel.getByRole('button', { name: 'Save' }).click();
    await panel.getByRole('heading', { name: 'Reference statistics — account, READ 3' }).waitFor();
    const changed = await asAda('GET', `/api/conversations/${id}/reference`);
    assert.deepEqual([changed.read_level, changed.question_type], [3, 'account']);
    assert.deepEqual(ada.problems, []);
  });

  test('the desk tally counts with one tap, shows today and undoes the last tally', async () => {
    const { page } = ada;
    await page.goto(stack.url + '/inbox/open');
    await page.getByRole('link', { name: 'Desk tally' }).click();
    await page.getByRole('heading', { name: 'Tally', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Service point' }).fill('Children’s desk');
    const today = page.getByRole('table', { name: /Questions counted today/ });
    const cellOf = async (level, column) => {
      const row = today.getByRole('row').filter({ has: page.getByRole('rowheader', { name: level, exact: true }) });
      return row.getByRole('cell').nth(column).innerText();
    };

    await page.getByRole('button', { name: /^2 Quick lookup/ }).click();
    await page.getByRole('heading', { name: 'Today at Children’s desk: 1' }).waitFor();
    // By phone, a question type, then a key press (3) for the next one.
    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.getByRole('button', { name: 'renewals' }).click();
    assert.equal(await page.getByRole('button', { name: 'renewals' }).getAttribute('aria-pressed'), 'true');
    await page.getByRole('heading', { name: 'Tally', level: 1 }).click();
    await page.keyboard.press('3');
    await page.getByRole('heading', { name: 'Today at Children’s desk: 2' }).waitFor();
    assert.equal(await cellOf('2', 0), '1', 'READ 2 in person');
    assert.equal(await cellOf('3', 1), '1', 'READ 3 by phone');
    await axe(page, 'tally');
    await page.screenshot({ path: join(ARTIFACTS, 'tally.png'), fullPage: true });

    await page.getByRole('button', { name: /^Undo the last tally \(phone, READ 3, renewals at / }).click();
    await page.getByRole('heading', { name: 'Today at Children’s desk: 1' }).waitFor();
    assert.equal(await cellOf('3', 1), '0');
    await page.getByRole('button', { name: /^Undo the last tally \(in person, READ 2 at / }).waitFor();
    const counted = await asAda('GET', '/api/reports/reference');
    assert.deepEqual(
      counted.filter((r) => r.channel === 'in_person' || r.channel === 'phone').map((r) => [r.channel, r.read_level, r.questions]),
      [['in_person', 2, 1]],
      'the tally lands in the reference report',
    );
    assert.deepEqual(ada.problems, []);
  });

  test('a manager sees the patron life cycle per channel and downloads it', async () => {
    const { page } = ada;
    await page.goto(stack.url + '/reports');
    await page.getByRole('link', { name: 'Patron life cycle' }).click();
    const table = page.getByRole('table', { name: 'Patrons by life-cycle stage and preferred channel' });
    const sms = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'sms' }) });
    await sms.waitFor();
    // Four patrons texted for the first time in the last 30 days.
    assert.deepEqual(await sms.getByRole('cell').allInnerTexts(), ['4', '0', '0']);
    await page.getByRole('img', { name: /Patrons per preferred channel/ }).waitFor();
    await page.getByText('no contact in the 365 days before the period ends').waitFor();
    await axe(page, 'patron life cycle');
    await page.screenshot({ path: join(ARTIFACTS, 'patrons.png'), fullPage: true });

    await page.getByRole('spinbutton', { name: 'Lapsed after (days)' }).fill('90');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('no contact in the 90 days before the period ends').waitFor();
    assert.match(page.url(), /\/reports\/patrons\?.*lapsed_after_days=90/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download patron life cycle (CSV)' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'patrons.csv');
    const csv = await readFile(await download.path(), 'utf8');
    assert.equal(csv, 'preferred_channel,new,returning,lapsed\r\nsms,4,0,0\r\n');
    assert.deepEqual(ada.problems, []);
  });
});
