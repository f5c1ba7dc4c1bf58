// Accessibility checks with axe-core (WCAG 2 A and AA rules) on the page as it is now.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids injected script tags.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Violations as short lines: "rule (impact): target — help". Empty when the page passes. */
export async function a11yViolations(page, exclude = []) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async (excluded) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run({ exclude: excluded.map((s) => [s]) }, { runOnly: ['wcag2a', 'wcag2aa'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  }, exclude);
  return result.map((v) => `${v.id} (${v.impact}): ${v.targets.join(', ')} — ${v.help}`);
}
