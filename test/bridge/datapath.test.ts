// The bridge's kernel side through the kernel API: ports, learning, flooding, forwarding,
// ageing on the world clock, carrier, MTU and the bridge's own MAC address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addHost, frame, hex, mac, send, world } from './helpers.js';
import { rtnlDellink, rtnlNewlink, rtnlSetlink } from '../../src/kernel/core/rtnetlink.js';
import { devClose, devOpen, devQueueXmit } from '../../src/kernel/core/dev.js';
import { formatMac } from '../../src/kernel/core/eth.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import { rtnlFdbDump } from '../../src/kernel/bridge/rtnl_fdb.js';
import { rtnlBridgeGetlink, brChangelink, brFillInfo, brPortFillAttrs } from '../../src/kernel/bridge/br_netlink.js';
import { Bridge } from '../../src/kernel/bridge/br_device.js';
import { KernelError } from '../../src/kernel/errno.js';
import { devMcList, mcGroupOps } from '../../src/kernel/bridge/dev_addr_lists.js';

const A = '02:00:00:00:00:0a', B = '02:00:00:00:00:0b', C = '02:00:00:00:00:0c';

function learned(ns: Parameters<typeof rtnlFdbDump>[0]): string[] {
  return rtnlFdbDump(ns).filter((m) => m.master !== undefined && m.state !== 0x80)
    .map((m) => `${formatMac(m.mac)} ${ns.devByIndex(m.ifindex)!.name}`);
}

test('ports forward as soon as they are up with carrier; the bridge has carrier then', () => {
  const { ns, br } = world();
  // A new bridge has the carrier alloc_netdev() gave it, and the operstate UNKNOWN linkwatch
  // never changed, until its first port makes br_port_state_selection() run.
  assert.equal(br.carrier, true);
  devOpen(br);
  assert.equal(br.operstate, 'UNKNOWN');
  devClose(br);
  const a = addHost(ns, br, 'va', A);
  assert.equal(rtnlBridgeGetlink(ns)[0]!.protinfo.state, 3);
  assert.equal(br.carrier, true);
  assert.equal(br.operstate, 'UP');
  devClose(a.nic);
  assert.equal(brPortFillAttrs(a.port)!.state, 0);
  assert.equal(br.carrier, false);
  assert.equal(br.operstate, 'DOWN');
});

test('learning on receive, flooding of unknown unicast and broadcast, then forwarding', () => {
  const { ns, br } = world();
  const a = addHost(ns, br, 'va', A);
  const b = addHost(ns, br, 'vb', B);
  const c = addHost(ns, br, 'vc', C);
  // A broadcasts: B and C get it, A does not; A is learned on va.
  send(a, frame('ff:ff:ff:ff:ff:ff', A));
  assert.deepEqual([a.rx.length, b.rx.length, c.rx.length], [0, 1, 1]);
  assert.deepEqual(learned(ns), [`${A} va`]);
  // B answers A: known, so only A gets it; B is learned.
  send(b, frame(A, B));
  assert.deepEqual([a.rx.length, b.rx.length, c.rx.length], [1, 1, 1]);
  assert.equal(hex(a.rx[0]!), hex(frame(A, B)));
  // A to an unknown unicast address: flooded to B and C.
  send(a, frame('02:00:00:00:00:99', A));
  assert.deepEqual([a.rx.length, b.rx.length, c.rx.length], [1, 2, 2]);
  // A to B: forwarded to B only.
  send(a, frame(B, A));
  assert.deepEqual([a.rx.length, b.rx.length, c.rx.length], [1, 3, 2]);
  assert.deepEqual(learned(ns).sort(), [`${A} va`, `${B} vb`]);
  // A moves to C's port: relearned there.
  send(c, frame(B, A));
  assert.deepEqual(learned(ns).sort(), [`${A} vc`, `${B} vb`]);
  // Multicast is flooded too (no querier).
  send(b, frame('01:00:5e:00:00:fb', B));
  assert.deepEqual([a.rx.length, b.rx.length, c.rx.length], [2, 4, 3]);
});

