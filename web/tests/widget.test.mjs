// End-to-end tests of the chat widget as patrons meet it: embedded in a library's own
// website (another origin than the hub), against the real hub, database and Chromium, with
// staff answering from the real console in a second browser.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import {
  ARTIFACTS,
  LIBRARY_SLUG,
  STAFF,
  WEB_DIR,
  apiSession,
  eventually,
  logIn,
  openBrowser,
  startStack,
} from './harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];
const ADMIN = { email: 'admin@t.example', name: 'Ida Admin', role: 'admin', password: 'correct horse battery C3' };
const PATRON_EMAIL = 'patron@patron.test';

/**
 * The mail rig (scripts/rig/mail: real Postfix + Dovecot on 127.0.0.1), started if it is not
 * running, on the ports in MAIL_RIG_*_PORT when set. Returns its settings.
 */
async function mailRig() {
  const rig = join(WEB_DIR, '../scripts/rig/mail');
  await promisify(execFile)(rig, ['start']);
  const { stdout } = await promisify(execFile)(rig, ['env']);
  return Object.fromEntries([...stdout.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
}

/** The messages delivered to a rig user's mailbox so far (raw text). */
async function mailbox(rig, user) {
  const [local, domain] = user.split('@');
  const dir = join(rig.MAIL_RIG_DIR, 'vmail', domain, local, 'Maildir');
  const texts = [];
  for (const sub of ['new', 'cur']) {
    const names = await readdir(join(dir, sub)).catch(() => []);
    // Undo quoted-printable soft line breaks so a sentence can be found whole.
    for (const n of names) texts.push((await readFile(join(dir, sub, n), 'utf8')).replace(/=\r?\n/g, ''));
  }
  return texts;
}

/** axe-core on the whole page, the widget's shadow root included. */
async function axe(page, name) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const report = result.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => JSON.stringify(n.target)).join('\n  ')}`)
    .join('\n');
  assert.equal(result.violations.length, 0, `axe found violations with the widget ${name}:\n${report}`);
}

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `widget-${name}.png`) });

/**
 * A library's website on an origin of its own: a tiny HTTP server whose pages embed the
 * widget with one script tag, exactly as the README tells a library to.
 */
async function librarySite(hubUrl, attrs = '', head = '') {
  const page = (title) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>${head}
<style>body{font:16px/1.5 Georgia,serif;margin:2rem;color:#222} *{letter-spacing:.2em} button{background:lime}</style>
</head><body><main><h1>${title}</h1><p>Opening hours, events and the catalog.</p>
<p><a href="/page2">Another page of the site</a></p></main>
<script src="${hubUrl}/widget.js" data-library="${LIBRARY_SLUG}" ${attrs} async></script>
</body></html>`;
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (path === '/' || path === '/page2') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page(path === '/' ? 'Test Public Library' : 'Test Public Library: events'));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

/** The widget's parts (Playwright's locators pierce its open shadow root). */
const widget = (page) => ({
  launcher: page.getByRole('button', { name: /Chat with a librarian/ }),
  panel: page.getByRole('dialog'),
  input: page.getByRole('textbox', { name: 'Your message' }),
  status: page.locator('.rd-status'),
  message: (text) => page.locator('.rd-msg').filter({ hasText: text }),
  live: page.locator('.rd-root [aria-live="polite"]'),
});

/** Which element of the widget has focus (through the shadow root), e.g. "textarea#rd-input". */
const focused = (page) =>
  page.evaluate(() => {
    const host = document.querySelector('refdesk-chat');
    if (document.activeElement !== host) return document.activeElement?.tagName.toLowerCase() ?? '';
    const el = host.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className ? '.' + el.className.split(' ')[0] : ''}` : 'host';
  });

/** Messages of a conversation with exactly this text, counted in the database. */
const stored = (stack, text) =>
  stack.sql(`SELECT count(*) FROM message WHERE body = '${text.replace(/'/g, "''")}'`).then(Number);

