// Browser tests of the Lethe UI against a running server: LETHE_URL, LETHE_ADMIN_PASSWORD,
// SCREENSHOT_DIR (default ./screenshots). Exit code 0 when every step passed.
// Started by the web module's UiBrowserTest (./lethe test); by hand: node e2e/run.mjs.
import { readFile } from 'node:fs/promises';
import { expect } from './expect.mjs';
import { a11yViolations } from './a11y.mjs';
import { openBrowser, stepper, watchConsole } from './browser.mjs';

const base = process.env.LETHE_URL ?? 'http://127.0.0.1:8080';
const adminPassword = process.env.LETHE_ADMIN_PASSWORD ?? 'admin-password-for-tests';
const shots = process.env.SCREENSHOT_DIR ?? 'screenshots';
const ERIN = 'erin-password-long-enough';
const { step, shot } = stepper(shots);

const browser = await openBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
// Generous: on a busy 2-core CI machine the server compiles code while the browser works.
context.setDefaultTimeout(20_000);
const page = await context.newPage();
const console_ = watchConsole(page);
const run = async () => {
  await step('login', page, async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Sign in to Lethe' }).waitFor();
    await shot(page, 'login.png');
    await accessible(page, 'login');
    await console_.allowing(/status of 401/, async () => {
      await page.getByLabel('Username').fill('admin');
      await page.getByLabel('Password').fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
    });
    await page.getByLabel('Password').fill(adminPassword);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    await page.getByLabel('User menu').click();
    expect(await page.locator('.user-menu .roles').innerText()).toContain('admin');
    expect(await page.locator('.user-menu .roles').innerText()).toContain('designer');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ state: 'hidden' });
  });

  await step('build a model', page, async () => {
    await page.getByRole('link', { name: 'New model' }).click();
    await page.getByLabel('Name', { exact: true }).fill('customer');
    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Attribute 1 name').fill('email');
    await page.getByLabel('Attribute 1 required').check();
    await page.getByLabel('Attribute 1 sensitivity').selectOption('personal');
    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Attribute 2 name').fill('tier');
    await page.getByLabel(/Delete instances unchanged for/).fill('730'); // storage limitation: two years
    await page.getByLabel('Comment').fill('first');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await page.waitForURL('**/models/customer');
    await page.reload();
    await page.locator('.attributes .sens-personal').waitFor();
    expect(await page.getByLabel(/Delete instances unchanged for/).inputValue()).toBe('730');
    await shot(page, 'model-editor.png');
    await accessible(page, 'model-editor');
  });

  await step('instances: create, deactivate, count still stored; delete for good', page, async () => {
    await page.getByRole('link', { name: 'Instances' }).first().click();
    await page.getByText('Retention: instances unchanged for 730 days are deleted for good').waitFor();
    await page.getByText('0 deactivated, still stored').waitFor();
    await page.getByText('New instance').click();
    await page.getByLabel('Attribute values (JSON)').fill('{"email": "grace@example.org", "tier": "gold"}');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('cell', { name: /grace@example\.org/ }).waitFor();
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByText('1 deactivated, still stored').waitFor();
    await page.getByLabel('include deactivated').check();
    await page.getByRole('button', { name: 'Query' }).click();
    await page.getByRole('button', { name: 'Reactivate' }).waitFor();
    await shot(page, 'instances.png');
    await accessible(page, 'instances');
    // Deleting, unlike deactivating, removes the instance: after a confirmation it is neither listed nor counted.
    await page.getByLabel('Attribute values (JSON)').fill('{"email": "brief@example.org", "tier": "tin"}');
    await page.getByRole('button', { name: 'Create' }).click();
    const brief = page.getByRole('row').filter({ hasText: 'brief@example.org' });
    await brief.waitFor();
    await page.getByText(/^Created instance /).waitFor();
    await page.getByText('1 active', { exact: true }).waitFor();
    // Edited in place: the values given are set, the others stay.
    await brief.getByRole('button', { name: /^Edit instance/ }).click();
    const edit = page.getByRole('region', { name: /^Edit instance/ });
    await edit.getByLabel('Attribute values (JSON)').fill('{"tier": "bronze"}');
    await edit.getByRole('button', { name: 'Save' }).click();
    await brief.getByRole('cell', { name: 'bronze', exact: true }).waitFor();
    await edit.waitFor({ state: 'detached' });
    page.once('dialog', (dialog) => dialog.accept());
    await brief.getByRole('button', { name: /^Delete instance/ }).click();
    await brief.waitFor({ state: 'detached' });
    await page.getByText('0 active', { exact: true }).waitFor();
    await page.getByText('1 deactivated, still stored').waitFor();
  });

  await step('a model save that would leave values no attribute describes asks first, then deletes them', page, async () => {
    await page.getByRole('link', { name: 'Models', exact: true }).click();
    await page.getByRole('link', { name: 'customer', exact: true }).click();
    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Attribute 3 name').fill('nickname');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 2.').waitFor();
    const created = await page.request.post(`${base}/api/models/customer/instances`,
      { headers: await bearer(), data: { email: 'nick@example.org', nickname: 'Nicky' } });
    expect(created.status()).toBe(201);
    await page.getByRole('button', { name: 'Remove attribute nickname' }).click();
    await console_.allowing(/status of 409/, async () => {
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByText('Instances hold values of nickname (1 instance)').waitFor();
    });
    await page.getByRole('button', { name: 'Save and delete the values' }).click();
    await page.getByText('Saved as version 3.').waitFor();
    const stored = await page.request.get(`${base}/api/models/customer/instances`, { headers: await bearer() });
    expect(JSON.stringify(await stored.json())).not.toContain('Nicky');
    // Restoring a version without the attribute offers the same choice.
    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Attribute 3 name').fill('nickname');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved as version 4.').waitFor();
    expect((await page.request.post(`${base}/api/models/customer/instances`,
      { headers: await bearer(), data: { email: 'nick2@example.org', nickname: 'Nicko' } })).status()).toBe(201);
    await console_.allowing(/status of 409/, async () => {
      await page.getByRole('button', { name: 'Restore v3' }).click();
      await page.getByText('Instances hold values of nickname (1 instance). Restoring deletes those values for good.').waitFor();
    });
    await page.getByRole('button', { name: 'Restore and delete the values' }).click();
    await page.getByText('version 5', { exact: true }).waitFor();
    const restored = await page.request.get(`${base}/api/models/customer/instances`, { headers: await bearer() });
    expect(JSON.stringify(await restored.json())).not.toContain('Nicko');
  });

  await step('build a sequence with a script block', page, async () => {
    await newSequence('signup', 'script');
    const code = page.locator('.code-field .cm-content');
    await code.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('return {email: input.email.toLowerCase(), n: 1 +;');
    await page.locator('.code-field .cm-lintRange-error').first().waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('return {email: input.email.toLowerCase()};');
    await page.locator('.code-field .cm-lintRange-error').waitFor({ state: 'detached' });
    // Drag a create-instance block from the palette onto the canvas.
    await page.locator('[data-block-type="create-instance"]').dragTo(page.locator('.react-flow__pane'), { targetPosition: { x: 480, y: 110 } });
    await page.locator('.react-flow__node[data-id="create_instance1"]').waitFor();
    // Wire script1 --next--> create_instance1 by dragging between the handles.
    await drag(page.locator('.react-flow__node[data-id="script1"] .react-flow__handle[data-handleid="next"]'),
      page.locator('.react-flow__node[data-id="create_instance1"] .react-flow__handle.target'));
    await page.locator('.react-flow__edge').first().waitFor();
    await page.locator('.react-flow__node[data-id="create_instance1"]').click();
    await page.getByLabel('values', { exact: false }).first().fill('{"email": "{{steps.script1.output.email}}"}');
    // Save without the required model: the server's pointer marks the block and the field.
    await console_.allowing(/status of 400/, async () => {
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('.react-flow__node[data-id="create_instance1"] .block-node.invalid').waitFor();
      await page.locator('.block-form .field-error').filter({ hasText: /required/ }).first().waitFor();
    });
    await page.locator('#cfg-model').selectOption('customer');
    await page.getByLabel('Comment').fill('first');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await page.waitForURL('**/sequences/signup');
    expect(await page.locator('.block-node.invalid').count()).toBe(0);
  });

  await step('edit and save a second version', page, async () => {
    await page.locator('.react-flow__node[data-id="script1"]').click();
    await page.locator('.code-field .cm-content').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText('return {email: input.email.toUpperCase()};');
    await page.getByLabel('Comment').fill('shout');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    await shot(page, 'sequence-editor.png');
    await accessible(page, 'sequence-editor');
  });

  await step('run it and see the result', page, async () => {
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Input (JSON)').fill('{"email": "Ada@Example.org"}');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.run-result .status-succeeded').waitFor();
    expect(await page.getByTestId('run-output').innerText()).toContain('ADA@EXAMPLE.ORG');
    await shot(page, 'run.png');
    await accessible(page, 'run');
    // Its record, found by the link (records are written a moment after the run)
    const executionLink = page.getByRole('link', { name: /^execution / });
    const executionId = (await executionLink.innerText()).replace('execution ', '');
    await executionLink.click();
    await page.locator(`[aria-label="Execution ${executionId}"] .status-succeeded`).waitFor();
    await page.goBack();
  });

  await step('blocks added by clicks on the palette do not overlap', page, async () => {
    await newSequence('stacked', 'log');
    await page.locator('[data-block-type="log"]').click();
    await page.locator('[data-block-type="script"]').click();
    const boxes = []; // where each is placed on the canvas (not on the screen: the view may be moving to the new block)
    for (const id of ['log1', 'log2', 'script1']) {
      boxes.push(await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((node) => {
        const [x, y] = node.style.transform.match(/-?[\d.]+/g).map(Number);
        return { x, y, width: node.offsetWidth, height: node.offsetHeight };
      }));
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart ? 'apart' : `blocks ${i} and ${j} overlap`).toBe('apart');
      }
    }
    page.once('dialog', (dialog) => dialog.accept()); // leave the unsaved draft
    await page.getByRole('link', { name: 'Sequences' }).click();
  });

  await step('a "forget me" sequence files a purge request for an admin', page, async () => {
    await newSequence('forget-me', 'request-purge');
    await page.locator('#cfg-model').selectOption('customer');
    await page.getByLabel('where', { exact: false }).first().fill('{"email": "{{input.email}}"}');
    await page.getByLabel('attributes', { exact: false }).first().fill('{"email": "delete"}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 1.').waitFor();
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Input (JSON)').fill('{"email": "nobody@example.org"}');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.run-result .status-succeeded').waitFor();
    const { requestId } = JSON.parse(await page.getByTestId('run-output').innerText());
    let filed = {};
    for (let i = 0; i < 200 && filed.status !== 'planned'; i++) { // planned in the background: up to 20 s
      if (i > 0) await page.waitForTimeout(100);
      filed = await (await page.request.get(`${base}/api/purge-requests/${requestId}`, { headers: await bearer() })).json();
    }
    expect(filed.status).toBe('planned');
    expect(filed.requestedBy).toBe('sequence forget-me');
    const cancelled = await page.request.post(`${base}/api/purge-requests/${requestId}/cancel`, { headers: await bearer() });
    expect(cancelled.status()).toBe(200);
    await page.getByRole('link', { name: 'Sequences' }).click();
    await page.getByRole('link', { name: 'signup' }).click();
  });

  await step('diff and restore a version', page, async () => {
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByLabel('Diff from version 1').check();
    await page.getByLabel('Diff to version 2').check();
    await page.getByRole('button', { name: 'Compare v1 → v2' }).click();
    const diff = page.locator('.diff-table');
    await diff.waitFor();
    const source = diff.locator('tr', { hasText: 'config/source' });
    expect(await source.locator('.before').innerText()).toContain('toLowerCase');
    expect(await source.locator('.after').innerText()).toContain('toUpperCase');
    await shot(page, 'versions.png');
    await accessible(page, 'versions');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Restore v1' }).click();
    await page.getByText('restored from version 1').waitFor();
    await page.getByText('version 3', { exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Input (JSON)').fill('{"email": "Ada@Example.org"}');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.getByTestId('run-output').filter({ hasText: 'ada@example.org' }).waitFor();
  });

  await step('a stale save is refused and the newer version can be loaded', page, async () => {
    const token = await page.evaluate(() => sessionStorage.getItem('lethe.token'));
    const headers = { Authorization: `Bearer ${token}` };
    const current = await page.request.get(`${base}/api/sequences/signup`, { headers });
    const meanwhile = await page.request.put(`${base}/api/sequences/signup`, {
      headers: { ...headers, 'If-Match': current.headers().etag },
      data: { ...(await current.json()), description: 'saved elsewhere', comment: 'meanwhile' },
    });
    expect(meanwhile.status()).toBe(200);
    await page.getByRole('tab', { name: 'Sequence' }).click();
    await page.getByLabel('Description').fill('my edit');
    await console_.allowing(/status of 409/, async () => {
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('button', { name: 'Load version 4' }).click();
    });
    await page.getByText('version 4', { exact: true }).waitFor();
    expect(await page.getByLabel('Description').inputValue()).toBe('saved elsewhere');
  });

  await step('debugger: turn it on, run, step through the redacted trace', page, async () => {
    await page.getByRole('tab', { name: 'Debug' }).click();
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('debugging on', { exact: true }).waitFor();
    await page.getByText(/59 min \d+ s left|60 min 0 s left/).waitFor();
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByLabel('Input (JSON)').fill('{"email": "Ada@Example.org"}');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.run-result .status-succeeded').waitFor();
    await page.getByRole('tab', { name: 'Debug' }).click();
    await openNewestTrace();
    await page.locator('mark.redacted').first().waitFor();
    expect(await page.locator('.debug-panel').innerText()).not.toContain('Ada@Example.org');
    await page.locator('.block-node.stepping[data-block-id="script1"]').waitFor();
    await page.getByRole('button', { name: 'Next block' }).click();
    await page.locator('.block-node.stepping[data-block-id="create_instance1"]').waitFor();
    await shot(page, 'debugger.png');
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText('debugging off', { exact: true }).waitFor();
  });

  await step('debugger: replaying a trace whose blocks write asks first, then runs again for real', page, async () => {
    const headers = await bearer();
    expect((await page.request.post(`${base}/api/models`, { headers, data: { name: 'tally', attributes: [{ name: 'n', type: 'number' }] } })).status()).toBe(201);
    expect((await page.request.post(`${base}/api/sequences`, { headers, data: { name: 'tallyup', entry: 'store', blocks: [
      { id: 'store', type: 'create-instance', config: { model: 'tally', values: { n: '{{input.n}}' } } }] } })).status()).toBe(201);
    expect((await page.request.put(`${base}/api/debug/sequences/tallyup`, { headers, data: { minutes: 5 } })).status()).toBe(200);
    expect((await page.request.post(`${base}/api/sequences/tallyup/run`, { headers, data: { input: { n: 1 } } })).status()).toBe(200);
    await page.goto(`${base}/sequences/tallyup`);
    await page.getByRole('tab', { name: 'Debug' }).click();
    await openNewestTrace();
    let asked = '';
    page.once('dialog', (dialog) => { asked = dialog.message(); dialog.accept(); });
    await page.getByRole('button', { name: 'Replay' }).click();
    await page.getByText(/Replayed as .*: succeeded/).waitFor();
    expect(asked).toContain('store (create-instance)');
    const stored = await page.request.get(`${base}/api/models/tally/instances`, { headers });
    expect((await stored.json()).items.length).toBe(2);
  });

  await step('a block dragged on the canvas stays where it was dropped after save and reload', page, async () => {
    // Saved through the API without positions: the editor lays the blocks out in a row from the entry.
    const made = await page.request.post(`${base}/api/sequences`, { headers: await bearer(), data: {
      name: 'placed', entry: 'first', blocks: [
        { id: 'first', type: 'log', config: { message: 'one' }, next: { next: 'second' } },
        { id: 'second', type: 'log', config: { message: 'two' } }] } });
    expect(made.status()).toBe(201);
    await page.goto(`${base}/sequences/placed`);
    const second = page.locator('.react-flow__node[data-id="second"]');
    await second.waitFor();
    const laidOut = await settledOffset('first', 'second');
    expect(laidOut.x).toBeGreaterThan(1);
    expect(laidOut.y).toBeCloseTo(0, 0.01);
    // Drag `second` down and to the left by a clear distance: the draft changes like any edit.
    const [dx, dy] = [-90, 160];
    await dragBy(second, dx, dy);
    const dropped = await settledOffset('first', 'second');
    // The block follows the pointer once past React Flow's drag threshold, so it moves a little less than the mouse.
    const px = (n) => n / laidOut.width; // screen pixels in widths of a block at this zoom
    expect(dropped.x).toBeCloseTo(laidOut.x + px(dx), px(20));
    expect(dropped.y).toBeCloseTo(laidOut.y + px(dy), px(20));
    await page.locator('.editor-head').getByText(/unsaved changes/).waitFor();
    await page.getByLabel('Comment').fill('moved a block');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    const saved = await (await page.request.get(`${base}/api/sequences/placed`, { headers: await bearer() })).json();
    expect(saved.blocks.every((b) => Number.isFinite(b.position?.x) && Number.isFinite(b.position?.y))).toBe(true);
    const [first, moved] = saved.blocks.map((b) => b.position);
    expect(moved.y - first.y).toBeGreaterThan(50);
    // After a reload the canvas fits the view again (maybe at another zoom): same place relative to `first`.
    await page.reload();
    await second.waitFor();
    await page.locator('.react-flow__node[data-id="first"]').waitFor();
    const reloaded = await settledOffset('first', 'second');
    expect(reloaded.x).toBeCloseTo(dropped.x, 3 / reloaded.width);
    expect(reloaded.y).toBeCloseTo(dropped.y, 3 / reloaded.width);
    // And both blocks are in view.
    await page.waitForFunction(() => {
      const area = document.querySelector('.react-flow').getBoundingClientRect();
      return [...document.querySelectorAll('.react-flow__node')].every((node) => {
        const r = node.getBoundingClientRect();
        return r.left >= area.left && r.top >= area.top && r.right <= area.right && r.bottom <= area.bottom;
      });
    });
  });

  await step('a schedule is read in the time zone given; an unknown zone is refused at the trigger', page, async () => {
    await page.getByRole('tab', { name: 'Sequence' }).click();
    await page.getByRole('button', { name: '+ Schedule' }).click();
    await page.getByLabel('Trigger 1 cron').fill('0 9 * * MON-FRI');
    await page.getByLabel('Trigger 1 time zone').fill('Mars/Olympus');
    await refusedWith('Save', "unknown time zone 'Mars/Olympus'");
    await page.getByLabel('Trigger 1 time zone').fill('Europe/Paris');
    // the field's message goes once the field changes (the others would stay until the next save)
    await page.locator('.field-error').filter({ hasText: "unknown time zone 'Mars/Olympus'" }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 3.').waitFor();
    const saved = await (await page.request.get(`${base}/api/sequences/placed`, { headers: await bearer() })).json();
    expect(JSON.stringify(saved.triggers)).toBe(JSON.stringify([{ type: 'schedule', cron: '0 9 * * MON-FRI', zone: 'Europe/Paris' }]));
    await page.getByRole('link', { name: 'Sequences' }).click();
    await page.getByText('cron 0 9 * * MON-FRI (Europe/Paris)').waitFor();
  });

  await step("a block cannot take another block's id; deleting a sequence says so and reads nothing more of it", page, async () => {
    const made = await page.request.post(`${base}/api/sequences`, { headers: await bearer(), data: {
      name: 'throwaway', entry: 'one', blocks: [
        { id: 'one', type: 'log', config: { message: 'then {{steps.two.output}}' }, next: { next: 'two' } },
        { id: 'two', type: 'log', config: { message: 'two' } }] } });
    expect(made.status()).toBe(201);
    await page.goto(`${base}/sequences/throwaway`);
    await page.locator('.react-flow__node[data-id="two"]').click();
    await page.getByLabel('Block id').fill('one');
    await page.getByLabel('Block id').blur();
    await page.getByText("'one' is the id of another block: pick another").waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(2);
    await page.getByLabel('Block id').fill('second'); // a rename that is taken: references to it follow
    await page.getByLabel('Block id').blur();
    await page.locator('.react-flow__node[data-id="one"]').click();
    expect(await page.locator('#cfg-message').inputValue()).toBe('then {{steps.second.output}}');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    page.once('dialog', (dialog) => dialog.accept());
    await page.getByRole('button', { name: 'Delete sequence' }).click();
    await page.getByText('Sequence throwaway deleted.').waitFor(); // and no 404 of it read again (the console is watched)
  });

  await step('a hook that requires a key refuses callers without it; the key is made once and shown once; a listed origin may call it', page, async () => {
    await page.goto(`${base}/sequences/placed`);
    await page.getByRole('tab', { name: 'Sequence' }).click();
    await page.getByRole('button', { name: '+ HTTP' }).click();
    await page.getByLabel('Trigger 2 path').fill('/placed-inbox');
    await page.getByLabel('callers need the hook key').check();
    await page.getByLabel('Trigger 2 allowed origins').fill('https://shop.example.org');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as version 4.').waitFor();
    const panel = page.getByRole('group', { name: 'Hook key' });
    await panel.getByText(/none yet/).waitFor();
    const refused = await page.request.post(`${base}/hooks/placed-inbox`, { data: {} });
    expect(refused.status()).toBe(401);
    await panel.getByRole('button', { name: 'Make a key' }).click();
    const key = await panel.getByTestId('hook-key').innerText();
    await panel.getByText(/made by admin/).waitFor();
    const opened = await page.request.post(`${base}/hooks/placed-inbox`,
      { data: {}, headers: { 'X-Hook-Key': key, Origin: 'https://shop.example.org' } });
    expect(opened.status()).toBe(204);
    expect(opened.headers()['access-control-allow-origin']).toBe('https://shop.example.org');
    await shot(page, 'hook-key.png');
    await accessible(page, 'hook-key');
  });

  await step('executions list', page, async () => {
    await page.getByRole('link', { name: 'Executions' }).click();
    await page.getByRole('cell', { name: /signup/ }).first().waitFor();
    expect(await page.locator('.status-succeeded').count()).toBeGreaterThan(1);
    await shot(page, 'executions.png');
    await accessible(page, 'executions');
  });

  await step('connector account: secret header values are write-only', page, async () => {
    await page.getByRole('link', { name: 'Connectors' }).click();
    await page.getByRole('button', { name: 'New account' }).click();
    await page.getByLabel('Name', { exact: true }).fill('crm');
    await page.getByLabel('Base URL').fill('https://crm.example.org/api');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('Authorization');
    await page.getByLabel('Header 1 value').fill('Bearer s3cr3t-value');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: 'crm', exact: true }).waitFor();
    await page.getByText('Authorization: ••••').waitFor();
    expect(await page.content()).not.toContain('s3cr3t-value');
  });

  await step('export a bundle, then import part of it', page, async () => {
    await page.getByRole('link', { name: 'Export / import' }).click();
    await page.getByRole('group', { name: 'models' }).getByLabel('customer').check();
    await page.getByRole('group', { name: 'connectors' }).getByLabel('crm').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download bundle' }).click()]);
    const bundle = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(bundle.models.map((m) => m.name).join()).toBe('customer');
    expect(JSON.stringify(bundle)).not.toContain('s3cr3t-value');
    await page.getByRole('cell', { name: /customer, crm/ }).waitFor();
    const copy = { ...bundle, models: [{ ...bundle.models[0], name: 'customer_copy' }], connectors: [], sequences: [] };
    await page.getByLabel('or paste it').fill(JSON.stringify(copy));
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Imported 1 models, 0 sequences, 0 connectors.').waitFor();
    // The bundle as exported: its names exist here, so it needs "replace"; what is the same is left alone.
    await page.getByLabel('or paste it').fill(JSON.stringify(bundle));
    await console_.allowing(/status of 409/, async () => {
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText(/names in the bundle already exist/).waitFor();
    });
    await page.getByLabel(/Replace what exists here/).check();
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Left as they were (the same here): model customer, connector crm.').waitFor();
    await shot(page, 'transfer.png');
    await accessible(page, 'transfer');
  });

  let purgeUrl;
  await step('purge: file a subject purge with the scope builder and plan it', page, async () => {
    // The second admin who will approve it.
    const created = await page.request.post(`${base}/api/users`, { headers: await bearer(), data: { username: 'erin', password: ERIN, roles: ['admin'] } });
    expect(created.status()).toBe(201);
    await page.getByRole('link', { name: 'Purge', exact: true }).click();
    await page.getByRole('link', { name: 'New purge request' }).click();
    await page.getByLabel('A data subject').check();
    await page.getByRole('combobox', { name: /^Model/ }).selectOption('customer');
    await page.getByLabel('Condition 1 attribute').selectOption('tier');
    await page.getByLabel('Condition 1 value').fill('gold');
    // 'delete' takes the whole instance: it stands alone, and says so.
    await page.getByLabel('Strategy for tier').selectOption('mask');
    await page.getByLabel('Strategy for email').selectOption('delete');
    await page.getByText('Each selected instance is deleted whole').waitFor();
    expect(await page.getByLabel('Strategy for tier').isDisabled()).toBe(true);
    expect(await page.getByLabel('Strategy for tier').inputValue()).toBe('');
    await page.getByLabel('Strategy for email').selectOption('mask');
    expect(await page.getByLabel('Strategy for tier').isDisabled()).toBe(false);
    await page.getByLabel('Strategy for tier').selectOption('null'); // sent as the strategy "null", not as a JSON null
    // Her address is personal: by default it is forgotten wherever else it was copied too.
    expect(await page.getByLabel(/Also forget their personal values everywhere else/).isChecked()).toBe(true);
    await shot(page, 'purge-new.png');
    await accessible(page, 'purge-new');
    await page.getByRole('button', { name: 'File request' }).click();
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    await page.locator('.badge.purge-planned').first().waitFor();
    const instances = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'instances', exact: true }) });
    expect(await instances.locator('td.num').first().innerText()).toBe('1');
    await page.getByRole('row', { name: /backups not applicable/ }).waitFor();
    const logs = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'logs', exact: true }) });
    expect(await logs.innerText()).not.toContain('not applicable'); // searched for her address
    await page.getByText('the values of its personal attributes also wherever else they occur').waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    await page.getByText('another admin must approve it').waitFor();
    await shot(page, 'purge-plan.png');
    await accessible(page, 'purge-plan');
    purgeUrl = page.url();
  });

  await step('purge: a second admin approves and runs it; the receipt has no values', page, async () => {
    await signOut();
    // An admin's home is the Users page, which reads the reveal grants in one list (no 404 per designer).
    await signIn('erin', ERIN);
    await page.getByLabel('admin may reveal unredacted traces').waitFor();
    // The nav says a request waits for her.
    await page.getByRole('link', { name: 'Purge 1 awaiting your approval' }).click();
    await page.getByRole('link', { name: /Purge request subject/ }).first().click();
    expect(page.url()).toBe(purgeUrl);
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('.badge.purge-approved').first().waitFor();
    await page.getByRole('button', { name: 'Run…' }).click();
    await page.getByRole('button', { name: 'Yes, run the purge' }).click();
    await page.getByRole('heading', { name: 'Receipt' }).waitFor({ timeout: 30_000 });
    const receipt = await page.locator('.receipt').innerText();
    expect(receipt).toContain('erin');
    expect(receipt).toContain('email→mask');
    expect(receipt).not.toContain('grace@example.org');
    expect(receipt).not.toContain('gold');
    await page.locator('.badge.purge-completed').first().waitFor();
    await shot(page, 'purge-receipt.png');
    await accessible(page, 'purge-receipt');
  });

  await step('purge ledger: the chain verifies', page, async () => {
    await page.getByRole('link', { name: 'All requests' }).click();
    await page.getByRole('link', { name: 'Ledger' }).click();
    await page.getByRole('row', { name: /email→mask/ }).waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('Chain intact: 1 entry verified.').waitFor();
    await shot(page, 'ledger.png');
    await accessible(page, 'ledger');
    // How a broken chain is shown (answered in the browser: the real ledger is intact).
    await page.route('**/api/purge-ledger/verify', (route) => route.fulfill({ status: 200, contentType: 'application/json',
      body: JSON.stringify({ intact: false, entries: 1, firstBroken: 1, reason: 'hash does not match the entry' }) }));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chain broken at entry 1: hash does not match the entry' }).waitFor();
    await page.locator('table.ledger tr.has-error').waitFor();
    await page.unroute('**/api/purge-ledger/verify');
  });

  await step('purge: an admin without the designer role files a versions purge, plans it, cancels it', page, async () => {
    await page.getByRole('link', { name: 'Purge requests' }).click();
    await page.getByRole('link', { name: 'New purge request' }).click();
    await page.getByLabel('Old versions').check();
    await page.getByRole('combobox', { name: /^Of a/ }).selectOption('sequence');
    await page.getByRole('textbox', { name: 'Name' }).fill('signup');
    await page.getByRole('spinbutton', { name: 'Keep the newest' }).fill('2');
    await page.getByRole('textbox', { name: 'Name' }).press('Enter');
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    const versions = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'versions', exact: true }) });
    expect(await versions.locator('td.num').first().innerText()).toBe('2');
    // The versions it would remove are named for review (the two oldest: the newest two are kept).
    await page.getByLabel('versions: what changes').filter({ hasText: "sequence 'signup' version 1; sequence 'signup' version 2" })
      .waitFor();
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.locator('.badge.purge-cancelled').first().waitFor();
    expect(await page.getByRole('button', { name: 'Run…' }).count()).toBe(0);
  });

  await step('purge: old versions of any artefact holding a value', page, async () => {
    await page.getByRole('link', { name: 'Purge', exact: true }).click();
    await page.getByRole('link', { name: 'New purge request' }).click();
    await page.getByLabel('Old versions').check();
    await page.getByRole('combobox', { name: /^Of a/ }).selectOption('');
    await page.getByRole('textbox', { name: /^Holding the value/ }).fill('no-such-value-in-any-version');
    await page.getByRole('button', { name: 'File request' }).click();
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    const versions = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'versions', exact: true }) });
    expect(await versions.locator('td.num').first().innerText()).toBe('0');
    await page.getByText('old versions of every model, sequence and connector account holding a value').first().waitFor();
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.locator('.badge.purge-cancelled').first().waitFor();
  });

  await step('purge: several values in one request; a too short one is pointed at; the plan names the designs hit', page, async () => {
    await page.getByRole('link', { name: 'Purge', exact: true }).click();
    await page.getByRole('link', { name: 'New purge request' }).click();
    await page.getByLabel('A value everywhere').check();
    const values = page.getByRole('textbox', { name: /Values, one per line/ });
    await values.fill('ada.lovelace@example.org\nAd');
    await refusedWith('File request', 'give the value to forget (at least 3 characters)');
    await values.fill('ada.lovelace@example.org\nAda Lovelace\ntwo\n');
    await page.getByRole('button', { name: 'File request' }).click();
    await page.getByText('3 values, wherever they occur as whole tokens').waitFor();
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    // The sequence 'placed' logs "two": listed for review before anyone approves.
    await page.getByLabel('sequences: what changes').filter({ hasText: 'placed' }).waitFor();
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.locator('.badge.purge-cancelled').first().waitFor();
  });

  await step('purge: the execution records of a sequence, planned', page, async () => {
    await page.getByRole('link', { name: 'Purge', exact: true }).click();
    await page.getByRole('link', { name: 'New purge request' }).click();
    await page.getByLabel('Execution records', { exact: true }).check();
    await page.getByRole('textbox', { name: /^Sequence/ }).fill('signup');
    await page.getByRole('button', { name: 'File request' }).click();
    await page.getByText("execution records of sequence 'signup'").waitFor();
    await page.getByRole('button', { name: 'Plan (dry run)' }).click();
    await page.locator('.badge.purge-planned').first().waitFor();
    const executions = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'executions', exact: true }) });
    expect(await executions.innerText()).not.toContain('not applicable');
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.locator('.badge.purge-cancelled').first().waitFor();
  });

  await step('backups: take one, see it listed, check it against its checksums', page, async () => {
    await page.getByRole('link', { name: 'Backups' }).click();
    await page.getByText('No backups yet.').or(page.getByRole('table', { name: 'Backups' })).first().waitFor();
    await page.getByRole('button', { name: 'Take a backup now' }).click();
    const taken = page.getByText(/^Backup \S+ taken\.$/);
    await taken.waitFor({ timeout: 30_000 });
    const id = (await taken.innerText()).split(' ')[1];
    const newest = page.getByRole('table', { name: 'Backups' }).getByRole('row').filter({ hasText: id });
    expect(await newest.innerText()).toContain('never');
    await newest.getByRole('button', { name: /^Verify backup / }).click();
    await newest.getByText(/^intact: \d+ parts match$/).waitFor();
    await shot(page, 'backups.png');
    await accessible(page, 'backups');
  });

  await step('retention: an admin shortens how long debug traces are kept; models with a retention are listed', page, async () => {
    await page.getByRole('link', { name: 'Retention' }).click();
    const traces = page.getByLabel(/^Debug traces \(days\)/);
    await traces.waitFor();
    expect(await traces.inputValue()).toBe('7');
    await page.getByRole('list', { name: 'Models with a retention' }).getByRole('listitem')
      .filter({ hasText: /^customer: after 730 days unchanged$/ }).waitFor();
    await traces.fill('3');
    await page.getByLabel(/^Daily backups kept/).fill('5');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.getByText('Retention saved').waitFor();
    await page.getByText(/Last changed by erin/).waitFor();
    const change = page.getByRole('table', { name: 'Retention changes' }).getByRole('row').nth(1);
    expect(await change.innerText()).toContain('erin');
    const stored = await page.request.get(`${base}/api/retention`, { headers: await bearer() });
    const policy = await stored.json();
    expect(policy.traceDays).toBe(3);
    expect(policy.backupsKept).toBe(5);
    await shot(page, 'retention.png');
    await accessible(page, 'retention');
  });

  await step('admin grants a designer the reveal permission', page, async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    const reveal = page.getByLabel('admin may reveal unredacted traces');
    await reveal.waitFor();
    expect(await reveal.isChecked()).toBe(false);
    await reveal.click();
    await page.waitForFunction(() => document.querySelector('[aria-label="admin may reveal unredacted traces"]')?.checked === true);
    const grant = await page.request.get(`${base}/api/debug/reveal-grants/admin`, { headers: await bearer() });
    expect(grant.status()).toBe(200);
    expect((await grant.json()).grantedBy).toBe('erin');
  });

  await step('admin deletes a user, then is offered the purge that forgets the name in what they did', page, async () => {
    const made = await page.request.post(`${base}/api/users`, { headers: await bearer(),
      data: { username: 'frank', password: 'frank-password-long-enough', roles: ['designer'] } });
    expect(made.status()).toBe(201);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.reload(); // the list as the page read it before frank was made
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'frank', exact: true }) });
    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    const forget = page.getByRole('link', { name: 'Forget frank in those records…' });
    await forget.waitFor();
    await row.waitFor({ state: 'detached' });
    await accessible(page, 'users after a deletion');
    await forget.click();
    expect(await page.getByLabel('A value everywhere').isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: /Values, one per line/ }).inputValue()).toBe('frank');
    // a name whose account still exists: the request says the account stays (without naming the value)
    await page.getByRole('textbox', { name: /Values, one per line/ }).fill('erin');
    await page.getByRole('button', { name: 'File request' }).click();
    await page.getByRole('note').filter({ hasText: 'username of a staff account' }).waitFor();
    await page.getByRole('button', { name: 'Cancel request' }).click();
    await page.locator('.badge.purge-cancelled').first().waitFor();
  });

  await step('admin creates a user who then signs in', page, async () => {
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Username').fill('dora');
    await page.getByLabel('Password').fill('dora-password-long-enough');
    await page.getByRole('checkbox', { name: 'support', exact: true }).check();
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('cell', { name: 'dora', exact: true }).waitFor();
    expect(await page.getByLabel('dora has role support').isChecked()).toBe(true);
    await shot(page, 'users.png');
    await accessible(page, 'users');
    await page.getByLabel('User menu').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Lethe' }).waitFor();
    await page.getByLabel('Username').fill('dora');
    await page.getByLabel('Password').fill('dora-password-long-enough');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
  });

  await step('a user changes their own password from the user menu, then signs in with it', page, async () => {
    await page.getByLabel('User menu').click();
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Change your password' }).waitFor();
    await page.getByLabel('Current password').fill('not-my-password');
    await page.getByLabel('New password', { exact: true }).fill('dora-second-password');
    await page.getByLabel('New password again').fill('dora-second-password');
    await refusedWith('Change password', 'is not your current password');
    await page.getByLabel('Current password').fill('dora-password-long-enough');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Password changed. Your other sessions are signed out.').waitFor();
    await shot(page, 'account.png');
    await accessible(page, 'account');
    await page.getByRole('link', { name: 'Models' }).click(); // the new token serves this session
    await page.getByRole('heading', { name: 'Models' }).waitFor();
    await signOut();
    await signIn('dora', 'dora-second-password');
    await page.getByRole('heading', { name: 'Models' }).waitFor();
  });

  await step('support purges log lines: preview with masked samples, then file, plan and run', page, async () => {
    // A sequence that logs a customer value at WARN (the level the test server writes to its JSON log files).
    const canary = `zebra${Date.now()}`;
    const headers = await bearer();
    const made = await page.request.post(`${base}/api/sequences`, { headers, data: {
      name: 'chatty', entry: 'say', blocks: [{ id: 'say', type: 'log', config: { level: 'warn', message: 'customer says {{input.text}}' } }] } });
    expect(made.status()).toBe(201);
    const ran = await page.request.post(`${base}/api/sequences/chatty/run`, { headers, data: { input: { text: canary } } });
    expect(ran.status()).toBe(200);
    await page.getByRole('link', { name: 'Log purge' }).click();
    await page.getByRole('textbox', { name: 'Around' }).fill(new Date().toISOString().slice(0, 19));
    await page.getByLabel('Window (e.g. 10m, 2h)').fill('10m');
    await page.getByLabel('Value (any case)').fill(canary);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText(/^1 line would go/).waitFor();
    const samples = await page.getByRole('table', { name: 'Sample lines (masked)' }).innerText();
    expect(samples).toContain('customer says ***');
    expect(samples).not.toContain(canary);
    await page.getByRole('button', { name: 'Purge these lines…' }).click();
    await page.getByRole('button', { name: 'Yes, purge' }).click();
    await page.getByRole('region', { name: 'Result' }).getByText('Done: 1 line removed, 0 still there').waitFor({ timeout: 30_000 });
    await shot(page, 'log-purge.png');
    await accessible(page, 'log-purge');
    // Support may open its log purge and read the receipt; the value is in neither.
    await page.getByRole('region', { name: 'Result' }).getByRole('link', { name: 'Purge request' }).click();
    await page.getByRole('heading', { name: 'Receipt' }).waitFor();
    expect(await page.locator('main').innerText()).not.toContain(canary);
    // The lines are gone: a second preview finds nothing.
    const again = await page.request.post(`${base}/api/logs/preview`, { headers, data: { around: new Date().toISOString(), window: '10m', match: canary } });
    expect((await again.json()).preview.lines).toBe(0);
  });
};

