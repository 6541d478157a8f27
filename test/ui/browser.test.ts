// netsim ui in headless Chromium (Debian's chromium driven by playwright-core): the
// kube-proxy example's topology, a command typed in the terminal adding a device that then
// appears, a namespace's details, the packet list, a packet walked through the packet-flow
// diagram to its DNAT rewrite and to its drop, a scenario run step by step, a world reset, and
// the refusal of a page without the token. Skipped only when no chromium is installed (.ci/run
// installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Page } from 'playwright-core';
import { ensureWebBuilt, startUi } from './helpers.js';
import { clickNamespace, findChromium, graph, terminalText, until } from './browser-helpers.js';

const browserPath = findChromium();
const skip = browserPath ? false : 'chromium is not installed (apt-get install chromium)';

/** The diagram's lit box: its id, whether it shows a drop, and the boxes visited before. */
function litBox(page: Page): Promise<{ current: string[]; drop: boolean; visited: string[] }> {
  return page.evaluate(() => ({
    current: [...document.querySelectorAll('svg.flow .box.current')].map((b) => b.getAttribute('data-box')!),
    drop: !!document.querySelector('svg.flow .box.current.drop'),
    visited: [...document.querySelectorAll('svg.flow .box.visited')].map((b) => b.getAttribute('data-box')!),
  }));
}