/** A raw WebSocket upgrade to /ws/chat from `origin`; resolves with the HTTP status. */
function upgradeStatus(hubUrl, origin) {
  const url = new URL(`/ws/chat?library=${LIBRARY_SLUG}`, hubUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        Origin: origin,
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('chat widget', () => {
  let stack;
  let asAdmin;
  let team;
  let rig;
  let site;
  let otherSite;
  let ben;
  let patron;

  /** Opening hours for the chat team (the API has no route for hours yet): all week, or none (closed). */
  const setHours = async (open) => {
    await stack.sql(`DELETE FROM team_hours WHERE team_id = ${team.id}`);
    if (open) {
      await stack.sql(
        `INSERT INTO team_hours (library_id, team_id, weekday, opens, closes)
         SELECT library_id, id, d, '00:00', '24:00' FROM team, generate_series(1, 7) d WHERE id = ${team.id}`,
      );
    }
  };

  /** Waits for a mail to the patron on the rig; on failure says what the outbox did. */
  const waitForMail = async (match, what) => {
    try {
      await eventually(async () => (await mailbox(rig, PATRON_EMAIL)).some(match), {
        what: `${what} in the patron's mailbox`,
        timeout: 30_000,
        interval: 250,
      });
    } catch (e) {
      const outbox = await stack.sql(`SELECT channel, status, attempts, last_error FROM outbox ORDER BY id`);
      throw new Error(`${e.message}\noutbox:\n${outbox}`);
    }
  };

  before(async () => {
    rig = await mailRig();
    // The mail rig is on loopback: the operator allows it (a library's settings alone cannot).
    stack = await startStack({
      env: { REFDESK_DEMO__CHAT_PAGE: 'true', REFDESK_OUTBOUND__ALLOW_PRIVATE_NETWORKS: '127.0.0.1/32, ::1' },
    });
    await stack.cli(
      ['staff', 'add', '--library', LIBRARY_SLUG, '--email', ADMIN.email, '--name', ADMIN.name, '--role', 'admin', '--password-stdin'],
      ADMIN.password + '\n',
    );
    asAdmin = await apiSession(stack, ADMIN);
    team = await asAdmin('POST', '/api/teams', { name: 'Reference', member_ids: [] });
    site = await librarySite(stack.url);
    otherSite = await librarySite(stack.url);
    // The library's admin allows its own website only (not `otherSite`), as in the settings.
    await asAdmin('PUT', '/api/settings/chat', {
      enabled: true,
      allowed_origins: [site.origin],
      team_id: team.id,
      greeting: 'Hello! Ask us anything.',
      languages: ['en', 'es'],
    });
    await setHours(true);
    // The library's email, on the mail rig: replies to messages left offline go out by it.
    await asAdmin('POST', '/api/settings/email/mailboxes', {
      address: rig.MAIL_RIG_LIBRARY_USER,
      from_name: 'Test Public Library',
      imap_host: rig.MAIL_RIG_HOST,
      imap_port: Number(rig.MAIL_RIG_IMAP_PORT),
      imap_security: 'plain',
      imap_password: rig.MAIL_RIG_PASSWORD,
      smtp_host: rig.MAIL_RIG_HOST,
      smtp_port: Number(rig.MAIL_RIG_SMTP_PORT),
      smtp_security: 'plain',
      backfill_days: 1,
    });
    ben = await openBrowser();
    await logIn(ben.page, stack, STAFF.ben);
    patron = await openBrowser({ viewport: { width: 1280, height: 800 } });
  });

  after(async () => {
    await patron?.close();
    await ben?.close();
    await site?.close();
    await otherSite?.close();
    await stack?.stop();
  });

  test('the widget loads on a library page, closed, accessible, with nothing but the hub contacted', async () => {
    const { page, context } = patron;
    const hosts = new Set();
    page.on('request', (r) => hosts.add(new URL(r.url()).origin));
    await page.goto(site.origin + '/');
    const w = widget(page);
    await w.launcher.waitFor();
    assert.deepEqual([...hosts].sort(), [site.origin, stack.url].sort(), 'only the page and the hub are contacted');
    assert.deepEqual(await context.cookies(), [], 'no cookie is set');
    // The host page's styles (letter-spacing, lime buttons) do not reach into the widget.
    const launcherStyle = await w.launcher.evaluate((el) => {
      const s = getComputedStyle(el);
      return { spacing: s.letterSpacing, background: s.backgroundColor };
    });
    assert.equal(launcherStyle.spacing, 'normal');
    assert.notEqual(launcherStyle.background, 'rgb(0, 255, 0)');
    await axe(page, 'closed');
    await shot(page, '01-closed-desktop');
  });

  test('keyboard only: open, focus inside, Tab stays in the panel, Escape closes back to the launcher', async () => {
    const { page } = patron;
    const w = widget(page);
    await w.launcher.focus();
    await page.keyboard.press('Enter');
    await w.panel.waitFor();
    await eventually(async () => (await focused(page)) === 'textarea#rd-input', { what: 'focus in the message box' });
    // Tab through everything: focus never leaves the panel.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const inside = await page.evaluate(() => {
        const root = document.querySelector('refdesk-chat').shadowRoot;
        return !!root.activeElement && !!root.activeElement.closest('.rd-panel');
      });
      assert.ok(inside, `focus left the panel after ${i + 1} Tab presses: ${await focused(page)}`);
    }
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Escape');
    await w.panel.waitFor({ state: 'detached' });
    await eventually(async () => (await focused(page)) === 'button.rd-launcher', { what: 'focus back on the launcher' });
  });

  test('a patron just types; staff answer from the console; the patron sees it live', async () => {
    const { page } = patron;
    const w = widget(page);
    await w.launcher.click();
    await w.input.fill('Do you have books about the Erie Canal?');
    await page.keyboard.press('Enter');
    await w.message('Erie Canal').locator('.rd-state', { hasText: 'Sent' }).waitFor();

    // Staff: the chat arrives live in the console.
    const row = ben.page.locator('.row').filter({ hasText: 'Erie Canal' });
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /Web chat/);
    await row.click();
    // Staff typing shows in the widget.
    await ben.page.locator('#composer-text').pressSequentially('We have');
    await page.locator('.rd-typing', { hasText: 'A librarian is typing' }).waitFor({ timeout: 10_000 });
    await ben.page.locator('#composer-text').fill('We have twelve! Three are on the shelf at Main Street.');
    await ben.page.getByRole('button', { name: 'Send reply' }).click();

    // Patron: the answer, who joined, and the announcement for screen readers.
    await w.message('We have twelve').waitFor({ timeout: 15_000 });
    await eventually(async () => /Ben has joined/.test(await w.status.innerText()), { what: 'the joined line' });
    await eventually(async () => /New message from Ben: We have twelve/.test(await w.live.innerText()), {
      what: 'the screen-reader announcement',
    });
    // Staff read the patron's message (they opened the conversation).
    await w.message('Erie Canal').locator('.rd-state', { hasText: 'Seen' }).waitFor({ timeout: 10_000 });

    await axe(page, 'open');
    await shot(page, '02-open-desktop');
    await page.setViewportSize({ width: 320, height: 640 });
    await axe(page, 'open at 320 px');
    await shot(page, '03-open-320');
    const overflow = await page.evaluate(() => {
      const panel = document.querySelector('refdesk-chat').shadowRoot.querySelector('.rd-panel');
      return panel.scrollWidth - panel.clientWidth;
    });
    assert.ok(overflow <= 0, 'nothing is cut off sideways at 320 px');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('a network drop loses and doubles nothing; a lost acknowledgement stores nothing twice', async () => {
    const { page, context } = patron;
    const w = widget(page);
    await context.setOffline(true);
    await eventually(async () => /offline/i.test(await w.status.innerText()), { what: 'the offline line' });
    await w.input.fill('Is the canal book in large print?');
    await page.keyboard.press('Enter');
    await w.message('large print').locator('.rd-state', { hasText: 'Sending' }).waitFor();
    // Staff answer while the patron is offline.
    await ben.page.locator('#composer-text').fill('Checking the large print shelf now.');
    await ben.page.getByRole('button', { name: 'Send reply' }).click();
    await ben.page.locator('.msg-out').filter({ hasText: 'Checking the large print' }).waitFor();

    await context.setOffline(false);
    await w.message('Checking the large print').waitFor({ timeout: 20_000 });
    await w.message('large print?').locator('.rd-state', { hasText: /Sent|Seen/ }).waitFor({ timeout: 15_000 });
    await ben.page.locator('.msg-in').filter({ hasText: 'large print?' }).waitFor();
    assert.equal(await stored(stack, 'Is the canal book in large print?'), 1);
    assert.equal(await w.message('Checking the large print').count(), 1);
    assert.equal(await w.message('large print?').count(), 1);
  });

  test('the acknowledgement is lost with the connection: the resend is stored once', async () => {
    // Another patron, whose socket the test relays, dropping the connection right after the
    // hub commits their message and before its `ack` reaches the widget.
    const other = await openBrowser();
    try {
      const { page } = other;
      let dropNextAck = true;
      let connections = 0;
      await page.routeWebSocket(/\/ws\/chat/, (ws) => {
        connections++;
        const hub = ws.connectToServer();
        ws.onMessage((m) => hub.send(m));
        hub.onMessage((m) => {
          if (dropNextAck && JSON.parse(m).type === 'ack') {
            dropNextAck = false;
            hub.close();
            ws.close({ code: 4000, reason: 'test drop' });
            return;
          }
          ws.send(m);
        });
      });
      await page.goto(site.origin + '/');
      const w = widget(page);
      await w.launcher.click();
      await w.input.fill('Where do I return a museum pass?');
      await page.keyboard.press('Enter');
      await w.message('museum pass').locator('.rd-state', { hasText: /Sent|Seen/ }).waitFor({ timeout: 20_000 });
      assert.equal(dropNextAck, false, 'the acknowledgement was dropped');
      assert.ok(connections >= 2, 'the widget reconnected');
      assert.equal(await stored(stack, 'Where do I return a museum pass?'), 1);
      assert.equal(await w.message('museum pass').count(), 1);
      assert.deepEqual(other.problems, []);
    } finally {
      await other.close();
    }
  });

  test('a reload and a move to another page of the site keep the history and the chat', async () => {
    const { page } = patron;
    const w = widget(page);
    await page.reload();
    await w.message('Erie Canal').waitFor();
    await page.getByRole('link', { name: 'Another page of the site' }).click();
    await page.waitForURL(/page2/);
    // The panel was open: it stays open on the next page, without taking the focus.
    await w.panel.waitFor();
    assert.equal(await focused(page), 'body');
    for (const text of ['Erie Canal', 'We have twelve', 'large print?', 'Checking the large print']) {
      await w.message(text).waitFor();
      assert.equal(await w.message(text).count(), 1, `"${text}" once`);
    }
    // Still live after the move: staff write, the patron sees it.
    await ben.page.locator('#composer-text').fill('Held for you until Friday at Main Street.');
    await ben.page.getByRole('button', { name: 'Send reply' }).click();
    await w.message('Held for you').waitFor({ timeout: 15_000 });
  });

  test('an image goes over the upload and shows in the chat; a file over the cap never leaves', async () => {
    const { page } = patron;
    const w = widget(page);
    // A real 2x2 PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.locator('.rd-file-input').setInputFiles({ name: 'library-card.png', mimeType: 'image/png', buffer: png });
    const img = page.locator('.rd-msg img[alt="library-card.png"]');
    await img.waitFor({ timeout: 15_000 });
    await eventually(() => img.evaluate((el) => el.complete && el.naturalWidth === 2), { what: 'the image to load' });
    assert.equal(await stack.sql(`SELECT filename || ' ' || content_type FROM attachment`), 'library-card.png image/png');

    const uploads = [];
    page.on('request', (r) => r.method() === 'POST' && uploads.push(r.url()));
    const huge = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
    await page.locator('.rd-file-input').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: huge });
    await page.getByRole('alert').filter({ hasText: 'scan.pdf is too large (the limit is 5 MB)' }).waitFor();
    assert.deepEqual(uploads, []);
  });

  test('the patron ends the chat, asks for the transcript by email and rates it', async () => {
    const { page } = patron;
    const w = widget(page);
    await page.getByRole('button', { name: 'End chat' }).click();
    await eventually(async () => (await focused(page)).startsWith('button'), { what: 'focus on the confirmation' });
    await page.getByRole('button', { name: 'Yes, end it' }).click();
    await page.locator('.rd-ended').filter({ hasText: 'You ended the chat.' }).waitFor();
    await axe(page, 'after the chat ended');
    await page.getByLabel('Email me the transcript').fill(PATRON_EMAIL);
    await page.getByRole('button', { name: 'Send transcript' }).click();
    await page.getByText('The transcript is on its way.').waitFor({ timeout: 10_000 });
    await page.getByRole('radio', { name: '5 out of 5' }).check();
    await page.getByLabel('Comment (optional)').fill('Quick and kind.');
    await page.getByRole('button', { name: 'Send rating' }).click();
    await page.getByText('Thank you for your feedback.').waitFor({ timeout: 10_000 });
    await shot(page, '04-ended-desktop');
    assert.equal(await stack.sql(`SELECT score || ' ' || comment FROM csat_rating WHERE channel = 'chat'`), '5 Quick and kind.');
    // The transcript arrives in the patron's mailbox on the mail rig, with the whole chat.
    await waitForMail((m) => m.includes('Erie Canal') && m.includes('Held for you'), 'the transcript');
    // A new chat starts empty, in the same tab.
    await page.getByRole('button', { name: 'Start a new chat' }).click();
    await w.input.waitFor();
    assert.equal(await page.locator('.rd-msg[data-seq]').count(), 0);
  });

  test('Spanish, on the left, in the library colour, at 200% zoom, with reduced motion', async () => {
    const spanish = await librarySite(stack.url, 'data-lang="es" data-position="left" data-color="#ffd200"');
    await asAdmin('PUT', '/api/settings/chat', { allowed_origins: [site.origin, spanish.origin] });
    // 200% zoom of a 1280x800 window: a 640x400 CSS pixel viewport at twice the density.
    const visitor = await openBrowser({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, reducedMotion: 'reduce' });
    try {
      const { page } = visitor;
      await page.goto(spanish.origin + '/');
      const launcher = page.getByRole('button', { name: /Chatea con un bibliotecario/ });
      await launcher.waitFor();
      assert.ok((await launcher.boundingBox()).x < 100, 'the launcher sits on the left');
      await axe(page, 'closed, in Spanish, light library colour');
      await launcher.click();
      const input = page.getByRole('textbox', { name: 'Su mensaje' });
      await input.waitFor();
      assert.equal(await page.getByRole('dialog').evaluate((el) => el.getAnimations().length), 0, 'no motion');
      // Everything needed fits on screen: the panel, the message box and the send button.
      for (const el of [page.getByRole('dialog'), input, page.getByRole('button', { name: 'Enviar', exact: true })]) {
        const box = await el.boundingBox();
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 640 && box.y + box.height <= 400.5, `on screen: ${JSON.stringify(box)}`);
      }
      await input.fill('¿Tienen libros en español para niños?');
      await page.keyboard.press('Enter');
      await page.locator('.rd-msg .rd-state').filter({ hasText: /Enviado|Visto/ }).waitFor({ timeout: 15_000 });
      // Nobody has answered yet: the place in the queue, in Spanish.
      await eventually(async () => /en la cola/.test(await page.locator('.rd-status').innerText()), { what: 'the queue' });
      await axe(page, 'open, in Spanish, at 200% zoom');
      await shot(page, '05-spanish-zoom-200');
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
      await spanish.close();
    }
  });

  test('outside opening hours the widget says so; the message left becomes a conversation answered by email', async () => {
    await setHours(false);
    const visitor = await openBrowser({ viewport: { width: 320, height: 640 } });
    try {
      const { page } = visitor;
      await page.goto(site.origin + '/');
      await widget(page).launcher.click();
      await page.getByRole('heading', { name: 'Leave us a message' }).waitFor();
      await page.getByText('Chat is closed right now').waitFor();
      await axe(page, 'offline form at 320 px');
      await shot(page, '06-offline-form-320');
      await page.getByLabel('Your message').fill('Can I book the meeting room next Tuesday evening?');
      await page.getByRole('button', { name: 'Send message' }).click();
      // No address yet: said plainly, and focus goes where it is missing.
      await page.getByRole('alert').filter({ hasText: 'email address or a phone number' }).waitFor();
      assert.equal(await focused(page), 'input');
      await page.getByLabel('Email').fill(PATRON_EMAIL);
      await page.getByRole('button', { name: 'Send message' }).click();
      await page.getByText('Your message has reached the library').waitFor({ timeout: 10_000 });
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
    // Staff answer it in the console; the answer goes to the patron by email.
    const row = ben.page.locator('.row').filter({ hasText: 'meeting room' });
    await row.waitFor({ timeout: 15_000 });
    await row.click();
    const answer = `Yes, the meeting room is yours on Tuesday from 6 pm (ref ${Date.now()}).`;
    await ben.page.locator('#composer-text').fill(answer);
    await ben.page.getByRole('button', { name: 'Send reply' }).click();
    await waitForMail((m) => m.includes(answer), 'the answer');
    await setHours(true);
  });

  test('a site that knows its patron passes a signed identity; a forged one is refused, and said so', async () => {
    const { widget_secret } = await asAdmin('PUT', '/api/settings/chat', { regenerate_secret: true });
    const ts = Math.floor(Date.now() / 1000);
    const sign = (id) => createHmac('sha256', Buffer.from(widget_secret, 'hex')).update(`${id}.${ts}`).digest('hex');
    const identity = (id, sig) =>
      `<script>window.RefdeskChat = { identity: ${JSON.stringify({ id, name: 'Grace Hopper', ts, sig })} };</script>`;
    const signed = await librarySite(stack.url, '', identity('card-1906', sign('card-1906')));
    const forged = await librarySite(stack.url, '', identity('card-1906', sign('card-0000')));
    await asAdmin('PUT', '/api/settings/chat', { allowed_origins: [site.origin, signed.origin, forged.origin] });
    const visitor = await openBrowser();
    try {
      const { page } = visitor;
      const w = widget(page);
      await page.goto(signed.origin + '/');
      await w.launcher.click();
      await w.input.fill('I am logged in: can you renew my books?');
      await page.keyboard.press('Enter');
      await w.message('renew my books').locator('.rd-state', { hasText: /Sent|Seen/ }).waitFor({ timeout: 15_000 });
      assert.equal(await page.getByRole('alert').count(), 0);
      // The site's name for the patron reached the conversation.
      await ben.page.locator('.row').filter({ hasText: 'renew my books' }).filter({ hasText: 'Grace Hopper' }).waitFor();

      await page.goto(forged.origin + '/');
      await w.launcher.click();
      await page.getByRole('alert').filter({ hasText: 'could not be confirmed; you are chatting as a guest' }).waitFor();
      await w.input.fill('Hello as a guest');
      await page.keyboard.press('Enter');
      await w.message('as a guest').locator('.rd-state', { hasText: /Sent|Seen/ }).waitFor({ timeout: 15_000 });
    } finally {
      await visitor.close();
      await signed.close();
      await forged.close();
    }
  });

  test('a page on a site not on the library allow-list is refused', async () => {
    assert.equal(await upgradeStatus(stack.url, otherSite.origin), 403);
    assert.equal(await upgradeStatus(stack.url, site.origin), 101);
    const stranger = await openBrowser();
    try {
      const { page } = stranger;
      const closes = [];
      page.on('websocket', (ws) => ws.on('close', () => closes.push(ws.url())));
      await page.goto(otherSite.origin + '/');
      const w = widget(page);
      await w.launcher.click();
      await eventually(() => closes.length > 0, { what: 'the refused socket', timeout: 15_000 });
      assert.notEqual(await w.status.getAttribute('data-link'), 'open');
      assert.equal(await page.locator('.rd-msg.rd-from-staff').count(), 0);
    } finally {
      await stranger.close();
    }
  });

  test('as the patron types, FAQ answers are suggested and announced; one answered them; sending stays possible', async () => {
    await setHours(true);
    for (const e of [
      { question: 'How do I renew my books?', short_answer: 'Renew up to 3 times in My Account.', answer_html: '<p>Choose Renew in My Account.</p>' },
      { question: 'Where can I park?', short_answer: 'Free parking behind the building.', answer_html: '<p>The lot is behind the building.</p>' },
    ]) {
      const created = await asAdmin('POST', '/api/faq', { ...e, topics: [] });
      await asAdmin('POST', `/api/faq/${created.id}/publish`, {});
    }
    const visitor = await openBrowser();
    const requests = [];
    visitor.page.on('request', (r) => requests.push(r.url()));
    try {
      const { page } = visitor;
      await page.goto(site.origin + '/');
      const w = widget(page);
      await w.launcher.click();
      // A misspelt question, typed key by key as a patron does.
      await w.input.pressSequentially('how do i renwe my boks', { delay: 20 });
      const hints = page.getByRole('region', { name: /These answers may help/ });
      const link = hints.getByRole('link', { name: 'How do I renew my books?' });
      await link.waitFor();
      assert.equal(await hints.getByRole('listitem').count(), 1, 'only the entry that matches');
      assert.match(await link.getAttribute('href'), new RegExp(`^${stack.url}/faq/${LIBRARY_SLUG}/how-do-i-renew-my-books$`));
      assert.match(await hints.innerText(), /Renew up to 3 times in My Account/);
      // Announced politely, not by moving focus: the patron keeps typing where they were.
      await eventually(async () => /Suggested answers above the message box: 1/.test(await w.live.innerText()), {
        what: 'the hints announced',
      });
      assert.equal(await focused(page), 'textarea#rd-input');
      await axe(page, 'open with FAQ suggestions');
      await shot(page, '08-faq-hints');

      // Never blocked: the question can still be sent as it is.
      assert.equal(await w.input.inputValue(), 'how do i renwe my boks');
      assert.ok(await page.getByRole('button', { name: 'Send', exact: true }).isEnabled());

      await hints.getByRole('button', { name: 'This answered my question' }).click();
      await page.getByRole('status').filter({ hasText: 'Glad it helped' }).waitFor();
      await eventually(
        async () =>
          (await stack.sql(
            `SELECT sum(d.count) FROM faq_deflection d JOIN faq_entry e ON e.library_id = d.library_id AND e.id = d.entry_id
              WHERE e.question = 'How do I renew my books?' AND d.source = 'widget'`,
          )) === '1',
        { what: 'the widget deflection counted once' },
      );
      await axe(page, 'after "this answered my question"');
      const elsewhere = requests.filter((u) => !u.startsWith(stack.url) && !u.startsWith(site.origin));
      assert.deepEqual(elsewhere, [], 'no third-party requests');
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
    }
  });

  test('no script errors on the patron page or in the console', () => {
    assert.deepEqual(patron.problems, []);
    // The console's first session check, before logging in, is an expected 401.
    const expected = /Failed to load resource: the server responded with a status of 401/;
    assert.deepEqual(ben.problems.filter((p) => !expected.test(p)), []);
  });

  test('the demo page embeds the widget as a library would: chat as a patron, answer as staff', async () => {
    // `refdesk demo` (what scripts/demo runs) loads the Springfield demo library with chat on.
    // As in scripts/demo, the data is loaded before the hub starts (the last test: it restarts).
    const out = await stack.cli(['demo']);
    const [, email, password] = out.match(/manager\s+(\S+)\s+(\S+)/);
    await stack.stopServer();
    await stack.startServer();
    const staff = await openBrowser();
    const visitor = await openBrowser();
    try {
      await logIn(staff.page, stack, { email, password });
      // The manager at the console makes the demo chat open (its team is open all week).
      await eventually(async () => (await (await fetch(stack.url + '/chat/demo/config')).json()).availability.open, {
        what: 'the demo chat to open',
      });
      const { page } = visitor;
      await page.goto(stack.url + '/chat/demo');
      await page.getByRole('heading', { name: 'Your library, open to everyone' }).waitFor();
      const w = widget(page);
      await w.launcher.click();
      await w.input.fill('Hello from the demo page!');
      await page.keyboard.press('Enter');
      await w.message('Hello from the demo page').locator('.rd-state', { hasText: /Sent|Seen/ }).waitFor();
      const id = await stack.sql(`SELECT conversation_id FROM message WHERE body = 'Hello from the demo page!'`);
      await staff.page.goto(`${stack.url}/inbox/open/${id}`);
      await staff.page.locator('#composer-text').fill('Welcome to the demo, from the console.');
      await staff.page.getByRole('button', { name: 'Send reply' }).click();
      await w.message('Welcome to the demo').waitFor({ timeout: 15_000 });
      await axe(page, 'open on the demo page');
      await shot(page, '07-demo-page');
      // The page's strict CSP (script-src 'self'; style-src 'self') let the widget run and style itself.
      assert.deepEqual(visitor.problems, []);
    } finally {
      await visitor.close();
      await staff.close();
    }
  });
});
