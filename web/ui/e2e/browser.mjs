// Starting Debian's Chromium through playwright-core (no browser download), and a small step runner.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export async function openBrowser() {
  // headless: Playwright adds --headless and a fresh temporary --user-data-dir itself.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** Console errors and uncaught exceptions of a page; `expected(text)` lets a step allow a known one. */
export function watchConsole(page) {
  const problems = [];
  let allowed = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed.some((re) => re.test(m.text()))) problems.push(`console: ${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  return {
    problems,
    /** While `fn` runs, console errors matching `re` (e.g. an intended 400) are expected. */
    async allowing(re, fn) {
      allowed = [...allowed, re];
      try { return await fn(); } finally { allowed = allowed.filter((x) => x !== re); }
    },
  };
}

export function stepper(shotDir) {
  mkdirSync(shotDir, { recursive: true });
  let failures = 0;
  return {
    async step(name, page, fn) {
      const started = Date.now();
      try {
        await fn();
        console.log(`ok   ${name} (${Date.now() - started} ms)`);
      } catch (e) {
        failures++;
        console.log(`FAIL ${name}: ${e.stack ?? e}`);
        await page.screenshot({ path: join(shotDir, `failure-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
        throw e;
      }
    },
    shot: (page, file) => page.screenshot({ path: join(shotDir, file) }),
    get failures() { return failures; },
  };
}
