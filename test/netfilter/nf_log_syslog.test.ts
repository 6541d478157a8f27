// The LOG target's kernel log lines (nf_log_syslog.c) against lines the real kernel wrote:
// fixtures/nf_log_syslog.pcap holds the frames one host sent to another (ping, ping -R and
// -T tsonly with IP options, TOS, a 3000-byte ping in fragments, TCP with options, UDP),
// captured on the receiver, and fixtures/nf_log_syslog.txt the lines its raw PREROUTING
// rule `-j LOG --log-tcp-sequence --log-tcp-options --log-ip-options` logged for them, in
// order. Truncated packets, which a real host cannot be made to log, follow the source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Kernel } from '../../src/index.js';
import { SkBuff } from '../../src/kernel/core/skbuff.js';
import type { NetDevice } from '../../src/kernel/core/netdevice.js';
import { ARPHRD_ETHER } from '../../src/kernel/core/if.js';
import { readPcap } from '../../src/wire/pcap.js';
import { nfLogIpPacket, nfLogIp6Packet, NF_LOG_IPOPT, NF_LOG_TCPOPT, NF_LOG_TCPSEQ, NF_LOG_MACDECODE } from '../../src/kernel/netfilter/nf_log_syslog.js';
import { NF_LOG_TYPE_LOG } from '../../src/kernel/netfilter/nf_log.js';
import { devkmsgRecords } from '../../src/kernel/printk.js';
import { fromHex } from '../../src/wire/bytes.js';

const fixtures = new URL('../../../test/netfilter/fixtures/', import.meta.url);
const NF_INET_PRE_ROUTING = 0;
const eth0 = { name: 'eth0', type: ARPHRD_ETHER } as NetDevice;

/** Logs one received Ethernet frame at PREROUTING and returns the record it printed. */
function logFrame(k: Kernel, frame: Uint8Array, logflags: number, ns = k.initNet) {
  const skb = new SkBuff(frame.slice());
  skb.macOffset = 0;
  skb.networkOffset = 14;
  skb.off = 14;
  skb.dev = eth0;
  const before = devkmsgRecords(k).length;
  nfLogIpPacket(ns, 2, NF_INET_PRE_ROUTING, skb, 14, eth0, undefined,
    { type: NF_LOG_TYPE_LOG, level: 4, logflags }, '');
  return devkmsgRecords(k).slice(before);
}

test('each frame of the capture logs the line the kernel wrote for it', () => {
  const pcap = readPcap(new Uint8Array(readFileSync(new URL('nf_log_syslog.pcap', fixtures))))!;
  const want = readFileSync(new URL('nf_log_syslog.txt', fixtures), 'utf8').split('\n').filter((l) => l);
  // The frames the sender (the MAC the lines show as source) sent; the rest are answers.
  const sender = fromHex('2a21f9628c70');
  const frames = pcap.packets.map((p) => p.data).filter((d) => sender.every((b, i) => d[6 + i] === b));
  assert.equal(frames.length, want.length);
  const k = new Kernel({ seed: 1 });
  const flags = NF_LOG_TCPSEQ | NF_LOG_TCPOPT | NF_LOG_IPOPT;
  frames.forEach((f, i) => {
    const recs = logFrame(k, f, flags);
    assert.equal(recs.length, 1);
    assert.equal(recs[0]!.level, 4);
    assert.equal(recs[0]!.text, want[i], `frame ${i + 1}`);
  });
});

test('--log-macdecode replaces MAC= with the decoded Ethernet header', () => {
  const pcap = readPcap(new Uint8Array(readFileSync(new URL('nf_log_syslog.pcap', fixtures))))!;
  const k = new Kernel({ seed: 1 });
  const [r] = logFrame(k, pcap.packets[0]!.data, NF_LOG_MACDECODE);
  assert.match(r!.text, /^IN=eth0 OUT= MACSRC=([0-9a-f]{2}:){5}[0-9a-f]{2} MACDST=([0-9a-f]{2}:){5}[0-9a-f]{2} MACPROTO=0800 SRC=/);
});

/** A frame: Ethernet header, then the given IP packet bytes (hex). */
function frame(ipHex: string): Uint8Array {
  return fromHex('0200000000020200000000010800' + ipHex);
}
const line = (k: Kernel, ipHex: string, flags = 0) => logFrame(k, frame(ipHex), flags)[0]!.text;
const MAC = 'IN=eth0 OUT= MAC=02:00:00:00:00:02:02:00:00:00:00:01:08:00 ';

