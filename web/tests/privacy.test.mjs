// The patron panel's merge/undo and duplicate suggestions, the admins' audit log, the
// public privacy page, splitting and merging conversations from the conversation view, and
// the retention policy form, against the real server, database and Chromium (with axe).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { axe } from './axe.mjs';
import { ARTIFACTS, LIBRARY_SLUG, STAFF, WEB_DIR, eventually, logIn, openBrowser, startStack } from './harness.mjs';

const run = promisify(execFile);
const BIN = process.env.REFDESK_BIN ?? resolve(WEB_DIR, '../target/debug/refdesk');
const ADMIN = { email: 'cy@t.example', name: 'Cy Admin', role: 'admin', password: 'correct horse battery C3' };
const PATRON = '+15557770001';

function addAdmin(stack) {
  return new Promise((res, rej) => {
    const env = { ...process.env, DATABASE_URL: stack.databaseUrl };
    const args = ['staff', 'add', '--library', LIBRARY_SLUG, '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'admin', '--password-stdin'];
    const child = spawn(BIN, args, { env, stdio: ['pipe', 'ignore', 'pipe'] });
    child.on('close', (code) => (code === 0 ? res() : rej(new Error(`staff add exited ${code}`))));
    child.stdin.end(ADMIN.password + '\n');
  });
}

describe('patron profiles and privacy', () => {
  let stack;
  let cy;

  before(async () => {
    stack = await startStack();
    await addAdmin(stack);
    await stack.simulate(PATRON, 'Is my hold on the new atlas ready?');
    // A chat patron who typed the same number: a likely duplicate, never merged by itself.
    await run('psql', [stack.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qAtc', `
      WITH c AS (INSERT INTO contact (library_id, display_name)
                 SELECT id, 'Sam from chat' FROM library WHERE slug = '${LIBRARY_SLUG}' RETURNING library_id, id)
      INSERT INTO contact_identity (library_id, contact_id, channel, address) SELECT library_id, id, 'chat', '(555) 777-0001' FROM c`]);
    cy = await openBrowser();
  });

  after(async () => {
    await cy?.close();
    await stack?.stop();
  });

  test('a suggested duplicate is merged from the patron panel and the merge is undone', async () => {
    const { page } = cy;
    await logIn(page, stack, ADMIN);
    await page.locator('.row').filter({ hasText: 'new atlas' }).click();
    const panel = page.locator('.patron');
    await panel.getByRole('heading', { name: 'Maybe the same patron' }).waitFor();
    await panel.getByText('Sam from chat').waitFor();
    await axe(page, 'patron panel with a duplicate');
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-01-duplicate.png') });
    await panel.getByRole('button', { name: 'Merge into this patron' }).click();
    await panel.getByRole('heading', { name: 'Merged records' }).waitFor();
    await panel.locator('.identities').getByText('(555) 777-0001').waitFor();
    assert.equal(await panel.getByRole('heading', { name: 'Maybe the same patron' }).count(), 0);
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-02-merged.png') });
    await panel.getByRole('button', { name: 'Undo merge' }).click();
    await panel.getByRole('heading', { name: 'Maybe the same patron' }).waitFor();
    assert.equal(await panel.locator('.identities').getByText('(555) 777-0001').count(), 0);
  });

  test('admins read the audit log: who opened, merged and split which record', async () => {
    const { page } = cy;
    await page.getByRole('button', { name: 'Audit log' }).click();
    const dialog = page.getByRole('dialog', { name: 'Audit log' });
    await dialog.getByRole('cell', { name: 'split' }).waitFor();
    for (const action of ['merge', 'open']) await dialog.getByRole('cell', { name: action }).first().waitFor();
    assert.ok((await dialog.innerText()).includes(ADMIN.name));
    assert.ok(!(await dialog.innerText()).includes('atlas'), 'no message content in the audit log');
    await axe(page, 'audit log');
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-03-audit.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('the privacy page is accessible, sets no cookie and loads nothing from elsewhere', async () => {
    const { context } = cy;
    const page = await context.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const response = await page.goto(`${stack.url}/privacy/${LIBRARY_SLUG}`);
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['set-cookie'], undefined);
    await page.getByRole('heading', { level: 1, name: /Test Public Library/ }).waitFor();
    assert.ok((await page.innerText('main')).includes('one year'));
    assert.deepEqual(requests.filter((u) => !u.startsWith(stack.url)), []);
    await axe(page, 'privacy page');
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-04-page.png'), fullPage: true });
    await page.close();
  });

  test('a message is split out into a new conversation and merged back, by keyboard, audit-logged', async () => {
    const { page } = cy;
    await stack.simulate(PATRON, 'Also, can I renew the map book?');
    await page.goto(stack.url + '/');
    await page.locator('.row').filter({ hasText: 'map book' }).click();
    const view = page.locator('.conv-pane');
    await view.locator('.thread').getByText('new atlas').waitFor();
    const original = Number(await view.getAttribute('data-conversation'));

    await view.getByRole('button', { name: 'Split out a message…' }).click();
    const split = page.getByRole('dialog', { name: 'Split out a message' });
    await split.getByRole('radio', { name: /map book/ }).check();
    await axe(page, 'split dialog');
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-05-split.png') });
    await split.getByRole('button', { name: 'Continue' }).focus();
    await page.keyboard.press('Enter');
    // The confirmation has the focus: Enter confirms.
    await split.getByRole('button', { name: 'Yes, split it out' }).waitFor();
    await eventually(async () => (await page.evaluate(() => document.activeElement?.textContent)) === 'Yes, split it out', {
      what: 'the focus on the confirmation',
    });
    await page.keyboard.press('Enter');
    await eventually(async () => Number(await view.getAttribute('data-conversation')) !== original, { what: 'the new conversation' });
    await view.locator('.thread').getByText('map book').waitFor();
    assert.equal(await view.locator('.thread').getByText('new atlas').count(), 0);

    await view.getByRole('button', { name: 'Merge conversations…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge conversations' });
    await merge.getByRole('radio', { name: new RegExp(`#${original}`) }).check();
    await axe(page, 'merge dialog');
    await merge.getByRole('button', { name: 'Continue' }).click();
    await merge.getByRole('button', { name: 'Back' }).click(); // second thoughts: back to the choice
    await merge.getByRole('button', { name: 'Continue' }).click();
    await merge.getByRole('button', { name: 'Yes, merge' }).click();
    await view.locator('.thread').getByText('new atlas').waitFor();
    await view.locator('.thread').getByText('map book').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-06-merged-conversation.png') });

    const { stdout } = await run('psql', [stack.databaseUrl, '-qAtc',
      "SELECT string_agg(action, ',' ORDER BY id) FROM audit_log WHERE subject_type = 'conversation' AND action IN ('merge', 'split')"]);
    assert.equal(stdout.trim(), 'split,merge');
  });

  test('the retention form shows what the next run would remove; admins save, managers only look', async () => {
    const { page } = cy;
    // The patron's conversation, resolved 40 days ago: within the default year.
    await run('psql', [stack.databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qAtc',
      "UPDATE conversation SET status = 'resolved', resolved_at = now() - interval '40 days'"]);
    await page.getByRole('button', { name: 'Privacy settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Privacy settings' });
    await dialog.getByText('Nothing: no resolved conversation is past these limits yet.').waitFor();
    assert.equal(await dialog.getByLabel('Anonymise everything after (days)').inputValue(), '365');
    await dialog.getByLabel('Remove names and addresses sooner, after (days)').fill('30');
    await dialog.getByRole('button', { name: 'Show for these values' }).click();
    const row = dialog.getByRole('row', { name: /SMS/ });
    await row.waitFor();
    assert.deepEqual(await row.getByRole('cell').allInnerTexts(), ['0', '1']);
    await axe(page, 'privacy settings');
    await page.screenshot({ path: join(ARTIFACTS, 'privacy-07-retention.png') });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const { stdout } = await run('psql', [stack.databaseUrl, '-qAtc', 'SELECT identity_days FROM privacy_policy']);
    assert.equal(stdout.trim(), '30');
    // Nothing was removed by looking: the patron's number is still there.
    const { stdout: kept } = await run('psql', [stack.databaseUrl, '-qAtc', `SELECT count(*) FROM contact_identity WHERE address = '${PATRON}'`]);
    assert.equal(kept.trim(), '1');

    await page.getByRole('button', { name: 'Log out' }).click();
    // Logging in again before the logout has ended would find the old session still alive.
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await logIn(page, stack, STAFF.ada);
    await page.getByRole('button', { name: 'Privacy settings' }).click();
    await dialog.getByRole('row', { name: /SMS/ }).waitFor();
    assert.equal(await dialog.getByLabel('Remove names and addresses sooner, after (days)').inputValue(), '30');
    await dialog.getByText('Only administrators can change these settings.').waitFor();
    assert.equal(await dialog.getByRole('button', { name: 'Save' }).count(), 0);
    await axe(page, 'privacy settings (manager)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});
