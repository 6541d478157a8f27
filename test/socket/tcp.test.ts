// TCP and UDP sockets between namespaces, on virtual time: the handshake, data both ways,
// the close sequence and TIME_WAIT, resets for closed ports, SYN retransmission with
// Linux's backoff to ETIMEDOUT, a bulk transfer's integrity, port conflicts, UDP datagrams
// and port unreachable, and a connection through a MASQUERADE router tracked by conntrack.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, must, twoHosts } from '../datapath/helpers.js';
import { Socket, AF_INET, SOCK_STREAM, SOCK_DGRAM, SHUT_WR } from '../../src/kernel/socket.js';
import {
  TcpSock, TCP_CLOSE, TCP_ESTABLISHED, TCP_FIN_WAIT1, TCP_FIN_WAIT2, TCP_CLOSE_WAIT, TCP_TIME_WAIT, tcpNet,
} from '../../src/kernel/ipv4/tcp.js';
import { ECONNREFUSED, ETIMEDOUT, EADDRINUSE, ENETUNREACH } from '../../src/kernel/errno.js';
import type { Netns } from '../../src/kernel/net_namespace.js';

const ip = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;
const text = (b: Uint8Array | number) => typeof b === 'number' ? `errno ${-b}` : Buffer.from(b).toString();

/** Namespaces a (10.0.0.1) and b (10.0.0.2) joined by a veth pair. */
async function pair(): Promise<{ k: Kernel; a: Netns; b: Netns }> {
  const k = await twoHosts(7);
  return { k, a: k.namedNetns.get('a')!, b: k.namedNetns.get('b')! };
}

function tcp(ns: Netns): Socket {
  const s = Socket.open(ns, AF_INET, SOCK_STREAM);
  assert.ok(typeof s !== 'number');
  return s;
}

function udp(ns: Netns): Socket {
  const s = Socket.open(ns, AF_INET, SOCK_DGRAM);
  assert.ok(typeof s !== 'number');
  return s;
}

async function listener(ns: Netns, port: number): Promise<Socket> {
  const l = tcp(ns);
  assert.equal(l.setsockopt('SO_REUSEADDR', 1), 0);
  assert.equal(l.bind({ addr: 0, port }), 0);
  assert.equal(l.listen(5), 0);
  return l;
}

test('handshake, data both ways, and the close sequence down to TIME_WAIT', async () => {
  const { k, a, b } = await pair();
  const l = await listener(b, 8080);
  const c = tcp(a);
  assert.equal(await c.connect({ addr: ip('10.0.0.2'), port: 8080 }), 0);
  const s = await l.accept();
  assert.ok(typeof s !== 'number');
  assert.deepEqual(s.getpeername(), { addr: ip('10.0.0.1'), port: c.getsockname().port });
  const cport = c.getsockname().port;
  assert.ok(cport >= 32768 && cport <= 60999, `ephemeral port ${cport}`);
  assert.equal(await c.send(new TextEncoder().encode('hello\n')), 6);
  assert.equal(text(await s.recv(100)), 'hello\n');
  assert.equal(await s.send(new TextEncoder().encode('world\n')), 6);
  assert.equal(text(await c.recv(100)), 'world\n');
  // The client closes first. The server has answered within the delayed-ACK time, so its
  // ACK of the FIN waits 40 ms for a reply to ride on: FIN_WAIT1 until then, FIN_WAIT2 after.
  c.close();
  const ck = c.sk as TcpSock, sk = s.sk as TcpSock;
  assert.equal(ck.state, TCP_FIN_WAIT1);
  assert.equal(sk.state, TCP_CLOSE_WAIT);
  k.clock.advance(40);
  assert.equal(ck.state, TCP_FIN_WAIT2);
  assert.equal(text(await s.recv(100)), '', 'end of file');
  s.close();
  // ...then TIME_WAIT for 60 s, and the server's side is gone.
  assert.equal(ck.state, TCP_TIME_WAIT);
  assert.equal(sk.state, TCP_CLOSE);
  k.clock.advance(59_000);
  assert.equal(ck.state, TCP_TIME_WAIT);
  k.clock.advance(1_000);
  assert.equal(ck.state, TCP_CLOSE);
  assert.equal(tcpNet(a).ehash.size, 0);
  l.close();
});

test('a closed port answers with a reset: ECONNREFUSED', async () => {
  const { a } = await pair();
  const c = tcp(a);
  assert.equal(await c.connect({ addr: ip('10.0.0.2'), port: 81 }), ECONNREFUSED);
  assert.equal(tcpNet(a).mib.AttemptFails, 1);
});

