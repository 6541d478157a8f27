// The compiled chain walk (xt_compile.ts) against the linear one: on randomized rulesets and
// packets, both must give the same verdicts, the same per-rule counters, and run the same
// side effects in the same order (MARK, statistic's random draws, a logging target); and the
// compiled form must follow every change iptables and iptables-restore make to a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import type { Netns } from '../../src/kernel/net_namespace.js';
import {
  iptDoTable, iptDoTableLinear, xtNewTable, xtCloneTable, xtFindTable, xtFindMatch, xtFindTarget, xtRegisterTarget,
  newEntry, XT_CONTINUE, type IptEntry, type XtTable, type XtEntryMatch,
} from '../../src/kernel/netfilter/x_tables.js';
import { xtChainIndex } from '../../src/kernel/netfilter/xt_compile.js';
import { NF_INET_LOCAL_OUT } from '../../src/kernel/ipv4/ip_input.js';
import { ipt } from './helpers.js';

/** A small deterministic generator (the test's own, apart from the kernels' sources). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Which walk is running and what its side effects were, in order. */
let log: string[] = [];
xtRegisterTarget<{ id: string }>({
  name: 'SCALETEST_LOG',
  target(p, info) {
    log.push(`${info.id}@${p.skb.mark}`);
    return XT_CONTINUE;
  },
});

const ADDRS = [0x0a000001, 0x0a000002, 0x0a000003, 0x0a000104, 0x0a000105, 0xc0a80001, 0xc0a80002];
const PORTS = [53, 80, 443, 8080, 30000];

function randomTable(r: () => number): XtTable {
  const pick = <T>(l: T[]): T => l[Math.floor(r() * l.length)]!;
  const t = xtNewTable('filter')!;
  const users = ['U0', 'U1', 'U2', 'U3', 'U4'];
  for (const u of users) t.chains.set(u, { name: u, pcnt: 0, bcnt: 0, rules: [] });
  t.chains.get('OUTPUT')!.policy = r() < 0.5 ? 'ACCEPT' : 'DROP';
  const order = ['OUTPUT', ...users];
  let id = 0;
  order.forEach((name, k) => {
    const c = t.chains.get(name)!;
    const n = k === 0 ? 60 + Math.floor(r() * 60) : Math.floor(r() * 40);
    for (let i = 0; i < n; i++) {
      const e = newEntry();
      const d = r();
      if (d < 0.55) {
        e.dst = pick(ADDRS);
        e.dmsk = 0xffffffff;
        e.invDst = r() < 0.1;
      } else if (d < 0.7) {
        e.dst = 0x0a000000;
        e.dmsk = 0xffffff00;
        e.invDst = r() < 0.3;
      }
      if (r() < 0.15) {
        e.src = 0x0a000001;
        e.smsk = 0xffffffff;
        e.invSrc = r() < 0.5;
      }
      const pr = r();
      e.proto = pr < 0.45 ? 6 : pr < 0.65 ? 17 : pr < 0.72 ? 1 : 0;
      e.invProto = e.proto !== 0 && r() < 0.08;
      e.frag = r() < 0.04;
      e.invFrag = e.frag && r() < 0.5;
      const ms: XtEntryMatch[] = [];
      const nm = Math.floor(r() * 4);
      for (let m = 0; m < nm; m++) {
        const kind = r();
        if (kind < 0.25) ms.push({ ops: xtFindMatch('comment')!, info: { comment: `r${id}` } });
        else if (kind < 0.45) {
          const p = pick([0.2, 0.5, 0.9]);
          ms.push({ ops: xtFindMatch('statistic')!, info: { mode: 0, invert: r() < 0.2, probability: Math.round(p * 0x80000000), every: 0, packet: 0, count: 0 } });
        } else if (kind < 0.55) {
          ms.push({ ops: xtFindMatch('mark')!, info: { mark: pick([0, 1, 2]), mask: 3, invert: r() < 0.3 } });
        } else if (e.proto === 6 || e.proto === 17) {
          const lo = pick(PORTS);
          const range = r() < 0.15;
          ms.push({
            ops: xtFindMatch(e.proto === 6 ? 'tcp' : 'udp')!,
            info: {
              spts: r() < 0.1 ? [1024, 65535] : [0, 65535], dpts: range ? [lo, lo + 100] : [lo, lo], invSpt: false,
              invDpt: r() < 0.1, flgMask: r() < 0.1 ? 0x12 : 0, flgCmp: 0x02, invFlags: false, option: 0, invOption: false,
            },
          });
        }
      }
      e.matches = ms;
      const tk = r();
      const later = order.slice(k + 1).filter((x) => x !== 'OUTPUT');
      if (tk < 0.15) e.target = { kind: 'verdict', verdict: 'ACCEPT' };
      else if (tk < 0.25) e.target = { kind: 'verdict', verdict: 'DROP' };
      else if (tk < 0.33) e.target = { kind: 'verdict', verdict: 'RETURN' };
      else if (tk < 0.55 && later.length) e.target = { kind: 'jump', chain: pick(later), goto: r() < 0.3 };
      else if (tk < 0.7) e.target = { kind: 'ext', ops: xtFindTarget('MARK')!, info: { mark: pick([1, 2, 3]), mask: r() < 0.5 ? 3 : 1 } };
      else if (tk < 0.9) e.target = { kind: 'ext', ops: xtFindTarget('SCALETEST_LOG')!, info: { id: `${name}#${i}` } };
      c.rules.push(e);
      id++;
    }
  });
  return t;
}

