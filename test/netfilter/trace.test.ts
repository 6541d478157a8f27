// -j TRACE and the nf_tables trace: the messages a traced packet's walk sends to the
// NFNLGRP_NFTRACE listeners, the same from the indexed walk as from the linear one, nf_trace
// cleared at a device crossing, and the nf_tables handles iptables-nft's commands give chains
// and rules (what `nft -a list ruleset` showed on the real kernel for the same commands).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routed, twoHosts, runPing, nsOf, type Kernel } from '../datapath/helpers.js';
import { ipt } from './helpers.js';
import { nftTraceListen, type NftTraceMsg } from '../../src/kernel/netfilter/nf_tables_trace.js';
import { xtFindTable } from '../../src/kernel/netfilter/x_tables.js';
import { xtSetIndexing } from '../../src/kernel/netfilter/xt_compile.js';
import type { Netns } from '../../src/kernel/net_namespace.js';

async function fw(k: Kernel, ns: string, ...cmds: string[]): Promise<void> {
  for (const cmd of cmds) {
    const argv = cmd.startsWith('iptables-restore') ? ['iptables-restore'] : ['iptables', ...cmd.split(/\s+/)];
    const r = await ipt(k, nsOf(k, ns), argv, cmd.startsWith('iptables-restore') ? cmd.slice(cmd.indexOf('\n') + 1) : '');
    assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  }
}

/** The trace messages of `ns` while `fn` runs, each as "table:chain:type:handle:verdict". */
async function traced(ns: Netns, fn: () => Promise<unknown>): Promise<{ lines: string[]; msgs: NftTraceMsg[] }> {
  const msgs: NftTraceMsg[] = [];
  const leave = nftTraceListen(ns, (m) => msgs.push(m));
  try {
    await fn();
  } finally {
    leave();
  }
  const lines = msgs.map((m) => [m.table, m.chain, m.type === 3 ? 'rule' : m.type === 1 ? 'policy' : 'return',
    m.handle ?? '-', m.verdict ?? m.policy, m.jumpTarget ?? ''].join(':'));
  return { lines, msgs };
}

test('a traced forwarded ping: rules that matched, jumps, RETURN, GOTO, policies; the packet in the first message of each walk', async () => {
  const k = await routed();
  await fw(k, 'r',
    '-t raw -A PREROUTING -p icmp -j TRACE',
    '-t mangle -A FORWARD -j MARK --set-mark 5',
    '-N quiet', '-A quiet -p tcp -j DROP',
    '-N back', '-A back -j RETURN',
    '-N allow', '-A allow -p icmp -j ACCEPT',
    '-A FORWARD -j quiet', '-A FORWARD -j back', '-A FORWARD -p icmp -g allow');
  const r = nsOf(k, 'r');
  const { lines, msgs } = await traced(r, () => runPing(k, '-c 1 10.2.0.2', 'a'));
  const walk = [
    'raw:PREROUTING:rule:2:-1:', 'raw:PREROUTING:policy:-:1:',
    'mangle:FORWARD:rule:2:-1:', 'mangle:FORWARD:policy:-:1:',
    // filter: quiet 1, its rule 2, back 3, 4, allow 5, 6, FORWARD 7, its rules 8 9 10
    'filter:FORWARD:rule:8:-3:quiet', 'filter:FORWARD:rule:9:-3:back', 'filter:back:rule:4:-5:',
    'filter:FORWARD:rule:10:-4:allow', 'filter:allow:rule:6:1:',
  ];
  assert.deepEqual(lines, [...walk, ...walk]);
  // Request and reply: one id each, the same across the hooks of one packet.
  const ids = [...new Set(msgs.map((m) => m.id))];
  assert.equal(ids.length, 2);
  // Packet details only in the first message of each base-chain walk.
  assert.deepEqual(msgs.map((m) => m.networkHeader !== undefined),
    [true, false, true, false, true, false, false, false, false, true, false, true, false, true, false, false, false, false]);
  const fwd = msgs[2]!;
  assert.equal(fwd.iif, r.devByName('r0')!.ifindex);
  assert.equal(fwd.oif, r.devByName('r1')!.ifindex);
  assert.equal(fwd.mark, 5);
  assert.equal(fwd.llHeader?.length, 14);
  assert.equal(fwd.networkHeader?.length, 20);
  assert.equal(fwd.networkHeader?.[8], 63, 'TTL already decremented in FORWARD');
  assert.equal(fwd.transportHeader?.length, 20, 'ICMP header and the first 12 bytes of data');
});

