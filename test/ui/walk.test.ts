// The packet walk's links from a packet to the packets it provoked, when the trace record
// names them (`sent`): a reset for a closed port (tcp_v4_send_reset), a listener's SYN-ACK
// (tcp_v4_send_synack), ARP requests and neighbour solicitations for a packet waiting on
// neighbour resolution (arp_solicit, ndisc_solicit). The index is built with the time rule
// off (followMs -1), so every link checked here comes from a record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoHosts, must, runPing, nsOf, type Kernel } from '../datapath/helpers.js';
import { Socket, AF_INET, SOCK_STREAM } from '../../src/kernel/socket.js';
import { ECONNREFUSED } from '../../src/kernel/errno.js';
import { TraceRecorder, type TraceRecord } from '../../src/trace/record.js';
import { PacketIndex, packetTitle, type WalkPacket } from '../../src/cli/ui/walk.js';
import { flowBoxes } from '../../src/cli/ui/flow.js';

const ip = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;

function record(k: Kernel): TraceRecorder {
  const rec = new TraceRecorder();
  k.trace = rec.hook;
  return rec;
}

/** The records as a walk, with no link by time. */
function exactIndex(records: readonly TraceRecord[]): PacketIndex {
  const idx = new PacketIndex({ followMs: -1 });
  idx.add(records);
  return idx;
}

function packetsTitled(idx: PacketIndex, re: RegExp): WalkPacket[] {
  return idx.all().filter((p) => re.test(packetTitle(p)));
}

function one(idx: PacketIndex, re: RegExp): WalkPacket {
  const ps = packetsTitled(idx, re);
  assert.equal(ps.length, 1, `one packet ${re}: ${idx.all().map(packetTitle).join(' | ')}`);
  return ps[0]!;
}

/** The box the walk draws a packet's step `fn` in. */
function boxOf(p: WalkPacket, fn: string): string | undefined {
  return flowBoxes(p.steps)[p.steps.findIndex((s) => s.fn === fn)];
}

test('a SYN to a closed port: the reset is linked to it by tcp_v4_send_reset', async () => {
  const k = await twoHosts(3);
  // Neighbours resolved first, so nothing but the SYN and the reset is in the walk.
  assert.equal((await runPing(k, '-c 1 10.0.0.2', 'a')).status, 0);
  const rec = record(k);
  const c = Socket.open(nsOf(k, 'a'), AF_INET, SOCK_STREAM);
  assert.ok(typeof c !== 'number');
  assert.equal(await c.connect({ addr: ip('10.0.0.2'), port: 81 }), ECONNREFUSED);
  const idx = exactIndex(rec.take());
  const syn = one(idx, /^10\.0\.0\.1:\d+ > 10\.0\.0\.2:81 tcp \[S\]/);
  const rst = one(idx, /^10\.0\.0\.2:81 > 10\.0\.0\.1:\d+ tcp \[R\.\]/);
  assert.deepEqual(syn.next, [rst.id]);
  assert.equal(rst.prev, syn.id);
  const send = syn.steps.find((s) => s.fn === 'tcp_v4_send_reset')!;
  assert.deepEqual([send.ns, send.sent, send.saddr, send.daddr], ['b', rst.id, '10.0.0.2', '10.0.0.1']);
  assert.equal(boxOf(syn, 'tcp_v4_send_reset'), 'local');
  // Without the record, nothing would link them: the time rule is off.
  const unnamed = exactIndex(idx.all().flatMap((p) => p.steps).filter((s) => s.fn !== 'tcp_v4_send_reset'));
  assert.equal(unnamed.get(rst.id)!.prev, undefined);
});

