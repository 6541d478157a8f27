// IPv6 netfilter on crafted packets sent from one namespace to another over a veth:
// ip6t_do_table()'s protocol is the one after the extension headers (ipv6_find_hdr()),
// a later fragment has no ports, and REJECT --reject-with tcp-reset answers a TCP segment
// with the reset nf_send_reset6() builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import { devAddPackAll, devRemovePackAll, devQueueXmit, type PacketTap } from '../../src/kernel/core/dev.js';
import { emitIpv6Header } from '../../src/wire/ipv6.js';
import { parseIPv6 } from '../../src/wire/inet.js';
import { emitTcp, tcpChecksumOk } from '../../src/wire/tcp.js';
import { ipv6FindHdr } from '../../src/kernel/ipv6/exthdrs_core.js';
import { nsOf } from '../datapath/helpers.js';

const A = parseIPv6('2001:db8::1')!, B = parseIPv6('2001:db8::2')!;
const MAC_A = [2, 0, 0, 0, 0, 0x0a], MAC_B = [2, 0, 0, 0, 0, 0x0b];
const SYN = 0x02, RST = 0x04, ACK = 0x10, FIN = 0x01;

/** a and b on a veth, addresses without DAD and neighbours known (no NDP on the wire). */
async function world(...rules: string[]): Promise<{ k: Kernel; send: (l3: Uint8Array) => Uint8Array[] }> {
  const k = new Kernel({ seed: 1 });
  const sh = async (cmd: string, netns?: string) => {
    const r = await k.exec(cmd, netns ? { netns } : {});
    assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
    return r.stdout;
  };
  for (const n of ['a', 'b']) await sh(`ip netns add ${n}`);
  await sh('ip link add eth0 netns a type veth peer name eth0 netns b');
  await sh('ip link set eth0 address 02:00:00:00:00:0a', 'a');
  await sh('ip link set eth0 address 02:00:00:00:00:0b', 'b');
  await sh('ip addr add 2001:db8::1/64 dev eth0 nodad', 'a');
  await sh('ip addr add 2001:db8::2/64 dev eth0 nodad', 'b');
  await sh('ip link set eth0 up', 'a');
  await sh('ip link set eth0 up', 'b');
  await sh('ip -6 neigh replace 2001:db8::2 lladdr 02:00:00:00:00:0b dev eth0', 'a');
  await sh('ip -6 neigh replace 2001:db8::1 lladdr 02:00:00:00:00:0a dev eth0', 'b');
  k.clock.advance(5000);
  for (const r of rules) await sh(r, 'b');
  const a = nsOf(k, 'a');
  const eth0 = a.devByName('eth0')!;
  /** Sends an IPv6 packet out of a's eth0; returns the IPv6 packets a receives meanwhile. */
  const send = (l3: Uint8Array): Uint8Array[] => {
    const got: Uint8Array[] = [];
    const tap: PacketTap = {
      netns: a, dev: eth0,
      func(skb, _dev, outgoing) {
        // Received frames come with skb->data past the Ethernet header.
        const f = skb.buf.subarray(skb.macOffset >= 0 ? skb.macOffset : skb.off);
        if (!outgoing && f[12] === 0x86 && f[13] === 0xdd) got.push(f.slice(14));
      },
    };
    devAddPackAll(tap);
    try {
      const frame = new Uint8Array(14 + l3.length);
      frame.set(MAC_B, 0);
      frame.set(MAC_A, 6);
      frame[12] = 0x86;
      frame[13] = 0xdd;
      frame.set(l3, 14);
      const skb = new SkBuff(frame);
      skb.dev = eth0;
      devQueueXmit(skb);
      k.clock.advance(10);
    } finally {
      devRemovePackAll(tap);
    }
    return got;
  };
  return { k, send };
}

/** An IPv6 packet from a to b: `ext` (extension headers, already chained) then the upper
 *  layer `payload`; `first` is the fixed header's next header. */
function ipv6(first: number, ext: number[], payload: Uint8Array, src = A, dst = B): Uint8Array {
  const body = new Uint8Array(ext.length + payload.length);
  body.set(ext, 0);
  body.set(payload, ext.length);
  const out = new Uint8Array(40 + body.length);
  emitIpv6Header({ src, dst, nextHeader: first, hopLimit: 64 }, body.length, out, 0);
  out.set(body, 40);
  return out;
}

function tcp(flags: number, dport = 80, payload = 0, ack = 0): Uint8Array {
  return emitTcp({ srcPort: 40000, dstPort: dport, seq: 1000, ackSeq: ack, flags, window: 64240,
    payload: new Uint8Array(payload).fill(0x61) }, undefined, { src: A, dst: B });
}

