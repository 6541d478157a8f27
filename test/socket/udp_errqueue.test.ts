// The UDP error queue (IP_RECVERR + recvmsg(MSG_ERRQUEUE)), as traceroute uses it: a probe
// whose TTL runs out at a router, and one that reaches a closed port, each leave a
// sock_extended_err naming the ICMP type/code and the offender; without IP_RECVERR an
// unconnected socket hears nothing. poll() reports POLLERR while the queue holds entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routed } from '../datapath/helpers.js';
import { Socket, AF_INET, SOCK_DGRAM, POLLERR, POLLIN } from '../../src/kernel/socket.js';
import { EAGAIN, ECONNREFUSED, EHOSTUNREACH } from '../../src/kernel/errno.js';
import type { Netns } from '../../src/kernel/net_namespace.js';

const ip = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;

/** a (10.1.0.2) -- r (10.1.0.1 / 10.2.0.1, forwarding) -- c (10.2.0.2) */
async function line(): Promise<{ a: Netns }> {
  const k = await routed(3);
  return { a: k.namedNetns.get('a')! };
}

function probe(ns: Netns, ttl: number, recverr: boolean): Socket {
  const s = Socket.open(ns, AF_INET, SOCK_DGRAM);
  assert.ok(typeof s !== 'number');
  assert.equal(s.setsockopt('IP_TTL', ttl), 0);
  if (recverr) assert.equal(s.setsockopt('IP_RECVERR', 1), 0);
  return s;
}

test('time exceeded and port unreachable land on the error queue with their offender', async () => {
  const { a } = await line();
  const s1 = probe(a, 1, true);
  assert.equal(await s1.connect({ addr: ip('10.2.0.2'), port: 33434 }), 0);
  assert.equal(await s1.send(new Uint8Array([1, 2, 3, 4])), 4);
  assert.equal(await s1.poll(POLLIN, { timeoutMs: 1000 }), POLLERR);
  const e1 = s1.recvErr();
  assert.ok(typeof e1 !== 'number');
  assert.deepEqual([e1.errno, e1.origin, e1.type, e1.code, e1.offender, e1.target, e1.port],
    [EHOSTUNREACH, 2, 11, 0, ip('10.1.0.1'), ip('10.2.0.2'), 33434]);
  assert.deepEqual([...e1.payload], [1, 2, 3, 4]);
  assert.equal(s1.recvErr(), -EAGAIN);
  assert.equal(s1.soError(), 0, 'taking the last entry clears sk_err');

  const s2 = probe(a, 64, true);
  assert.equal(await s2.connect({ addr: ip('10.2.0.2'), port: 33435 }), 0);
  await s2.send(new Uint8Array(8));
  const [m] = await Socket.pollAll([s1, s2], POLLIN, { timeoutMs: 1000 });
  assert.equal(m, 0);
  const e2 = s2.recvErr();
  assert.ok(typeof e2 !== 'number');
  assert.deepEqual([e2.errno, e2.type, e2.code, e2.offender], [ECONNREFUSED, 3, 3, ip('10.2.0.2')]);
});

test('without IP_RECVERR an unconnected socket is told nothing', async () => {
  const { a } = await line();
  const s = probe(a, 1, false);
  await s.send(new Uint8Array(4), { addr: ip('10.2.0.2'), port: 33434 });
  assert.equal(await s.poll(POLLIN, { timeoutMs: 500 }), 0);
  assert.equal(s.recvErr(), -EAGAIN);
});