test('learned entries age out after ageing_time on the world clock', () => {
  const { k, ns, br } = world();
  const a = addHost(ns, br, 'va', A);
  addHost(ns, br, 'vb', B);
  send(a, frame('ff:ff:ff:ff:ff:ff', A));
  assert.deepEqual(learned(ns), [`${A} va`]);
  k.clock.advance(299_000);
  assert.deepEqual(learned(ns), [`${A} va`]);
  const m = rtnlFdbDump(ns).find((x) => formatMac(x.mac) === A)!;
  assert.deepEqual(m.cacheinfo, { used: 29900, updated: 29900 });
  k.clock.advance(2_000);
  assert.deepEqual(learned(ns), []);
  // A shorter ageing time takes effect at once.
  rtnlSetlink(br, { data: { ageing_time: 500 } });
  send(a, frame('ff:ff:ff:ff:ff:ff', A));
  k.clock.advance(4_000);
  assert.deepEqual(learned(ns), [`${A} va`]);
  k.clock.advance(1_200);
  assert.deepEqual(learned(ns), []);
  assert.equal(brFillInfo(br)!.ageing_time, 500);
});

test('removing a port flushes its entries; its own MAC leaves the FDB', () => {
  const { ns, br } = world();
  const a = addHost(ns, br, 'va', A, '02:00:00:00:01:01');
  const b = addHost(ns, br, 'vb', B, '02:00:00:00:01:02');
  send(a, frame('ff:ff:ff:ff:ff:ff', A));
  send(b, frame(A, B));
  assert.deepEqual(learned(ns).sort(), [`${A} va`, `${B} vb`]);
  rtnlSetlink(a.port, { master: 0 });
  assert.deepEqual(learned(ns), [`${B} vb`]);
  const locals = rtnlFdbDump(ns).filter((m) => m.master !== undefined).map((m) => formatMac(m.mac));
  assert.deepEqual(locals, [B, '02:00:00:00:01:02']);
  assert.equal(a.port.master, undefined);
  assert.equal(a.port.promiscCount, 0);
  assert.equal(a.port.allmultiCount, 0);
  // Deleting the bridge releases the other port.
  rtnlDellink(br);
  assert.equal(b.port.master, undefined);
  assert.equal(b.port.rxHandler, undefined);
});

test('the bridge takes the lowest port MAC, 00:00:00:00:00:00 without ports, and keeps a set one', () => {
  const { ns, br } = world();
  const random = formatMac(br.addr);
  assert.equal(brFillInfo(br)!.bridge_id.addr.every((x) => x === 0), true);
  const v0 = rtnlNewlink(ns, 'veth', { name: 'v0', peer: { name: 'v0p' }, address: mac('02:00:00:00:00:05') });
  const v1 = rtnlNewlink(ns, 'veth', { name: 'v1', peer: { name: 'v1p' }, address: mac('02:00:00:00:00:03') });
  assert.notEqual(random, '02:00:00:00:00:05');
  rtnlSetlink(v0, { master: br.ifindex });
  assert.equal(formatMac(br.addr), '02:00:00:00:00:05');
  rtnlSetlink(v1, { master: br.ifindex });
  assert.equal(formatMac(br.addr), '02:00:00:00:00:03');
  rtnlSetlink(v1, { master: 0 });
  assert.equal(formatMac(br.addr), '02:00:00:00:00:05');
  rtnlSetlink(v0, { master: 0 });
  assert.equal(formatMac(br.addr), '00:00:00:00:00:00');
  rtnlSetlink(br, { address: mac('02:00:00:00:00:99') });
  rtnlSetlink(v1, { master: br.ifindex });
  assert.equal(formatMac(br.addr), '02:00:00:00:00:99');
  const fdb = rtnlFdbDump(ns).filter((m) => m.master !== undefined).map((m) => `${formatMac(m.mac)} ${ns.devByIndex(m.ifindex)!.name}`);
  assert.deepEqual(fdb, ['02:00:00:00:00:99 br0', '02:00:00:00:00:03 v1']);
});

test('the bridge MTU follows the smallest port until set by hand (as in 037-bridge-mtu)', () => {
  const { ns, br } = world();
  const v0 = rtnlNewlink(ns, 'veth', { name: 'v0', peer: { name: 'v0p' }, mtu: 9000 });
  const v1 = rtnlNewlink(ns, 'veth', { name: 'v1', peer: { name: 'v1p' }, mtu: 1400 });
  rtnlSetlink(v0, { master: br.ifindex });
  assert.equal(br.mtu, 9000);
  rtnlSetlink(v1, { master: br.ifindex });
  assert.equal(br.mtu, 1400);
  rtnlSetlink(v1, { master: 0 });
  assert.equal(br.mtu, 9000);
  rtnlSetlink(br, { mtu: 1280 });
  rtnlSetlink(v1, { master: br.ifindex });
  assert.equal(br.mtu, 1280);
});

