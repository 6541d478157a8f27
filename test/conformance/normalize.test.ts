import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literalsOf, normalize } from './normalize.js';

test('normalize: MACs are renumbered by order of first appearance', () => {
  const input = [
    '2: v1@v0: <BROADCAST,MULTICAST> mtu 1500',
    '    link/ether 22:0d:72:67:0a:0d brd ff:ff:ff:ff:ff:ff',
    '3: v0@v1: <BROADCAST,MULTICAST> mtu 1500',
    '    link/ether 92:de:d8:7f:c8:8b brd ff:ff:ff:ff:ff:ff',
    'v1@v0            DOWN           22:0d:72:67:0a:0d <BROADCAST,MULTICAST>',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      '2: v1@v0: <BROADCAST,MULTICAST> mtu 1500',
      '    link/ether <mac-1> brd ff:ff:ff:ff:ff:ff',
      '3: v0@v1: <BROADCAST,MULTICAST> mtu 1500',
      '    link/ether <mac-2> brd ff:ff:ff:ff:ff:ff',
      'v1@v0            DOWN           <mac-1> <BROADCAST,MULTICAST>',
    ].join('\n'),
  );
});

test('normalize: two outputs with different random MACs in the same places are equal', () => {
  const a = 'link/ether 22:0d:72:67:0a:0d\nlink/ether 92:de:d8:7f:c8:8b\n22:0d:72:67:0a:0d dev p0 master br0';
  const b = 'link/ether 0e:11:22:33:44:55\nlink/ether aa:bb:cc:dd:ee:f0\n0e:11:22:33:44:55 dev p0 master br0';
  assert.equal(normalize(a), normalize(b));
  const c = 'link/ether 0e:11:22:33:44:55\nlink/ether aa:bb:cc:dd:ee:f0\naa:bb:cc:dd:ee:f0 dev p0 master br0';
  assert.notEqual(normalize(a), normalize(c));
});

test('normalize: zero, broadcast and multicast MACs are kept', () => {
  const input = [
    'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
    '33:33:00:00:00:01 dev br0 self permanent',
    '01:00:5e:00:00:01 dev br0 self permanent',
    'group_address 01:80:c2:00:00:00',
    'brd ff:ff:ff:ff:ff:ff',
  ].join('\n');
  assert.equal(normalize(input), input);
});

test('normalize: MACs named in keep (set by the scenario) are kept', () => {
  const input = 'link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\nlink/ether 5a:11:22:33:44:55';
  assert.equal(
    normalize(input, { keep: ['02:00:00:00:00:01'] }),
    'link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\nlink/ether <mac-1>',
  );
  // keep is case- and zero-padding-insensitive
  assert.equal(normalize('02:00:00:00:00:0A', { keep: ['02:00:00:00:00:0a'] }), '02:00:00:00:00:0A');
});

test('normalize: bridge ids (octets without leading zeros) use the MAC numbering', () => {
  const input = [
    'link/ether 0e:4f:33:da:d7:af brd ff:ff:ff:ff:ff:ff',
    'bridge_id 8000.e:4f:33:da:d7:af designated_root 8000.e:4f:33:da:d7:af',
    '"bridge_id":"8000.5e:6d:ef:f5:d9:80"',
    'bridge_id 0064.0:0:0:0:0:0',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      'link/ether <mac-1> brd ff:ff:ff:ff:ff:ff',
      'bridge_id 8000.<mac-1> designated_root 8000.<mac-1>',
      '"bridge_id":"8000.<mac-2>"',
      'bridge_id 0064.0:0:0:0:0:0',
    ].join('\n'),
  );
});

