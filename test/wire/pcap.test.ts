import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '../../src/wire/bytes.js';
import {
  LINKTYPE_ETHERNET, LINKTYPE_RAW, PCAP_GLOBAL_HLEN, PCAP_MAGIC_NSEC, PcapWriter, pcapGlobalHeader,
  readPcap, writePcap,
} from '../../src/wire/pcap.js';
import * as fx from './fixtures.js';

const packets = [
  { tsSec: 1700000000, tsUsec: 1, data: fx.arpRequest },
  { tsSec: 1700000000, tsUsec: 999999, data: fx.arpReply },
  { tsSec: 1700000001, tsUsec: 0, data: fx.icmpEchoRequest },
  { tsSec: 1700000001, tsUsec: 250, data: fx.tcpSyn },
  { tsSec: 1700000002, tsUsec: 7, data: fx.ndNeighbourSolicitation },
  { tsSec: 1700000003, tsUsec: 8, data: fx.vlanArpRequest },
];

test('global header: magic a1b2c3d4 little-endian, version 2.4, snaplen, LINKTYPE_ETHERNET', () => {
  const h = pcapGlobalHeader();
  assert.equal(toHex(h), 'd4c3b2a1' + '0200' + '0400' + '00000000' + '00000000' + '00000400' + '01000000');
  assert.equal(toHex(pcapGlobalHeader({ snaplen: 65535, linktype: LINKTYPE_RAW })).slice(32), 'ffff000065000000');
});

test('write then read back: timestamps, lengths and bytes survive', () => {
  const file = writePcap(packets);
  assert.equal(file.length, PCAP_GLOBAL_HLEN + packets.reduce((n, p) => n + 16 + p.data.length, 0));
  const r = readPcap(file)!;
  assert.equal(r.linktype, LINKTYPE_ETHERNET);
  assert.equal(r.versionMajor, 2);
  assert.equal(r.versionMinor, 4);
  assert.equal(r.snaplen, 262144);
  assert.equal(r.nanosecond, false);
  assert.equal(r.bigEndian, false);
  assert.equal(r.truncated, false);
  assert.equal(r.packets.length, packets.length);
  r.packets.forEach((p, i) => {
    assert.equal(p.tsSec, packets[i].tsSec);
    assert.equal(p.tsUsec, packets[i].tsUsec);
    assert.equal(p.origLen, packets[i].data.length);
    assert.deepEqual(p.data, packets[i].data);
  });
});

test('streaming writer, snaplen truncation, truncated files, other byte orders', () => {
  const chunks: Uint8Array[] = [];
  const w = new PcapWriter((c) => chunks.push(c), { snaplen: 64 });
  w.write(fx.icmpEchoRequest, 5, 6);
  assert.equal(chunks.length, 2);
  assert.equal(chunks[1].length, 16 + 64);
  const all = new Uint8Array([...chunks[0], ...chunks[1]]);
  const r = readPcap(all)!;
  assert.equal(r.packets[0].data.length, 64);
  assert.equal(r.packets[0].origLen, 98);
  const cut = readPcap(all.subarray(0, all.length - 1))!;
  assert.equal(cut.truncated, true);
  assert.equal(cut.packets.length, 0);
  assert.equal(readPcap(new Uint8Array(24)), undefined);
  // A big-endian nanosecond file.
  const be = new Uint8Array(24 + 16 + 2);
  const dv = new DataView(be.buffer);
  dv.setUint32(0, PCAP_MAGIC_NSEC);
  dv.setUint16(4, 2);
  dv.setUint16(6, 4);
  dv.setUint32(16, 100);
  dv.setUint32(20, 1);
  dv.setUint32(24, 10);
  dv.setUint32(28, 123456789);
  dv.setUint32(32, 2);
  dv.setUint32(36, 60);
  be[40] = 0xab;
  const rb = readPcap(be)!;
  assert.ok(rb.bigEndian && rb.nanosecond);
  assert.deepEqual(rb.packets[0], { tsSec: 10, tsUsec: 123456789, origLen: 60, data: be.subarray(40, 42) });
});

const tcpdump = spawnSync('tcpdump', ['--version'], { encoding: 'utf8' });
const haveTcpdump = tcpdump.status === 0;

test('tcpdump -r reads the written file', { skip: haveTcpdump ? false : 'tcpdump not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'netsim-pcap-'));
  try {
    const path = join(dir, 'out.pcap');
    writeFileSync(path, writePcap(packets));
    const out = spawnSync('tcpdump', ['-nn', '-e', '-tt', '-r', path], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const lines = out.stdout.trim().split('\n');
    assert.equal(lines.length, packets.length);
    assert.match(lines[0], /^1700000000\.000001 a6:08:e9:8a:94:c9 > ff:ff:ff:ff:ff:ff, ethertype ARP \(0x0806\), length 42: Request who-has 10\.0\.0\.2 tell 10\.0\.0\.1, length 28$/);
    assert.match(lines[1], /^1700000000\.999999 .* Reply 10\.0\.0\.2 is-at d2:2a:9b:74:01:8e/);
    assert.match(lines[2], /^1700000001\.000000 .* 10\.0\.0\.1 > 10\.0\.0\.2: ICMP echo request, id 3505, seq 1, length 64$/);
    assert.match(lines[3], /10\.0\.0\.1\.46862 > 10\.0\.0\.2\.8080: Flags \[S\], seq 1152092442, win 64240, options \[mss 1460,sackOK,TS val 1120118590 ecr 0,nop,wscale 10\], length 0$/);
    assert.match(lines[4], /fd00::1 > ff02::1:ff00:2: ICMP6, neighbor solicitation, who has fd00::2, length 32$/);
    assert.match(lines[5], /vlan 10, p 0, ethertype ARP/);
    assert.match(out.stderr, /link-type EN10MB \(Ethernet\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
