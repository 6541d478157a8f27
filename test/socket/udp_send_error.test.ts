// A connected UDP socket that heard a port unreachable fails its next send with
// ECONNREFUSED (sock_alloc_send_skb() returns the pending sk_err and clears it); the send
// after that goes out again. An unconnected socket is told nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, must } from '../datapath/helpers.js';
import { Socket, AF_INET, SOCK_DGRAM } from '../../src/kernel/socket.js';
import { ECONNREFUSED } from '../../src/kernel/errno.js';
import type { Netns } from '../../src/kernel/net_namespace.js';

const ip = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;

async function pair(): Promise<{ a: Netns }> {
  const k = new Kernel({ seed: 5 });
  await must(k,
    'ip netns add a', 'ip netns add b',
    'ip link add va netns a type veth peer name vb netns b',
    'ip -n a addr add 10.0.0.1/24 dev va', 'ip -n b addr add 10.0.0.2/24 dev vb',
    'ip -n a link set va up', 'ip -n b link set vb up');
  return { a: k.namedNetns.get('a')! };
}

function udp(ns: Netns): Socket {
  const s = Socket.open(ns, AF_INET, SOCK_DGRAM);
  assert.ok(typeof s !== 'number');
  return s;
}

test('the send after a port unreachable fails with ECONNREFUSED, once', async () => {
  const { a } = await pair();
  const s = udp(a);
  assert.equal(await s.connect({ addr: ip('10.0.0.2'), port: 9 }), 0);
  const X = Uint8Array.of(0x58);
  assert.equal(await s.send(X), 1);
  // the ICMP error has come back by now (resolve the neighbour first if it has not)
  await s.poll(0, { timeoutMs: 1000 });
  assert.equal(await s.send(X), -ECONNREFUSED);
  assert.equal(s.soError(), 0, 'the send took the error');
  assert.equal(await s.send(X), 1);
});

test('an unconnected socket sends on regardless', async () => {
  const { a } = await pair();
  const s = udp(a);
  const X = Uint8Array.of(0x58);
  assert.equal(await s.send(X, { addr: ip('10.0.0.2'), port: 9 }), 1);
  await s.poll(0, { timeoutMs: 1000 });
  assert.equal(await s.send(X, { addr: ip('10.0.0.2'), port: 9 }), 1);
});
