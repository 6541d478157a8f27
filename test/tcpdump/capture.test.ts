// Packet sockets (kernel/packet/af_packet.ts) and the tcpdump tool on live captures, in
// virtual time: what a socket bound to a device or to a whole namespace sees, cooked headers,
// the socket filter's counts, promiscuity, a device going away, and tcpdump's lines for what
// the emulated kernel sends (ARP, pings, a reset to a SYN, port unreachable to UDP).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import '../../src/tools/index.js';
import { twoHosts, routed, nsOf, must, Kernel } from '../datapath/helpers.js';
import { PacketSocket, SOCK_DGRAM, SOCK_RAW, type PacketMsg } from '../../src/kernel/packet/af_packet.js';
import { PACKET_BROADCAST, PACKET_HOST, PACKET_OUTGOING } from '../../src/kernel/core/skbuff.js';
import { ENETDOWN } from '../../src/kernel/errno.js';

function drain(s: PacketSocket): PacketMsg[] {
  const out: PacketMsg[] = [];
  for (let m = s.recv(); m; m = s.recv()) out.push(m);
  return out;
}

const ethertype = (m: PacketMsg) => (m.data[12]! << 8) | m.data[13]!;

test('a socket bound to a device sees each frame it sends and receives once, from the link header', async () => {
  const k = await twoHosts();
  const a = nsOf(k, 'a');
  const s = new PacketSocket(a, SOCK_RAW);
  s.bind(a.devByName('eth0')!.ifindex);
  await must(k, 'ip netns exec a ping -c 1 10.0.0.2');
  const got = drain(s);
  // ARP request out, reply in, echo out, reply in
  assert.deepEqual(got.map((m) => [m.ll.pkttype, ethertype(m)]), [
    [PACKET_OUTGOING, 0x0806], [PACKET_HOST, 0x0806], [PACKET_OUTGOING, 0x0800], [PACKET_HOST, 0x0800],
  ]);
  assert.deepEqual(got.map((m) => m.len), [42, 42, 98, 98]);
  assert.equal(got[0]!.data.length, 42);
  assert.deepEqual([...got[0]!.data.subarray(0, 6)], [255, 255, 255, 255, 255, 255]);
  assert.deepEqual(s.getStats(), { packets: 4, drops: 0 });
  assert.deepEqual(s.getStats(), { packets: 0, drops: 0 }, 'reading the statistics resets them');
  s.close();
  await must(k, 'ip netns exec a ping -c 1 10.0.0.2');
  assert.equal(s.recv(), undefined, 'a closed socket sees nothing');
});

test('a cooked socket on every device of a router: network header, direction, interface, source address', async () => {
  const k = await routed();
  const r = nsOf(k, 'r');
  const s = new PacketSocket(r, SOCK_DGRAM);
  s.bind(0);
  await must(k, 'ip netns exec a ping -c 1 10.2.0.2');
  const got = drain(s);
  const name = (m: PacketMsg) => r.devByIndex(m.ll.ifindex)!.name;
  const seen = got.map((m) => `${name(m)} ${m.ll.pkttype} ${m.ll.protocol.toString(16)}`);
  assert.deepEqual(seen, [
    `r0 ${PACKET_BROADCAST} 806`, `r0 ${PACKET_OUTGOING} 806`, `r0 ${PACKET_HOST} 800`,
    `r1 ${PACKET_OUTGOING} 806`, `r1 ${PACKET_HOST} 806`, `r1 ${PACKET_OUTGOING} 800`,
    `r1 ${PACKET_HOST} 800`, `r0 ${PACKET_OUTGOING} 800`,
  ].map((l) => l.replace(/^r0/, name(got[0]!)).replace(/^r1/, name(got[3]!))));
  // the data starts at the IP header; the address is the frame's source
  const echo = got[2]!;
  assert.equal(echo.data[0], 0x45);
  assert.equal(echo.len, 84);
  const a = nsOf(k, 'a').devByName('eth0')!;
  assert.deepEqual([...echo.ll.addr], [...a.addr]);
  // other namespaces' traffic is not seen
  await must(k, 'ip netns exec a ping -c 1 10.1.0.1');
  assert.equal(drain(s).length, 2);
});

test('the socket filter decides what is counted and kept, and how much of it', async () => {
  const k = await twoHosts();
  const b = nsOf(k, 'b');
  const s = new PacketSocket(b, SOCK_RAW);
  s.bind(b.devByName('eth0')!.ifindex);
  s.filter = (m) => ((m.data[12]! << 8 | m.data[13]!) === 0x0800 ? 34 : 0);
  await must(k, 'ip netns exec a ping -c 2 10.0.0.2');
  const got = drain(s);
  assert.equal(got.length, 4);
  assert.ok(got.every((m) => m.data.length === 34 && m.len === 98));
  assert.deepEqual(s.getStats(), { packets: 4, drops: 0 });
});