test('normalize: EUI-64 link-local addresses follow the MAC they derive from', () => {
  // ae:15:60:74:35:1c -> fe80::ac15:60ff:fe74:351c
  const input = [
    '    link/ether ae:15:60:74:35:1c brd ff:ff:ff:ff:ff:ff',
    '    inet6 fe80::ac15:60ff:fe74:351c/64 scope link',
    '64 bytes from fe80::ac15:60ff:fe74:351c%veth0: icmp_seq=1 ttl=64 time=0.05 ms',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      '    link/ether <mac-1> brd ff:ff:ff:ff:ff:ff',
      '    inet6 fe80::<eui-1>/64 scope link',
      '64 bytes from fe80::<eui-1>%veth0: icmp_seq=1 ttl=64 time=<rtt> ms',
    ].join('\n'),
  );
  // The address may come first, and the MAC later: same number either way.
  assert.equal(
    normalize('fe80::ac15:60ff:fe74:351c/64\nae:15:60:74:35:1c'),
    'fe80::<eui-1>/64\n<mac-1>',
  );
});

test('normalize: compressed EUI-64 forms (zero groups and bytes) are recognised', () => {
  // 02:00:00:00:00:01 -> fe80::ff:fe00:1 (first group 0 is compressed away)
  assert.equal(normalize('fe80::ff:fe00:1/64 and 02:00:00:00:00:01'), 'fe80::<eui-1>/64 and <mac-1>');
  // 12:65:b0:0c:e2:37 -> fe80::1065:b0ff:fe0c:e237
  assert.equal(normalize('fe80::1065:b0ff:fe0c:e237'), 'fe80::<eui-1>');
  // 0a:00:05:ff:00:00 -> fe80::800:5ff:feff:0
  assert.equal(normalize('0a:00:05:ff:00:00 fe80::800:5ff:feff:0/64'), '<mac-1> fe80::<eui-1>/64');
  // derived from a kept MAC: kept
  assert.equal(normalize('fe80::ff:fe00:1/64', { keep: ['02:00:00:00:00:01'] }), 'fe80::ff:fe00:1/64');
  // not EUI-64: kept
  assert.equal(normalize('fe80::1/64 fe80::2:3'), 'fe80::1/64 fe80::2:3');
});

test('normalize: solicited-node groups of random MACs are renumbered, others kept', () => {
  const input = [
    'link/ether ae:15:60:c7:2b:de',
    'ff02::1:ffc7:2bde dev veth0 lladdr 33:33:ff:c7:2b:de NOARP',
    'ff02::1:ff00:1 dev veth0 lladdr 33:33:ff:00:00:01 NOARP',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      'link/ether <mac-1>',
      'ff02::1:ff<low24-mac-1> dev veth0 lladdr 33:33:ff:<low24-mac-1> NOARP',
      'ff02::1:ff00:1 dev veth0 lladdr 33:33:ff:00:00:01 NOARP',
    ].join('\n'),
  );
});

test('normalize: IPv6 addresses and times are not mistaken for MACs', () => {
  const input = 'inet6 2001:db8::1/64\n10:20:30 elapsed\nfe80::1:2:3:4:5:6\n2001:db8:10:20:30:40:50:60';
  assert.equal(normalize(input), input);
});

test('normalize: ping round-trip times and statistics time', () => {
  const input = [
    'PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.',
    '64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=0.045 ms',
    '64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=12.3 ms',
    '64 bytes from 10.0.0.2: icmp_seq=3 ttl=64 time=123 ms',
    '',
    '--- 10.0.0.2 ping statistics ---',
    '3 packets transmitted, 3 received, 0% packet loss, time 2003ms',
    'rtt min/avg/max/mdev = 0.045/45.115/123.000/55.310 ms',
    '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      'PING 10.0.0.2 (10.0.0.2) 56(84) bytes of data.',
      '64 bytes from 10.0.0.2: icmp_seq=1 ttl=64 time=<rtt> ms',
      '64 bytes from 10.0.0.2: icmp_seq=2 ttl=64 time=<rtt> ms',
      '64 bytes from 10.0.0.2: icmp_seq=3 ttl=64 time=<rtt> ms',
      '',
      '--- 10.0.0.2 ping statistics ---',
      '3 packets transmitted, 3 received, 0% packet loss, time <time>ms',
      'rtt min/avg/max/mdev = <rtt> ms',
      '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time <time>ms',
    ].join('\n'),
  );
  // What is not random stays: sequence numbers, ttl, sizes, error lines.
  const kept = 'From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n1008 bytes from 10.0.0.2: icmp_seq=1 ttl=63';
  assert.equal(normalize(kept), kept);
});

