// The survey channel in a real browser: the public survey on a phone (language picker,
// errors, submit), the kiosk (starts over by itself), the printable form, and staff keying
// in a paper response; every screen scanned with axe.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, LIBRARY_SLUG, STAFF, apiSession, eventually, logIn, openBrowser, startStack } from './harness.mjs';

async function axe(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const report = result.violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`).join('\n');
  assert.equal(result.violations.length, 0, `axe found violations on the ${name} screen:\n${report}`);
}

const t = (en, es) => ({ en, es });
const opt = (key, en, es) => ({ key, label: t(en, es) });
const DEFINITION = {
  default_language: 'en',
  languages: ['en', 'es'],
  title: t('How are we doing?', '¿Cómo lo estamos haciendo?'),
  intro: t('Two minutes.', 'Dos minutos.'),
  thanks: t('Thanks!', '¡Gracias!'),
  questions: [
    { key: 'overall', kind: 'rating', scale: 5, required: true, prompt: t('Overall, how satisfied are you?', 'En general, ¿qué tan satisfecho está?') },
    { key: 'staff_help', kind: 'aspect', scale: 5, prompt: t('Help from staff', 'Ayuda del personal') },
    { key: 'recommend', kind: 'nps', prompt: t('Would you recommend us?', '¿Nos recomendaría?') },
    { key: 'patron_type', kind: 'context', prompt: t('Which describes you best?', '¿Qué le describe mejor?'),
      options: [opt('adult', 'Adult', 'Adulto'), opt('student', 'Student', 'Estudiante'), opt('senior', 'Senior', 'Mayor')] },
    { key: 'comment', kind: 'free_text', max_chars: 2000, prompt: t('Anything else?', '¿Algo más?') },
    { key: 'contact', kind: 'contact_me', prompt: t('May we contact you?', '¿Podemos contactarle?') },
  ],
};

describe('survey pages', () => {
  let stack;
  let manager;
  let surveyId;
  const url = (p = '') => `${stack.url}/s/${LIBRARY_SLUG}/daily${p}`;

  before(async () => {
    stack = await startStack();
    manager = await apiSession(stack, STAFF.ada);
    const created = await manager('POST', '/api/surveys', { slug: 'daily', name: 'Daily', definition: DEFINITION });
    surveyId = created.survey.id;
    await manager('POST', `/api/surveys/${surveyId}/publish`);
  });
  after(() => stack?.stop());

  test('a patron fills the survey on a phone, in Spanish, without cookies or script', async () => {
    const b = await openBrowser({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const requests = [];
    b.page.on('request', (r) => requests.push(r.url()));
    try {
      const { page } = b;
      await page.goto(url());
      await axe(page, 'public survey');
      await page.getByRole('link', { name: 'Español' }).click();
      await page.waitForURL(/lang=es/);
      assert.equal(await page.getAttribute('html', 'lang'), 'es');
      // Sending without the required answer brings the form back with a linked error.
      await page.locator('form').evaluate((f) => f.setAttribute('novalidate', ''));
      await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
      await page.getByRole('alert').waitFor();
      await axe(page, 'public survey with errors');
      await page.getByRole('group', { name: /En general/ }).getByRole('radio', { name: '4', exact: true }).check();
      await page.getByRole('group', { name: /Ayuda del personal/ }).getByRole('group', { name: /importante/ }).getByRole('radio', { name: '5', exact: true }).check();
      await page.getByRole('group', { name: /Ayuda del personal/ }).getByRole('group', { name: /satisfecho/ }).getByRole('radio', { name: '3', exact: true }).check();
      await page.getByLabel('Estudiante').check();
      await page.getByLabel(/¿Algo más\?/).fill('Más horas los domingos.');
      await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
      await page.getByRole('status').filter({ hasText: 'Recibimos sus respuestas' }).waitFor();
      await axe(page, 'thank-you page');
      await page.screenshot({ path: join(ARTIFACTS, 'survey-phone-thanks.png') });
      assert.deepEqual(await b.context.cookies(), [], 'no cookies on patron pages');
      assert.ok(requests.every((r) => r.startsWith(stack.url)), `only our origin: ${requests.filter((r) => !r.startsWith(stack.url))}`);
      const results = await manager('GET', `/api/surveys/${surveyId}/results`);
      assert.equal(results.responses, 1);
      assert.equal(results.by_source.web, 1);
      // The one failed load is the deliberately incomplete form (422 with its errors).
      assert.deepEqual(b.problems.filter((p) => !p.includes('422')), []);
    } finally {
      await b.close();
    }
  });

  test('the kiosk takes an answer and starts over by itself', async () => {
    const b = await openBrowser({ viewport: { width: 1080, height: 1920 } });
    try {
      const { page } = b;
      await page.goto(url('?kiosk=1'));
      await axe(page, 'kiosk survey');
      assert.equal(await page.getByRole('link', { name: /print/i }).count(), 0, 'no way out to other pages');
      const box = await page.getByRole('group', { name: /Overall/ }).locator('label.pick').first().boundingBox();
      assert.ok(box.width >= 44 && box.height >= 44, `large targets (${box.width}x${box.height})`);
      await page.getByRole('group', { name: /Overall/ }).getByRole('radio', { name: '5', exact: true }).check();
      await page.getByRole('button', { name: 'Send my answers' }).click();
      await page.waitForURL(/thanks.*kiosk=1/);
      // The thank-you screen returns to a fresh form on its own.
      await page.waitForURL((u) => !u.pathname.endsWith('/thanks') && u.search.includes('kiosk=1'), { timeout: 20_000 });
      assert.equal(await page.getByRole('group', { name: /Overall/ }).locator('input:checked').count(), 0);
      const results = await manager('GET', `/api/surveys/${surveyId}/results`);
      assert.equal(results.by_source.kiosk, 1);
      assert.deepEqual(b.problems, []);
    } finally {
      await b.close();
    }
  });

  test('the printable form renders for paper', async () => {
    const b = await openBrowser();
    try {
      const { page } = b;
      await page.goto(url('/print'));
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('form').count(), 0);
      assert.ok(await page.getByText('Paper form').isVisible());
      assert.equal(await page.locator('input[type=radio]').count(), 5 + 10 + 11 + 3);
      await axe(page, 'print form');
      await page.pdf({ path: join(ARTIFACTS, 'survey-print.pdf') });
    } finally {
      await b.close();
    }
  });

  test('staff key in a paper response, and the manager sees it in the results', async () => {
    let b = await openBrowser();
    try {
      let { page } = b;
      await logIn(page, stack, STAFF.ben);
      await page.getByRole('link', { name: 'Surveys' }).click();
      await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
      await axe(page, 'survey list');
      await page.getByRole('link', { name: /Enter paper responses/ }).click();
      await page.getByRole('heading', { name: 'Enter paper responses' }).waitFor();
      await page.getByLabel(/Overall, how satisfied are you\? \(1-5\)/).fill('2');
      await page.getByLabel('Which describes you best?').selectOption('senior');
      await axe(page, 'paper entry');
      await page.getByRole('button', { name: 'Save this sheet' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved paper response' }).waitFor();
      const results = await manager('GET', `/api/surveys/${surveyId}/results`);
      assert.equal(results.by_source.paper, 1);

      await b.close();
      b = await openBrowser();
      page = b.page;
      await logIn(page, stack, STAFF.ada);
      await page.goto(`${stack.url}/surveys/${surveyId}/results`);
      await page.getByRole('heading', { name: /Results/ }).waitFor();
      await page.getByRole('img', { name: /Opportunity Index/ }).waitFor();
      await eventually(async () => (await page.getByRole('table').count()) >= 3, { what: 'the figures tables' });
      await axe(page, 'survey results');
      await page.goto(`${stack.url}/surveys/${surveyId}`);
      await page.getByRole('heading', { name: 'Edit survey' }).waitFor();
      await axe(page, 'survey builder');
      await page.screenshot({ path: join(ARTIFACTS, 'survey-builder.png'), fullPage: true });
      // The console checks its session on load; a 401 before logging in is expected.
      assert.deepEqual(b.problems.filter((p) => !p.includes('401')), []);
    } finally {
      await b.close();
    }
  });
});
