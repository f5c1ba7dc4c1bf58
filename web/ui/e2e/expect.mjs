// The few assertions the browser tests need (Playwright's test runner is not installed, only playwright-core).
export function expect(actual) {
  const fail = (what) => { throw new Error(`expected ${JSON.stringify(actual)} ${what}`); };
  return {
    toBe: (v) => { if (actual !== v) fail(`to be ${JSON.stringify(v)}`); },
    toContain: (v) => { if (!String(actual).includes(v)) fail(`to contain ${JSON.stringify(v)}`); },
    not: { toContain: (v) => { if (String(actual).includes(v)) fail(`not to contain ${JSON.stringify(v)}`); } },
    toBeGreaterThan: (v) => { if (!(actual > v)) fail(`to be greater than ${v}`); },
    toBeCloseTo: (v, within) => { if (!(Math.abs(actual - v) <= within)) fail(`to be within ${within} of ${v}`); },
  };
}
