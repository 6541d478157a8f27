// The TCPMSS target (xt_TCPMSS.c) on crafted SYNs forwarded by a router whose outgoing link
// has an MTU of 1400: the MSS option as the receiver gets it, the IP total length, the TCP
// data offset, and both checksums, which must stay valid after every rewrite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { rawSocket } from '../../src/kernel/ipv4/ping.js';
import { emitTcp, tcpChecksumOk, type TcpOption } from '../../src/wire/tcp.js';
import { internetChecksum } from '../../src/wire/checksum.js';
import { nsOf } from '../datapath/helpers.js';

const A = 0x0a010002, C = 0x0a020002;
const SYN = 0x02, ACK = 0x10;

async function world(rule: string): Promise<{ k: Kernel; send: (seg: Uint8Array) => Uint8Array[] }> {
  const k = new Kernel({ seed: 1 });
  const sh = async (cmd: string, netns?: string) => {
    const r = await k.exec(cmd, netns ? { netns } : {});
    assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
  };
  for (const n of ['a', 'r', 'c']) await sh(`ip netns add ${n}`);
  await sh('ip link add eth0 netns a type veth peer name eth0 netns r');
  await sh('ip link add eth1 netns r type veth peer name eth0 netns c');
  await sh('ip addr add 10.1.0.2/24 dev eth0', 'a');
  await sh('ip addr add 10.1.0.1/24 dev eth0', 'r');
  await sh('ip addr add 10.2.0.1/24 dev eth1', 'r');
  await sh('ip addr add 10.2.0.2/24 dev eth0', 'c');
  await sh('ip link set eth1 mtu 1400', 'r');
  for (const [n, d] of [['a', 'eth0'], ['r', 'eth0'], ['r', 'eth1'], ['c', 'eth0']]) await sh(`ip link set ${d} up`, n);
  await sh('ip route add default via 10.1.0.1', 'a');
  await sh('ip route add default via 10.2.0.1', 'c');
  await sh('sysctl -w net.ipv4.ip_forward=1', 'r');
  await sh(rule, 'r');
  const got: Uint8Array[] = [];
  k.trace = (e) => {
    const ev = e as unknown as { fn: string; ns: unknown; dev?: { name: string }; skb: { buf: Uint8Array; off: number } };
    if (ev.fn !== 'ip_rcv' || ev.ns !== nsOf(k, 'c') || ev.dev?.name !== 'eth0') return;
    const { buf, off } = ev.skb;
    if (buf[off + 9] === 6) got.push(buf.slice(off, off + ((buf[off + 2]! << 8) | buf[off + 3]!)));
  };
  const sock = rawSocket(nsOf(k, 'a'), 6);
  const send = (seg: Uint8Array) => {
    got.length = 0;
    sock.sendto(C, seg);
    k.clock.advance(10);
    return [...got];
  };
  return { k, send };
}

function syn(options: TcpOption[], payload = 0, flags = SYN): Uint8Array {
  return emitTcp({ srcPort: 40000, dstPort: 80, seq: 1000, ackSeq: 0, flags, window: 64240, options,
    payload: new Uint8Array(payload).fill(0x61) }, undefined, { src: A, dst: C });
}

/** The received packet: its MSS option (undefined without one), data offset, lengths, and
 *  whether the IP and TCP checksums verify. */
function inspect(p: Uint8Array) {
  const ihl = (p[0]! & 15) * 4;
  const doff = (p[ihl + 12]! >> 4) * 4;
  let mss: number | undefined;
  for (let i = ihl + 20; i < ihl + doff;) {
    if (p[i] === 0) break;
    if (p[i] === 1) {
      i++;
      continue;
    }
    if (p[i] === 2) mss = (p[i + 2]! << 8) | p[i + 3]!;
    i += p[i + 1]!;
  }
  return {
    mss, doff, totLen: (p[2]! << 8) | p[3]!, len: p.length,
    ipOk: internetChecksum(p, 0, ihl) === 0,
    tcpOk: tcpChecksumOk(p.subarray(ihl), { src: A, dst: C }),
  };
}

test('TCPMSS --clamp-mss-to-pmtu: the MSS of a forwarded SYN becomes the path MTU less 40', async () => {
  const { send } = await world('iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu');
  const [p] = send(syn([{ kind: 'mss', mss: 1460 }, { kind: 'sackPermitted' }, { kind: 'nop' }, { kind: 'wscale', shift: 7 }]));
  assert.ok(p);
  // min(dst_mtu of eth1 (1400), the MTU back to the sender (1500)) - 40
  assert.deepEqual(inspect(p), { mss: 1360, doff: 32, totLen: 52, len: 52, ipOk: true, tcpOk: true });
});

test('TCPMSS --set-mss lowers the MSS and never raises it; only SYNs are matched', async () => {
  const { send } = await world('iptables -t mangle -A FORWARD -p tcp --syn -j TCPMSS --set-mss 1200');
  assert.deepEqual(inspect(send(syn([{ kind: 'mss', mss: 1460 }]))[0]!), { mss: 1200, doff: 24, totLen: 44, len: 44, ipOk: true, tcpOk: true });
  assert.deepEqual(inspect(send(syn([{ kind: 'mss', mss: 1000 }]))[0]!), { mss: 1000, doff: 24, totLen: 44, len: 44, ipOk: true, tcpOk: true });
  // A SYN-ACK does not match --syn: untouched.
  assert.equal(inspect(send(syn([{ kind: 'mss', mss: 1460 }], 0, SYN | ACK))[0]!).mss, 1460);
});

test('TCPMSS adds an MSS option (at most 536) to a SYN without one, unless it carries data', async () => {
  const { send } = await world('iptables -t mangle -A FORWARD -p tcp --syn -j TCPMSS --set-mss 1200');
  const bare = send(syn([]))[0]!;
  assert.deepEqual(inspect(bare), { mss: 536, doff: 24, totLen: 44, len: 44, ipOk: true, tcpOk: true });
  // The option directly follows the 20-byte header: kind 2, length 4, 536.
  assert.deepEqual([...bare.subarray(40, 44)], [2, 4, 0x02, 0x18]);
  const withData = send(syn([], 10))[0]!;
  assert.deepEqual(inspect(withData), { mss: undefined, doff: 20, totLen: 50, len: 50, ipOk: true, tcpOk: true });
});

test('TCPMSS --clamp-mss-to-pmtu follows the route\'s mtu metric', async () => {
  const { k, send } = await world('iptables -t mangle -A FORWARD -p tcp --syn -j TCPMSS --clamp-mss-to-pmtu');
  const r = await k.exec('ip route replace 10.2.0.0/24 dev eth1 mtu 576', { netns: 'r' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(inspect(send(syn([{ kind: 'mss', mss: 1460 }]))[0]!).mss, 536);
});
