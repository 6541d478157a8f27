// Kernel halves of the match extensions on hand-made packets and the virtual clock: limit's
// token bucket, statistic nth, recent --seconds/--hitcount, multiport and tcp flags.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import '../../src/kernel/netfilter/index.js';
import { xtFindMatch, type XtParam } from '../../src/kernel/netfilter/x_tables.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import { NF_INET_LOCAL_IN } from '../../src/kernel/ipv4/ip_input.js';
import type { RateInfo } from '../../src/kernel/netfilter/xt_limit.js';
import type { StatisticInfo } from '../../src/kernel/netfilter/xt_statistic.js';
import type { RecentInfo } from '../../src/kernel/netfilter/xt_recent.js';
import type { MultiportInfo } from '../../src/kernel/netfilter/xt_multiport.js';
import { tcpUdpInfo } from '../../src/kernel/netfilter/xt_tcpudp.js';

/** An IPv4 packet (20-byte header) from 10.0.0.1 to 10.0.0.2 with a 20-byte transport header. */
function param(k: Kernel, proto = 1, sport = 0, dport = 0, tcpFlags = 0): XtParam {
  const b = new Uint8Array(40);
  b[0] = 0x45;
  b[3] = 40;
  b[8] = 64;
  b[9] = proto;
  b.set([10, 0, 0, 1, 10, 0, 0, 2], 12);
  b[20] = sport >> 8; b[21] = sport & 255; b[22] = dport >> 8; b[23] = dport & 255;
  b[32] = 0x50;
  b[33] = tcpFlags;
  const skb = new SkBuff(b);
  return {
    ns: k.initNet, skb, hook: NF_INET_LOCAL_IN, table: 'filter', in: undefined, out: undefined, buf: b, nh: 0,
    thoff: 20, fragoff: 0, proto, saddr: 0x0a000001, daddr: 0x0a000002, len: 40, hotdrop: false,
  };
}

test('limit: a burst, then one packet per period as credits come back', () => {
  const k = new Kernel({ seed: 1 });
  const m = xtFindMatch('limit')!;
  // --limit 2/sec --limit-burst 3
  const r: RateInfo = { avg: 5000, burst: 3, prev: 0, credit: 0, creditCap: 0, cost: 0 };
  const hits = () => [...Array(5)].map(() => m.match(param(k), r));
  assert.deepEqual(hits(), [true, true, true, false, false]);
  k.clock.advance(499);
  assert.equal(m.match(param(k), r), false);
  k.clock.advance(1);
  assert.equal(m.match(param(k), r), true);
  k.clock.advance(10_000);
  assert.deepEqual(hits(), [true, true, true, false, false]);
});

test('statistic nth: every 3rd packet from --packet on; random follows the seeded generator', () => {
  const k = new Kernel({ seed: 1 });
  const m = xtFindMatch('statistic')!;
  const nth = (every: number, packet: number): StatisticInfo =>
    ({ mode: 1, invert: false, probability: 0, every: every - 1, packet, count: every - 1 - packet });
  const a = nth(3, 0), b = nth(3, 2);
  assert.deepEqual([...Array(7)].map(() => m.match(param(k), a)), [true, false, false, true, false, false, true]);
  assert.deepEqual([...Array(7)].map(() => m.match(param(k), b)), [false, false, true, false, false, true, false]);
  const half: StatisticInfo = { mode: 0, invert: false, probability: 0x40000000, every: 0, packet: 0, count: 0 };
  const n = [...Array(1000)].filter(() => m.match(param(k), half)).length;
  assert.ok(n > 400 && n < 600, `${n} of 1000`);
  const seq = (kk: Kernel) => [...Array(20)].map(() => m.match(param(kk), half));
  assert.deepEqual(seq(new Kernel({ seed: 7 })), seq(new Kernel({ seed: 7 })));
});

test('recent: --rcheck --seconds --hitcount counts only fresh stamps; --reap forgets', () => {
  const k = new Kernel({ seed: 1 });
  const m = xtFindMatch('recent')!;
  const info = (checkSet: number, seconds = 0, hitCount = 0): RecentInfo =>
    ({ seconds, hitCount, checkSet, invert: false, name: 'T', side: 0, mask: 0xffffffff });
  const set = info(2), check = info(1, 10, 2), reap = info(1 | 32, 10, 0);
  assert.equal(m.match(param(k), check), false);
  assert.equal(m.match(param(k), set), true);
  assert.equal(m.match(param(k), check), false);
  k.clock.advance(1000);
  m.match(param(k), set);
  assert.equal(m.match(param(k), check), true);
  k.clock.advance(9500);
  // The first stamp is now older than 10 s.
  assert.equal(m.match(param(k), check), false);
  k.clock.advance(20_000);
  assert.equal(m.match(param(k), reap), false);
  assert.equal(m.match(param(k), info(1)), false, 'reaped');
});

test('multiport ranges and inversion; tcp flags and --syn', () => {
  const k = new Kernel({ seed: 1 });
  const mp = xtFindMatch('multiport')!;
  const info: MultiportInfo = { flags: 1, ports: [22, 1000, 2000, 8080], pflags: [false, true, false, false], invert: false };
  assert.equal(mp.match(param(k, 6, 40000, 22), info), true);
  assert.equal(mp.match(param(k, 6, 40000, 1500), info), true);
  assert.equal(mp.match(param(k, 6, 40000, 2001), info), false);
  assert.equal(mp.match(param(k, 6, 22, 80), info), false);
  assert.equal(mp.match(param(k, 6, 22, 80), { ...info, flags: 2 }), true);
  assert.equal(mp.match(param(k, 6, 1, 80), { ...info, invert: true }), true);
  const tcp = xtFindMatch('tcp')!;
  const syn = { ...tcpUdpInfo(), flgMask: 0x17, flgCmp: 0x02 };
  assert.equal(tcp.match(param(k, 6, 1, 2, 0x02), syn), true);
  assert.equal(tcp.match(param(k, 6, 1, 2, 0x12), syn), false);
  assert.equal(tcp.match(param(k, 6, 1, 2, 0x12), { ...syn, invFlags: true }), true);
});
