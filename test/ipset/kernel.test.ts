// The ip_set core and set types, driven through the in-kernel API the set match and SET target
// use (ipSetTest/ipSetAdd/ipSetDel) and the userspace commands (ipSetAd/ipSetUtest), on a
// virtual clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import {
  type IpSetAttrs, type IpSetPacket, ipSetCreate, ipSetAd, ipSetUtest, ipSetDump, ipSetDestroy,
  ipSetGetByName, ipSetPutByIndex, ipSetTest, ipSetAdd, ipSetDel, ipSetSwap, ipSetPacketFromSkb,
  IPSET_ERR_EXIST, IPSET_ERR_BUSY, IPSET_ERR_BITMAP_RANGE, IPSET_FLAG_NOMATCH, IPSET_FLAG_EXIST,
  IPSET_FLAG_WITH_COUNTERS, NFPROTO_IPV4, NFPROTO_UNSPEC,
} from '../../src/kernel/netfilter/ipset/index.js';
import { jhash2, leWords } from '../../src/kernel/netfilter/ipset/jhash.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';

function v4(s: string): Uint8Array {
  return new Uint8Array(s.split('.').map(Number));
}

function world(): { k: Kernel; ns: Netns } {
  const k = new Kernel({ seed: 1 });
  return { k, ns: k.initNet };
}

function create(ns: Netns, name: string, typename: string, data: Parameters<typeof ipSetCreate>[1]['data'] = {},
  family = NFPROTO_IPV4): void {
  const revision = { 'hash:ip': 6, 'hash:net': 7, 'hash:ip,port': 7, 'hash:net,iface': 8, 'bitmap:port': 3 }[typename]!;
  assert.equal(ipSetCreate(ns, { name, typename, revision, family, data, flags: 0 }), 0);
}

function add(ns: Netns, name: string, ...elems: IpSetAttrs[]): void {
  const r = ipSetAd(ns, name, 'add', elems, 0);
  assert.equal(r.ret, 0);
}

function pkt(src: string, dst: string, proto = 6, sport = 1234, dport = 80, indev = '', outdev = ''): IpSetPacket {
  return { family: 4, saddr: v4(src), daddr: v4(dst), proto, ports: { sport, dport }, len: 60, indev, outdev };
}

test('jhash2 places elements in the buckets the kernel does (recorded listing order)', () => {
  // `ipset create x hash:ip hashsize 64 initval 0xaa4dfaf5`, members listed in this order
  const order = ['1.2.3.10', '1.2.3.11', '1.2.3.12', '1.2.3.3', '1.2.0.3', '1.2.3.1', '1.2.3.2', '1.2.3.0'];
  const buckets = order.map((ip) => jhash2(leWords(v4(ip)), 0xaa4dfaf5) & 63);
  assert.deepEqual(buckets, [13, 17, 21, 22, 23, 37, 38, 40]);
});

test('hash:net: a host is matched by the longest prefix stored; nomatch carves exceptions', () => {
  const { ns } = world();
  create(ns, 'nets', 'hash:net', { hashsize: 64, initval: 7 });
  add(ns, 'nets',
    { ip: v4('10.0.0.0'), cidr: 8 },
    { ip: v4('10.1.0.0'), cidr: 16 },
    { ip: v4('10.1.2.0'), cidr: 24, cadtFlags: IPSET_FLAG_NOMATCH },
    { ip: v4('10.1.2.3'), cidr: 32 });
  const id = ipSetGetByName(ns, 'nets')!;
  const cases: [string, boolean][] = [
    ['10.1.2.3', true], // the /32 beats the nomatch /24
    ['10.1.2.4', false], // the nomatch /24 beats the /16
    ['10.1.3.4', true], // the /16
    ['10.200.0.1', true], // the /8
    ['11.0.0.1', false],
  ];
  for (const [ip, want] of cases) {
    assert.equal(ipSetTest(ns, id, pkt(ip, '192.0.2.1'), ['src']), want, ip);
    assert.equal(ipSetUtest(ns, 'nets', { ip: v4(ip) }) === 0, want, `utest ${ip}`);
  }
  // a network is tested as itself, not by longest prefix
  assert.equal(ipSetUtest(ns, 'nets', { ip: v4('10.1.0.0'), cidr: 16 }), 0);
  assert.equal(ipSetUtest(ns, 'nets', { ip: v4('10.1.0.0'), cidr: 17 }), -IPSET_ERR_EXIST);
  // the dst direction
  assert.equal(ipSetTest(ns, id, pkt('192.0.2.1', '10.9.9.9'), ['dst']), true);
  assert.equal(ipSetTest(ns, id, pkt('192.0.2.1', '10.9.9.9'), ['src']), false);
  // removing the /8 leaves 10.200/16 unmatched
  assert.equal(ipSetAd(ns, 'nets', 'del', [{ ip: v4('10.0.0.0'), cidr: 8 }], 0).ret, 0);
  assert.equal(ipSetTest(ns, id, pkt('10.200.0.1', '192.0.2.1'), ['src']), false);
  assert.equal(ipSetTest(ns, id, pkt('10.1.9.9', '192.0.2.1'), ['src']), true);
});