test('a capture makes its device promiscuous while it lasts; a device that goes away ends it', async () => {
  const k = await twoHosts();
  const a = nsOf(k, 'a');
  const dev = a.devByName('eth0')!;
  const s = new PacketSocket(a, SOCK_RAW);
  s.bind(dev.ifindex);
  s.addPromisc();
  assert.equal(dev.promiscCount, 1);
  let woken = 0;
  s.onReadable = () => woken++;
  await must(k, 'ip -n a link del eth0');
  assert.equal(s.error, ENETDOWN);
  assert.equal(woken, 1);
  assert.equal(dev.promiscCount, 0);
  s.close();
});

/** Runs tcpdump in namespace `netns` until it exits, while `during` runs. */
async function capture(k: Kernel, netns: string, args: string[], during: () => Promise<void>, signal?: AbortController) {
  let out = '';
  const st = k.spawn({
    argv: ['tcpdump', ...args], netns, stdout: (t) => { out += t; }, stderr: (t) => { out += t; },
    signal: signal?.signal, env: { TZ: 'UTC' },
  });
  await new Promise((r) => setImmediate(r));
  await during();
  signal?.abort('SIGINT');
  return { status: await st, out };
}

test('tcpdump -c: the ARP exchange and the pings, then the counts', async () => {
  const k = await twoHosts();
  const r = await capture(k, 'a', ['-i', 'eth0', '-n', '-t', '-c', '6', 'not', 'ip6'], () => must(k, 'ip netns exec a ping -c 2 10.0.0.2'));
  assert.equal(r.status, 0);
  const lines = r.out.split('\n');
  assert.deepEqual(lines.slice(0, 2), [
    'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode',
    'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
  ]);
  assert.match(lines[2]!, /^ARP, Request who-has 10\.0\.0\.2 tell 10\.0\.0\.1, length 28$/);
  assert.match(lines[3]!, /^ARP, Reply 10\.0\.0\.2 is-at ([0-9a-f]{2}:){5}[0-9a-f]{2}, length 28$/);
  assert.match(lines[4]!, /^IP 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request, id \d+, seq 1, length 64$/);
  assert.match(lines[7]!, /^IP 10\.0\.0\.2 > 10\.0\.0\.1: ICMP echo reply, id \d+, seq 2, length 64$/);
  assert.deepEqual(lines.slice(8), ['6 packets captured', '6 packets received by filter', '0 packets dropped by kernel', '']);
});

test('tcpdump on SIGINT: an empty line, the counts, status 0; the time of day from the world clock', async () => {
  const k = await twoHosts();
  const ac = new AbortController();
  const r = await capture(k, 'b', ['-i', 'eth0', '-n', 'icmp'], () => must(k, 'ip netns exec a ping -c 1 10.0.0.2'), ac);
  assert.equal(r.status, 0);
  const lines = r.out.split('\n');
  assert.match(lines[2]!, /^\d\d:\d\d:\d\d\.\d{6} IP 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request/);
  assert.deepEqual(lines.slice(4), ['', '2 packets captured', '2 packets received by filter', '0 packets dropped by kernel', '']);
});

test('tcpdump prints the reset a closed port answers a SYN with, and the port unreachable for UDP', async () => {
  const k = await twoHosts();
  const r = await capture(k, 'b', ['-i', 'eth0', '-n', '-t', '-c', '4', 'tcp or udp or icmp'], async () => {
    await must(k, "netsim trace a tcp 10.0.0.1:40000 '>' 10.0.0.2:80 syn", "netsim trace a udp 10.0.0.1:40001 '>' 10.0.0.2:5555 len 3");
  });
  const lines = r.out.split('\n').slice(2, 6);
  assert.match(lines[0]!, /^IP 10\.0\.0\.1\.40000 > 10\.0\.0\.2\.80: Flags \[S\], seq (\d+), win 64240, length 0$/);
  const isn = Number(/seq (\d+)/.exec(lines[0]!)![1]);
  assert.equal(lines[1], `IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [R.], seq 0, ack ${(isn + 1) >>> 0}, win 0, length 0`);
  assert.equal(lines[2], 'IP 10.0.0.1.40001 > 10.0.0.2.5555: UDP, length 3');
  assert.equal(lines[3], 'IP 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 5555 unreachable, length 39');
});

test('tcpdump -i for a missing or down device, and a filter error, fail as libpcap does', async () => {
  const k = await twoHosts();
  const run = async (args: string) => {
    let out = '';
    const status = await k.spawn({ argv: ['tcpdump', ...args.split(' ')], netns: 'a', stdout: (t) => { out += t; }, stderr: (t) => { out += t; } });
    return { status, out };
  };
  assert.deepEqual(await run('-i nosuch'), { status: 1, out: 'tcpdump: nosuch: No such device exists\n(No such device exists)\n' });
  await must(k, 'ip -n a link set eth0 down');
  assert.deepEqual(await run('-i eth0'), { status: 1, out: 'tcpdump: eth0: That device is not up\n' });
  assert.deepEqual(await run('-i lo tcp or 80'), { status: 1, out: 'tcpdump: syntax error in filter expression\n' });
  assert.equal(nsOf(k, 'a').devByName('lo')!.promiscCount, 0, 'a failed start leaves the device as it was');
});