test('a SYN to a listener: the SYN-ACK is linked to it, and to a retransmitted SYN', async () => {
  const k = await twoHosts(4);
  assert.equal((await runPing(k, '-c 1 10.0.0.2', 'a')).status, 0);
  const l = Socket.open(nsOf(k, 'b'), AF_INET, SOCK_STREAM);
  assert.ok(typeof l !== 'number');
  assert.equal(l.bind({ addr: 0, port: 80 }), 0);
  assert.equal(l.listen(8), 0);
  // a has no socket for the SYNs netsim trace sends: its firewall keeps the SYN-ACKs from
  // being reset, so the second SYN finds the connection still in SYN_RECV.
  await must(k, 'ip netns exec a iptables -A INPUT -p tcp --sport 80 -j DROP');
  const rec = record(k);
  await must(k, "netsim trace a tcp 10.0.0.1:40000 '>' 10.0.0.2:80 syn seq 1000");
  await must(k, "netsim trace a tcp 10.0.0.1:40000 '>' 10.0.0.2:80 syn seq 1000");
  const idx = exactIndex(rec.take());
  const syns = packetsTitled(idx, /^10\.0\.0\.1:40000 > 10\.0\.0\.2:80 tcp \[S\]/);
  const synacks = packetsTitled(idx, /^10\.0\.0\.2:80 > 10\.0\.0\.1:40000 tcp \[S\.\]/);
  assert.equal(syns.length, 2);
  assert.equal(synacks.length, 2);
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(syns[i]!.next, [synacks[i]!.id]);
    assert.equal(synacks[i]!.prev, syns[i]!.id);
    const send = syns[i]!.steps.find((s) => s.fn === 'tcp_v4_send_synack')!;
    assert.equal(send.sent, synacks[i]!.id);
    assert.equal(boxOf(syns[i]!, 'tcp_v4_send_synack'), 'local');
  }
  assert.equal(syns[1]!.steps.find((s) => s.fn === 'tcp_v4_rcv')!.state, 'TCP_SYN_RECV');
  l.close();
});

test('a ping to an unresolved neighbour: every ARP request is linked to the waiting echo request', async () => {
  const k = await twoHosts(5);
  const rec = record(k);
  const r = await runPing(k, '-c 1 -W 1 10.0.0.3', 'a');
  assert.equal(r.status, 1);
  // The retransmitted requests, then resolution fails and the echo request is answered
  // with host unreachable.
  k.clock.advance(5000);
  const idx = exactIndex(rec.take());
  const echo = one(idx, /^10\.0\.0\.1 > 10\.0\.0\.3 icmp echo request/);
  const arps = packetsTitled(idx, /^arp who-has 10\.0\.0\.3 tell 10\.0\.0\.1/);
  assert.equal(arps.length, 3, 'mcast_solicit requests');
  for (const arp of arps) {
    assert.ok(echo.next.includes(arp.id), `${arp.id} in ${echo.next.join(' ')}`);
    assert.equal(arp.prev, echo.id);
  }
  const solicits = echo.steps.filter((s) => s.fn === 'arp_solicit');
  assert.deepEqual(solicits.map((s) => s.sent), arps.map((a) => a.id));
  assert.deepEqual([solicits[0]!.ns, solicits[0]!.dev, solicits[0]!.tip], ['a', 'eth0', '10.0.0.3']);
  assert.equal(boxOf(echo, 'arp_solicit'), 'neigh');
  // The host unreachable that follows is named by icmp_send, as before.
  const unreach = one(idx, /^10\.0\.0\.1 > 10\.0\.0\.1 icmp host unreachable/);
  assert.ok(echo.next.includes(unreach.id));
  assert.equal(echo.next.length, 4);
});

test('IPv6: the neighbour solicitation is linked to the packet waiting on it', async () => {
  const k = await twoHosts(6);
  await must(k, 'ip -n a addr add 2001:db8::1/64 dev eth0 nodad', 'ip -n b addr add 2001:db8::2/64 dev eth0 nodad');
  // The link-local addresses finish DAD.
  k.clock.advance(2500);
  const rec = record(k);
  const r = await runPing(k, '-c 1 -W 1 2001:db8::2', 'a');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const idx = exactIndex(rec.take());
  const echo = one(idx, /^2001:db8::1 > 2001:db8::2 icmp6 type 128 /);
  const ns = one(idx, /^2001:db8::1 > ff02::1:ff00:2 icmp6 type 135 /);
  assert.deepEqual(echo.next, [ns.id]);
  assert.equal(ns.prev, echo.id);
  const sol = echo.steps.find((s) => s.fn === 'ndisc_solicit')!;
  assert.deepEqual([sol.ns, sol.dev, sol.target, sol.sent], ['a', 'eth0', '2001:db8::2', ns.id]);
  assert.equal(boxOf(echo, 'ndisc_solicit'), 'neigh');
});
