// TCP connection tracking (nf_conntrack_proto_tcp.c) and REJECT --reject-with tcp-reset
// (nf_reject_ipv4.c) with crafted segments through a router namespace. The transcript of
// fixtures/tcp_conntrack.steps is compared with the one recorded on Linux 6.18 by
// fixtures/tcp_conntrack.py (fixtures/tcp_conntrack.out), section by section; the other tests
// check values derived by hand from the kernel functions they cite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { rawSocket, type RawSocket } from '../../src/kernel/ipv4/ping.js';
import { nfCtList } from '../../src/kernel/netfilter/nf_conntrack_core.js';
import { emitTcp, type TcpOption } from '../../src/wire/tcp.js';
import { internetChecksum } from '../../src/wire/checksum.js';
import { fixture } from './helpers.js';
import { nsOf } from '../datapath/helpers.js';

const ADDR: Record<string, number> = { a: 0x0a010002, c: 0x0a020002 };
const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10, U: 0x20, E: 0x40, C: 0x80 };

/** The options of a `send` step's opt= (the recorder writes the same bytes). */
function options(spec: string | undefined): TcpOption[] {
  const out: TcpOption[] = [];
  for (const o of spec ? spec.split(',') : []) {
    const [k, ...v] = o.split(':');
    if (k === 'mss') out.push({ kind: 'mss', mss: Number(v[0]) });
    else if (k === 'sackok') out.push({ kind: 'sackPermitted' });
    else if (k === 'ts') out.push({ kind: 'timestamp', tsval: Number(v[0]), tsecr: Number(v[1]) });
    else if (k === 'nop') out.push({ kind: 'nop' });
    else if (k === 'eol') out.push({ kind: 'eol' });
    else if (k === 'ws') out.push({ kind: 'wscale', shift: Number(v[0]) });
    else if (k === 'sack') {
      out.push({ kind: 'sack', blocks: v[0]!.split('/').map((b) => {
        const [l, r] = b.split('-');
        return { left: Number(l), right: Number(r) };
      }) });
    } else throw new Error(`option ${o}`);
  }
  return out;
}

