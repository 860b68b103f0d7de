// The public FAQ in a real browser against the real server: search without JavaScript, an
// entry's own page, "this answered my question"; axe-clean, no cookies, no request to any
// other origin, readable on a phone.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, LIBRARY_SLUG, STAFF, apiSession, logIn, openBrowser, startStack } from './harness.mjs';

async function axe(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const report = result.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  assert.equal(result.violations.length, 0, `axe found violations on the ${name} page:\n${report}`);
}

const ENTRIES = [
  {
    question: 'How do I renew my books?',
    short_answer: 'Renew up to 3 times online in My Account.',
    answer_html: '<p>Log in to <b>My Account</b> and choose Renew. Items with a hold cannot be renewed.</p>',
    topics: ['borrowing'],
  },
  {
    question: 'What are your opening hours?',
    short_answer: 'Monday to Thursday 9am-8pm, Friday and Saturday 9am-6pm.',
    answer_html: '<p>Monday to Thursday 9 am to 8 pm; Friday and Saturday 9 am to 6 pm; Sunday closed.</p>',
    topics: ['visiting'],
  },
  {
    question: 'How do I get a library card?',
    short_answer: 'Bring a photo ID and proof of address to any desk.',
    answer_html: '<p>Cards are free. Bring a photo ID and proof of address.</p>',
    topics: ['cards'],
  },
];

describe('public FAQ', () => {
  let stack;
  let browser;
  const requests = [];

  before(async () => {
    stack = await startStack();
    const asAda = await apiSession(stack, STAFF.ada);
    for (const e of ENTRIES) {
      const created = await asAda('POST', '/api/faq', e);
      await asAda('POST', `/api/faq/${created.id}/publish`, {});
    }
    // A phone. The pages carry no script at all (their CSP allows none); axe itself needs
    // the browser's JavaScript, so it stays on.
    browser = await openBrowser({ viewport: { width: 390, height: 844 } });
    browser.page.on('request', (r) => requests.push(r.url()));
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  test('a patron searches with a misspelling, opens the entry and says it answered them', async () => {
    const { page, context } = browser;
    await page.goto(`${stack.url}/faq/${LIBRARY_SLUG}`);
    await page.getByRole('heading', { name: 'Questions and answers', level: 1 }).waitFor();
    assert.equal(await page.locator('script').count(), 0, 'no script on patron pages');
    await axe(page, 'FAQ home');

    await page.getByLabel('Search our answers').fill('renwe my book');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: /Answers for/ }).waitFor();
    const first = page.getByRole('region', { name: /Answers for/ }).getByRole('link').first();
    assert.equal(await first.textContent(), 'How do I renew my books?');
    await axe(page, 'search results');
    await page.screenshot({ path: join(ARTIFACTS, 'faq-results-phone.png'), fullPage: true });

    await first.click();
    await page.getByRole('heading', { name: 'How do I renew my books?', level: 1 }).waitFor();
    assert.match(page.url(), new RegExp(`/faq/${LIBRARY_SLUG}/how-do-i-renew-my-books$`));
    assert.match(await page.locator('.answer').innerHTML(), /<b>My Account<\/b>/);
    await axe(page, 'entry');

    await page.getByRole('button', { name: 'This answered my question' }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'This answered my question' }).count(), 0);
    await axe(page, 'entry after thanks');

    const asAda = await apiSession(stack, STAFF.ada);
    const figures = await asAda('GET', '/api/faq/analytics');
    const renew = figures.entries.find((e) => e.question === 'How do I renew my books?');
    assert.equal(renew.helpful_count, 1);
    assert.equal(renew.views, 2);
    assert.deepEqual(figures.deflections_by_source, [{ source: 'page', count: 1 }]);

    assert.deepEqual(await context.cookies(), [], 'no cookies on patron pages');
    const foreign = requests.filter((u) => !u.startsWith(stack.url));
    assert.deepEqual(foreign, [], 'no request to another origin');
  });

  test('topics list their entries and a search without answers points to a person', async () => {
    const { page } = browser;
    await page.goto(`${stack.url}/faq/${LIBRARY_SLUG}`);
    await page.getByRole('navigation', { name: 'Topics' }).getByRole('link', { name: 'visiting' }).click();
    const topic = page.getByRole('region', { name: 'Topic: visiting' });
    await topic.getByRole('link', { name: 'What are your opening hours?' }).waitFor();
    await page.getByLabel('Search our answers').fill('zeppelin');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('We have no ready answer for that yet', { exact: false }).waitFor();
    await axe(page, 'no results');
  });

  test('staff insert an FAQ answer while replying, and manage entries on the FAQ screen', async () => {
    const staff = await openBrowser();
    try {
      const { page } = staff;
      await logIn(page, stack, STAFF.ada);
      await stack.simulate('+15551239876', 'Hi, can I renew my books by text?');
      const row = page.locator('.row').filter({ hasText: 'renew my books by text' });
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      await page.locator('.msg-in').filter({ hasText: 'renew my books' }).waitFor();

      await page.getByRole('button', { name: 'FAQ answers' }).last().click();
      const suggestions = page.getByRole('list', { name: 'FAQ suggestions' });
      await suggestions.getByText('How do I renew my books?', { exact: true }).waitFor();
      await axe(page, 'composer FAQ suggestions');
      await suggestions.getByRole('button', { name: 'Insert link to How do I renew my books?' }).click();
      const text = await page.locator('#composer-text').inputValue();
      assert.equal(text, `${stack.url}/faq/${LIBRARY_SLUG}/how-do-i-renew-my-books`);

      await page.getByRole('navigation', { name: 'Queues' }).getByRole('button', { name: 'FAQ answers' }).click();
      const dialog = page.getByRole('dialog', { name: 'FAQ answers' });
      await dialog.getByRole('cell', { name: 'What are your opening hours?', exact: true }).waitFor();
      await dialog.getByRole('button', { name: 'New entry' }).click();
      await dialog.getByLabel('Question').fill('Do you have a printer?');
      await dialog.getByLabel(/Short answer/).fill('Yes, 10 cents a page.');
      await dialog.getByLabel('Answer', { exact: true }).fill('Print from any library computer.\n\nColor is 50 cents.');
      await dialog.getByRole('button', { name: 'Save' }).click();
      const newRow = dialog.getByRole('row').filter({ hasText: 'Do you have a printer?' });
      await newRow.getByRole('cell', { name: 'Draft', exact: true }).waitFor();
      await axe(page, 'FAQ screen');
      await newRow.getByRole('button', { name: /^Publish/ }).click();
      await newRow.getByRole('cell', { name: 'Published', exact: true }).waitFor();
      await page.screenshot({ path: join(ARTIFACTS, 'faq-console.png') });
      const res = await fetch(`${stack.url}/faq/${LIBRARY_SLUG}/search.json?q=printer`);
      assert.equal((await res.json()).results[0].question, 'Do you have a printer?');
    } finally {
      await staff.close();
    }
  });
});
