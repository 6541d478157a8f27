// netsim ui at the scale users meet: 200 namespaces on a bridge and 10,000 iptables rules. The
// page gets a summary of the world (devices and counts, no rules), then only the namespaces
// that changed, and one namespace's rules when it opens it, then only the chains that changed.
// Sizes and counts are checked; the times are reported (t.diagnostic), never asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/tools/index.js';
import { Kernel } from '../../src/index.js';
import { WorldFeed } from '../../src/cli/ui/feed.js';
import { namespaceView, worldSummary } from '../../src/cli/ui/snapshot.js';
import { WorldDiffer } from '../../src/cli/ui/world-diff.js';
import { applyDetailsPatch } from '../../src/cli/ui/details-diff.js';
import type { ServerMessage } from '../../src/cli/ui/protocol.js';

const NAMESPACES = 200;
const RULES = 10_000;

async function must(k: Kernel, cmd: string, stdin?: string): Promise<void> {
  const r = await k.exec(cmd, { stdin });
  assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
}

function ms(t0: number): string {
  return `${(performance.now() - t0).toFixed(1)} ms`;
}

test('200 namespaces and 10,000 rules: a summary, diffs of one namespace, rules only on demand', { timeout: 300_000 }, async (t) => {
  const k = new Kernel({ seed: 9 });
  let t0 = performance.now();
  await must(k, 'ip link add br0 type bridge');
  await must(k, 'ip addr add 10.200.0.1/16 dev br0');
  await must(k, 'ip link set br0 up');
  for (let i = 1; i <= NAMESPACES; i++) {
    await must(k, `ip netns add pod${i}`);
    await must(k, `ip link add veth${i} type veth peer name eth0 netns pod${i}`);
    await must(k, `ip link set veth${i} master br0 up`);
    await must(k, `ip -n pod${i} addr add 10.200.${i >> 8}.${(i & 255) + 1}/16 dev eth0`);
    await must(k, `ip -n pod${i} link set eth0 up`);
  }
  let rules = '*filter\n:KUBE-FW - [0:0]\n';
  for (let i = 0; i < RULES; i++) rules += `-A KUBE-FW -s 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 -p tcp -m tcp --dport ${1000 + (i % 50000)} -j ACCEPT\n`;
  rules += 'COMMIT\n';
  await must(k, 'iptables-restore', rules);
  t.diagnostic(`building the world: ${ms(t0)}`);

  // The summary: every namespace and device, rule counts but no rule text.
  t0 = performance.now();
  const world = worldSummary(k);
  const json = JSON.stringify(world);
  t.diagnostic(`summary of ${world.namespaces.length} namespaces: ${ms(t0)}, ${json.length} bytes`);
  assert.equal(world.namespaces.length, NAMESPACES + 1);
  assert.equal(world.namespaces[0]!.rules, RULES);
  assert.equal(world.namespaces[0]!.devices.length, NAMESPACES + 2);
  assert.ok(!json.includes('KUBE-FW'), 'no rule text in the summary');
  assert.ok(json.length < 250_000, `summary size ${json.length}`);

  // One namespace changes: the diff holds it alone.
  const differ = new WorldDiffer();
  differ.full(world);
  assert.equal(differ.diff(worldSummary(k)), undefined, 'nothing changed, nothing sent');
  await must(k, 'ip -n pod77 link add d0 type dummy');
  t0 = performance.now();
  const diff = differ.diff(worldSummary(k))!;
  t.diagnostic(`diff after one change: ${ms(t0)}, ${JSON.stringify(diff).length} bytes`);
  assert.deepEqual(diff.upsert.map((n) => n.name), ['pod77']);
  assert.deepEqual(diff.remove, []);
  assert.equal(diff.order, undefined);
  assert.ok(JSON.stringify(diff).length < 3000);

  // The namespace with the rules, opened: all of them, with counters.
  t0 = performance.now();
  const full = namespaceView(k.initNet);
  const fullJson = JSON.stringify(full);
  t.diagnostic(`details of init_net (${RULES} rules): ${ms(t0)}, ${fullJson.length} bytes`);
  const chain = full.iptables.find((x) => x.name === 'filter')!.chains.find((c) => c.name === 'KUBE-FW')!;
  assert.equal(chain.rules.length, RULES);

  // Through the feed, as a page sees it: the world whole once, then a diff of one namespace;
  // a small namespace's details when it is opened, the big one's only when it is.
  const feed = new WorldFeed(k, { pollMs: 600_000, detailsMs: 0 });
  const sent: ServerMessage[] = [];
  const sub = feed.subscribe((m) => sent.push(m));
  try {
    const first = sent.find((m) => m.type === 'world')!;
    assert.ok(JSON.stringify(first).length < 250_000);
    sub.watch('pod5');
    const d5 = sent.at(-1)!;
    assert.ok(d5.type === 'details' && d5.name === 'pod5' && d5.ns!.devices.length === 2);
    assert.ok(JSON.stringify(d5).length < 5000);
    sent.length = 0;
    await must(k, 'ip -n pod123 link set lo up');
    t0 = performance.now();
    feed.refresh();
    t.diagnostic(`feed refresh after one change (pod5 open): ${ms(t0)}`);
    const diffs = sent.filter((m) => m.type === 'world-diff');
    assert.equal(diffs.length, 1);
    assert.ok(diffs[0]!.type === 'world-diff' && diffs[0]!.diff.upsert.length === 1 && diffs[0]!.diff.upsert[0]!.name === 'pod123');
    assert.ok(!sent.some((m) => m.type === 'details'), 'pod5 did not change: no details sent');
    sent.length = 0;
    t0 = performance.now();
    sub.watch('init_net');
    t.diagnostic(`opening init_net through the feed: ${ms(t0)}, ${JSON.stringify(sent.at(-1)).length} bytes`);
    const opened = sent.at(-1)!;
    assert.ok(opened.type === 'details' && opened.ns);
    sent.length = 0;
    t0 = performance.now();
    feed.refresh();
    t.diagnostic(`feed refresh with init_net open, nothing changed: ${ms(t0)}`);
    assert.equal(sent.length, 0);

    // A packet through INPUT: the page gets the chains and sections it changed, not the
    // 10,000 rules again, and patching its copy gives what it would get whole.
    await must(k, 'iptables -A INPUT -p icmp -j ACCEPT');
    feed.refresh();
    let patched = opened.ns;
    for (const m of sent.splice(0)) if (m.type === 'details-patch') patched = applyDetailsPatch(patched, m.patch);
    await must(k, 'ip netns exec pod5 ping -c 1 10.200.0.1');
    t0 = performance.now();
    feed.refresh();
    const patches = sent.filter((m) => m.type === 'details-patch');
    assert.equal(patches.length, 1);
    const p = patches[0]!;
    assert.ok(p.type === 'details-patch');
    t.diagnostic(`a ping's patch to init_net's details: ${ms(t0)}, ${JSON.stringify(p).length} bytes`);
    t.diagnostic(Object.entries(p.patch).map(([k, v]) => `${k} ${JSON.stringify(v).length}`).join(", "));
    assert.deepEqual(p.patch.chains?.map((c) => c.view.name), ['INPUT']);
    assert.equal(p.patch.iptables, undefined);
    // The bridge's 200-port FDB (it learnt pod5's address) is most of it.
    assert.ok(!JSON.stringify(p).includes('KUBE-FW') && JSON.stringify(p).length < 50_000, `patch size ${JSON.stringify(p).length}`);
    assert.deepEqual(applyDetailsPatch(patched, p.patch), namespaceView(k.initNet));
  } finally {
    sub.close();
    feed.close();
  }
});
