// The IPv4 datapath's counters, drop reasons and wire bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routed, twoHosts, runPing, nsOf, ipForward, sh } from './helpers.js';
import { ipMib } from '../../src/kernel/ipv4/ip_output.js';
import { icmpNet } from '../../src/kernel/ipv4/icmp.js';
import type { Kernel } from '../../src/index.js';
import type { SkBuff } from '../../src/kernel/core/skbuff.js';

interface Ev { fn: string; reason?: string; skb?: SkBuff; ns?: unknown; [k: string]: unknown }

function traceInto(k: Kernel): Ev[] {
  const evs: Ev[] = [];
  (k as unknown as { trace: (e: Ev) => void }).trace = (e) => evs.push(e);
  return evs;
}

test('forwarding off: the router drops silently (IpInAddrErrors, IP_INADDRERRORS)', async () => {
  const k = await routed(1, false);
  const evs = traceInto(k);
  const r = await runPing(k, '-c 1 -W 1 10.2.0.2', 'a');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /1 packets transmitted, 0 received, 100% packet loss/);
  assert.equal(ipMib(nsOf(k, 'r')).InAddrErrors, 1);
  assert.equal(ipMib(nsOf(k, 'r')).ForwDatagrams, 0);
  assert.ok(evs.some((e) => e.fn === 'kfree_skb' && e.reason === 'IP_INADDRERRORS' && e.ns === nsOf(k, 'r')));
});

test('forwarding on: TTL decremented, counters, and TTL exceeded from the router', async () => {
  const k = await routed();
  const ok = await runPing(k, '-c 2 -i 0.2 10.2.0.2', 'a');
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /64 bytes from 10\.2\.0\.2: icmp_seq=1 ttl=63 time=0\.000 ms/);
  const r = nsOf(k, 'r');
  assert.equal(ipMib(r).ForwDatagrams, 4);
  const evs = traceInto(k);
  const ttl = await runPing(k, '-c 1 -t 1 10.2.0.2', 'a');
  assert.equal(ttl.status, 1);
  assert.match(ttl.stdout, /^From 10\.1\.0\.1 icmp_seq=1 Time to live exceeded$/m);
  assert.equal(icmpNet(r).outType[11], 1);
  assert.equal(ipMib(r).InHdrErrors, 1);
  assert.ok(evs.some((e) => e.fn === 'icmp_send' && e.type === 11));
  assert.ok(evs.some((e) => e.fn === 'kfree_skb' && e.reason === 'IP_INHDR'));
});

test('rp_filter strict drops a spoofed source (IP_RPFILTER); loose accepts it', async () => {
  const k = await twoHosts();
  await sh(k, 'ip -n a addr add 192.0.2.1/32 dev lo');
  await sh(k, 'ip -n b route add 192.0.2.0/24 dev lo');
  const b = nsOf(k, 'b');
  await sh(k, 'sysctl -qw net.ipv4.conf.all.rp_filter=1', 'b');
  const evs = traceInto(k);
  const strict = await runPing(k, '-c 1 -W 1 -I 192.0.2.1 10.0.0.2', 'a');
  assert.equal(strict.status, 1);
  assert.equal(ipMib(b).IPRPFilter, 1);
  assert.ok(evs.some((e) => e.fn === 'kfree_skb' && e.reason === 'IP_RPFILTER'));
  void b;
});

test('local addresses answer on any interface; 127/8 only through lo', async () => {
  const k = await routed(1, false);
  const r = await runPing(k, '-c 1 10.2.0.1', 'a');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /64 bytes from 10\.2\.0\.1: icmp_seq=1 ttl=64/);
  const lo = await runPing(k, '-c 1 127.0.0.42', 'r');
  assert.match(lo.stdout, /64 bytes from 127\.0\.0\.42: icmp_seq=1 ttl=64/);
});

test('an ARP request on the wire: 42 bytes, broadcast, target hardware address zero', async () => {
  const k = await twoHosts();
  const evs = traceInto(k);
  await runPing(k, '-c 1 10.0.0.2', 'a');
  const req = evs.find((e) => e.fn === 'arp_xmit' && e.op === 'request')!;
  const f = req.skb!.buf.subarray(0, req.skb!.buf.length);
  assert.equal(f.length, 42);
  assert.deepEqual([...f.subarray(0, 6)], [255, 255, 255, 255, 255, 255]);
  assert.deepEqual([...f.subarray(12, 22)], [0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1]);
  assert.deepEqual([...f.subarray(28, 32)], [10, 0, 0, 1]);
  assert.deepEqual([...f.subarray(32, 38)], [0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...f.subarray(38, 42)], [10, 0, 0, 2]);
  // veth counters as the kernel counts them: ARP 42 + echo 98 each way.
  const dev = nsOf(k, 'a').devByName('eth0')!;
  assert.equal(dev.stats.tx_bytes, 42 + 98);
  assert.equal(dev.stats.rx_bytes, 42 + 98);
});

test('ip_forward toggled at run time takes effect', async () => {
  const k = await routed(1, false);
  assert.equal((await runPing(k, '-c 1 -W 1 10.2.0.2', 'a')).status, 1);
  ipForward(nsOf(k, 'r'), true);
  assert.equal((await runPing(k, '-c 1 -W 1 10.2.0.2', 'a')).status, 0);
});