test('no route: ENETUNREACH at once', async () => {
  const { a } = await pair();
  assert.equal(await tcp(a).connect({ addr: ip('192.0.2.1'), port: 80 }), ENETUNREACH);
});

test('SYNs dropped: resent each second 5 times, then after 2, 4 ... 32 s; ETIMEDOUT at 131 s', async () => {
  const { k, a, b } = await pair();
  await must(k, 'ip netns exec b iptables -A INPUT -p tcp --dport 80 -j DROP');
  const c = tcp(a);
  const t0 = k.clock.now();
  const sent: number[] = [];
  const ck = c.sk as TcpSock;
  const mib = tcpNet(a).mib;
  let last = mib.OutSegs;
  const watch = setInterval(() => {
    if (mib.OutSegs !== last) {
      last = mib.OutSegs;
      sent.push(Math.round(k.clock.now() - t0));
    }
  }, 0);
  const r = await c.connect({ addr: ip('10.0.0.2'), port: 80 });
  clearInterval(watch);
  assert.equal(r, ETIMEDOUT);
  // tcp_syn_retries (6) + tcp_syn_linear_timeouts (4) retransmissions, as 6.18 sends them.
  assert.equal(mib.OutSegs, 11, 'the SYN and 10 retransmissions');
  assert.equal(mib.RetransSegs, 10);
  assert.deepEqual(sent, [0, 1000, 2000, 3000, 4000, 5000, 7000, 11000, 19000, 35000, 67000]);
  assert.equal(Math.round(k.clock.now() - t0), 131_000, 'gives up 64 s after the last one');
  assert.equal(ck.state, TCP_CLOSE);
  void b;
});

test('a connect with a timeout gives up first, and keeps its port until closed', async () => {
  const { k, a } = await pair();
  await must(k, 'ip netns exec b iptables -A INPUT -p tcp -j DROP');
  const c = tcp(a);
  const t0 = k.clock.now();
  assert.equal(await c.connect({ addr: ip('10.0.0.2'), port: 80 }, { timeoutMs: 2000 }), ETIMEDOUT);
  assert.equal(Math.round(k.clock.now() - t0), 2000);
  assert.equal(tcpNet(a).ehash.size, 1);
  c.close();
  assert.equal(tcpNet(a).ehash.size, 0);
});

test('a bulk transfer arrives whole and in order', async () => {
  const { a, b } = await pair();
  const l = await listener(b, 9000);
  const c = tcp(a);
  assert.equal(await c.connect({ addr: ip('10.0.0.2'), port: 9000 }), 0);
  const s = await l.accept();
  assert.ok(typeof s !== 'number');
  const data = new Uint8Array(3_000_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  const sending = c.send(data).then((n) => { c.shutdown(SHUT_WR); return n; });
  const got: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const r = await s.recv(65536);
    assert.ok(typeof r !== 'number', `recv: ${r}`);
    if (r.length === 0) break;
    got.push(r);
    total += r.length;
  }
  assert.equal(await sending, data.length);
  assert.equal(total, data.length);
  assert.ok(Buffer.concat(got).equals(Buffer.from(data)));
});

test('port conflicts: EADDRINUSE unless both sides set SO_REUSEADDR and none listens', async () => {
  const { b } = await pair();
  const l = await listener(b, 80);
  const x = tcp(b);
  x.setsockopt('SO_REUSEADDR', 1);
  assert.equal(x.bind({ addr: 0, port: 80 }), EADDRINUSE, 'the other one listens');
  const u1 = udp(b), u2 = udp(b);
  assert.equal(u1.bind({ addr: 0, port: 53 }), 0);
  assert.equal(u2.bind({ addr: ip('10.0.0.2'), port: 53 }), EADDRINUSE);
  assert.equal(udp(b).bind({ addr: 0, port: 80 }), 0, 'UDP has its own port space');
  l.close();
  assert.equal(x.bind({ addr: 0, port: 80 }), 0, 'free again after close');
});

test('UDP: datagrams with their source, and port unreachable on a connected socket', async () => {
  const { a, b } = await pair();
  const srv = udp(b);
  assert.equal(srv.bind({ addr: 0, port: 5353 }), 0);
  const cli = udp(a);
  assert.equal(await cli.send(new TextEncoder().encode('ping'), { addr: ip('10.0.0.2'), port: 5353 }), 4);
  const r = await srv.recvfrom(100);
  assert.ok(typeof r !== 'number');
  assert.equal(text(r.data), 'ping');
  assert.equal(r.from.addr, ip('10.0.0.1'));
  assert.equal(await srv.send(new TextEncoder().encode('pong'), r.from), 4);
  assert.equal(text(await cli.recv(100)), 'pong');
  const c2 = udp(a);
  assert.equal(await c2.connect({ addr: ip('10.0.0.2'), port: 9 }), 0);
  assert.equal(await c2.send(new TextEncoder().encode('x')), 1);
  assert.equal(await c2.recv(100), -ECONNREFUSED, 'the ICMP error is reported once');
});