test('normalize: ping ids are renumbered consistently', () => {
  const input = [
    '64 bytes from 10.0.0.2: icmp_seq=1 ident=4242 ttl=64 time=0.1 ms',
    'IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 4242, seq 1, length 64',
    'IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id 4242, seq 1, length 64',
    'icmp     1 29 src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=4242 src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=4242 mark=0 use=1',
    'IP 10.0.0.1 > 10.0.0.3: ICMP echo request, id 999, seq 1, length 64',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      '64 bytes from 10.0.0.2: icmp_seq=1 ident=<id-1> ttl=64 time=<rtt> ms',
      'IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id <id-1>, seq 1, length 64',
      'IP 10.0.0.2 > 10.0.0.1: ICMP echo reply, id <id-1>, seq 1, length 64',
      'icmp     1 <ttl> src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=<id-1> src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=<id-1> mark=0 use=1',
      'IP 10.0.0.1 > 10.0.0.3: ICMP echo request, id <id-2>, seq 1, length 64',
    ].join('\n'),
  );
});

test('normalize: iptables-save timestamps', () => {
  const input = [
    '# Generated by iptables-save v1.8.9 (nf_tables) on Sat Nov 22 02:40:00 2025',
    '*filter',
    ':INPUT ACCEPT [0:0]',
    'COMMIT',
    '# Completed on Sat Nov 22 02:40:00 2025',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      '# Generated by iptables-save v1.8.9 (nf_tables) on <date>',
      '*filter',
      ':INPUT ACCEPT [0:0]',
      'COMMIT',
      '# Completed on <date>',
    ].join('\n'),
  );
});

test('normalize: conntrack countdown and ephemeral ports', () => {
  const input = [
    'tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=45678 dport=80 src=10.0.0.2 dst=10.0.0.1 sport=80 dport=45678 [ASSURED] mark=0 use=1',
    'udp      17 29 src=10.0.0.1 dst=10.0.0.2 sport=50000 dport=53 [UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=53 dport=50000 mark=0 use=1',
    '    [NEW] tcp      6 120 SYN_SENT src=10.0.0.1 dst=10.0.0.2 sport=45678 dport=8080',
    'ipv4     2 tcp      6 117 TIME_WAIT src=10.0.0.1 dst=10.0.0.2 sport=45678 dport=22',
    'IP 10.0.0.1.45678 > 10.0.0.2.80: Flags [S], seq 1',
    'conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.',
  ].join('\n');
  assert.equal(
    normalize(input),
    [
      'tcp      6 <ttl> ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=<port-1> dport=80 src=10.0.0.2 dst=10.0.0.1 sport=80 dport=<port-1> [ASSURED] mark=0 use=1',
      'udp      17 <ttl> src=10.0.0.1 dst=10.0.0.2 sport=<port-2> dport=53 [UNREPLIED] src=10.0.0.2 dst=10.0.0.1 sport=53 dport=<port-2> mark=0 use=1',
      '    [NEW] tcp      6 <ttl> SYN_SENT src=10.0.0.1 dst=10.0.0.2 sport=<port-1> dport=8080',
      'ipv4     2 tcp      6 <ttl> TIME_WAIT src=10.0.0.1 dst=10.0.0.2 sport=<port-1> dport=22',
      'IP 10.0.0.1.<port-1> > 10.0.0.2.80: Flags [S], seq <isn-1>',
      'conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.',
    ].join('\n'),
  );
  // a port the scenario chose itself is kept
  assert.equal(normalize('sport=40000 dport=45678', { keep: ['40000'] }), 'sport=40000 dport=<port-1>');
  // ports outside the ephemeral range are kept
  assert.equal(normalize('10.0.0.1:8080 sport=61000 dport=1024'), '10.0.0.1:8080 sport=61000 dport=1024');
});