test('netsim ui shows the kube-proxy example and follows the terminal', { skip, timeout: 120_000 }, async () => {
  ensureWebBuilt();
  const ui = await startUi(['examples/kube-proxy.sh']);
  const browser = await chromium.launch({ executablePath: browserPath, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Without the token: refused, both the page and its WebSocket.
    const u = new URL(ui.url);
    const bare = await page.goto(`http://127.0.0.1:${u.port}/`);
    assert.equal(bare?.status(), 403);
    const wsRefused = await page.evaluate((port) => new Promise<boolean>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
      ws.onopen = () => resolve(false);
      ws.onerror = () => resolve(true);
    }), u.port);
    assert.ok(wsRefused, 'a WebSocket without the token is refused');

    const res = await page.goto(ui.url);
    assert.equal(res?.status(), 200);

    // The topology: every namespace as a box, their devices inside, addresses on the labels.
    const nodes = await until('the namespaces and devices', () => graph(page), (g) =>
      ['node', 'pod2', 'web1', 'web2'].every((ns) => g.some((n) => n.id === `ns/${ns}`)) && g.some((n) => n.label.startsWith('cni0')));
    const label = (ns: string, name: string) => nodes.find((n) => n.parent === `ns/${ns}` && n.label.split('\n')[0] === name)?.label;
    assert.equal(label('node', 'cni0'), 'cni0\n10.244.1.1/24');
    assert.equal(label('web1', 'eth0'), 'eth0\n10.244.1.10/24');
    for (const v of ['veth1', 'veth2', 'veth3']) assert.ok(label('node', v), v);
    const edges = await page.evaluate(() => window.netsimUi.cy.edges().map((e) => `${e.data('type')} ${e.source().id()} ${e.target().id()}`));
    assert.equal(edges.filter((e) => e.startsWith('veth ')).length, 3, edges.join('\n'));
    assert.equal(edges.filter((e) => e.startsWith('port ')).length, 3, edges.join('\n'));

    // The terminal, moved into the node namespace; a device added there appears in its box.
    await page.selectOption('#netns', 'node');
    await until('the prompt in node', () => terminalText(page), (t) => t.includes('netsim(node)#'));
    await page.click('#terminal');
    await page.keyboard.type('ip link add dummy0 type dummy\n');
    await until('dummy0 in node', () => graph(page), (g) => g.some((n) => n.parent === 'ns/node' && n.label === 'dummy0'));

    // Pasted text (the browser's paste event, as Ctrl+V or a menu gives it) reaches the shell;
    // Ctrl+Shift+C copies the selection.
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'echo pasted-$((2 + 3))');
      document.querySelector('#terminal textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.keyboard.press('Enter');
    await until('the pasted command run', () => terminalText(page), (t) => /^pasted-5\s*$/m.test(t));
    await page.evaluate(() => window.netsimUi.term.selectAll());
    await page.keyboard.press('Control+Shift+C');
    assert.match(await until('the copied text', () => page.evaluate(() => navigator.clipboard.readText()), (t) => t.includes('pasted-5')), /\npasted-5\n/);

    // A click on the node namespace's box shows its routes, rules with counters and conntrack.
    await clickNamespace(page, 'node');
    const details = await until('the node namespace details', () => page.textContent('#details').then((t) => t ?? ''), (t) => t.includes('KUBE-SERVICES'));
    assert.match(details, /10\.244\.1\.0\/24 dev cni0/);
    assert.match(details, /-A KUBE-SVC-WEB .*-j KUBE-SEP-WEB1/);
    assert.match(details, /icmp 10\.244\.1\.2 > 10\.244\.1\.10/);
    assert.match(details, /\$ ip rule\n0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default/);
    // A policy rule added in the terminal reaches the open details (as a patch).
    await page.click('#terminal');
    await page.keyboard.type('ip rule add fwmark 0x1 lookup 100\n');
    await until('the new policy rule in the details', () => page.textContent('pre.ip-rules[data-family=ipv4]').then((t) => t ?? ''),
      (t) => t.includes('32765:\tfrom all fwmark 0x1 lookup 100'));

    // A click on a veth wire (where no device covers it) shows both its ends.
    const wire = await page.evaluate(() => {
      const cy = window.netsimUi.cy;
      cy.fit(undefined, 20);
      const devs = cy.nodes('[type="dev"]').map((n) => n.renderedBoundingBox());
      const free = cy.edges('[type="veth"]').map((e) => ({ e, m: e.renderedMidpoint() }))
        .find(({ m }) => !devs.some((b) => m.x >= b.x1 - 4 && m.x <= b.x2 + 4 && m.y >= b.y1 - 4 && m.y <= b.y2 + 4))!;
      const c = cy.container()!.getBoundingClientRect();
      const end = (n: import('cytoscape').NodeSingular) => `${String(n.data('label')).split('\n')[0]} in ${String(n.data('parent')).slice(3)}`;
      return { x: c.left + free.m.x, y: c.top + free.m.y, ends: [end(free.e.source()), end(free.e.target())] };
    });
    await page.mouse.click(wire.x, wire.y);
    const ends = await until('the wire details', () => page.$$eval('#details .details-link h2', (x) => x.map((e) => e.textContent ?? '')), (x) => x.length === 3);
    assert.deepEqual(ends, ['veth pair', ...wire.ends]);

    // Traffic from the terminal lists its packets; one of them walks to its drop.
    await page.click('#terminal');
    await page.keyboard.type('ip netns exec pod2 ping -c 1 -W 1 10.244.1.99\n');
    await page.click('button[data-tab=packets]');
    const rows = await until('an ICMP echo to 10.244.1.99 in the packet list', () => page.$$eval('.packet', (r) => r.map((x) => x.textContent ?? '')),
      (r) => r.some((x) => x.includes('10.244.1.2 > 10.244.1.99 icmp echo request')));
    assert.ok(rows.length > 0);
    // No neighbour answers for 10.244.1.99: the echo waits for ARP and is dropped.
    await page.click('.packet:has-text("10.244.1.2 > 10.244.1.99 icmp echo request")');
    const steps = await until('the echo walked to its drop', () => page.$$eval('table.steps tbody tr', (r) => r.map((x) => x.textContent ?? '')),
      (s) => /kfree_skbdropped: SKB_DROP_REASON_/.test(s.at(-1) ?? ''));
    assert.ok(steps.every((s) => s.includes('pod2')), steps.join('\n'));
    await page.click('table.steps tbody tr >> nth=0');
    const marked = await page.evaluate(() => window.netsimUi.cy.elements('.walk').map((e) => e.id()));
    assert.equal(marked.length, 1);
    assert.match(marked[0]!, /^(ns\/pod2|dev\/pod2\/\d+)$/);
    // Stepped to its end: the neighbour box of the diagram is lit as the drop, with the reason.
    await page.click('.walk-last');
    assert.equal((await page.evaluate(() => window.netsimUi.walk()))?.fn, 'kfree_skb');
    const atDrop = await litBox(page);
    assert.deepEqual(atDrop.current, ['neigh']);
    assert.ok(atDrop.drop, 'the box is drawn as the drop');
    assert.ok(atDrop.visited.includes('out.route'), `visited: ${atDrop.visited.join(' ')}`);
    const dropText = await page.textContent('.walk-card');
    assert.match(dropText ?? '', /dropped: SKB_DROP_REASON_NEIGH_FAILED/);
    assert.match(dropText ?? '', /never answered ARP/);
    // Back one step, and the drop is gone from the picture.
    await page.click('.walk-prev');
    assert.ok(!(await litBox(page)).drop);

    // A SYN to the ClusterIP sent by netsim trace: walked to its DNAT in node's PREROUTING.
    await page.click('#terminal');
    await page.keyboard.type("netsim trace pod2 tcp 10.244.1.2:40123 '>' 10.96.0.100:80 >/dev/null\n");
    await page.fill('.packet-filter', '40123 > 10.96.0.100:80');
    await until('the SYN in the packet list', () => page.$$eval('.packet', (r) => r.length), (n) => n === 1);
    await page.click('.packet');
    const nat = await until('the walk at the DNAT rewrite', async () => {
      await page.click('.walk-next');
      return page.evaluate(() => window.netsimUi.walk());
    }, (w) => w?.fn === 'nf_nat_manip_pkt' || (w?.fn === 'kfree_skb'));
    assert.equal(nat?.box, 'pre.nat');
    assert.deepEqual((await litBox(page)).current, ['pre.nat']);
    const rewrite = await page.textContent('.walk-nat');
    assert.match(rewrite ?? '', /^DNAT: 10\.244\.1\.2:40123 > 10\.96\.0\.100:80 tcp \[S\] ttl 64 → 10\.244\.1\.2:40123 > 10\.244\.1\.1[01]:8080 tcp \[S\] ttl 64$/);
    const dnatMarked = await page.evaluate(() => window.netsimUi.cy.elements('.walk').map((e) => e.id()));
    assert.deepEqual(dnatMarked, ['ns/node']);
    // Walked on, the SYN meets no socket at the endpoint; the reset it provokes is offered next.
    await page.click('.walk-last');
    assert.match(await page.textContent('.walk-card') ?? '', /SKB_DROP_REASON_NO_SOCKET/);
    assert.deepEqual((await litBox(page)).current, ['local']);
    const follow = await until('the reset offered as the next packet', () => page.$$eval('.walk-to', (b) => b.map((x) => x.textContent ?? '')),
      (b) => b.some((x) => /then #\d+ 10\.244\.1\.1[01]:8080 > 10\.244\.1\.2:40123 tcp \[R\.\]/.test(x)));
    assert.ok(follow.length > 0);

    // A scenario pasted in, run one step at a time, then the rest at once.
    await page.click('button[data-tab=scenarios]');
    await page.fill('.scn-text', 'ip netns add scn1\nfor d in d7 d8; do\n  ip -n scn1 link add $d type dummy\ndone\nip -n scn1 link show d9\necho "done $((6 * 7))"\n');
    await page.click('.scn-use-text');
    await until('four steps', () => page.$$eval('.scn-item', (r) => r.length), (n) => n === 4);
    await page.click('.scn-step');
    await until('scn1 in the topology', () => graph(page), (g) => g.some((n) => n.id === 'ns/scn1'));
    await until('step 2 next', () => page.getAttribute('.scn-item >> nth=1', 'class'), (c) => /\bnext\b/.test(c ?? ''));
    await page.click('.scn-step');
    await until('d7 and d8 in scn1', () => graph(page), (g) => ['d7', 'd8'].every((d) => g.some((n) => n.parent === 'ns/scn1' && n.label === d)));
    await until('step 3 next', () => page.getAttribute('.scn-item >> nth=2', 'class'), (c) => /\bnext\b/.test(c ?? ''));
    await page.click('.scn-run');
    await until('the last step done', () => page.textContent('.scn-item >> nth=3'), (t) => (t ?? '').includes('done 42'));
    assert.match(await page.textContent('.scn-item >> nth=2') ?? '', /exit 1[^]*Device "d9" does not exist\./);

    // A fresh world: the topology keeps only the initial namespace, the packet list empties.
    page.once('dialog', (d) => void d.accept());
    await page.click('.scn-reset');
    await until('only init_net left', () => graph(page), (g) => g.filter((n) => n.id.startsWith('ns/')).map((n) => n.id).join() === 'ns/init_net');
    await until('no packets', () => page.evaluate(() => window.netsimUi.packets().length), (n) => n === 0);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await ui.stop();
  }
});