const h4 = (v: number) => v.toString(16).padStart(4, '0');
/** An IPv4 header (10.0.0.1 > 10.0.0.2, TTL 64) in front of `payload`, both hex. */
function ip(proto: number, payload: string, id: number, frag = 0): string {
  return `4500${h4(20 + payload.length / 2)}${h4(id)}${h4(frag)}40${proto.toString(16).padStart(2, '0')}0000` +
    `0a0000010a000002${payload}`;
}
/** The datagram an error quotes: 10.0.0.2 > 10.0.0.1, DF, with `payload`. */
function quoted(proto: number, payload: string, totLen: number): string {
  return `4500${h4(totLen)}00014000400${proto.toString(16)}00000a0000020a000001${payload}`;
}
const HDR = (len: number, id: number) => `${MAC}SRC=10.0.0.1 DST=10.0.0.2 LEN=${len} TOS=0x00 PREC=0x00 TTL=64 ID=${id} `;

test('packets cut short: INCOMPLETE with the bytes there are', () => {
  const k = new Kernel({ seed: 1 });
  // An ICMP header of 6 bytes.
  assert.equal(line(k, ip(1, '0800f7ff0000', 1)), `${HDR(26, 1)}PROTO=ICMP INCOMPLETE [6 bytes] `);
  // A time exceeded error of 8 + 12 bytes, fewer than required_len (8 + 20): the count is
  // of the whole ICMP message.
  assert.equal(line(k, ip(1, '0b00000000000000' + '450000540001400040010000', 2)),
    `${HDR(40, 2)}PROTO=ICMP TYPE=11 CODE=0 INCOMPLETE [20 bytes] `);
  // A TCP header of 8 bytes; a UDP header of 4.
  assert.equal(line(k, ip(6, '0050005000000001', 3)), `${HDR(28, 3)}PROTO=TCP INCOMPLETE [8 bytes] `);
  assert.equal(line(k, ip(17, '00350035', 4)), `${HDR(24, 4)}PROTO=UDP INCOMPLETE [4 bytes] `);
  // An error quoting a TCP header cut after 8 bytes: the quote ends with INCOMPLETE.
  assert.equal(line(k, ip(1, '0303000000000000' + quoted(6, '0050c3500000002a', 40), 5)),
    `${HDR(56, 5)}PROTO=ICMP TYPE=3 CODE=3 ` +
    '[SRC=10.0.0.2 DST=10.0.0.1 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=TCP INCOMPLETE [8 bytes] ] ');
});

test('fields from the source: CE, fragments, redirect gateway, parameter problem, frag needed, AH, ESP, other protocols, TCP flags', () => {
  const k = new Kernel({ seed: 1 });
  const echo = quoted(1, '0800000000010001', 28);
  assert.equal(line(k, ip(1, '0501000' + '00a000063' + echo, 7, 0x8000)),
    `${HDR(56, 7)}CE PROTO=ICMP TYPE=5 CODE=1 GATEWAY=10.0.0.99 ` +
    '[SRC=10.0.0.2 DST=10.0.0.1 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=1 DF PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1 ] ');
  assert.equal(line(k, ip(1, '0c00000014000000' + echo, 8)),
    `${HDR(56, 8)}PROTO=ICMP TYPE=12 CODE=0 PARAMETER=20 `);
  assert.match(line(k, ip(1, '0304000000000578' + echo, 9)), / TYPE=3 CODE=4 \[.*\] MTU=1400 $/);
  // A later fragment: the protocol, nothing of its header; an AH fragment not even that.
  assert.equal(line(k, ip(17, '0000000000000000', 10, 0x2003)), `${HDR(28, 10)}MF FRAG:3 PROTO=UDP `);
  assert.equal(line(k, ip(51, '0000000000000000', 11, 0x0003)), `${HDR(28, 11)}FRAG:3 `);
  assert.equal(line(k, ip(51, '0604000000000000', 12)), `${HDR(28, 12)}PROTO=AH INCOMPLETE [8 bytes] `);
  assert.equal(line(k, ip(51, '060400001234567800000001', 13)), `${HDR(32, 13)}PROTO=AH SPI=0x12345678 `);
  assert.equal(line(k, ip(50, '0000abcd00000001', 14)), `${HDR(28, 14)}PROTO=ESP SPI=0xabcd `);
  assert.equal(line(k, ip(47, '00000800', 15)), `${HDR(24, 15)}PROTO=47 `);
  // Every TCP flag, the reserved bits, the urgent pointer.
  assert.equal(line(k, ip(6, '0001000200000003000000045fff100000000007', 16)),
    `${HDR(40, 16)}PROTO=TCP SPT=1 DPT=2 WINDOW=4096 RES=0x38 AE CWR ECE URG ACK PSH RST SYN FIN URGP=7 `);
  // --log-tcp-options for a header longer than the packet.
  assert.equal(line(k, ip(6, '000100020000000300000004800210000000000002040000', 17), NF_LOG_TCPOPT),
    `${HDR(44, 17)}PROTO=TCP SPT=1 DPT=2 WINDOW=4096 RES=0x00 SYN URGP=0 OPT (TRUNCATED)`);
});

