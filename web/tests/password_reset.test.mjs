// "Forgot password?" -> reset page -> log in with the new password, and the admins' abuse
// limits dialog, against the real server, database and Chromium (with axe). The link comes from `refdesk staff
// reset-password` (the browser test has no mail server; the Rust tests read the mailed
// link from the real mail rig).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axe } from './axe.mjs';
import { ARTIFACTS, LIBRARY_SLUG, STAFF, apiSession, logIn, openBrowser, startStack } from './harness.mjs';

const NEW_PASSWORD = 'a fresh passphrase for ben 9';
const ADMIN = { email: 'dee@t.example', name: 'Dee Admin', role: 'admin', password: 'correct horse battery D4' };

describe('password reset', () => {
  let stack;
  let browser;
  let other;

  before(async () => {
    stack = await startStack();
    browser = await openBrowser();
    other = await openBrowser();
  });

  after(async () => {
    await browser?.close();
    await other?.close();
    await stack?.stop();
  });

  test('"Forgot password?" answers the same for any address', async () => {
    const { page } = browser;
    await page.goto(stack.url + '/');
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await axe(page, 'forgot password');
    await page.getByLabel('Email').fill(STAFF.ben.email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    const known = await page.getByRole('status').innerText();
    await page.screenshot({ path: join(ARTIFACTS, 'reset-01-requested.png') });
    await axe(page, 'reset requested');

    await page.getByRole('button', { name: 'Back to log in' }).click();
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill('nobody@t.example');
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    assert.equal(await page.getByRole('status').innerText(), known, 'no hint whether the account exists');
    await page.getByRole('button', { name: 'Back to log in' }).click();
    await page.getByRole('heading', { name: 'Refdesk' }).waitFor();
  });

  test('a reset link sets a new password, logs the account out everywhere, and works once', async () => {
    // Ben is logged in elsewhere; the reset must end that session.
    await logIn(other.page, stack, STAFF.ben);
    const printed = await stack.cli(['staff', 'reset-password', '--library', LIBRARY_SLUG, '--email', STAFF.ben.email]);
    const url = printed.split(/\s+/).find((w) => w.includes('/reset-password#token='));
    assert.ok(url?.startsWith(stack.url + '/reset-password#token='), printed);
    const token = url.split('#token=')[1];

    const { page } = browser;
    const sent = [];
    // What reaches the network: the URL without its fragment (browsers never send that),
    // the Referer, the body.
    page.on('request', (r) => {
      const u = new URL(r.url());
      u.hash = '';
      sent.push(`${u} ${r.headers().referer ?? ''} ${r.postData() ?? ''}`);
    });
    await page.goto(url);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address bar');
    await axe(page, 'reset password');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD + 'x');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').filter({ hasText: 'not the same' }).waitFor();
    await axe(page, 'reset password with an error');
    await page.screenshot({ path: join(ARTIFACTS, 'reset-02-mismatch.png') });

    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await axe(page, 'password changed');
    await page.screenshot({ path: join(ARTIFACTS, 'reset-03-done.png') });
    // The token went to the server only in the completing request's body, never in a URL
    // or a Referer.
    const carrying = sent.filter((s) => s.includes(token));
    assert.equal(carrying.length, 1, sent.join('\n'));
    assert.ok(carrying[0].startsWith(stack.url + '/api/auth/password-reset/complete  '), carrying[0]);

    // The other browser's console is logged out.
    await other.page.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 15_000 });

    await page.getByRole('link', { name: 'Log in' }).click();
    await page.getByLabel('Email').fill(STAFF.ben.email);
    await page.getByLabel('Password').fill(STAFF.ben.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor();
    await logIn(page, stack, { ...STAFF.ben, password: NEW_PASSWORD });

    // The same link again: a clear error.
    const again = await openBrowser();
    try {
      await again.page.goto(url);
      await again.page.getByLabel('New password', { exact: true }).fill('one more passphrase 10');
      await again.page.getByLabel('New password again').fill('one more passphrase 10');
      await again.page.getByRole('button', { name: 'Set new password' }).click();
      await again.page.getByRole('alert').filter({ hasText: 'already used' }).waitFor();
      assert.deepEqual(again.problems.filter((p) => !p.includes('422')), []);
    } finally {
      await again.close();
    }
    assert.deepEqual(browser.problems.filter((p) => !p.includes('401') && !p.includes('422')), [], 'no CSP or script errors');
  });

  test("an admin sets the library's own abuse limits within the hub's ceilings", async () => {
    await stack.cli(
      ['staff', 'add', '--library', LIBRARY_SLUG, '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'admin', '--password-stdin'],
      ADMIN.password + '\n',
    );
    const admin = await openBrowser();
    try {
      const { page } = admin;
      await logIn(page, stack, ADMIN);
      await page.getByRole('button', { name: 'Abuse limits' }).click();
      const dialog = page.getByRole('dialog', { name: 'Abuse limits' });
      const votes = dialog.getByLabel('"This answered my question" votes per visitor per 10 minutes');
      await votes.waitFor();
      assert.equal(await votes.getAttribute('placeholder'), '30', 'the ceiling shows as the placeholder');
      await axe(page, 'abuse limits');
      await page.screenshot({ path: join(ARTIFACTS, 'reset-04-limits.png') });
      await votes.fill('5');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const asAdmin = await apiSession(stack, ADMIN);
      const limits = await asAdmin('GET', '/api/settings/limits');
      assert.equal(limits.own.faq_votes_per_10_minutes, 5);
      assert.equal(limits.in_force.faq_votes_per_10_minutes, 5);
      assert.equal(limits.in_force.chat_messages_per_minute, limits.ceilings.chat_messages_per_minute);
      assert.deepEqual(admin.problems.filter((p) => !p.includes('401')), [], 'no CSP or script errors');
    } finally {
      await admin.close();
    }
  });
});