/** A UDP header (checksum left 0: only the ports are looked at). */
function udp(dport: number): Uint8Array {
  return new Uint8Array([0x9c, 0x40, dport >> 8, dport & 0xff, 0, 8, 0, 0]);
}

/** The packet counters of b's INPUT rules, in order. */
async function counters(k: Kernel): Promise<number[]> {
  const r = await k.exec('ip6tables -L INPUT -v -x -n', { netns: 'b' });
  return r.stdout.split('\n').slice(2).filter((l) => l.trim()).map((l) => Number(l.trim().split(/\s+/)[0]));
}

test('ipv6_find_hdr(): the protocol after hop-by-hop, routing, destination options, AH and fragment headers', () => {
  const hop = [6, 0, 1, 4, 0, 0, 0, 0];
  // Hop-by-hop (8 bytes) then TCP.
  let p = ipv6(0, hop, tcp(SYN));
  assert.deepEqual(ipv6FindHdr(p, 0), { proto: 6, offset: 48, fragoff: 0 });
  // Destination options (16 bytes: length 1) then UDP.
  p = ipv6(60, [17, 1, 1, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], udp(53));
  assert.deepEqual(ipv6FindHdr(p, 0), { proto: 17, offset: 56, fragoff: 0 });
  // AH: (payload length + 2) * 4 bytes = 16.
  p = ipv6(51, [58, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0], new Uint8Array(8));
  assert.deepEqual(ipv6FindHdr(p, 0), { proto: 58, offset: 56, fragoff: 0 });
  // A first fragment is stepped over; a later one names the protocol but has no header.
  p = ipv6(44, [17, 0, 0, 1, 0, 0, 0, 7], udp(53));
  assert.deepEqual(ipv6FindHdr(p, 0), { proto: 17, offset: 48, fragoff: 0 });
  p = ipv6(44, [17, 0, 0x05, 0x00, 0, 0, 0, 7], udp(53));
  assert.deepEqual(ipv6FindHdr(p, 0), { proto: 17, offset: 40, fragoff: 0x0500 });
  // No next header, and a header cut short.
  assert.deepEqual(ipv6FindHdr(ipv6(59, [], new Uint8Array(0)), 0), { proto: 59, offset: 40, fragoff: 0 });
  assert.equal(ipv6FindHdr(ipv6(0, [6], new Uint8Array(0)), 0), -74);
  // One header by type: the routing header behind hop-by-hop; none in a packet without one.
  p = ipv6(0, [43, 0, 1, 4, 0, 0, 0, 0], new Uint8Array([6, 2, 0, 1, 0, 0, 0, 0, ...new Uint8Array(16)]));
  assert.deepEqual(ipv6FindHdr(p, 0, 43), { proto: 43, offset: 48, fragoff: 0 });
  assert.equal(ipv6FindHdr(p, 0, 44), -2);
  // A fragment header is found in a later fragment too, with its offset.
  p = ipv6(44, [17, 0, 0x05, 0x00, 0, 0, 0, 7], udp(53));
  assert.deepEqual(ipv6FindHdr(p, 0, 44), { proto: 44, offset: 40, fragoff: 0x0500 });
  assert.equal(ipv6FindHdr(p, 0, 17), -2);
});

test('-p and the port matches see the protocol behind extension headers; a later fragment matches -p but no ports', async () => {
  const { k, send } = await world(
    'ip6tables -A INPUT -p tcp --dport 22',
    'ip6tables -A INPUT -p tcp',
    'ip6tables -A INPUT -p udp --dport 53',
    'ip6tables -A INPUT -p udp',
    'ip6tables -A INPUT -p 0',
    'ip6tables -A INPUT -p ipv6-opts',
  );
  send(ipv6(0, [6, 0, 1, 4, 0, 0, 0, 0], tcp(SYN, 22)));
  send(ipv6(60, [17, 0, 1, 4, 0, 0, 0, 0], udp(53)));
  send(ipv6(44, [17, 0, 0x05, 0x00, 0, 0, 0, 9], udp(53)));
  // tcp:22 once, tcp once; udp:53 once (the later fragment has no ports), udp twice; every
  // packet for "all"; never the destination options header itself.
  assert.deepEqual(await counters(k), [1, 1, 1, 2, 3, 0]);
});