test('hash:net: a FROM-TO range is stored as the fewest prefixes', () => {
  const { ns } = world();
  create(ns, 'r', 'hash:net', { hashsize: 64, initval: 7 });
  add(ns, 'r', { ip: v4('172.16.0.0'), ipTo: v4('172.16.0.9') });
  const d = ipSetDump(ns, 'r');
  assert.ok(typeof d !== 'number');
  const got = d[0]!.members!.map((m) => `${m.ip!.join('.')}/${m.cidr}`).sort();
  assert.deepEqual(got, ['172.16.0.0/29', '172.16.0.8/31']);
});

test('hash:ip,port: protocol and port both count; src,dst directions pick the fields', () => {
  const { ns } = world();
  create(ns, 'svc', 'hash:ip,port', { hashsize: 64 });
  add(ns, 'svc',
    { ip: v4('10.0.0.1'), port: 80, proto: 6 },
    { ip: v4('10.0.0.1'), port: 53, proto: 17 },
    { ip: v4('10.0.0.1'), port: (8 << 8) | 0, proto: 1 },
    { ip: v4('10.0.0.2'), port: 1, portTo: 3, proto: 6 });
  const id = ipSetGetByName(ns, 'svc')!;
  const cases: [IpSetPacket, ('src' | 'dst')[], boolean][] = [
    [pkt('192.0.2.1', '10.0.0.1', 6, 40000, 80), ['dst', 'dst'], true],
    [pkt('192.0.2.1', '10.0.0.1', 17, 40000, 80), ['dst', 'dst'], false], // udp/80 not in the set
    [pkt('192.0.2.1', '10.0.0.1', 17, 40000, 53), ['dst', 'dst'], true],
    [pkt('10.0.0.1', '192.0.2.1', 6, 80, 40000), ['src', 'src'], true],
    [pkt('10.0.0.1', '192.0.2.1', 6, 80, 40000), ['src', 'dst'], false],
    [pkt('192.0.2.1', '10.0.0.2', 6, 40000, 2), ['dst', 'dst'], true], // from the port range
    [pkt('192.0.2.1', '10.0.0.2', 6, 40000, 4), ['dst', 'dst'], false],
    // ICMP: the "port" is type<<8|code whatever the direction
    [{ ...pkt('192.0.2.1', '10.0.0.1', 1), ports: { sport: 8 << 8, dport: 0 } }, ['dst', 'dst'], true],
    [{ ...pkt('192.0.2.1', '10.0.0.1', 1), ports: { sport: 0, dport: 0 } }, ['dst', 'dst'], false],
    // no transport header (a non-first fragment)
    [{ ...pkt('192.0.2.1', '10.0.0.1'), ports: undefined }, ['dst', 'dst'], false],
  ];
  for (const [p, dirs, want] of cases) assert.equal(ipSetTest(ns, id, p, dirs), want, JSON.stringify([p.proto, p.ports, dirs]));
});

