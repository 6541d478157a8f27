// netsim ui in headless Chromium at the scale users meet: 200 namespaces with veth pairs on a
// bridge and 10,000 iptables rules in the host namespace. The page draws every namespace and
// device, follows a device added from its terminal, and shows the 10,000-rule chain folded
// with its count, then a page of 500 rules at a time. Only what the page shows is checked;
// the times are reported (t.diagnostic), never asserted — bench/ui.ts measures them.
// Skipped only when no chromium is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureWebBuilt, startUi, type RunningUi } from './helpers.js';
import { SCALE, SCALE_NODES, clickNamespace, findChromium, graph, scaleRule, terminalText, until, writeScaleScript } from './browser-helpers.js';

const browserPath = findChromium();
const skip = browserPath ? false : 'chromium is not installed (apt-get install chromium)';

const CHAIN = `#details [data-chain="init_net/ipv4/filter/${SCALE.chain}"]`;

/** The rules drawn in the big chain's box, and its "more" button's text. */
function chainRows(page: Page): Promise<{ rows: string[]; more: string | undefined }> {
  return page.evaluate((sel) => {
    const box = document.querySelector(sel);
    return {
      rows: [...box?.querySelectorAll('table.rules tbody tr') ?? []].map((r) => r.lastElementChild?.textContent ?? ''),
      more: box?.querySelector('button.more')?.textContent ?? undefined,
    };
  }, CHAIN);
}

test('netsim ui at 200 namespaces and 10,000 rules: the whole topology, a new device, the long chain a page at a time', { skip, timeout: 300_000 }, async (t) => {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'netsim-ui-scale-'));
  let ui: RunningUi | undefined;
  let browser: Browser | undefined;
  try {
    let t0 = Date.now();
    ui = await startUi([writeScaleScript(dir)], 180_000);
    t.diagnostic(`netsim ui built the world and served it in ${Date.now() - t0} ms`);
    browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
    assert.doesNotMatch(ui.output(), /exited with status/);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Every namespace and every device, wired: 200 veth pairs, 200 ports of br0.
    t0 = Date.now();
    await page.goto(ui.url);
    const nodes = await until('all namespaces and devices', () => graph(page),
      (g) => g.filter((n) => n.id.startsWith('ns/')).length === SCALE_NODES.namespaces && g.filter((n) => n.id.startsWith('dev/')).length === SCALE_NODES.devices, 60_000);
    t.diagnostic(`topology of ${nodes.length} nodes: ${Date.now() - t0} ms from page load`);
    const ids = new Set(nodes.map((n) => n.id));
    assert.ok(ids.has('ns/init_net'));
    for (let i = 1; i <= SCALE.namespaces; i++) assert.ok(ids.has(`ns/pod${i}`), `pod${i}`);
    const label = (ns: string, name: string) => nodes.find((n) => n.parent === `ns/${ns}` && n.label.split('\n')[0] === name)?.label;
    assert.equal(label('init_net', 'br0'), 'br0\n10.200.0.1/16');
    assert.equal(label('pod1', 'eth0'), 'eth0\n10.200.0.2/16');
    assert.equal(label('pod200', 'eth0'), 'eth0\n10.200.0.201/16');
    assert.equal(nodes.filter((n) => n.parent === 'ns/init_net' && /^veth\d+$/.test(n.label)).length, SCALE.namespaces);
    const edges = await page.evaluate(() => window.netsimUi.cy.edges().map((e) => String(e.data('type'))));
    assert.equal(edges.filter((e) => e === 'veth').length, SCALE.namespaces);
    assert.equal(edges.filter((e) => e === 'port').length, SCALE.namespaces);

    // The terminal moved into the last pod: a device added there appears in its box.
    await page.selectOption('#netns', 'pod200');
    await until('the prompt in pod200', () => terminalText(page), (x) => x.includes('netsim(pod200)#'));
    await page.click('#terminal');
    await page.keyboard.type('ip link add scale0 type dummy');
    t0 = Date.now();
    await page.keyboard.press('Enter');
    const after = await until('scale0 in pod200', () => graph(page), (g) => g.some((n) => n.parent === 'ns/pod200' && n.label === 'scale0'));
    t.diagnostic(`scale0 drawn ${Date.now() - t0} ms after the command`);
    assert.equal(after.length, nodes.length + 1);

    // The host namespace opened: its 10,000-rule chain folded, with its count.
    t0 = Date.now();
    await clickNamespace(page, 'init_net');
    const head = await until('the long chain in the details', () => page.evaluate((sel) => document.querySelector(`${sel} > summary`)?.textContent ?? '', CHAIN),
      (x) => x !== '', 30_000);
    t.diagnostic(`init_net's details drawn ${Date.now() - t0} ms after the click`);
    assert.equal(head, `Chain ${SCALE.chain} · ${SCALE.rules} rules`);
    assert.match(await page.textContent('#details h2') ?? '', /^init_net$/);
    assert.deepEqual(await chainRows(page), { rows: [], more: undefined }, 'folded: no rule drawn');

    // Unfolded: the first 500 rules, and a button for the next page.
    t0 = Date.now();
    await page.click(`${CHAIN} > summary`);
    const first = await until('the first page of rules', () => chainRows(page), (c) => c.rows.length > 0);
    t.diagnostic(`first page of rules drawn ${Date.now() - t0} ms after unfolding`);
    assert.equal(first.rows.length, 500);
    assert.equal(first.rows[0], scaleRule(0));
    assert.equal(first.rows[499], scaleRule(499));
    assert.equal(first.more, `show 500 more of ${SCALE.rules - 500}`);

    // "more": the next 500 below them.
    await page.click(`${CHAIN} button.more`);
    const second = await until('the second page of rules', () => chainRows(page), (c) => c.rows.length > 500);
    assert.equal(second.rows.length, 1000);
    assert.equal(second.rows[500], scaleRule(500));
    assert.equal(second.rows[999], scaleRule(999));
    assert.equal(second.more, `show 500 more of ${SCALE.rules - 1000}`);
    assert.deepEqual(errors, []);
  } finally {
    await browser?.close();
    await ui?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
