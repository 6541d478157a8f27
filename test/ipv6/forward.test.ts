// A router namespace between two IPv6 subnets (the real kernel's answers in the comments:
// ttl=63 through the router, "Time exceeded: Hop limit" and "Destination unreachable: No
// route" from 2001:db8:1::1, silence while forwarding is off).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, ip6 } from './helpers.js';
import { rtnlNewlink } from '../../src/kernel/core/rtnetlink.js';
import { devOpen } from '../../src/kernel/core/dev.js';
import { inet6AddrAdd, ipv6DevconfSet } from '../../src/kernel/ipv6/addrconf.js';
import { inet6RtmNewroute } from '../../src/kernel/ipv6/route.js';
import { ping6Open, type Ping6Message } from '../../src/kernel/ipv6/ping.js';
import { formatIPv6 } from '../../src/wire/inet.js';
import type { Netns } from '../../src/kernel/net_namespace.js';

function defaultVia(ns: Netns, gw: string): void {
  inet6RtmNewroute(ns, {
    family: 10, dstLen: 0, srcLen: 0, tos: 0, table: 254, protocol: 3, scope: 0, type: 1, flags: 0, gateway: ip6(gw),
  }, { create: true, excl: true, replace: false, append: false });
}

test('forwarding through a router namespace', () => {
  const k = new Kernel({ seed: 11 });
  const A = k.createNetns(), R = k.createNetns(), B = k.createNetns();
  const a0 = rtnlNewlink(A, 'veth', { name: 'a0', peer: { name: 'r0', netns: R } });
  const b0 = rtnlNewlink(B, 'veth', { name: 'b0', peer: { name: 'r1', netns: R } });
  const r0 = R.devByName('r0')!, r1 = R.devByName('r1')!;
  for (const ns of [A, R, B]) devOpen(ns.devByName('lo')!);
  for (const d of [a0, r0, r1, b0]) devOpen(d);
  inet6AddrAdd(a0, { addr: ip6('2001:db8:1::2'), prefixlen: 64 });
  inet6AddrAdd(r0, { addr: ip6('2001:db8:1::1'), prefixlen: 64 });
  inet6AddrAdd(r1, { addr: ip6('2001:db8:2::1'), prefixlen: 64 });
  inet6AddrAdd(b0, { addr: ip6('2001:db8:2::2'), prefixlen: 64 });
  defaultVia(A, '2001:db8:1::1');
  defaultVia(B, '2001:db8:2::1');
  k.clock.advance(2500);

  const s = ping6Open(A);
  assert.ok(typeof s !== 'number');
  const got: Ping6Message[] = [];
  s.onMessage = (m) => got.push(m);
  const show = () => got.splice(0).map((m) => m.kind === 'reply'
    ? `reply ${formatIPv6(m.src)} ttl=${m.hoplimit} seq=${m.seq}`
    : `error ${formatIPv6(m.offender)} ${m.type}/${m.code} seq=${m.seq}`);
  const ping = (dst: string, seq: number, hoplimit?: number) => {
    assert.equal(s.send({ dst: ip6(dst), id: 77, seq, payload: new Uint8Array(56), hoplimit }), 0);
    k.clock.advance(1000);
  };

  ping('2001:db8:2::2', 1);
  assert.deepEqual(show(), []); // forwarding off: dropped without a word
  ipv6DevconfSet(R, 'all', 'forwarding', 1);
  ping('2001:db8:2::2', 2);
  assert.deepEqual(show(), ['reply 2001:db8:2::2 ttl=63 seq=2']);
  ping('2001:db8:2::2', 3, 1);
  assert.deepEqual(show(), ['error 2001:db8:1::1 3/0 seq=3']); // Time exceeded: Hop limit
  ping('2001:db8:3::2', 4);
  assert.deepEqual(show(), ['error 2001:db8:1::1 1/0 seq=4']); // Destination unreachable: No route
  ping('2001:db8:2::1', 5);
  assert.deepEqual(show(), ['reply 2001:db8:2::1 ttl=64 seq=5']);
});
