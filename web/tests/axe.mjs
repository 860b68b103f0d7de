// One accessibility check for every browser test: axe with the WCAG 2.2 AA rule set; the
// report names each violation and where it is.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';

export async function axe(page, name) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  const report = result.violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  assert.equal(result.violations.length, 0, `axe found violations on the ${name} screen:\n${report}`);
}
