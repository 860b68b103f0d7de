// Starts everything the browser tests need, for real: a fresh Postgres database, the
// `refdesk` binary serving the built console on a free port, a library with two staff
// accounts; and Debian's Chromium with a fresh profile per staff member.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const run = promisify(execFile);
export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ARTIFACTS = join(WEB_DIR, 'test-artifacts');
const ADMIN_URL = process.env.REFDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BIN = process.env.REFDESK_BIN ?? resolve(WEB_DIR, '../target/debug/refdesk');
// The brief's `--slug t` is refused: slugs are 2-63 characters (migrations/0001_core.sql).
export const LIBRARY_SLUG = 'tl';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const STAFF = {
  ada: { email: 'a@t.example', name: 'Ada Lovelace', role: 'manager', password: 'correct horse battery A1' },
  ben: { email: 'b@t.example', name: 'Ben Okafor', role: 'staff', password: 'correct horse battery B2' },
};

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

async function psql(sql) {
  await run('psql', [ADMIN_URL, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql]);
}

async function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Runs the refdesk CLI against the test database; `input` goes to stdin. */
function cli(env, args, input) {
  return new Promise((res, rej) => {
    const child = spawn(BIN, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', rej);
    child.on('close', (code) =>
      code === 0 ? res(out) : rej(new Error(`refdesk ${args[0]} ${args[1] ?? ''} exited ${code}: ${err || out}`)),
    );
    child.stdin.end(input ?? '');
  });
}

/** Polls `check` until it returns a truthy value or the deadline passes. */
export async function eventually(check, { timeout = 10_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Extra environment for `refdesk serve` (e.g. a test's own settings); the default is none. */
export async function startStack({ env: extraEnv = {} } = {}) {
  try {
    await stat(join(WEB_DIR, 'dist/console/index.html'));
  } catch {
    throw new Error('web/dist/console is not built: run `npm run build` in web/ first (npm test does).');
  }
  try {
    await stat(BIN);
  } catch {
    throw new Error(`no refdesk binary at ${BIN}: run \`cargo build --bin refdesk\` (or set REFDESK_BIN)`);
  }
  await mkdir(ARTIFACTS, { recursive: true });

  const dbName = `refdesk_web_${process.pid}_${Date.now().toString(36)}`;
  await psql(`CREATE DATABASE "${dbName}"`);
  const databaseUrl = withDatabase(ADMIN_URL, dbName);
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REFDESK_LISTEN: `127.0.0.1:${port}`,
    REFDESK_LOG: process.env.REFDESK_LOG ?? 'warn',
    ...extraEnv,
  };
  delete env.REFDESK_CONFIG;

  const log = createWriteStream(join(ARTIFACTS, 'server.log'));
  const stack = {
    url: `http://127.0.0.1:${port}`,
    databaseUrl,
    server: null,
    async stopServer() {
      const server = this.server;
      if (!server || server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    /** Starts `refdesk serve` (again) on the same port and waits until it is ready. */
    async startServer() {
      const server = spawn(BIN, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      this.server = server;
      server.stdout.pipe(log, { end: false });
      server.stderr.pipe(log, { end: false });
      await eventually(
        async () => {
          if (server.exitCode !== null) throw new Error(`server exited ${server.exitCode}; see test-artifacts/server.log`);
          return (await fetch(this.url + '/readyz')).ok;
        },
        { timeout: 30_000, what: 'the server to be ready' },
      );
    },
    async stop() {
      await this.stopServer();
      log.end();
      await psql(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    },
    /** Runs SQL on this run's database (setup the API has no route for); returns psql's rows. */
    sql: async (query) => (await run('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qAtc', query])).stdout.trim(),
    /** Runs the refdesk CLI against this run's database (e.g. `staff add` for another role). */
    cli: (args, input) => cli(env, args, input),
    /** A patron texts the library, through the real ingest. */
    simulate: (from, text) => cli(env, ['simulate', '--library', LIBRARY_SLUG, '--from', from, '--text', text]),
  };

  try {
    await cli(env, ['migrate']);
    await cli(env, ['library', 'add', '--slug', LIBRARY_SLUG, '--name', 'Test Public Library']);
    for (const s of Object.values(STAFF)) {
      await cli(
        env,
        ['staff', 'add', '--library', LIBRARY_SLUG, '--email', s.email, '--name', s.name, '--role', s.role, '--password-stdin'],
        s.password + '\n',
      );
    }
    await stack.startServer();
  } catch (e) {
    await stack.stop().catch(() => {});
    throw e;
  }
  return stack;
}

/** Logs in over the API (for setup the UI has no screen for, e.g. creating teams). */
export async function apiSession(stack, who) {
  const res = await fetch(stack.url + '/api/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: stack.url },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const info = await res.json();
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return async (method, path, body) => {
    const r = await fetch(stack.url + path, {
      method,
      headers: {
        Cookie: cookie,
        Origin: stack.url,
        'X-CSRF-Token': info.csrf_token,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${await r.text()}`);
    return r.status === 204 ? null : r.json();
  };
}

/** A browser profile of its own (one per staff member), Debian's Chromium, headless. */
export async function openBrowser(options = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'refdesk-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 860 },
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function logIn(page, stack, who) {
  await page.goto(stack.url + '/');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Queues' }).waitFor();
}
