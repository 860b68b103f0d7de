// Staff attach files to an email reply in the console: the keyboard-reachable button (a
// file picker), drag and drop onto the composer, refusals shown next to the file (too
// large, empty, a program), and the reply stored with exactly the uploaded files. Real
// server, database and Chromium; axe on the composer with files and errors showing.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { axe } from './axe.mjs';
import { ARTIFACTS, LIBRARY_SLUG, STAFF, eventually, logIn, openBrowser, startStack } from './harness.mjs';

const PATRON = 'reader@patron.example';
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');

describe('attaching files to an email reply', () => {
  let stack;
  let ada;
  // Playwright turns on Chromium's file-chooser interception when the first listener is
  // added, in a protocol call of its own. Added just before the key press, that call can
  // lose the race and the picker opens (and closes, headless) unseen: CI saw exactly that.
  // So the listener is added before logging in, and pickers queue up here.
  const choosers = [];

  before(async () => {
    stack = await startStack();
    await stack.cli([
      'simulate',
      '--library',
      LIBRARY_SLUG,
      '--from',
      PATRON,
      '--subject',
      'Reading list',
      '--text',
      'Could you send me the reading list for the book club?',
    ]);
    ada = await openBrowser();
    ada.page.on('filechooser', (chooser) => choosers.push(chooser));
  });

  after(async () => {
    await ada?.close();
    await stack?.stop();
  });

  test('the attach button is reached by keyboard and opens the file picker', async () => {
    const { page } = ada;
    await logIn(page, stack, STAFF.ada);
    await page.locator('.row').filter({ hasText: 'reading list' }).click();
    const box = page.locator('#composer-text');
    await box.waitFor();
    await box.focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Attach files');
    await page.keyboard.press('Enter');
    const chooser = await eventually(async () => choosers.shift(), { what: 'the file picker to open' });
    assert.ok(chooser.isMultiple(), 'several files can be picked at once');
    await chooser.setFiles([{ name: 'reading-list.pdf', mimeType: 'application/pdf', buffer: PDF }]);
    const item = page.getByRole('list', { name: 'Files on this reply' }).getByRole('listitem').filter({ hasText: 'reading-list.pdf' });
    await item.getByRole('button', { name: 'Remove reading-list.pdf' }).waitFor();
    await eventually(async () => !(await item.innerText()).includes('Uploading'), { what: 'the upload to finish' });
  });

  test('files dropped on the composer are attached; refused ones say why', async () => {
    const { page } = ada;
    const big = 'x'.repeat(10 * 1024 * 1024 + 1);
    const drop = await page.evaluateHandle((big) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['Meeting at 6pm in room B.\n'], 'notes.txt', { type: 'text/plain' }));
      dt.items.add(new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' }));
      dt.items.add(new File([], 'empty.txt', { type: 'text/plain' }));
      dt.items.add(new File([big], 'scans.zip', { type: 'application/zip' }));
      return dt;
    }, big);
    await page.dispatchEvent('form.composer', 'dragover', { dataTransfer: drop });
    await page.locator('form.composer-dropping').waitFor();
    await page.dispatchEvent('form.composer', 'drop', { dataTransfer: drop });
    await page.locator('form.composer-dropping').waitFor({ state: 'detached' });
    const list = page.getByRole('list', { name: 'Files on this reply' });
    await list.getByRole('button', { name: 'Remove notes.txt' }).waitFor();
    const alerts = list.getByRole('alert');
    await eventually(async () => (await alerts.count()) === 3, { what: 'three refusals' });
    const text = (await alerts.allInnerTexts()).join('\n');
    assert.match(text, /programs and scripts cannot be sent by email/);
    assert.match(text, /the file is empty/);
    assert.match(text, /10\.0 MB is too large: a file can be at most 10 MB/);
    await eventually(async () => !(await list.innerText()).includes('Uploading'), { what: 'the uploads to finish' });
    await axe(page, 'composer with attachments');
    await page.screenshot({ path: join(ARTIFACTS, 'email-attach.png') });
    for (const name of ['setup.exe', 'empty.txt', 'scans.zip']) {
      await list.getByRole('button', { name: `Dismiss ${name}` }).click();
    }
    assert.equal(await alerts.count(), 0);
  });

  test('the reply is sent with exactly the uploaded files', async () => {
    const { page } = ada;
    await page.locator('#composer-text').fill('Here is the reading list, and the meeting notes.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.msg').filter({ hasText: 'Here is the reading list' }).waitFor();
    await page.getByRole('list', { name: 'Files on this reply' }).waitFor({ state: 'detached' });
    const rows = await stack.sql(
      `SELECT a.filename || ':' || a.content_type || ':' || a.size_bytes FROM attachment a
         JOIN message m ON m.library_id = a.library_id AND m.id = a.message_id
        WHERE m.direction = 'out' ORDER BY a.filename`,
    );
    assert.deepEqual(rows.split('\n'), ['notes.txt:text/plain:26', `reading-list.pdf:application/pdf:${PDF.length}`]);
    assert.equal(await stack.sql('SELECT count(*) FROM email_upload'), '0', 'the reply took both uploads');
  });
});