test('REJECT --reject-with tcp-reset: a RST+ACK acknowledging the SYN, or a RST at the ACK it was given', async () => {
  const { k, send } = await world('ip6tables -A INPUT -p tcp --dport 80 -j REJECT --reject-with tcp-reset');
  let got = send(ipv6(6, [], tcp(SYN)));
  assert.equal(got.length, 1);
  let r = got[0]!;
  assert.equal(r[6], 6, 'next header TCP');
  assert.equal(r[7], 64, 'hop limit of the route');
  assert.deepEqual([...r.subarray(8, 24)], [...B]);
  assert.deepEqual([...r.subarray(24, 40)], [...A]);
  assert.equal((r[4]! << 8) | r[5]!, 20, 'a bare TCP header');
  let t = r.subarray(40);
  assert.equal((t[0]! << 8) | t[1]!, 80);
  assert.equal((t[2]! << 8) | t[3]!, 40000);
  assert.equal(t[13], RST | ACK);
  assert.equal(((t[4]! << 24) | (t[5]! << 16) | (t[6]! << 8) | t[7]!) >>> 0, 0);
  assert.equal(((t[8]! << 24) | (t[9]! << 16) | (t[10]! << 8) | t[11]!) >>> 0, 1001, 'SYN counts one');
  assert.equal((t[14]! << 8) | t[15]!, 0, 'window 0');
  assert.ok(tcpChecksumOk(t, { src: B, dst: A }));
  // Data and FIN count in the acknowledgement.
  got = send(ipv6(6, [], tcp(FIN | 0x08, 80, 10)));
  t = got[0]!.subarray(40);
  assert.equal(((t[8]! << 24) | (t[9]! << 16) | (t[10]! << 8) | t[11]!) >>> 0, 1011);
  // A segment with ACK: the reset takes its acknowledgement as sequence number, no ACK.
  got = send(ipv6(6, [], tcp(ACK, 80, 0, 0xdeadbeef)));
  r = got[0]!;
  t = r.subarray(40);
  assert.equal(t[13], RST);
  assert.equal(((t[4]! << 24) | (t[5]! << 16) | (t[6]! << 8) | t[7]!) >>> 0, 0xdeadbeef);
  assert.ok(tcpChecksumOk(t, { src: B, dst: A }));
  // No reset for a reset; the rule counts all four.
  assert.deepEqual(send(ipv6(6, [], tcp(RST))), []);
  assert.deepEqual(await counters(k), [4]);
});

test('IPv6 tables: the compiled walk of a long chain equals the linear walk (verdicts and counters)', async () => {
  const { iptDoTable, iptDoTableLinear, xtFindTable, xtCloneTable } = await import('../../src/kernel/netfilter/x_tables.js');
  const { NFPROTO_IPV6 } = await import('../../src/kernel/netfilter/core.js');
  const k = new Kernel({ seed: 1 });
  let seed = 7;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const dsts = ['2001:db8::1', '2001:db8::2', '2001:db8:1::5', 'fd00::9'];
  const lines = ['*filter', ':OUTPUT ACCEPT [0:0]'];
  for (let r = 0; r < 300; r++) {
    const proto = ['tcp', 'udp', 'ipv6-icmp', ''][rnd(4)]!;
    let rule = '-A OUTPUT';
    if (rnd(3) === 0) rule += ` -d ${dsts[rnd(dsts.length)]}${rnd(2) ? '/64' : ''}`;
    if (proto) rule += ` -p ${proto}`;
    if ((proto === 'tcp' || proto === 'udp') && rnd(4)) rule += ` --dport ${1000 + rnd(20)}`;
    if (proto === 'ipv6-icmp' && rnd(2)) rule += ` --icmpv6-type ${[128, 129, 135][rnd(3)]}`;
    rule += ['', ' -j ACCEPT', ' -j DROP', ' -j RETURN'][rnd(4)];
    lines.push(rule);
  }
  lines.push('COMMIT', '');
  const r = await k.exec('ip6tables-restore', { stdin: lines.join('\n') });
  assert.equal(r.status, 0, r.stderr);
  const t = xtFindTable(k.initNet, 'filter', false, NFPROTO_IPV6)!;
  const { xtChainIndex } = await import('../../src/kernel/netfilter/xt_compile.js');
  assert.ok(xtChainIndex(t, t.chains.get('OUTPUT')!), 'the chain is long enough to be indexed by port');
  const linear = xtCloneTable(t);
  for (let n = 0; n < 400; n++) {
    const dst = parseIPv6(dsts[rnd(dsts.length)]!)!;
    const kind = rnd(4);
    const l4 = kind === 0 ? tcp(SYN, 1000 + rnd(22)) : kind === 1 ? udp(1000 + rnd(22))
      : kind === 2 ? new Uint8Array([[128, 129, 135][rnd(3)]!, 0, 0, 0, 0, 0, 0, 0]) : tcp(SYN, 1005);
    const next = kind === 0 || kind === 3 ? 6 : kind === 1 ? 17 : 58;
    // Now and then behind a hop-by-hop header, or a later fragment.
    const pkt = kind === 3 ? ipv6(44, [6, 0, 0, 8, 0, 0, 0, 1], l4, A, dst)
      : rnd(3) === 0 ? ipv6(0, [next, 0, 1, 4, 0, 0, 0, 0], l4, A, dst) : ipv6(next, [], l4, A, dst);
    const walk = (table: typeof t, fn: typeof iptDoTable) => {
      const skb = new SkBuff(pkt.slice());
      skb.networkOffset = 0;
      return fn(k.initNet, table, 3 /* NF_INET_LOCAL_OUT */, skb, undefined, undefined);
    };
    assert.equal(walk(t, iptDoTable), walk(linear, iptDoTableLinear), `packet ${n}`);
  }
  const counts = (x: typeof t) => x.chains.get('OUTPUT')!.rules.map((e) => `${e.pcnt}/${e.bcnt}`);
  assert.deepEqual(counts(t), counts(linear));
  assert.ok(counts(t).some((c) => c !== '0/0'));
});