/** The segment of `send FROM FLAGS k=v...` and where it goes. */
function segment(from: string, flags: string, kv: Record<string, string>): { seg: Uint8Array; dst: number } {
  const ap = Number(kv.ap ?? 40000), cp = Number(kv.cp ?? 80);
  const [sport, dport] = from === 'a' ? [ap, cp] : [cp, ap];
  const src = ADDR[from]!;
  const dst = kv.to ? kv.to.split('.').reduce((a, x) => a * 256 + Number(x), 0) : ADDR[from === 'a' ? 'c' : 'a']!;
  let bits = 0;
  for (const ch of flags) bits |= FLAG_BITS[ch] ?? 0;
  const seg = emitTcp({
    srcPort: sport, dstPort: dport, seq: Number(kv.seq ?? 0), ackSeq: Number(kv.ack ?? 0), flags: bits,
    window: Number(kv.win ?? 0), options: options(kv.opt), payload: new Uint8Array(Number(kv.len ?? 0)),
  }, undefined, { src, dst });
  if (kv.csum === 'bad') {
    seg[16]! ^= 0x55;
    seg[17]! ^= 0x55;
  }
  return { seg, dst };
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const ip = (b: Uint8Array, o: number): string => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
const be16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;
const be32 = (b: Uint8Array, o: number): number => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

/** The recorder's one line about a received segment. */
function summary(p: Uint8Array): string {
  const t = (p[0]! & 15) * 4;
  const fl = p[t + 13]!;
  const letters = [...'SFRPAUEC'].filter((ch) => fl & FLAG_BITS[ch]!).join('') || '.';
  return `${ip(p, 12)}:${be16(p, t)} > ${ip(p, 16)}:${be16(p, t + 2)} ${letters} seq=${be32(p, t + 4)} ` +
    `ack=${be32(p, t + 8)} win=${be16(p, t + 14)} ttl=${p[8]} id=${be16(p, 4)}${be16(p, 6) & 0x4000 ? ' df' : ''}`;
}

/** Runs the steps on netsim: the transcript, and the world it leaves. */
async function replay(steps: string): Promise<{ out: string[]; k: Kernel }> {
  const k = new Kernel({ seed: 1 });
  const out: string[] = [];
  const raw: Record<string, RawSocket> = {};
  // The AF_PACKET sockets of the recorder: IPv4/TCP frames received on eth0 of a and c.
  const captured: Record<string, Uint8Array[]> = { a: [], c: [] };
  k.trace = (e) => {
    const ev = e as unknown as { fn: string; ns: unknown; dev?: { name: string }; skb: { buf: Uint8Array; off: number } };
    if (ev.fn !== 'ip_rcv' || ev.dev?.name !== 'eth0') return;
    for (const n of ['a', 'c']) {
      if (ev.ns !== k.namedNetns.get(n)) continue;
      const { buf, off } = ev.skb;
      if (buf[off + 9] === 6) captured[n]!.push(buf.slice(off, off + be16(buf, off + 2)));
    }
  };
  const sh = async (ns: string, cmd: string) => k.exec(cmd, ns === '-' ? {} : { netns: ns });
  for (const line of steps.split('\n')) {
    if (line.startsWith('## ')) {
      out.push(line);
      continue;
    }
    if (!line.trim() || line.startsWith('#')) continue;
    const [word, ...rest] = line.split(' ');
    if (word === 'run' || word === 'quiet') {
      const [ns, ...cmd] = rest;
      out.push(`+ [${ns}] ${cmd.join(' ')}`);
      const r = await sh(ns!, cmd.join(' '));
      if (word === 'run') out.push(...(r.stdout + r.stderr).split('\n').filter((l, i, a) => l !== '' || i < a.length - 1));
      if (r.status) out.push(`[exit ${r.status}]`);
    } else if (word === 'send') {
      const [from, flags, ...kvs] = rest;
      const kv = Object.fromEntries(kvs.map((p) => p.split('=', 2) as [string, string]));
      const { seg, dst } = segment(from!, flags!, kv);
      captured.a = [];
      captured.c = [];
      raw[from!] ??= rawSocket(nsOf(k, from), 6);
      raw[from!]!.sendto(dst, seg);
      out.push(`+ ${line}`);
      const s = await sh('r', 'iptables -S FORWARD -v');
      const hit = s.stdout.split('\n').filter((l) => l.includes('--ctstate') && !l.includes(' -c 0 0'))
        .map((l) => l.split('--ctstate ')[1]!.split(' ')[0]);
      await sh('r', 'iptables -Z FORWARD');
      out.push(`-> ${hit.join(',') || '-'}`);
    } else if (word === 'ct') {
      const r = await sh('r', 'conntrack -L');
      out.push('+ ct', ...r.stdout.split('\n').filter(Boolean).sort(), ...r.stderr.split('\n').filter(Boolean));
    } else if (word === 'capture') {
      out.push(`+ ${line}`);
      for (const p of captured[rest[0]!]!) out.push(summary(p), hex(p));
      captured[rest[0]!] = [];
    } else if (word === 'sleep') {
      out.push(`+ ${line}`);
      k.clock.advance(Number(rest[0]) * 1000);
    } else throw new Error(`unknown step: ${line}`);
  }
  for (const s of Object.values(raw)) s.close();
  return { out, k };
}

/** Splits a transcript at its `## ` headings. */
function sections(lines: string[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  let cur: string[] = [];
  m.set('setup', cur);
  for (const l of lines) {
    if (l.startsWith('## ')) m.set(l.slice(3), (cur = []));
    else cur.push(l);
  }
  return m;
}

/** The TCP checksum field of a captured IPv4 packet (hex). The kernel leaves a RST's checksum
 *  to the device (CHECKSUM_PARTIAL, nf_reject_ip_tcphdr_put(): the field holds the pseudo-header
 *  sum, ~tcp_v4_check(len, saddr, daddr, 0)), and a veth hands the packet on unfinished, so the
 *  recording shows that sum; netsim, which has no checksum offload, sends the finished one. */
function tcpChecksumDiffers(got: string, want: string): boolean {
  if (got.length !== want.length || !/^[0-9a-f]+$/.test(got)) return false;
  const g = Buffer.from(got, 'hex'), w = Buffer.from(want, 'hex');
  const ck = (g[0]! & 15) * 4 + 16;
  if (!g.subarray(0, ck).equals(w.subarray(0, ck)) || !g.subarray(ck + 2).equals(w.subarray(ck + 2))) return false;
  const len = g.length - ck + 16;
  const pseudo = [be16(g, 12), be16(g, 14), be16(g, 16), be16(g, 18), 6, len].reduce((a, x) => a + x, 0) % 0xffff;
  return be16(w, ck) === pseudo && internetChecksum(g, ck - 16, len, pseudo) === 0;
}

/** conntrack -L's countdown: the recording shows it a moment after the packet (T-1 where
 *  netsim, at the same virtual instant, shows T). */
const COUNTDOWN = /^(\w+ +\d+ )(\d+)( .*)$/;
function sameLine(got: string, want: string): boolean {
  if (got === want || tcpChecksumDiffers(got, want)) return true;
  const g = COUNTDOWN.exec(got), w = COUNTDOWN.exec(want);
  return !!g && !!w && g[1] === w[1] && g[3] === w[3] && Math.abs(Number(g[2]) - Number(w[2])) <= 2;
}

const recorded = sections(fixture('tcp_conntrack.out').trimEnd().split('\n'));
const run = replay(fixture('tcp_conntrack.steps'));

for (const [name, want] of recorded) {
  test(`tcp conntrack transcript: ${name}`, async () => {
    const got = sections((await run).out).get(name) ?? [];
    const n = Math.max(got.length, want.length);
    for (let i = 0; i < n; i++) {
      if (!sameLine(got[i] ?? '<none>', want[i] ?? '<none>')) {
        assert.deepEqual(got.slice(0, i + 3), want.slice(0, i + 3), `line ${i + 1} of "${name}"`);
      }
    }
  });
}

test('tcp-reset: the RST nf_reject_ip_tcphdr_put() and nf_reject_iphdr_put() build', async () => {
  const got = (await run).out;
  // The SYN 10.1.0.2:40000 > 10.2.0.2:81 seq 1000 rejected in r's FORWARD.
  const i = got.indexOf('+ send a S cp=81 seq=1000 win=64240 opt=mss:1460');
  const p = Buffer.from(got[i + 4]!, 'hex');
  assert.equal(got[i + 2], '+ capture a');
  // IP: version 4, ihl 5, tos 0, 40 bytes, id 0, DF, TTL ip4_dst_hoplimit() of the forward
  // route (no hoplimit metric: ip_default_ttl 64), TCP, addresses swapped, a valid checksum.
  assert.deepEqual([...p.subarray(0, 10)], [0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6]);
  assert.equal(ip(p, 12), '10.2.0.2');
  assert.equal(ip(p, 16), '10.1.0.2');
  assert.equal(internetChecksum(p, 0, 20), 0);
  // TCP: ports swapped; no ACK in the SYN, so seq 0 and ack = seq + SYN (1001), flags RST|ACK,
  // doff 5, window 0, no urgent pointer, checksum over the pseudo-header.
  assert.equal(be16(p, 20), 81);
  assert.equal(be16(p, 22), 40000);
  assert.equal(be32(p, 24), 0);
  assert.equal(be32(p, 28), 1001);
  assert.deepEqual([p[32], p[33], be16(p, 34), be16(p, 38)], [0x50, 0x14, 0, 0]);
  const pseudo = [0x0a02, 0x0002, 0x0a01, 0x0002, 6, 20].reduce((s, x) => s + x, 0);
  assert.equal(internetChecksum(p, 20, 20, pseudo % 0xffff), 0);
  // A segment with an ACK: seq = its ack (777), no ACK flag.
  const j = got.indexOf('+ send a PA cp=81 seq=2000 ack=777 win=502 len=20');
  assert.equal(got[j + 3], '10.2.0.2:81 > 10.1.0.2:40000 R seq=777 ack=0 win=0 ttl=64 id=0 df');
  // FIN without ACK and 5 bytes: ack = 3000 + 5 + 1.
  const f = got.indexOf('+ send a F cp=81 seq=3000 win=502 len=5');
  assert.equal(got[f + 3], '10.2.0.2:81 > 10.1.0.2:40000 RA seq=0 ack=3006 win=0 ttl=64 id=0 df');
  // No RST for a RST.
  const r = got.indexOf('+ send a R cp=81 seq=3000 win=502');
  assert.equal(got[r + 3], '+ [r] iptables -L OUTPUT -v -n -x');
});

test('window tracking: td_end, td_maxend, td_maxwin after a scaled handshake (tcp_in_window())', async () => {
  const setup = fixture('tcp_conntrack.steps').split('\n## ')[0]!;
  const { out, k } = await replay(`${setup}
send a S ap=41000 seq=1000 win=64240 opt=mss:1460,sackok,nop,ws:7
send c SA ap=41000 seq=5000 ack=1001 win=65160 opt=mss:1460,sackok,nop,ws:7
send a A ap=41000 seq=1001 ack=5001 win=502
send a PA ap=41000 seq=1001 ack=5001 win=502 len=100
`);
  assert.deepEqual(out.slice(-2), ['+ send a PA ap=41000 seq=1001 ack=5001 win=502 len=100', '-> ESTABLISHED']);
  const ct = nfCtList(nsOf(k, 'r')).find((c) => c.tuple[0].sport === 41000)!;
  const [o, r] = ct.tcp!.seen;
  // tcp_new(): the SYN ends at 1001 (seq + SYN), its window 64240 unscaled, scale 7 and
  // SACK_PERM from tcp_options(). The SYN/ACK (tcp_init_sender()) ends at 5001; both offered
  // window scaling, so both keep scale 7 (RFC 7323 in tcp_init_sender()).
  // "Update receiver data": a's td_maxend = ack + win of the SYN/ACK = 1001 + 65160; c's from
  // a's ACK = 5001 + (502 << 7). a's td_maxwin: max(64240, 502 << 7 = 64256); its td_end after
  // 100 bytes: 1101, with data unacknowledged (0x10) and MAXACK_SET (0x20) for its ACKs.
  assert.deepEqual({ ...o }, { end: 1101, maxend: 66161, maxwin: 64256, maxack: 5001, scale: 7, flags: 0x01 | 0x02 | 0x10 | 0x20 });
  assert.deepEqual({ ...r }, { end: 5001, maxend: 69257, maxwin: 65160, maxack: 1001, scale: 7, flags: 0x01 | 0x02 | 0x20 });
  // ESTABLISHED (3), ASSURED, the unacknowledged timeout (300 s).
  assert.equal(ct.tcp!.state, 3);
  assert.equal(ct.status & 4, 4);
  assert.equal(Math.round((ct.timeout - k.clock.now()) / 1000), 300);
});