test('through a MASQUERADE router: conntrack sees the connection ESTABLISHED, then TIME_WAIT', async () => {
  const k = new Kernel({ seed: 3 });
  await must(k,
    'ip netns add c', 'ip netns add r', 'ip netns add s',
    'ip link add vc netns c type veth peer name rc netns r',
    'ip link add vs netns s type veth peer name rs netns r',
    'ip -n c addr add 192.168.1.2/24 dev vc', 'ip -n r addr add 192.168.1.1/24 dev rc',
    'ip -n r addr add 203.0.113.1/24 dev rs', 'ip -n s addr add 203.0.113.2/24 dev vs',
    'ip -n c link set vc up', 'ip -n r link set rc up', 'ip -n r link set rs up', 'ip -n s link set vs up',
    'ip -n c route add default via 192.168.1.1',
    'ip netns exec r sysctl -w net.ipv4.ip_forward=1',
    'ip netns exec r iptables -t nat -A POSTROUTING -o rs -j MASQUERADE');
  const c = k.namedNetns.get('c')!, s = k.namedNetns.get('s')!;
  const l = await listener(s, 80);
  const cl = tcp(c);
  assert.equal(await cl.connect({ addr: ip('203.0.113.2'), port: 80 }), 0);
  const sv = await l.accept();
  assert.ok(typeof sv !== 'number');
  assert.equal((sv.getpeername() as { addr: number }).addr, ip('203.0.113.1'), 'the server sees the router');
  await cl.send(new TextEncoder().encode('GET /\n'));
  assert.equal(text(await sv.recv(100)), 'GET /\n');
  const est = await k.exec('ip netns exec r conntrack -L');
  assert.match(est.stdout, /^tcp +6 \d+ ESTABLISHED src=192\.168\.1\.2 dst=203\.0\.113\.2 sport=\d+ dport=80 src=203\.0\.113\.2 dst=203\.0\.113\.1 sport=80 dport=\d+ \[ASSURED\]/m);
  cl.close();
  sv.close();
  const tw = await k.exec('ip netns exec r conntrack -L');
  assert.match(tw.stdout, /^tcp +6 1?\d+ TIME_WAIT /m);
  assert.equal((cl.sk as TcpSock).state, TCP_TIME_WAIT);
  assert.notEqual((sv.sk as TcpSock).state, TCP_ESTABLISHED);
});

test('a transfer through a router that drops one packet in ten still arrives whole', async () => {
  const k = new Kernel({ seed: 9 });
  await must(k,
    'ip netns add c', 'ip netns add r', 'ip netns add s',
    'ip link add vc netns c type veth peer name rc netns r',
    'ip link add vs netns s type veth peer name rs netns r',
    'ip -n c addr add 192.168.1.2/24 dev vc', 'ip -n r addr add 192.168.1.1/24 dev rc',
    'ip -n r addr add 10.1.0.1/24 dev rs', 'ip -n s addr add 10.1.0.2/24 dev vs',
    'ip -n c link set vc up', 'ip -n r link set rc up', 'ip -n r link set rs up', 'ip -n s link set vs up',
    'ip -n c route add default via 192.168.1.1', 'ip -n s route add default via 10.1.0.1',
    'ip netns exec r sysctl -w net.ipv4.ip_forward=1');
  const c = k.namedNetns.get('c')!, s = k.namedNetns.get('s')!;
  const l = await listener(s, 7000);
  const cl = tcp(c);
  assert.equal(await cl.connect({ addr: ip('10.1.0.2'), port: 7000 }), 0);
  const sv = await l.accept();
  assert.ok(typeof sv !== 'number');
  // Both directions lose packets from here on: data, ACKs, and the FIN exchange.
  await must(k, 'ip netns exec r iptables -A FORWARD -m statistic --mode random --probability 0.1 -j DROP');
  const data = new Uint8Array(300_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) & 0xff;
  const sending = cl.send(data).then((n) => { cl.shutdown(SHUT_WR); return n; });
  const got: Uint8Array[] = [];
  for (;;) {
    const r = await sv.recv(65536);
    assert.ok(typeof r !== 'number', `recv: ${r}`);
    if (r.length === 0) break;
    got.push(r);
  }
  assert.equal(await sending, data.length);
  assert.ok(Buffer.concat(got).equals(Buffer.from(data)));
  assert.ok(tcpNet(c).mib.RetransSegs > 0, 'losses were repaired by retransmission');
});
