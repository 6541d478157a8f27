// Byte fixtures captured on the real kernel (Linux 6.18, veth between two netns, tx checksum
// offload off) by test/wire/fixtures/capture.sh, written out by gen-fixtures.py beside it. Each
// is one whole Ethernet frame, preceded by what `tcpdump -nn -e -v` says about it.
// Do not edit by hand: re-record instead.
// (The two VLAN frames were written by the script through an AF_PACKET socket, since this
// kernel lacks 8021q; everything else was produced by the kernel itself.)
import { fromHex } from '../../src/wire/bytes.js';

// a6:08:e9:8a:94:c9 > 33:33:00:00:00:16, ethertype IPv6 (0x86dd), length 110: (hlim 1, next-header Options (0) payload length: 56) :: > ff02::16: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, multicast listener report v2, 2 group record(s) [gaddr ff02::1:ff8a:94c9 to_ex, 0 source(s)] [gaddr ff02::1:ff00:1 to_ex, 0 source(s)]
export const mldv2Report = fromHex(
  '333300000016a608e98a94c986dd600000000038000100000000000000000000' +
  '000000000000ff0200000000000000000000000000163a000502000001008f00' +
  'd81b0000000204000000ff0200000000000000000001ff8a94c904000000ff02' +
  '00000000000000000001ff000001',
);

// a6:08:e9:8a:94:c9 > 33:33:ff:8a:94:c9, ethertype IPv6 (0x86dd), length 86: (hlim 255, next-header ICMPv6 (58) payload length: 32) :: > ff02::1:ff8a:94c9: [icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has fe80::a408:e9ff:fe8a:94c9
// unknown option (14), length 8 (1):
// 0x0000:  79e8 6669 3cbd
export const ndDadSolicitation = fromHex(
  '3333ff8a94c9a608e98a94c986dd6000000000203aff00000000000000000000' +
  '000000000000ff0200000000000000000001ff8a94c987009a5e00000000fe80' +
  '000000000000a408e9fffe8a94c90e0179e866693cbd',
);

// a6:08:e9:8a:94:c9 > 33:33:00:00:00:02, ethertype IPv6 (0x86dd), length 70: (hlim 255, next-header ICMPv6 (58) payload length: 16) fe80::a408:e9ff:fe8a:94c9 > ff02::2: [icmp6 sum ok] ICMP6, router solicitation, length 16
// source link-address option (1), length 8 (1): a6:08:e9:8a:94:c9
export const ndRouterSolicitation = fromHex(
  '333300000002a608e98a94c986dd6000000000103afffe80000000000000a408' +
  'e9fffe8a94c9ff02000000000000000000000000000285003674000000000101' +
  'a608e98a94c9',
);