test('frames for the bridge go up the stack on the bridge device; the bridge transmits via the FDB', () => {
  const { ns, br } = world();
  const a = addHost(ns, br, 'va', A);
  const b = addHost(ns, br, 'vb', B);
  const up: string[] = [];
  const bridgeDev = br as Bridge;
  // Catch what the stack would receive on br0 (no protocol module is loaded here).
  bridgeDev.rxHandler = (skb) => {
    up.push(`${skb.dev!.name} ${skb.pktType} ${formatMac(skb.buf.subarray(skb.macOffset + 6, skb.macOffset + 12))}`);
    return true;
  };
  send(a, frame(formatMac(br.addr), A));
  send(b, frame('ff:ff:ff:ff:ff:ff', B));
  assert.deepEqual(up, [`br0 0 ${A}`, `br0 1 ${B}`]);
  assert.equal(br.stats.rx_packets, 2);
  assert.equal(br.stats.rx_bytes, 2 * 46);
  // br_dev_xmit: to A (known) goes to va only; to an unknown address floods.
  const skb = new SkBuff(frame(A, formatMac(br.addr)));
  skb.dev = br;
  assert.deepEqual([a.rx.length, b.rx.length], [1, 0]); // B's broadcast reached A
  devQueueXmit(skb);
  assert.deepEqual([a.rx.length, b.rx.length], [2, 0]);
  const skb2 = new SkBuff(frame('02:00:00:00:00:77', formatMac(br.addr)));
  skb2.dev = br;
  devQueueXmit(skb2);
  assert.deepEqual([a.rx.length, b.rx.length], [3, 1]);
  assert.equal(br.stats.tx_packets, 2);
});

test('the bridge joins the snooper groups while up, as IPv4 and IPv6 group member', () => {
  // Only the bridge is loaded here: stand-ins for IPv4 and IPv6 record the joins, and only
  // the IPv6 one may see IFF_UP clear (ndo_open runs before __dev_open() sets it).
  const calls: string[] = [];
  mcGroupOps.ip4Inc = (d, g) => calls.push(`ip4 join ${(g >>> 0).toString(16)} up=${d.isUp}`);
  mcGroupOps.ip4Dec = (_d, g) => calls.push(`ip4 leave ${(g >>> 0).toString(16)}`);
  mcGroupOps.ip6Inc = (d, g) => calls.push(`ip6 join ${formatIp6Tail(g)} up=${d.isUp}`);
  mcGroupOps.ip6Dec = (_d, g) => calls.push(`ip6 leave ${formatIp6Tail(g)}`);
  try {
    const { br } = world();
    devOpen(br);
    devClose(br);
    devOpen(br);
    brChangelink(br as Bridge, { mcast_snooping: 0 });
    assert.deepEqual(calls, [
      'ip4 join e000006a up=false', 'ip6 join ff02::6a up=false', 'ip4 leave e000006a', 'ip6 leave ff02::6a',
      'ip4 join e000006a up=false', 'ip6 join ff02::6a up=false', 'ip4 leave e000006a', 'ip6 leave ff02::6a',
    ]);
    assert.deepEqual(devMcList(br).map(formatMac), []);
  } finally {
    for (const k of ['ip4Inc', 'ip4Dec', 'ip6Inc', 'ip6Dec'] as const) delete mcGroupOps[k];
  }
});

function formatIp6Tail(g: Uint8Array): string {
  return `ff02::${g[15]!.toString(16)}`;
}

test('enslaving errors are those of br_add_if()', () => {
  const { ns, br } = world();
  const br1 = rtnlNewlink(ns, 'bridge', { name: 'br1' });
  assert.throws(() => rtnlSetlink(br1, { master: br.ifindex }), (e: unknown) => e instanceof KernelError && e.errno === 40 && e.extack === 'Can not enslave a bridge to a bridge');
  assert.throws(() => rtnlSetlink(br, { master: br.ifindex }), (e: unknown) => e instanceof KernelError && e.errno === 40);
});

test('with STP on, a port goes listening, learning, forwarding on the forward delay', () => {
  const { k, ns, br } = world();
  rtnlSetlink(br, { data: { stp_state: 1, forward_delay: 400 } });
  const a = addHost(ns, br, 'va', A);
  assert.equal(brPortFillAttrs(a.port)!.state, 1);
  assert.equal(br.carrier, false);
  k.clock.advance(4000);
  assert.equal(brPortFillAttrs(a.port)!.state, 2);
  k.clock.advance(4000);
  assert.equal(brPortFillAttrs(a.port)!.state, 3);
  assert.equal(br.carrier, true);
  // A topology change shortens the ageing time to twice the forward delay.
  assert.equal(brFillInfo(br)!.ageing_time, 800);
  assert.equal(brFillInfo(br)!.topology_change, 1);
});
