// End-to-end tests of the chat widget as patrons meet it: embedded in a library's own
// website (another origin than the hub), against the real hub, database and Chromium, with
// staff answering from the real console in a second browser.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, LIBRARY_SLUG, STAFF, apiSession, eventually, logIn, openBrowser, startStack } from './harness.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

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
async function librarySite(hubUrl, attrs = '') {
  const page = (title) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
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
  let asAda;
  let team;
  let site;
  let otherSite;
  let ben;
  let patron;

  /** Opening hours for the chat team: all week, or none at all (closed). */
  const setHours = async (open) => {
    await stack.sql(`DELETE FROM team_hours WHERE team_id = ${team.id}`);
    if (open) {
      await stack.sql(
        `INSERT INTO team_hours (library_id, team_id, weekday, opens, closes)
         SELECT library_id, id, d, '00:00', '24:00' FROM team, generate_series(1, 7) d WHERE id = ${team.id}`,
      );
    }
  };

  before(async () => {
    stack = await startStack();
    asAda = await apiSession(stack, STAFF.ada);
    team = await asAda('POST', '/api/teams', { name: 'Reference', member_ids: [] });
    site = await librarySite(stack.url);
    otherSite = await librarySite(stack.url);
    // The library allows its own website only (not `otherSite`).
    await stack.sql(
      `INSERT INTO chat_settings (library_id, enabled, allowed_origins, widget_secret, team_id, greeting, languages)
       SELECT id, true, ARRAY['${site.origin}'], decode(md5(random()::text) || md5(random()::text), 'hex'), ${team.id}, 'Hello! Ask us anything.', '{en,es}'
         FROM library WHERE slug = '${LIBRARY_SLUG}'`,
    );
    await setHours(true);
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
    assert.equal(await focused(page), 'button.rd-launcher');
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

  test('no script errors on the patron page or in the console', () => {
    assert.deepEqual(patron.problems, []);
    // The console's first session check, before logging in, is an expected 401.
    const expected = /Failed to load resource: the server responded with a status of 401/;
    assert.deepEqual(ben.problems.filter((p) => !expected.test(p)), []);
  });
});