test('the indexed walk reports what the linear walk reports', async () => {
  const run = async (indexed: boolean): Promise<string[]> => {
    xtSetIndexing(indexed);
    try {
      const k = await routed();
      const cmds = ['-t raw -A PREROUTING -j TRACE'];
      for (let i = 0; i < 40; i++) cmds.push(`-A FORWARD -d 10.9.${i}.1 -j DROP`, `-A FORWARD -p tcp --dport ${1000 + i} -j DROP`);
      cmds.push('-A FORWARD -d 10.2.0.2 -j MARK --set-mark 1', '-A FORWARD -m mark --mark 1 -j ACCEPT');
      await fw(k, 'r', ...cmds);
      return (await traced(nsOf(k, 'r'), () => runPing(k, '-c 1 10.2.0.2', 'a'))).lines;
    } finally {
      xtSetIndexing(true);
    }
  };
  const linear = await run(false);
  assert.ok(linear.includes('filter:FORWARD:rule:82:-1:'), linear.join('\n'));
  assert.deepEqual(await run(true), linear);
});

test('nf_trace does not cross a veth; no base chain, no message; no TRACE, no message', async () => {
  const k = await twoHosts();
  const [a, b] = [nsOf(k, 'a'), nsOf(k, 'b')];
  await fw(k, 'a', '-t raw -A OUTPUT -p icmp -j TRACE');
  await fw(k, 'b', '-A INPUT -p icmp -j ACCEPT');
  const inB = await traced(b, () => runPing(k, '-c 1 10.0.0.2', 'a'));
  assert.deepEqual(inB.lines, []);
  const inA = await traced(a, () => runPing(k, '-c 1 10.0.0.2', 'a'));
  // raw OUTPUT only: a has no other chains; the reply is not traced.
  assert.deepEqual(inA.lines, ['raw:OUTPUT:rule:2:-1:', 'raw:OUTPUT:policy:-:1:']);
});

test('handles: one counter per table, built-in chains created when written, -R keeps, -X deletes empty ACCEPT built-ins, restore starts anew', async () => {
  const k = await twoHosts();
  const b = nsOf(k, 'b');
  const handles = (table: string): string => {
    const t = xtFindTable(b, table, false)!;
    return [...t.chains.values()].filter((c) => c.handle !== undefined)
      .map((c) => `${c.name}=${c.handle}[${c.rules.map((r) => r.handle).join(',')}]`).join(' ');
  };
  // The sequence of the real kernel's checks (iptables-nft 1.8.9 on Linux 6.18).
  await fw(k, 'b', '-t security -N x', '-t security -X x', '-t security -A INPUT -j ACCEPT');
  assert.equal(handles('security'), 'INPUT=2[3]');
  await fw(k, 'b', '-t security -R INPUT 1 -j DROP', '-t security -I INPUT -s 1.1.1.1,2.2.2.2 -j DROP');
  // -I inserts 1.1.1.1 first (handle 4), then 2.2.2.2 above it (5).
  assert.equal(handles('security'), 'INPUT=2[5,4,3]');
  await fw(k, 'b', '-t security -D INPUT 1', '-t security -N y', '-t security -E y z');
  assert.equal(handles('security'), 'INPUT=2[4,3] z=6[]');
  await fw(k, 'b', '-t security -A z -j RETURN', '-t security -F', '-t security -A OUTPUT -j ACCEPT', '-t security -X');
  assert.equal(handles('security'), 'OUTPUT=8[9]');
  await fw(k, 'b', '-t raw -P OUTPUT ACCEPT', '-t raw -F OUTPUT', '-t raw -A PREROUTING -j ACCEPT');
  assert.equal(handles('raw'), 'PREROUTING=2[3] OUTPUT=1[]');
  await fw(k, 'b', 'iptables-restore\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:v - [0:0]\n-A INPUT -j v\n-A v -j ACCEPT\nCOMMIT\n');
  assert.equal(handles('filter'), 'INPUT=1[5] FORWARD=2[] OUTPUT=3[] v=4[6]');
  await fw(k, 'b', 'iptables-restore\n*filter\n:INPUT ACCEPT [0:0]\n:v - [0:0]\n-A INPUT -j v\n-A v -j ACCEPT\nCOMMIT\n');
  assert.equal(handles('filter'), 'INPUT=1[3] v=2[4]');
});