/** An IPv4 packet: random destination, protocol, ports, sometimes a later fragment or a
 *  transport header cut short. */
function randomPacket(r: () => number): { buf: Uint8Array; mark: number } {
  const pick = <T>(l: T[]): T => l[Math.floor(r() * l.length)]!;
  const pr = r();
  const proto = pr < 0.55 ? 6 : pr < 0.8 ? 17 : pr < 0.9 ? 1 : 47;
  const short = r() < 0.05;
  const len = 20 + (short ? 6 : 20);
  const b = new Uint8Array(len);
  b[0] = 0x45;
  b[2] = len >> 8;
  b[3] = len & 255;
  if (r() < 0.05) b[7] = 8; // fragment offset 64
  b[9] = proto;
  const sa = r() < 0.3 ? 0x0a000001 : 0x0a0000fe;
  const da = r() < 0.85 ? pick(ADDRS) : 0x0a0000ff;
  for (let i = 0; i < 4; i++) {
    b[12 + i] = (sa >>> (24 - 8 * i)) & 255;
    b[16 + i] = (da >>> (24 - 8 * i)) & 255;
  }
  const sp = r() < 0.5 ? 40000 : 80, dp = r() < 0.85 ? pick(PORTS) + (r() < 0.1 ? 50 : 0) : 9;
  b[20] = sp >> 8;
  b[21] = sp & 255;
  b[22] = dp >> 8;
  b[23] = dp & 255;
  if (!short) {
    b[32] = 0x50;
    b[33] = r() < 0.5 ? 0x02 : 0x10;
  }
  return { buf: b, mark: Math.floor(r() * 4) };
}

function counters(t: XtTable): string {
  let s = '';
  for (const c of t.chains.values()) s += `${c.name}:${c.rules.map((e) => `${e.pcnt}/${e.bcnt}`).join(',')}\n`;
  return s;
}

function walkBoth(nsA: Netns, a: XtTable, nsB: Netns, b: XtTable, pkt: { buf: Uint8Array; mark: number }, what: string): void {
  const sa = new SkBuff(pkt.buf.slice()), sb = new SkBuff(pkt.buf.slice());
  sa.mark = sb.mark = pkt.mark;
  log = [];
  const va = iptDoTable(nsA, a, NF_INET_LOCAL_OUT, sa, undefined, undefined);
  const la = log;
  log = [];
  const vb = iptDoTableLinear(nsB, b, NF_INET_LOCAL_OUT, sb, undefined, undefined);
  assert.equal(va, vb, `verdict, ${what}`);
  assert.equal(sa.mark, sb.mark, `mark, ${what}`);
  assert.deepEqual(la, log, `side effects, ${what}`);
}

