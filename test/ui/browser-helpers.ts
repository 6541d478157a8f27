// Shared by the browser tests and bench/ui.ts: finding a chromium, reading what the page of
// `netsim ui` shows (its Cytoscape graph, its terminal), clicking a namespace's box, and the
// world of 200 namespaces and 10,000 rules the scale test and the benchmark load.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';

declare global {
  interface Window {
    netsimUi: {
      cy: import('cytoscape').Core;
      packets: () => unknown[];
      walk: () => { id: number; index: number; fn: string; box: string | undefined } | undefined;
      term: import('@xterm/xterm').Terminal;
    };
  }
}

/** NETSIM_CHROMIUM, else Debian's or Ubuntu's chromium, else one on PATH. */
export function findChromium(): string | undefined {
  const env = process.env.NETSIM_CHROMIUM;
  if (env) return env;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

/** What the topology holds: node ids and labels, read from the page's Cytoscape instance. */
export function graph(page: Page): Promise<{ id: string; label: string; parent?: string }[]> {
  return page.evaluate(() => window.netsimUi.cy.nodes().map((n) => ({ id: n.id(), label: String(n.data('label')), parent: n.data('parent') as string | undefined })));
}

/** Polls `get` until `ok` holds, for at most `ms`; fails with the last value otherwise. */
export async function until<T>(what: string, get: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await get();
  while (!ok(v) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    v = await get();
  }
  assert.ok(ok(v), `${what}: ${JSON.stringify(v)}`);
  return v;
}

/** The terminal's visible text (xterm's DOM renderer writes one row per element). */
export function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll('#terminal .xterm-rows > div')].map((d) => d.textContent).join('\n'));
}

/** Where to click namespace `ns`'s box, inside its border where no device is: the graph is
 *  first zoomed to 1:1 with the box's corner near the top left of the view, as a user zooms in
 *  on a crowded topology before clicking. Page coordinates. */
export function namespaceSpot(page: Page, ns: string): Promise<{ x: number; y: number }> {
  return page.evaluate((id) => {
    const cy = window.netsimUi.cy;
    const bb = cy.getElementById(id).boundingBox({ includeLabels: false, includeOverlays: false });
    cy.zoom(1);
    cy.pan({ x: 40 - bb.x1, y: 40 - bb.y1 });
    const c = cy.container()!.getBoundingClientRect();
    return { x: c.left + 40 + 7, y: c.top + 40 + 7 };
  }, `ns/${ns}`);
}

/** Clicks namespace `ns`'s box (namespaceSpot()). */
export async function clickNamespace(page: Page, ns: string): Promise<void> {
  const { x, y } = await namespaceSpot(page, ns);
  await page.mouse.click(x, y);
}

/** The scale the UI is meant for: 200 namespaces on a bridge, 10,000 rules in one chain. */
export const SCALE = { namespaces: 200, rules: 10_000, chain: 'KUBE-FW' } as const;

/** The `iptables-save` line of rule `i` of the scale world's chain. */
export function scaleRule(i: number): string {
  return `-A ${SCALE.chain} -s 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 -p tcp -m tcp --dport ${1000 + (i % 50000)} -j ACCEPT`;
}

/** Writes into `dir` a script (and the ruleset it restores) building the scale world: pod1 ..
 *  pod200, each with eth0 (10.200.x.y/16) whose veth peer vethN is a port of br0 in the host
 *  namespace, and the host's filter table holding 10,000 rules in KUBE-FW. Returns the
 *  script's path. */
export function writeScaleScript(dir: string): string {
  const rules = join(dir, 'rules.txt');
  let text = `*filter\n:${SCALE.chain} - [0:0]\n`;
  for (let i = 0; i < SCALE.rules; i++) text += `${scaleRule(i)}\n`;
  writeFileSync(rules, `${text}COMMIT\n`);
  const script = join(dir, 'scale.sh');
  writeFileSync(script, `set -e
ip link add br0 type bridge
ip addr add 10.200.0.1/16 dev br0
ip link set br0 up
for ((i = 1; i <= ${SCALE.namespaces}; i++)); do
  ip netns add pod$i
  ip link add veth$i type veth peer name eth0 netns pod$i
  ip link set veth$i master br0 up
  ip -n pod$i addr add 10.200.$((i >> 8)).$(((i & 255) + 1))/16 dev eth0
  ip -n pod$i link set eth0 up
done
iptables-restore < ${JSON.stringify(rules)}
`);
  return script;
}

/** The scale world's topology: its namespaces (the host's and the pods') and the devices
 *  (the host's lo, br0 and 200 veths; each pod's lo and eth0). */
export const SCALE_NODES = { namespaces: SCALE.namespaces + 1, devices: 2 + SCALE.namespaces + 2 * SCALE.namespaces } as const;
