// The IPv6 FIB's tables (src/kernel/ipv6/route.ts) keep routes grouped by prefix: the dump
// order must stay the fib6 tree's walk order (a bit-by-bit compare of the prefixes, the more
// specific first; then metric, then insertion), and lookups the longest matching prefix.
// Checked here against a straightforward reference on random prefixes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { inet6RtmNewroute, inet6RtmDelroute, fib6Routes, fib6Lookup, type Rt6 } from '../../src/kernel/ipv6/route.js';
import { RTN_BLACKHOLE, RT_TABLE_MAIN, type RtMsg } from '../../src/kernel/ipv4/route_types.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) / (1 << 24);
}

function masked(a: Uint8Array, plen: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < plen; i++) if ((a[i >> 3]! >> (7 - (i & 7))) & 1) out[i >> 3]! |= 0x80 >> (i & 7);
  return out;
}

function bitCompare(a: Rt6, b: Rt6): number {
  const m = Math.min(a.plen, b.plen);
  for (let i = 0; i < m; i++) {
    const x = (a.dst[i >> 3]! >> (7 - (i & 7))) & 1;
    const y = (b.dst[i >> 3]! >> (7 - (i & 7))) & 1;
    if (x !== y) return x - y;
  }
  return b.plen - a.plen || a.metric - b.metric || a.seq - b.seq;
}

function matches(dst: Uint8Array, r: Rt6): boolean {
  const m = masked(dst, r.plen);
  return m.every((b, i) => b === r.dst[i]);
}

function msg(dst: Uint8Array, plen: number, metric: number): RtMsg {
  return { family: 10, dstLen: plen, srcLen: 0, tos: 0, table: RT_TABLE_MAIN, protocol: 0, scope: 0, type: RTN_BLACKHOLE, flags: 0, dst, priority: metric };
}

describe('ipv6 FIB tables', () => {
  it('dump in tree order and look up the longest prefix, through adds and deletes', () => {
    const k = new Kernel({ seed: 7 });
    const ns = k.initNet;
    const rand = rng(12345);
    const randAddr = (): Uint8Array => {
      const a = new Uint8Array(16);
      a[0] = 0x20; a[1] = 0x01; a[2] = 0x0d; a[3] = 0xb8;
      for (let i = 4; i < 16; i++) a[i] = rand() < 0.6 ? 0 : Math.floor(rand() * 256);
      a[4] = Math.floor(rand() * 4);
      return a;
    };
    const added: { dst: Uint8Array; plen: number; metric: number }[] = [];
    const check = (): void => {
      const routes = fib6Routes(ns, RT_TABLE_MAIN).filter((r) => r.type === RTN_BLACKHOLE);
      const sorted = [...routes].sort(bitCompare);
      assert.deepEqual(routes.map((r) => r.seq), sorted.map((r) => r.seq));
      for (let i = 0; i < 50; i++) {
        const dst = randAddr();
        const want = sorted.filter((r) => matches(dst, r)).sort((a, b) => b.plen - a.plen || bitCompare(a, b))[0];
        const got = fib6Lookup(ns, { dst, oif: 0, iif: 1, mark: 0, strict: false });
        if (want) assert.equal(got, want);
        else assert.equal(typeof got, 'number');
      }
    };
    for (let i = 0; i < 600; i++) {
      const plen = rand() < 0.1 ? Math.floor(rand() * 4) * 8 : 32 + Math.floor(rand() * 97);
      const dst = masked(randAddr(), plen);
      const metric = 1 + Math.floor(rand() * 3);
      try {
        inet6RtmNewroute(ns, msg(dst, plen, metric), { create: true, excl: false, replace: false, append: false });
        added.push({ dst, plen, metric });
      } catch { /* EEXIST */ }
      if (i % 100 === 99) check();
    }
    for (let i = 0; i < 300; i++) {
      const j = Math.floor(rand() * added.length);
      const { dst, plen, metric } = added.splice(j, 1)[0]!;
      inet6RtmDelroute(ns, msg(dst, plen, metric));
      if (i % 100 === 99) check();
    }
  });
});
