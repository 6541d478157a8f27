// An open namespace's details as patches: each kind of change reaches the page as the smallest
// part that holds it, and the page's copy, patched, equals the details taken whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/tools/index.js';
import { Kernel } from '../../src/index.js';
import { namespaceView } from '../../src/cli/ui/snapshot.js';
import { DetailsDiffer, applyDetailsPatch } from '../../src/cli/ui/details-diff.js';
import type { DetailsPatch } from '../../src/cli/ui/protocol.js';

test('each change is sent as the section or chains it touched', async () => {
  const k = new Kernel({ seed: 5 });
  const run = async (cmd: string) => assert.equal((await k.exec(cmd)).status, 0, cmd);
  for (const c of ['ip netns add a', 'ip -n a link add d0 type dummy', 'ip -n a addr add 10.1.0.1/24 dev d0', 'ip -n a link set d0 up', 'ip -n a link set lo up',
    'ip netns exec a iptables -N KUBE-X', 'ip netns exec a iptables -A KUBE-X -s 10.9.0.0/16 -j DROP']) await run(c);
  const ns = k.namedNetns.get('a')!;
  const differ = new DetailsDiffer();
  let page = namespaceView(ns);
  differ.full(page);
  const step = async (cmd: string): Promise<DetailsPatch | undefined> => {
    await run(cmd);
    const now = namespaceView(ns);
    const patch = differ.diff(now);
    if (patch) page = applyDetailsPatch(page, patch);
    assert.deepEqual(page, now, `after ${cmd}`);
    return patch;
  };

  assert.equal(differ.diff(namespaceView(ns)), undefined, 'nothing changed, nothing sent');

  let p = await step('ip -n a rule add from 10.1.0.0/24 lookup 100 pref 100');
  assert.deepEqual(Object.keys(p!), ['ipRules']);
  assert.ok(p!.ipRules!.some((r) => r.family === 'ipv4' && r.text === '100:\tfrom 10.1.0.0/24 lookup 100'), JSON.stringify(p!.ipRules));

  p = await step('ip -n a route add 10.2.0.0/16 via 10.1.0.2');
  assert.deepEqual(Object.keys(p!), ['routes']);

  // A rule in an existing chain: that chain alone.
  p = await step('ip netns exec a iptables -A INPUT -p icmp -m conntrack --ctstate NEW -j ACCEPT');
  assert.deepEqual(Object.keys(p!), ['chains']);
  assert.deepEqual(p!.chains!.map((c) => c.view.name), ['INPUT']);

  // A new chain changes the tables' shape: iptables whole.
  p = await step('ip netns exec a iptables -N KUBE-Y');
  assert.deepEqual(Object.keys(p!), ['iptables']);

  // A packet: the counters of the chains it went through, conntrack, nothing else of iptables.
  p = await step('ip netns exec a ping -c 1 10.1.0.1');
  assert.ok(p!.conntrack?.length, 'the echo is tracked');
  assert.equal(p!.iptables, undefined);
  assert.ok(p!.chains!.some((c) => c.view.name === 'INPUT' && c.view.rules[0]!.pkts > 0));
  assert.ok(!p!.chains!.some((c) => c.view.name === 'KUBE-X'), 'KUBE-X saw no packet');

  p = await step('ip netns exec a iptables -X KUBE-Y');
  assert.deepEqual(Object.keys(p!), ['iptables']);

  p = await step('ip -n a link add d1 type dummy');
  assert.ok(p!.devices?.some((d) => d.name === 'd1'));
});