test('normalize: timing-dependent NUD states are folded, others kept', () => {
  const input = [
    '10.0.0.2 dev eth0 lladdr 02:00:00:00:00:0b REACHABLE ',
    '10.0.0.3 dev eth0 lladdr 02:00:00:00:00:0c STALE ',
    '10.0.0.4 dev eth0 lladdr 02:00:00:00:00:0d DELAY ',
    '10.0.0.5 dev eth0 lladdr 02:00:00:00:00:0e PROBE ',
    '10.0.0.6 dev eth0 INCOMPLETE ',
    '10.0.0.7 dev eth0 FAILED ',
    '10.0.0.8 dev eth0 lladdr 02:00:00:00:00:0f PERMANENT ',
    '[{"dst":"10.0.0.2","dev":"eth0","lladdr":"02:00:00:00:00:0b","state":["REACHABLE"]}]',
  ].join('\n');
  const keep = literalsOf(input);
  assert.equal(
    normalize(input, { keep }),
    [
      '10.0.0.2 dev eth0 lladdr 02:00:00:00:00:0b <NUD> ',
      '10.0.0.3 dev eth0 lladdr 02:00:00:00:00:0c <NUD> ',
      '10.0.0.4 dev eth0 lladdr 02:00:00:00:00:0d <NUD> ',
      '10.0.0.5 dev eth0 lladdr 02:00:00:00:00:0e <NUD> ',
      '10.0.0.6 dev eth0 INCOMPLETE ',
      '10.0.0.7 dev eth0 FAILED ',
      '10.0.0.8 dev eth0 lladdr 02:00:00:00:00:0f PERMANENT ',
      '[{"dst":"10.0.0.2","dev":"eth0","lladdr":"02:00:00:00:00:0b","state":["<NUD>"]}]',
    ].join('\n'),
  );
});

test('normalize: UUIDs such as boot_id', () => {
  const input = 'a1b2c3d4-0000-4000-8000-1234567890ab\nffffffff-1111-4111-8111-111111111111\na1b2c3d4-0000-4000-8000-1234567890ab';
  assert.equal(normalize(input), '<uuid-1>\n<uuid-2>\n<uuid-1>');
});

test('normalize: what is not listed as random is left alone', () => {
  const input = [
    '+ ip link add v0 type veth peer name v1',
    'RTNETLINK answers: File exists',
    '[exit 2]',
    '1: lo: <LOOPBACK> mtu 65536 qdisc noop state DOWN mode DEFAULT group default qlen 1000',
    '10.0.0.0/24 dev veth0 proto kernel scope link src 10.0.0.1 ',
    '    RX:  bytes packets errors dropped  missed   mcast           ',
    '           336       4      0       0       0       0 ',
    'gc_timer    0.00 hello_timer    0.00',
    '32766:\tfrom all lookup main',
  ].join('\n');
  assert.equal(normalize(input), input);
});

test('literalsOf: MACs and ephemeral-range numbers written in a script', () => {
  const script = 'ip link set eth0 address 02:00:00:00:00:0A\nsocat - TCP-LISTEN:40000\nip route add 10.0.0.0/24 table 100\n';
  assert.deepEqual(literalsOf(script).sort(), ['02:00:00:00:00:0a', '40000']);
});