test('rt, frag and ipv6header: routing header type and segments, fragment id and flags, the set of extension headers', async () => {
  const { k, send } = await world(
    'ip6tables -A INPUT -m rt --rt-type 0 --rt-segsleft 0',
    'ip6tables -A INPUT -m rt ! --rt-type 0',
    'ip6tables -A INPUT -m rt --rt-type 0 --rt-len 24 --rt-0-res --rt-0-addrs 2001:db8::99',
    'ip6tables -A INPUT -m rt --rt-type 0 --rt-0-addrs 2001:db8::98,2001:db8::99 --rt-0-not-strict',
    'ip6tables -A INPUT -m frag --fragid 7 --fragfirst --fragmore',
    'ip6tables -A INPUT -m frag --fragid 5:9 --fraglast',
    'ip6tables -A INPUT -m frag ! --fragid 7',
    'ip6tables -A INPUT -m ipv6header --header hop,frag',
    'ip6tables -A INPUT -m ipv6header --header frag --soft',
    'ip6tables -A INPUT -m ipv6header --header route',
    'ip6tables -A INPUT -m ipv6header ! --header none --soft',
  );
  // A type 0 routing header (24 bytes, one address), segments left 0, then UDP.
  const rt0 = [17, 2, 0, 0, 0, 0, 0, 0, ...parseIPv6('2001:db8::99')!];
  send(ipv6(43, rt0, udp(53)));
  // The same with type 2.
  send(ipv6(43, [17, 2, 2, 0, 0, 0, 0, 0, ...parseIPv6('2001:db8::99')!], udp(53)));
  // Hop-by-hop, then a first fragment (id 7, more to come), then UDP.
  send(ipv6(0, [44, 0, 1, 4, 0, 0, 0, 0, 17, 0, 0, 1, 0, 0, 0, 7], udp(53)));
  // A last fragment with id 9 (offset 8 * 0x10).
  send(ipv6(44, [17, 0, 0, 0x80, 0, 0, 0, 9], udp(53)));
  assert.deepEqual(await counters(k), [
    1, // type 0, segments left 0
    1, // the type 2 header
    1, // type 0, 24 bytes, reserved 0, exactly its one address
    0, // two addresses asked of a header that has room for one
    1, // id 7, first, more to come
    1, // id 9 in 5:9, the last
    1, // a fragment whose id is not 7 (no fragment header: no match)
    0, // hop-by-hop and fragment only: the packet has UDP after them too
    2, // at least a fragment header
    0, // a routing header only: UDP follows it
    4, // at least not "no next header": all
  ]);
});

test('ipv6header without --soft: exactly the headers named, the upper-layer protocol included', async () => {
  const { k, send } = await world(
    'ip6tables -A INPUT -m ipv6header --header hop,frag,prot',
    'ip6tables -A INPUT -m ipv6header --header ipv6-route,protocol',
    'ip6tables -A INPUT -m ipv6header ! --header prot',
    'ip6tables -A INPUT -m ipv6header --header none',
  );
  send(ipv6(0, [44, 0, 1, 4, 0, 0, 0, 0, 17, 0, 0, 1, 0, 0, 0, 7], udp(53)));
  send(ipv6(43, [17, 0, 0, 0, 0, 0, 0, 0], udp(53)));
  send(ipv6(17, [], udp(53)));
  send(ipv6(59, [], new Uint8Array(0)));
  assert.deepEqual(await counters(k), [1, 1, 3, 1]);
});