test('bitmap:port: the range bounds elements; ranges add and delete', () => {
  const { ns } = world();
  create(ns, 'ports', 'bitmap:port', { port: 1000, portTo: 2000 }, NFPROTO_UNSPEC);
  const cases: [IpSetAttrs, number][] = [
    [{ port: 1000 }, 0],
    [{ port: 2000 }, 0],
    [{ port: 999 }, -IPSET_ERR_BITMAP_RANGE],
    [{ port: 2001 }, -IPSET_ERR_BITMAP_RANGE],
    [{ port: 1500, portTo: 1502 }, 0],
    [{ port: 1000 }, -IPSET_ERR_EXIST],
  ];
  for (const [a, want] of cases) assert.equal(ipSetAd(ns, 'ports', 'add', [a], 0).ret, want, JSON.stringify(a));
  assert.equal(ipSetAd(ns, 'ports', 'add', [{ port: 1000 }], IPSET_FLAG_EXIST).ret, 0);
  const id = ipSetGetByName(ns, 'ports')!;
  assert.equal(ipSetTest(ns, id, pkt('192.0.2.1', '192.0.2.2', 6, 40000, 1501), ['dst']), true);
  assert.equal(ipSetTest(ns, id, pkt('192.0.2.1', '192.0.2.2', 6, 40000, 1503), ['dst']), false);
  assert.equal(ipSetTest(ns, id, pkt('192.0.2.1', '192.0.2.2', 6, 40000, 80), ['dst']), false); // out of range
  assert.equal(ipSetUtest(ns, 'ports', { port: 80 }), -IPSET_ERR_EXIST);
  assert.equal(ipSetAd(ns, 'ports', 'del', [{ port: 1500, portTo: 1501 }], 0).ret, 0);
  const d = ipSetDump(ns, 'ports');
  assert.ok(typeof d !== 'number');
  assert.deepEqual(d[0]!.members!.map((m) => m.port), [1000, 1502, 2000]);
  assert.equal(d[0]!.header.memsize, 72 + 16 * 8); // struct bitmap_port + 1001 bits
});

test('timeouts expire on the kernel clock; -exist refreshes them; gc frees the memory', () => {
  const { k, ns } = world();
  create(ns, 't', 'hash:ip', { hashsize: 64, initval: 9, timeout: 10 });
  add(ns, 't', { ip: v4('1.1.1.1') }, { ip: v4('2.2.2.2'), timeout: 3 }, { ip: v4('3.3.3.3'), timeout: 0 });
  const left = (): Record<string, number | undefined> => {
    const d = ipSetDump(ns, 't');
    assert.ok(typeof d !== 'number');
    return Object.fromEntries(d[0]!.members!.map((m) => [m.ip!.join('.'), m.timeout]));
  };
  // remaining whole seconds, as a listing right after the add shows them on a real machine
  assert.deepEqual(left(), { '1.1.1.1': 9, '2.2.2.2': 2, '3.3.3.3': 0 });
  k.clock.advance(2000);
  assert.deepEqual(left(), { '1.1.1.1': 7, '2.2.2.2': 1, '3.3.3.3': 0 });
  k.clock.advance(1000);
  assert.deepEqual(left(), { '1.1.1.1': 6, '3.3.3.3': 0 });
  assert.equal(ipSetUtest(ns, 't', { ip: v4('2.2.2.2') }), -IPSET_ERR_EXIST);
  // an expired element can be added again without -exist; a live one needs -exist to refresh
  assert.equal(ipSetAd(ns, 't', 'add', [{ ip: v4('2.2.2.2'), timeout: 30 }], 0).ret, 0);
  assert.equal(ipSetAd(ns, 't', 'add', [{ ip: v4('1.1.1.1'), timeout: 30 }], 0).ret, -IPSET_ERR_EXIST);
  assert.equal(ipSetAd(ns, 't', 'add', [{ ip: v4('1.1.1.1'), timeout: 30 }], IPSET_FLAG_EXIST).ret, 0);
  k.clock.advance(20_000);
  assert.deepEqual(left(), { '1.1.1.1': 9, '2.2.2.2': 9, '3.3.3.3': 0 });
  k.clock.advance(20_000);
  assert.deepEqual(left(), { '3.3.3.3': 0 });
  // the garbage collector (every timeout/3 s) has dropped the expired elements; like the
  // kernel's mtype_gc_do() it frees a bucket only when at least AHASH_INIT_SIZE slots of it
  // are free, so the three one-element buckets (32 + 2 * 16 bytes each) stay
  const d = ipSetDump(ns, 't');
  assert.ok(typeof d !== 'number');
  assert.equal(d[0]!.header.elements, 1);
  assert.equal(d[0]!.header.memsize, 216 + 3 * (32 + 2 * 16));
});