test('normalize: kernel log timestamps, and IP IDs, ping ids and ephemeral ports in LOG lines', () => {
  const input = [
    '[12442.352278] in: IN=eth0 OUT= MAC=02:00:00:00:00:02:02:00:00:00:00:01:08:00 SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=7151 DF PROTO=ICMP TYPE=8 CODE=0 ID=4567 SEQ=1 ',
    'kern  :warn  : [    5.000001] out: IN= OUT=eth0 SRC=10.0.0.2 DST=10.0.0.1 LEN=112 TOS=0x00 PREC=0xC0 TTL=64 ID=43050 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=7151 DF PROTO=ICMP TYPE=8 CODE=0 ID=4567 SEQ=1 ] ',
    '<4>[  100.100000] x: IN=eth0 OUT= SRC=10.0.0.2 DST=10.0.0.1 LEN=40 TOS=0x00 PREC=0x00 TTL=63 ID=0 DF PROTO=TCP SPT=80 DPT=38592 WINDOW=0 RES=0x00 ACK RST URGP=0 ',
  ].join('\n');
  assert.equal(normalize(input), [
    '[<ktime>] in: IN=eth0 OUT= MAC=02:00:00:00:00:02:02:00:00:00:00:01:08:00 SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=<ipid-1> DF PROTO=ICMP TYPE=8 CODE=0 ID=<id-1> SEQ=1 ',
    'kern  :warn  : [<ktime>] out: IN= OUT=eth0 SRC=10.0.0.2 DST=10.0.0.1 LEN=112 TOS=0x00 PREC=0xC0 TTL=64 ID=<ipid-2> PROTO=ICMP TYPE=3 CODE=3 [SRC=10.0.0.1 DST=10.0.0.2 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=<ipid-1> DF PROTO=ICMP TYPE=8 CODE=0 ID=<id-1> SEQ=1 ] ',
    '<4>[<ktime>] x: IN=eth0 OUT= SRC=10.0.0.2 DST=10.0.0.1 LEN=40 TOS=0x00 PREC=0x00 TTL=63 ID=0 DF PROTO=TCP SPT=80 DPT=<port-1> WINDOW=0 RES=0x00 ACK RST URGP=0 ',
  ].join('\n'));
});

test('normalize: TCP initial sequence numbers and timestamps in tcpdump lines', () => {
  const run = (isnA: number, isnB: number, ts: number) => normalize([
    `IP 10.0.0.1.54458 > 10.0.0.2.80: Flags [S], seq ${isnA}, win 64240, options [mss 1460,sackOK,TS val ${ts} ecr 0,nop,wscale 10], length 0`,
    `IP 10.0.0.2.80 > 10.0.0.1.54458: Flags [S.], seq ${isnB}, ack ${(isnA + 1) % 2 ** 32}, win 65160, options [mss 1460,sackOK,TS val ${ts + 7} ecr ${ts},nop,wscale 10], length 0`,
    `IP 10.0.0.1.54458 > 10.0.0.2.80: Flags [P.], seq 1:4, ack 1, win 63, options [nop,nop,TS val ${ts} ecr ${ts + 7}], length 3`,
    `IP 10.0.0.1.54459 > 10.0.0.2.81: Flags [S], seq ${isnB + 5}, win 64240, length 0`,
    `IP 10.0.0.2.81 > 10.0.0.1.54459: Flags [R.], seq 0, ack ${isnB + 6}, win 0, length 0`,
  ].join('\n'));
  assert.equal(run(2805827204, 2320788505, 271555447), [
    'IP 10.0.0.1.<port-1> > 10.0.0.2.80: Flags [S], seq <isn-1>, win 64240, options [mss 1460,sackOK,TS val <ts> ecr 0,nop,wscale 10], length 0',
    'IP 10.0.0.2.80 > 10.0.0.1.<port-1>: Flags [S.], seq <isn-2>, ack <isn-1>+1, win 65160, options [mss 1460,sackOK,TS val <ts> ecr <ts>,nop,wscale 10], length 0',
    'IP 10.0.0.1.<port-1> > 10.0.0.2.80: Flags [P.], seq 1:4, ack 1, win 63, options [nop,nop,TS val <ts> ecr <ts>], length 3',
    'IP 10.0.0.1.<port-2> > 10.0.0.2.81: Flags [S], seq <isn-3>, win 64240, length 0',
    'IP 10.0.0.2.81 > 10.0.0.1.<port-2>: Flags [R.], seq 0, ack <isn-3>+1, win 0, length 0',
  ].join('\n'));
  assert.equal(run(4294967295, 17, 5), run(123456, 999999, 88888));
});

test('normalize: the ephemeral port in nc -v\'s "Connection received on ADDR PORT"', () => {
  assert.equal(
    normalize('Listening on 0.0.0.0 80\nConnection received on 10.0.0.1 37126\nConnection received on 10.0.0.3 5555\nIP 10.0.0.1.37126 > 10.0.0.2.80'),
    'Listening on 0.0.0.0 80\nConnection received on 10.0.0.1 <port-1>\nConnection received on 10.0.0.3 5555\nIP 10.0.0.1.<port-1> > 10.0.0.2.80',
  );
});