test('the compiled walk equals the linear walk on random rulesets (verdicts, counters, side effects)', () => {
  let indexed = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const a = randomTable(r);
    const b = xtCloneTable(a);
    const kA = new Kernel({ seed }), kB = new Kernel({ seed });
    for (let n = 0; n < 400; n++) walkBoth(kA.initNet, a, kB.initNet, b, randomPacket(r), `seed ${seed} packet ${n}`);
    assert.equal(counters(a), counters(b), `counters, seed ${seed}`);
    // The statistic draws came out the same too: both machines' generators are in step.
    assert.equal(kA.random.u32(), kB.random.u32(), `random draws, seed ${seed}`);
    if (xtChainIndex(a, a.chains.get('OUTPUT')!)) indexed++;
  }
  // The comparison means something only if the long chains were compiled.
  assert.ok(indexed >= 30, `OUTPUT indexed in ${indexed} of 40 rulesets`);
});

test('the compiled form follows iptables and iptables-restore changes', async () => {
  const k = new Kernel({ seed: 1 });
  const ns = k.initNet;
  const run = async (cmd: string, stdin = '') => {
    const r = await ipt(k, ns, cmd.split(' '), stdin);
    assert.equal(r.stderr, '', cmd);
    assert.equal(r.status, 0, cmd);
  };
  let rules = '*filter\n:OUTPUT DROP [0:0]\n:SVC - [0:0]\n';
  for (let i = 1; i <= 20; i++) rules += `-A OUTPUT -d 10.0.0.${i}/32 -p tcp -m tcp --dport 80 -j ACCEPT\n`;
  rules += '-A SVC -j ACCEPT\nCOMMIT\n';
  await run('iptables-restore', rules);
  const syn = (last: number, port = 80) => {
    const b = new Uint8Array(40);
    b.set([0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 99, 10, 0, 0, last]);
    b.set([0x9c, 0x40, port >> 8, port & 255, 0, 0, 0, 0, 0, 0, 0, 0, 0x50, 0x02], 20);
    return b;
  };
  /** The verdict of both walks (on the live table and on a copy), which must agree. */
  const verdict = (last: number, port = 80): string => {
    const t = xtFindTable(ns, 'filter', false)!;
    const copy = xtCloneTable(t);
    const v = iptDoTable(ns, t, NF_INET_LOCAL_OUT, new SkBuff(syn(last, port)), undefined, undefined);
    const w = iptDoTableLinear(ns, copy, NF_INET_LOCAL_OUT, new SkBuff(syn(last, port)), undefined, undefined);
    assert.equal(v, w);
    return v === 1 ? 'ACCEPT' : 'DROP';
  };
  assert.equal(verdict(5), 'ACCEPT');
  assert.equal(verdict(5, 81), 'DROP');
  assert.equal(verdict(21), 'DROP');
  await run('iptables -I OUTPUT 1 -d 10.0.0.5/32 -j DROP');
  assert.equal(verdict(5), 'DROP');
  await run('iptables -R OUTPUT 1 -d 10.0.0.6/32 -j DROP');
  assert.equal(verdict(5), 'ACCEPT');
  assert.equal(verdict(6), 'DROP');
  await run('iptables -D OUTPUT 6');
  assert.equal(verdict(5), 'DROP');
  await run('iptables -A OUTPUT -p tcp --dport 81 -j SVC');
  assert.equal(verdict(5, 81), 'ACCEPT');
  await run('iptables -E SVC SVC2');
  assert.equal(verdict(5, 81), 'ACCEPT');
  await run('iptables -F SVC2');
  assert.equal(verdict(5, 81), 'DROP');
  await run('iptables-restore --noflush', '*filter\n-I OUTPUT 1 -d 10.0.0.7/32 -j DROP\nCOMMIT\n');
  assert.equal(verdict(7), 'DROP');
  assert.equal(verdict(8), 'ACCEPT');
  await run('iptables -F OUTPUT');
  assert.equal(verdict(8), 'DROP');
  await run('iptables -P OUTPUT ACCEPT');
  assert.equal(verdict(8), 'ACCEPT');
  // Counters of the indexed walk land on the rules iptables lists.
  await run('iptables-restore', rules);
  verdict(20);
  verdict(20);
  const s = await ipt(k, ns, ['iptables-save', '-c']);
  assert.match(s.stdout, /^\[2:80\] -A OUTPUT -d 10\.0\.0\.20\/32 -p tcp -m tcp --dport 80 -j ACCEPT$/m);
  assert.match(s.stdout, /^\[0:0\] -A OUTPUT -d 10\.0\.0\.19\/32/m);
});