let code = 0;
try {
  await run();
  if (console_.problems.length) {
    console.log(`FAIL console errors:\n  ${console_.problems.join('\n  ')}`);
    code = 1;
  }
} catch {
  code = 1;
  if (console_.problems.length) console.log(`console errors:\n  ${console_.problems.join('\n  ')}`);
} finally {
  await browser.close();
}
process.exit(code);

/** Opens the newest trace in the debug panel; traces are written by a background batch writer, so refresh until it is listed. */
async function openNewestTrace() {
  const first = page.locator('.trace-list button').first();
  for (let i = 0; i < 40 && !(await first.isVisible()); i++) {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.waitForTimeout(250);
  }
  await first.click();
}

/** A new sequence named {@code name}, its first block added from the palette by keyboard (Enter opens it in the inspector). */
async function newSequence(name, blockType) {
  await page.getByRole('link', { name: 'Sequences' }).click();
  await page.getByRole('link', { name: 'New sequence' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.locator(`[data-block-type="${blockType}"]`).focus();
  await page.keyboard.press('Enter');
}

/** Clicks `button` expecting the server to refuse with 400: the field error holding `text` shows. */
async function refusedWith(button, text) {
  await console_.allowing(/status of 400/, async () => {
    await page.getByRole('button', { name: button }).click();
    await page.locator('.field-error').filter({ hasText: text }).waitFor();
  });
}

async function bearer() {
  return { Authorization: `Bearer ${await page.evaluate(() => sessionStorage.getItem('lethe.token'))}` };
}

async function signOut() {
  await page.getByLabel('User menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Lethe' }).waitFor();
}

async function signIn(username, password) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** axe-core's WCAG 2 A/AA rules find nothing on the page as it is. */
async function accessible(p, what) {
  const found = await a11yViolations(p);
  if (found.length) throw new Error(`accessibility of ${what}:\n  ${found.join('\n  ')}`);
}

/**
 * Where block `to` is drawn relative to block `from`, in widths of `from` (so any zoom gives the same
 * figures), both boxes read in one frame; read again until two reads agree (React may still be rendering the drop).
 */
async function settledOffset(from, to) {
  const read = () => page.evaluate(([a, b]) => {
    const box = (id) => document.querySelector(`.react-flow__node[data-id="${id}"]`).getBoundingClientRect();
    const [p, q] = [box(a), box(b)];
    return { x: (q.x - p.x) / p.width, y: (q.y - p.y) / p.width, width: p.width };
  }, [from, to]);
  let last = await read();
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const now = await read();
    if (Math.abs(now.x - last.x) < 1e-6 && Math.abs(now.y - last.y) < 1e-6) return now;
    last = now;
  }
  throw new Error(`blocks ${from} and ${to} kept moving`);
}

/** Drags a block by its title, `dx`/`dy` screen pixels. */
async function dragBy(node, dx, dy) {
  const box = await node.boundingBox();
  if (!box) throw new Error('dragBy: the block is not visible');
  const [x, y] = [box.x + box.width / 2, box.y + 12];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 12 });
  await page.mouse.up();
}

async function drag(from, to) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag: a handle is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}