// a6:08:e9:8a:94:c9 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Ethernet (len 6), IPv4 (len 4), Request who-has 10.0.0.2 tell 10.0.0.1, length 28
export const arpRequest = fromHex(
  'ffffffffffffa608e98a94c908060001080006040001a608e98a94c90a000001' +
  '0000000000000a000002',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype ARP (0x0806), length 42: Ethernet (len 6), IPv4 (len 4), Reply 10.0.0.2 is-at d2:2a:9b:74:01:8e, length 28
export const arpReply = fromHex(
  'a608e98a94c9d22a9b74018e08060001080006040002d22a9b74018e0a000002' +
  'a608e98a94c90a000001',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 98: (tos 0x0, ttl 64, id 56813, offset 0, flags [DF], proto ICMP (1), length 84)
// 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3505, seq 1, length 64
export const icmpEchoRequest = fromHex(
  'd22a9b74018ea608e98a94c9080045000054dded4000400148b90a0000010a00' +
  '0002080045c10db10001ba56026b000000001cf80c0000000000101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '3637',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv4 (0x0800), length 98: (tos 0x0, ttl 64, id 39329, offset 0, flags [none], proto ICMP (1), length 84)
// 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 3505, seq 1, length 64
export const icmpEchoReply = fromHex(
  'a608e98a94c9d22a9b74018e08004500005499a100004001cd050a0000020a00' +
  '000100004dc10db10001ba56026b000000001cf80c0000000000101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '3637',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 138: (tos 0x0, ttl 64, id 56814, offset 0, flags [DF], proto ICMP (1), length 124, options (NOP,RR 10.0.0.1, 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0))
// 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3506, seq 1, length 64
export const icmpEchoRequestRR = fromHex(
  'd22a9b74018ea608e98a94c908004f00007cddee400040010c800a0000010a00' +
  '0002010727080a00000100000000000000000000000000000000000000000000' +
  '00000000000000000000080081b40db20001ba56026b00000000e0030d000000' +
  '0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d' +
  '2e2f3031323334353637',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv4 (0x0800), length 138: (tos 0x0, ttl 64, id 39330, offset 0, flags [none], proto ICMP (1), length 124, options (RR 10.0.0.1, 10.0.0.2, 10.0.0.2, 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0 0.0.0.0,EOL))
// 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 3506, seq 1, length 64
export const icmpEchoReplyRR = fromHex(
  'a608e98a94c9d22a9b74018e08004f00007c99a200004001a6970a0000020a00' +
  '00010727100a0000010a0000020a000002000000000000000000000000000000' +
  '00000000000000000000000089b40db20001ba56026b00000000e0030d000000' +
  '0000101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d' +
  '2e2f3031323334353637',
);

// a6:08:e9:8a:94:c9 > 33:33:ff:00:00:02, ethertype IPv6 (0x86dd), length 86: (hlim 255, next-header ICMPv6 (58) payload length: 32) fd00::1 > ff02::1:ff00:2: [icmp6 sum ok] ICMP6, neighbor solicitation, length 32, who has fd00::2
// source link-address option (1), length 8 (1): a6:08:e9:8a:94:c9
export const ndNeighbourSolicitation = fromHex(
  '3333ff000002a608e98a94c986dd6000000000203afffd000000000000000000' +
  '000000000001ff0200000000000000000001ff00000287005b3b00000000fd00' +
  '00000000000000000000000000020101a608e98a94c9',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv6 (0x86dd), length 86: (hlim 255, next-header ICMPv6 (58) payload length: 32) fd00::2 > fd00::1: [icmp6 sum ok] ICMP6, neighbor advertisement, length 32, tgt is fd00::2, Flags [solicited, override]
// destination link-address option (2), length 8 (1): d2:2a:9b:74:01:8e
export const ndNeighbourAdvertisement = fromHex(
  'a608e98a94c9d22a9b74018e86dd6000000000203afffd000000000000000000' +
  '000000000002fd0000000000000000000000000000018800af6e60000000fd00' +
  '00000000000000000000000000020201d22a9b74018e',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv6 (0x86dd), length 118: (flowlabel 0x2a472, hlim 64, next-header ICMPv6 (58) payload length: 64) fd00::1 > fd00::2: [icmp6 sum ok] ICMP6, echo request, id 3507, seq 1
export const icmpv6EchoRequest = fromHex(
  'd22a9b74018ea608e98a94c986dd6002a47200403a40fd000000000000000000' +
  '000000000001fd000000000000000000000000000002800062290db30001ba56' +
  '026b000000008d0e0d0000000000101112131415161718191a1b1c1d1e1f2021' +
  '22232425262728292a2b2c2d2e2f3031323334353637',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv6 (0x86dd), length 118: (flowlabel 0xa9c28, hlim 64, next-header ICMPv6 (58) payload length: 64) fd00::2 > fd00::1: [icmp6 sum ok] ICMP6, echo reply, id 3507, seq 1
export const icmpv6EchoReply = fromHex(
  'a608e98a94c9d22a9b74018e86dd600a9c2800403a40fd000000000000000000' +
  '000000000002fd000000000000000000000000000001810061290db30001ba56' +
  '026b000000008d0e0d0000000000101112131415161718191a1b1c1d1e1f2021' +
  '22232425262728292a2b2c2d2e2f3031323334353637',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 48: (tos 0x0, ttl 64, id 20915, offset 0, flags [DF], proto UDP (17), length 34)
// 10.0.0.1.59561 > 10.0.0.2.9999: UDP, length 6
export const udp4 = fromHex(
  'd22a9b74018ea608e98a94c908004500002251b340004011d5150a0000010a00' +
  '0002e8a9270f000e983a68656c6c6f0a',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv4 (0x0800), length 76: (tos 0xc0, ttl 64, id 39331, offset 0, flags [none], proto ICMP (1), length 62)
// 10.0.0.2 > 10.0.0.1: ICMP 10.0.0.2 udp port 9999 unreachable, length 42
// (tos 0x0, ttl 64, id 20915, offset 0, flags [DF], proto UDP (17), length 34)
// 10.0.0.1.59561 > 10.0.0.2.9999: UDP, length 6
export const icmpPortUnreachable = fromHex(
  'a608e98a94c9d22a9b74018e080045c0003e99a300004001cc590a0000020a00' +
  '00010303111f000000004500002251b340004011d5150a0000010a000002e8a9' +
  '270f000e983a68656c6c6f0a',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv6 (0x86dd), length 66: (flowlabel 0x1768d, hlim 64, next-header UDP (17) payload length: 12) fd00::1.52324 > fd00::2.9999: [udp sum ok] UDP, length 4
export const udp6 = fromHex(
  'd22a9b74018ea608e98a94c986dd6001768d000c1140fd000000000000000000' +
  '000000000001fd000000000000000000000000000002cc64270f000c73ea6869' +
  '360a',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv6 (0x86dd), length 114: (flowlabel 0x3f0f2, hlim 64, next-header ICMPv6 (58) payload length: 60) fd00::2 > fd00::1: [icmp6 sum ok] ICMP6, destination unreachable, unreachable port, fd00::2 udp port 9999
export const icmpv6PortUnreachable = fromHex(
  'a608e98a94c9d22a9b74018e86dd6003f0f2003c3a40fd000000000000000000' +
  '000000000002fd00000000000000000000000000000101041cc3000000006001' +
  '768d000c1140fd000000000000000000000000000001fd000000000000000000' +
  '000000000002cc64270f000c73ea6869360a',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 74: (tos 0x0, ttl 64, id 17429, offset 0, flags [DF], proto TCP (6), length 60)
// 10.0.0.1.49818 > 10.0.0.2.7: Flags [S], cksum 0x6a17 (correct), seq 2626695632, win 64240, options [mss 1460,sackOK,TS val 721097461 ecr 0,nop,wscale 10], length 0
export const tcpSynToClosedPort = fromHex(
  'd22a9b74018ea608e98a94c908004500003c441540004006e2a40a0000010a00' +
  '0002c29a00079c9031d000000000a002faf06a170000020405b40402080a2afb' +
  '12f5000000000103030a',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv4 (0x0800), length 54: (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 40)
// 10.0.0.2.7 > 10.0.0.1.49818: Flags [R.], cksum 0x0acb (correct), seq 0, ack 2626695633, win 0, length 0
export const tcpRstAck = fromHex(
  'a608e98a94c9d22a9b74018e08004500002800004000400626ce0a0000020a00' +
  '00010007c29a000000009c9031d1501400000acb0000',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 74: (tos 0x0, ttl 64, id 23443, offset 0, flags [DF], proto TCP (6), length 60)
// 10.0.0.1.46862 > 10.0.0.2.8080: Flags [S], cksum 0xaaa3 (correct), seq 1152092442, win 64240, options [mss 1460,sackOK,TS val 1120118590 ecr 0,nop,wscale 10], length 0
export const tcpSyn = fromHex(
  'd22a9b74018ea608e98a94c908004500003c5b9340004006cb260a0000010a00' +
  '0002b70e1f9044ab891a00000000a002faf0aaa30000020405b40402080a42c3' +
  'a73e000000000103030a',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv4 (0x0800), length 74: (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)
// 10.0.0.2.8080 > 10.0.0.1.46862: Flags [S.], cksum 0x3fc1 (correct), seq 2577422325, ack 1152092443, win 65160, options [mss 1460,sackOK,TS val 1679495560 ecr 1120118590,nop,wscale 10], length 0
export const tcpSynAck = fromHex(
  'a608e98a94c9d22a9b74018e08004500003c00004000400626ba0a0000020a00' +
  '00011f90b70e99a057f544ab891ba012fe883fc10000020405b40402080a641b' +
  '118842c3a73e0103030a',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 66: (tos 0x0, ttl 64, id 23444, offset 0, flags [DF], proto TCP (6), length 52)
// 10.0.0.1.46862 > 10.0.0.2.8080: Flags [.], cksum 0x6cda (correct), ack 1, win 63, options [nop,nop,TS val 1120118590 ecr 1679495560], length 0
export const tcpAck = fromHex(
  'd22a9b74018ea608e98a94c90800450000345b9440004006cb2d0a0000010a00' +
  '0002b70e1f9044ab891b99a057f68010003f6cda00000101080a42c3a73e641b' +
  '1188',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 71: (tos 0x0, ttl 64, id 23445, offset 0, flags [DF], proto TCP (6), length 57)
// 10.0.0.1.46862 > 10.0.0.2.8080: Flags [P.], cksum 0x8a0a (correct), seq 1:6, ack 1, win 63, options [nop,nop,TS val 1120118590 ecr 1679495560], length 5: HTTP
export const tcpPshData = fromHex(
  'd22a9b74018ea608e98a94c90800450000395b9540004006cb270a0000010a00' +
  '0002b70e1f9044ab891b99a057f68018003f8a0a00000101080a42c3a73e641b' +
  '1188646174610a',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv6 (0x86dd), length 94: (flowlabel 0x7fb95, hlim 64, next-header TCP (6) payload length: 40) fd00::1.54034 > fd00::2.8081: Flags [S], cksum 0xfe40 (correct), seq 4085021705, win 64800, options [mss 1440,sackOK,TS val 2665107878 ecr 0,nop,wscale 10], length 0
export const tcp6Syn = fromHex(
  'd22a9b74018ea608e98a94c986dd6007fb9500280640fd000000000000000000' +
  '000000000001fd000000000000000000000000000002d3121f91f37c7c090000' +
  '0000a002fd20fe400000020405a00402080a9eda51a6000000000103030a',
);

// d2:2a:9b:74:01:8e > a6:08:e9:8a:94:c9, ethertype IPv6 (0x86dd), length 94: (flowlabel 0x18827, hlim 64, next-header TCP (6) payload length: 40) fd00::2.8081 > fd00::1.54034: Flags [S.], cksum 0x97d8 (correct), seq 2813129632, ack 4085021706, win 64260, options [mss 1440,sackOK,TS val 198623567 ecr 2665107878,nop,wscale 10], length 0
export const tcp6SynAck = fromHex(
  'a608e98a94c9d22a9b74018e86dd6001882700280640fd000000000000000000' +
  '000000000002fd0000000000000000000000000000011f91d312a7acf3a0f37c' +
  '7c0aa012fb0497d80000020405a00402080a0bd6c14f9eda51a60103030a',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv6 (0x86dd), length 92: (flowlabel 0x7fb95, hlim 64, next-header TCP (6) payload length: 38) fd00::1.54034 > fd00::2.8081: Flags [P.], cksum 0xb27d (correct), seq 1:7, ack 1, win 64, options [nop,nop,TS val 2665107878 ecr 198623567], length 6
export const tcp6Data = fromHex(
  'd22a9b74018ea608e98a94c986dd6007fb9500260640fd000000000000000000' +
  '000000000001fd000000000000000000000000000002d3121f91f37c7c0aa7ac' +
  'f3a180180040b27d00000101080a9eda51a60bd6c14f64617461360a',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 1514: (tos 0x0, ttl 64, id 56995, offset 0, flags [+], proto ICMP (1), length 1500)
// 10.0.0.1 > 10.0.0.2: ICMP echo request, id 3523, seq 1, length 1480
export const ipv4FirstFragment = fromHex(
  'd22a9b74018ea608e98a94c90800450005dcdea320004001627b0a0000010a00' +
  '0002080036010dc30001bc56026b00000000dc900d0000000000101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455' +
  '565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475' +
  '767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495' +
  '969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5' +
  'b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5' +
  'd6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5' +
  'f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455' +
  '565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475' +
  '767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495' +
  '969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5' +
  'b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5' +
  'd6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5' +
  'f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455' +
  '565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475' +
  '767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495' +
  '969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5' +
  'b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5' +
  'd6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5' +
  'f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455' +
  '565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475' +
  '767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495' +
  '969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5' +
  'b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5' +
  'd6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5' +
  'f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455' +
  '565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475' +
  '767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495' +
  '969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5' +
  'b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5' +
  'd6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5' +
  'f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f101112131415' +
  '161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435' +
  '363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455' +
  '565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475' +
  '767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495' +
  '969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5' +
  'b6b7b8b9babbbcbdbebf',
);

// a6:08:e9:8a:94:c9 > d2:2a:9b:74:01:8e, ethertype IPv4 (0x0800), length 562: (tos 0x0, ttl 64, id 56995, offset 1480, flags [none], proto ICMP (1), length 548)
// 10.0.0.1 > 10.0.0.2: ip-proto-1
export const ipv4LastFragment = fromHex(
  'd22a9b74018ea608e98a94c9080045000224dea300b94001857a0a0000010a00' +
  '0002c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdd' +
  'dedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfd' +
  'feff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d' +
  '1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d' +
  '3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d' +
  '5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d' +
  '7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d' +
  '9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbd' +
  'bebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdd' +
  'dedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfd' +
  'feff000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d' +
  '1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d' +
  '3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d' +
  '5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d' +
  '7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d' +
  '9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbd' +
  'bebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf',
);

// 7a:4e:54:5a:24:c7 > ff:ff:ff:ff:ff:ff, ethertype 802.1Q (0x8100), length 46: vlan 10, p 0, ethertype ARP (0x0806), Ethernet (len 6), IPv4 (len 4), Request who-has 10.0.9.2 tell 10.0.9.1, length 28
export const vlanArpRequest = fromHex(
  'ffffffffffff7a4e545a24c78100000a080600010800060400017a4e545a24c7' +
  '0a0009010000000000000a000902',
);

// 7a:4e:54:5a:24:c7 > ff:ff:ff:ff:ff:ff, ethertype 802.1Q-QinQ (0x88a8), length 50: vlan 100, p 0, ethertype 802.1Q (0x8100), vlan 10, p 5, ethertype ARP (0x0806), Ethernet (len 6), IPv4 (len 4), Request who-has 10.0.9.2 tell 10.0.9.1, length 28
export const qinqArpRequest = fromHex(
  'ffffffffffff7a4e545a24c788a800648100a00a080600010800060400017a4e' +
  '545a24c70a0009010000000000000a000902',
);