test('SET target add/del with a timeout; counters count matched packets', () => {
  const { k, ns } = world();
  create(ns, 'seen', 'hash:ip', { timeout: 60, cadtFlags: IPSET_FLAG_WITH_COUNTERS });
  const id = ipSetGetByName(ns, 'seen')!;
  const p = pkt('198.51.100.7', '192.0.2.1');
  assert.equal(ipSetTest(ns, id, p, ['src']), false);
  assert.equal(ipSetAdd(ns, id, p, ['src'], { timeout: 5 }), 0);
  assert.equal(ipSetTest(ns, id, p, ['src']), true);
  assert.equal(ipSetTest(ns, id, p, ['src']), true);
  const d = ipSetDump(ns, 'seen');
  assert.ok(typeof d !== 'number');
  assert.deepEqual([d[0]!.members![0]!.packets, d[0]!.members![0]!.bytes, d[0]!.members![0]!.timeout], [3, 180, 4]);
  k.clock.advance(5000);
  assert.equal(ipSetTest(ns, id, p, ['src']), false);
  assert.equal(ipSetAdd(ns, id, p, ['src']), 0);
  assert.equal(ipSetDel(ns, id, p, ['src']), 0);
  assert.equal(ipSetTest(ns, id, p, ['src']), false);
});

test('references: a referenced set cannot be destroyed; swap keeps rules on the name', () => {
  const { ns } = world();
  create(ns, 'a', 'hash:ip');
  create(ns, 'b', 'hash:ip');
  add(ns, 'b', { ip: v4('10.0.0.1') });
  const id = ipSetGetByName(ns, 'a')!;
  assert.equal(ipSetDestroy(ns, 'a'), -IPSET_ERR_BUSY);
  assert.equal(ipSetTest(ns, id, pkt('10.0.0.1', '192.0.2.1'), ['src']), false);
  assert.equal(ipSetSwap(ns, 'a', 'b'), 0);
  // the rule's index now holds the set named "a", with b's old content
  assert.equal(ipSetTest(ns, id, pkt('10.0.0.1', '192.0.2.1'), ['src']), true);
  const d = ipSetDump(ns, 'a');
  assert.ok(typeof d !== 'number');
  assert.equal(d[0]!.header.references, 1);
  ipSetPutByIndex(ns, id);
  assert.equal(ipSetDestroy(ns, 'a'), 0);
});

test('hash:net,iface: the in/out device by direction, wildcard prefixes', () => {
  const { ns } = world();
  create(ns, 'ifs', 'hash:net,iface', { hashsize: 64 });
  add(ns, 'ifs', { ip: v4('10.0.0.0'), cidr: 8, iface: 'eth0' }, { ip: v4('172.16.0.0'), cidr: 12, iface: 'veth', cadtFlags: 1 << 7 });
  const id = ipSetGetByName(ns, 'ifs')!;
  assert.equal(ipSetTest(ns, id, pkt('10.1.1.1', '192.0.2.1', 6, 1, 2, 'eth0', 'eth9'), ['src', 'src']), true);
  assert.equal(ipSetTest(ns, id, pkt('10.1.1.1', '192.0.2.1', 6, 1, 2, 'eth0', 'eth9'), ['src', 'dst']), false);
  assert.equal(ipSetTest(ns, id, pkt('172.20.0.1', '192.0.2.1', 6, 1, 2, 'veth42', ''), ['src', 'src']), true);
  assert.equal(ipSetTest(ns, id, pkt('172.20.0.1', '192.0.2.1', 6, 1, 2, 'eth0', ''), ['src', 'src']), false);
});

test('ipSetPacketFromSkb reads addresses and ports from an IPv4 packet', () => {
  const b = new Uint8Array(40);
  b.set([0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 192, 0, 2, 1, 0x1f, 0x90, 0, 80]);
  const p = ipSetPacketFromSkb(new SkBuff(b), 0, 'eth0', '');
  assert.ok(p);
  assert.deepEqual([[...p.saddr].join('.'), [...p.daddr].join('.'), p.proto, p.ports, p.indev], ['10.0.0.1', '192.0.2.1', 6, { sport: 8080, dport: 80 }, 'eth0']);
});
