// The NUD state machine on the clock, and the neighbour API the tools use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoHosts, runPing, nsOf, sh } from '../datapath/helpers.js';
import { neighDump, neighAdd, NUD_REACHABLE, NUD_STALE, NUD_DELAY, NUD_PROBE, NUD_FAILED, NUD_INCOMPLETE, NUD_PERMANENT } from '../../src/kernel/core/neighbour.js';
import { arpTable } from '../../src/kernel/ipv4/arp.js';
import { KernelError } from '../../src/kernel/errno.js';

const stateOf = (k: Awaited<ReturnType<typeof twoHosts>>, ns: string, addr: number) =>
  [...arpTable(nsOf(k, ns)).all].find((n) => n.key === addr)?.nudState;

test('REACHABLE decays to STALE within 3/2 base_reachable_time, DELAY -> PROBE -> REACHABLE on reuse', async () => {
  const k = await twoHosts();
  await runPing(k, '-c 1 10.0.0.2', 'a');
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_REACHABLE);
  assert.equal(stateOf(k, 'b', 0x0a000001), NUD_DELAY);
  k.clock.advance(6000);
  assert.equal(stateOf(k, 'b', 0x0a000001), NUD_REACHABLE); // unicast probe answered
  k.clock.advance(46000);
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_STALE);
  assert.equal(stateOf(k, 'b', 0x0a000001), NUD_STALE);
  await runPing(k, '-c 1 10.0.0.2', 'a');
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_DELAY);
  k.clock.advance(5300);
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_REACHABLE);
});

test('a vanished peer: PROBE fails after 3 unicast probes, INCOMPLETE after 3 broadcasts', async () => {
  const k = await twoHosts();
  await runPing(k, '-c 1 10.0.0.2', 'a');
  // (Taking b's link down would flush a's entries: the veth carrier drops, arp_evict_nocarrier.)
  await sh(k, 'ip -n b addr del 10.0.0.2/24 dev eth0');
  k.clock.advance(60000);
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_STALE);
  await runPing(k, '-c 1 -W 1 10.0.0.2', 'a');
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_DELAY);
  k.clock.advance(5500);
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_PROBE);
  k.clock.advance(3500);
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_FAILED);
  await runPing(k, '-c 1 -W 1 10.0.0.2', 'a');
  assert.equal(stateOf(k, 'a', 0x0a000002), NUD_INCOMPLETE);
  const n = arpTable(nsOf(k, 'a')).lookup(0x0a000002, nsOf(k, 'a').devByName('eth0')!)!;
  assert.equal(n.probes, 4);
  k.clock.advance(2100);
  assert.equal(n.probes, 6);
  k.clock.advance(1000);
  assert.equal(n.nudState, NUD_FAILED);
});

test('link down flushes a device\'s entries, permanent ones included', async () => {
  const k = await twoHosts();
  await sh(k, 'ip -n a neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0');
  await runPing(k, '-c 1 10.0.0.2', 'a');
  assert.equal(neighDump(nsOf(k, 'a'), 2).length, 2);
  await sh(k, 'ip -n a link set eth0 down');
  assert.deepEqual(neighDump(nsOf(k, 'a'), 2).map((r) => r.state), []);
});

test('neighAdd: EEXIST, ENOENT for change, "No link layer address given" (entry left behind)', () => {
  return twoHosts().then((k) => {
    const ns = nsOf(k, 'a');
    const ifindex = ns.devByName('eth0')!.ifindex;
    const dst = Uint8Array.of(10, 0, 0, 5);
    const lladdr = Uint8Array.of(2, 0, 0, 0, 0, 5);
    neighAdd(ns, { family: 2, dst, ifindex, state: NUD_PERMANENT, flags: 0, lladdr }, { create: true, excl: true });
    assert.throws(() => neighAdd(ns, { family: 2, dst, ifindex, state: NUD_PERMANENT, flags: 0, lladdr }, { create: true, excl: true }),
      (e: unknown) => e instanceof KernelError && e.errno === 17);
    assert.throws(() => neighAdd(ns, { family: 2, dst: Uint8Array.of(10, 0, 0, 6), ifindex, state: NUD_PERMANENT, flags: 0, lladdr }, { replace: true }),
      (e: unknown) => e instanceof KernelError && e.errno === 2);
    assert.throws(() => neighAdd(ns, { family: 2, dst: Uint8Array.of(10, 0, 0, 8), ifindex, state: NUD_PERMANENT, flags: 0 }, { create: true, excl: true }),
      (e: unknown) => e instanceof KernelError && e.extack === 'No link layer address given');
    assert.ok(neighDump(ns, 2).some((r) => r.dst[3] === 8 && r.state === 0));
  });
});