test('a mark is logged on the packet itself, never inside a quoted one', () => {
  const k = new Kernel({ seed: 1 });
  const skb = new SkBuff(frame('4500001c000f0000400100000a0000010a0000020800000000010001'));
  skb.macOffset = 0;
  skb.off = 14;
  skb.dev = eth0;
  skb.mark = 0xff;
  nfLogIpPacket(k.initNet, 2, 1, skb, 14, eth0, undefined, { type: NF_LOG_TYPE_LOG, level: 7, logflags: 0 }, 'x ');
  const r = devkmsgRecords(k).at(-1)!;
  assert.equal(r.level, 7);
  assert.match(r.text, /^x IN=eth0 .* TYPE=8 CODE=0 ID=1 SEQ=1 MARK=0xff $/);
});

/** Logs one received frame with the IPv6 logger at PREROUTING. */
function logFrame6(k: Kernel, frame: Uint8Array, logflags: number) {
  const skb = new SkBuff(frame.slice());
  skb.macOffset = 0;
  skb.networkOffset = 14;
  skb.off = 14;
  skb.dev = eth0;
  const before = devkmsgRecords(k).length;
  nfLogIp6Packet(k.initNet, 10, NF_INET_PRE_ROUTING, skb, 14, eth0, undefined,
    { type: NF_LOG_TYPE_LOG, level: 4, logflags }, '');
  return devkmsgRecords(k).slice(before);
}

// fixtures/nf_log_syslog6.pcap: what 2001:db8::1 sent 2001:db8::2 (a neighbour solicitation,
// ping -6, a 3000-byte ping in three fragments, TC 0xb8, TCP, UDP); nf_log_syslog6.txt: the
// lines of the receiver's raw PREROUTING rule `-j LOG --log-tcp-sequence --log-tcp-options
// --log-ip-options` (ip6tables), in order.
test('IPv6: each captured frame logs the line the kernel wrote for it', () => {
  const pcap = readPcap(new Uint8Array(readFileSync(new URL('nf_log_syslog6.pcap', fixtures))))!;
  const want = readFileSync(new URL('nf_log_syslog6.txt', fixtures), 'utf8').split('\n').filter((l) => l);
  assert.equal(pcap.packets.length, want.length);
  const k = new Kernel({ seed: 1 });
  pcap.packets.forEach((p, i) => {
    const [r] = logFrame6(k, p.data, NF_LOG_TCPSEQ | NF_LOG_TCPOPT | NF_LOG_IPOPT);
    assert.equal(r!.text, want[i], `frame ${i + 1}`);
  });
  // Without --log-ip-options a fragment header is still shown, without the brackets.
  const [r] = logFrame6(k, pcap.packets[3]!.data, 0);
  assert.match(r!.text, / FLOWLBL=584741 FRAG:1448 INCOMPLETE ID:e5e7a635 PROTO=ICMPv6 $/);
});

test('IPv6: an ICMPv6 error quotes the datagram it is about (as the kernel logged it)', () => {
  const pcap = readPcap(new Uint8Array(readFileSync(new URL('nf_log_syslog6.pcap', fixtures))))!;
  const udp = pcap.packets.at(-1)!.data.subarray(14);
  const hdr = fromHex('020000000001020000000002' + '86dd' + '600082d0' + '003b' + '3a40' +
    '20010db8000000000000000000000002' + '20010db8000000000000000000000001' + '0104000000000000');
  const f = new Uint8Array(hdr.length + udp.length);
  f.set(hdr);
  f.set(udp, hdr.length);
  const [r] = logFrame6(new Kernel({ seed: 1 }), f, 0);
  assert.equal(r!.text, 'IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:86:dd ' +
    'SRC=2001:0db8:0000:0000:0000:0000:0000:0002 DST=2001:0db8:0000:0000:0000:0000:0000:0001 LEN=99 TC=0 ' +
    'HOPLIMIT=64 FLOWLBL=33488 PROTO=ICMPv6 TYPE=1 CODE=4 [SRC=2001:0db8:0000:0000:0000:0000:0000:0001 ' +
    'DST=2001:0db8:0000:0000:0000:0000:0000:0002 LEN=51 TC=0 HOPLIMIT=64 FLOWLBL=753908 PROTO=UDP SPT=48235 ' +
    'DPT=5000 LEN=11 ] ');
});
