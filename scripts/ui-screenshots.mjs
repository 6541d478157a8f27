// Takes the README's screenshots of `netsim ui`: starts it on examples/kube-proxy.sh, drives
// Debian's chromium (headless, through playwright-core) to each view and saves PNGs in docs/.
//   node scripts/ui-screenshots.mjs        (after npm install; NETSIM_CHROMIUM=path overrides)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs');
const BROWSER = process.env.NETSIM_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!BROWSER) {
  console.error('ui-screenshots: no chromium found (apt-get install chromium, or set NETSIM_CHROMIUM)');
  process.exit(1);
}

/** Starts `netsim ui ARGS...`; resolves with its URL and a way to stop it. */
function startUi(args) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'netsim'), 'ui', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`netsim ui printed no URL:\n${out}`)), 120_000);
    const onData = (d) => {
      out += d;
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`netsim ui exited (${code}):\n${out}`)));
  });
}

async function until(what, get, ok, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const terminalText = (page) => page.evaluate(() => [...document.querySelectorAll('#terminal .xterm-rows > div')].map((d) => d.textContent).join('\n'));

/** Types a command in the page's terminal and waits for the next prompt. */
async function run(page, cmd) {
  const prompts = (t) => (t.match(/netsim(\([^)]*\))?# /g) ?? []).length;
  const before = prompts(await terminalText(page));
  await page.click('#terminal');
  await page.keyboard.type(`${cmd}\n`);
  await until(`the prompt after ${cmd}`, () => terminalText(page), (t) => prompts(t) > before);
}

/** Opens the walk of the one packet the filter leaves, then steps until `stop(walk)`. */
async function walkTo(page, filter, stop) {
  await page.click('button[data-tab=packets]');
  await page.fill('.packet-filter', filter);
  await until(`one packet for "${filter}"`, () => page.$$eval('.packet', (r) => r.length), (n) => n === 1);
  await page.click('.packet');
  return until('the step', async () => {
    const w = await page.evaluate(() => window.netsimUi.walk());
    if (stop(w)) return w;
    await page.click('.walk-next');
    return page.evaluate(() => window.netsimUi.walk());
  }, stop);
}

async function shot(page, name, top) {
  if (top) await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), top);
  await page.waitForTimeout(400);
  const file = join(OUT, name);
  await page.screenshot({ path: file });
  console.log(`ui-screenshots: ${file}`);
}

mkdirSync(OUT, { recursive: true });
const ui = await startUi(['--seed', '1', 'examples/kube-proxy.sh']);
const browser = await chromium.launch({ executablePath: BROWSER, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(ui.url);
  await until('the topology', () => page.evaluate(() => window.netsimUi.cy.nodes('[type="ns"]').length), (n) => n >= 5);

  // Topology with the node namespace's details: routes, the kube-proxy rules with counters, conntrack.
  const pos = await page.evaluate(() => {
    const box = window.netsimUi.cy.getElementById('ns/node').renderedBoundingBox();
    const c = window.netsimUi.cy.container().getBoundingClientRect();
    return { x: c.left + box.x1 + 6, y: c.top + box.y2 - 6 };
  });
  await page.mouse.click(pos.x, pos.y);
  await until('the details of node', () => page.textContent('#details'), (t) => (t ?? '').includes('KUBE-SERVICES'));
  await shot(page, 'ui-topology.png');

  // The terminal, in the node namespace.
  await page.selectOption('#netns', 'node');
  await until('the prompt in node', () => terminalText(page), (t) => t.includes('netsim(node)#'));
  await run(page, 'iptables -t nat -L KUBE-SVC-WEB -n');
  await run(page, 'ip -br addr');
  await run(page, 'conntrack -L 2>/dev/null');
  await shot(page, 'ui-terminal.png');

  // A SYN to the Service's ClusterIP, walked to its DNAT in node's PREROUTING.
  await run(page, "netsim trace pod2 tcp 10.244.1.2:40000 '>' 10.96.0.100:80 >/dev/null");
  await walkTo(page, '40000 > 10.96.0.100:80', (w) => w?.fn === 'nf_nat_manip_pkt');
  await shot(page, 'ui-walk-dnat.png', '.walk-head');

  // A filter rule on the bridge's FORWARD path (br_netfilter) drops what goes to web2.
  await run(page, 'iptables -A FORWARD -d 10.244.1.11 -p tcp --dport 8080 -j DROP');
  await run(page, "netsim trace pod2 tcp 10.244.1.2:40001 '>' 10.244.1.11:8080 >/dev/null");
  await walkTo(page, '40001 > 10.244.1.11:8080', (w) => w?.fn === 'kfree_skb');
  await shot(page, 'ui-walk-drop.png', '.walk-head');

  // The example as a scenario on a fresh world, a few steps in.
  await page.click('button[data-tab=scenarios]');
  page.once('dialog', (d) => void d.accept());
  await page.click('.scn-reset');
  await until('the fresh world', () => page.evaluate(() => window.netsimUi.cy.nodes('[type="ns"]').length), (n) => n === 1);
  await page.fill('.scn-path', 'examples/kube-proxy.sh');
  await page.click('.scn-open');
  await until('the steps', () => page.$$eval('.scn-item', (r) => r.length), (n) => n > 10);
  for (let i = 1; i <= 13; i++) {
    await page.click('.scn-step');
    await until(`step ${i} done`, () => page.$$eval('.scn-item.done', (r) => r.length), (n) => n === i);
  }
  await until('the pods in the topology', () => page.evaluate(() => window.netsimUi.cy.nodes('[type="ns"]').length), (n) => n === 5);
  await page.evaluate(() => document.querySelector('.scn-item.next')?.scrollIntoView({ block: 'center' }));
  await shot(page, 'ui-scenarios.png');
} finally {
  await browser.close();
  await ui.stop();
}
