// netsim ui in headless Chromium (playwright-core) at 200 namespaces with veth pairs on a
// bridge and 10,000 iptables rules in the host namespace (the world test/ui/browser-scale
// loads):
//   - the page loaded until its topology holds every namespace and device (the page's own
//     clock from navigation start; conditions are checked at each animation frame);
//   - a device added from the page's terminal (ip link add, in a pod) until it is in the
//     topology, from the command's Enter;
//   - a click on the host namespace's box until its details show the 10,000-rule chain, then
//     that chain unfolded to its first 500 rules and the next 500;
//   - the WebSocket messages' sizes: the world summary, the diff after the new device, the
//     host namespace's details (text frames as the page receives them).
// Each figure is wall time on this machine; nothing here is an assertion.
//   node dist/bench/ui.js
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { ensureWebBuilt, startUi, type RunningUi } from '../test/ui/helpers.js';
import { SCALE, SCALE_NODES, clickNamespace, findChromium, namespaceSpot, writeScaleScript } from '../test/ui/browser-helpers.js';

export interface UiBenchResult {
  /** netsim ui running the script that builds the world, until it serves it, seconds. */
  buildSeconds: number;
  topology: { nodes: number; ms: number; worldBytes: number };
  /** Per device added: Enter to the node drawn, and the world-diff that brought it. */
  device: { ms: number[]; diffBytes: number[] };
  /** Per click on the host namespace: the click to its long chain drawn (folded). */
  details: { ms: number[]; bytes: number; unfoldMs: number; moreMs: number };
}

const CHAIN = `#details [data-chain="init_net/ipv4/filter/${SCALE.chain}"]`;

export async function uiBench(devices = 5, opens = 3): Promise<UiBenchResult> {
  const browserPath = findChromium();
  if (!browserPath || !existsSync(browserPath)) throw new Error(`chromium is not installed (apt-get install chromium${browserPath ? `; NETSIM_CHROMIUM=${browserPath} does not exist` : ''})`);
  const { chromium } = await import('playwright-core');
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'netsim-bench-ui-'));
  let ui: RunningUi | undefined;
  let browser: Browser | undefined;
  try {
    let t0 = performance.now();
    ui = await startUi([writeScaleScript(dir)], 300_000);
    const buildSeconds = (performance.now() - t0) / 1000;
    browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
    if (/exited with status/.test(ui.output())) throw new Error(`the world's script failed:\n${ui.output()}`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const frames: { type: string; name?: string; bytes: number }[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      const m = JSON.parse(text) as { type: string; name?: string };
      frames.push({ type: m.type, name: m.name, bytes: Buffer.byteLength(text) });
    }));
    const opts = { polling: 'raf' as const, timeout: 120_000 };

    // (a) Page load to the whole topology drawn: the page's clock counts from navigation start.
    await page.goto(ui.url, { waitUntil: 'domcontentloaded' });
    const topologyMs = await (await page.waitForFunction((a) => !!window.netsimUi && window.netsimUi.cy.nodes('[type="ns"]').length === a.ns &&
      window.netsimUi.cy.nodes('[type="dev"]').length === a.dev && performance.now(), { ns: SCALE_NODES.namespaces, dev: SCALE_NODES.devices }, opts)).jsonValue() as number;
    const nodes = await page.evaluate(() => window.netsimUi.cy.nodes().length);
    const worldBytes = frames.find((f) => f.type === 'world')?.bytes ?? NaN;

    // (b) Devices added from the terminal, in a pod in the middle of the world.
    await page.selectOption('#netns', 'pod100');
    await page.waitForFunction(() => [...document.querySelectorAll('#terminal .xterm-rows > div')].some((d) => d.textContent?.includes('netsim(pod100)#')), null, opts);
    const device: UiBenchResult['device'] = { ms: [], diffBytes: [] };
    for (let i = 0; i < devices; i++) {
      await page.click('#terminal');
      await page.keyboard.type(`ip link add bench${i} type dummy`);
      const seen = frames.length;
      t0 = performance.now();
      await page.keyboard.press('Enter');
      await page.waitForFunction((a) => window.netsimUi.cy.nodes().some((x) => x.data('parent') === 'ns/pod100' && x.data('label') === a), `bench${i}`, opts);
      device.ms.push(performance.now() - t0);
      const diff = frames.slice(seen).filter((f) => f.type === 'world-diff');
      device.diffBytes.push(diff.reduce((s, f) => s + f.bytes, 0));
    }

    // (c) The host namespace opened, closed by a click beside it, opened again.
    const details: UiBenchResult['details'] = { ms: [], bytes: NaN, unfoldMs: NaN, moreMs: NaN };
    const headDrawn = (sel: string) => !!document.querySelector(`${sel} > summary`);
    for (let i = 0; i < opens; i++) {
      const spot = await namespaceSpot(page, 'init_net');
      const seen = frames.length;
      t0 = performance.now();
      await page.mouse.click(spot.x, spot.y);
      await page.waitForFunction(headDrawn, CHAIN, opts);
      details.ms.push(performance.now() - t0);
      details.bytes = frames.slice(seen).find((f) => f.type === 'details' && f.name === 'init_net')?.bytes ?? details.bytes;
      // The empty canvas above and left of the box (namespaceSpot put its corner at 40,40).
      const c = await page.evaluate(() => window.netsimUi.cy.container()!.getBoundingClientRect().toJSON() as DOMRect);
      await page.mouse.click(c.left + 10, c.top + 10);
      await page.waitForFunction((sel) => !document.querySelector(sel), CHAIN, opts);
    }
    await clickNamespace(page, 'init_net');
    await page.waitForFunction(headDrawn, CHAIN, opts);
    t0 = performance.now();
    await page.click(`${CHAIN} > summary`);
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} table.rules tbody tr`).length === 500, CHAIN, opts);
    details.unfoldMs = performance.now() - t0;
    t0 = performance.now();
    await page.click(`${CHAIN} button.more`);
    await page.waitForFunction((sel) => document.querySelectorAll(`${sel} table.rules tbody tr`).length === 1000, CHAIN, opts);
    details.moreMs = performance.now() - t0;
    return { buildSeconds, topology: { nodes, ms: topologyMs, worldBytes }, device, details };
  } finally {
    await browser?.close();
    await ui?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const n = (x: number) => Math.round(x).toLocaleString('en-US');
const kb = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

export function formatUi(r: UiBenchResult): [string, string][] {
  const range = (xs: number[]) => `${n(median(xs))} ms (median of ${xs.length}; ${n(Math.min(...xs))}–${n(Math.max(...xs))} ms)`;
  return [
    ['netsim ui, 200 namespaces + 10,000 rules: topology drawn', `${n(r.topology.nodes)} nodes ${n(r.topology.ms)} ms after page load; world message ${kb(r.topology.worldBytes)} ` +
      `(script run and served in ${r.buildSeconds.toFixed(1)} s)`],
    ['a device added in the terminal, drawn', `${range(r.device.ms)} after Enter; world-diff ${kb(median(r.device.diffBytes))}`],
    ['the 10,000-rule namespace clicked, details drawn', `${range(r.details.ms)}; details message ${kb(r.details.bytes)}`],
    ['its chain unfolded: first 500 rules, then 500 more', `${n(r.details.unfoldMs)} ms, ${n(r.details.moreMs)} ms`],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const [k, v] of formatUi(await uiBench())) console.log(`${k}  ${v}`);
}
