// The pcap-filter compiler against libpcap 1.10.3: for every expression of
// fixtures/filters.txt, the packets of fixtures/frames.pcap (Ethernet) and
// fixtures/frames-sll2.pcap (LINUX_SLL2) it matches, or the error it gives, as the real
// tcpdump recorded them (fixtures/record.sh -> fixtures/*.filters.out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readPcap } from '../../src/wire/pcap.js';
import { compileFilter } from '../../src/tools/tcpdump/libpcap/grammar.js';
import { CompilerState, runFilter } from '../../src/tools/tcpdump/libpcap/gencode.js';
import { FilterError } from '../../src/tools/tcpdump/libpcap/errors.js';
import { scan } from '../../src/tools/tcpdump/libpcap/scanner.js';

const dir = new URL('../../../test/tcpdump/fixtures/', import.meta.url);

function matches(file: string, expr: string): string {
  const pc = readPcap(readFileSync(new URL(file, dir)))!;
  try {
    const f = compileFilter(expr, new CompilerState(pc.linktype, 0, false));
    return pc.packets
      .map((p, i) => (!f || runFilter(f, { data: p.data, wirelen: p.origLen }) ? i : -1))
      .filter((i) => i >= 0)
      .join(',');
  } catch (e) {
    if (e instanceof FilterError) return `ERR tcpdump: ${e.message}`;
    throw e;
  }
}

for (const file of ['frames', 'frames-sll2']) {
  test(`filters on ${file}.pcap select what libpcap selects, or fail as it does`, () => {
    const rows = readFileSync(new URL(`${file}.filters.out`, dir), 'utf8').split('\n').filter(Boolean);
    assert.ok(rows.length > 250);
    const wrong: string[] = [];
    for (const row of rows) {
      const [expr, want] = row.split('\t') as [string, string];
      const got = matches(`${file}.pcap`, expr);
      if (got !== (want ?? '')) wrong.push(`${expr}\n  libpcap: ${want}\n  netsim:  ${got}`);
    }
    assert.deepEqual(wrong, []);
  });
}

test('scanner: longest match, keywords before names, named numbers, escapes', () => {
  const kinds = (s: string) => scan(s).map((t) => `${t.t}:${t.text}`).join(' ');
  assert.equal(kinds('host1 host'), 'id:host1 kw:host eof:');
  assert.equal(kinds('tcp-syn tcpflags'), 'num:tcp-syn num:tcpflags eof:');
  assert.equal(kinds('portrange 1-1024'), 'kw:portrange id:1-1024 eof:');
  assert.equal(kinds('len-1'), 'id:len-1 eof:');
  assert.equal(kinds('10.0.0.1/24'), 'hid:10.0.0.1 op:/ num:24 eof:');
  assert.equal(kinds('fe80::1 aa:bb:cc:dd:ee:ff'), 'hid6:fe80::1 eid:aa:bb:cc:dd:ee:ff eof:');
  assert.equal(kinds('\\icmp && !x || y'), 'id:\\icmp kw:&& kw:! id:x kw:|| id:y eof:');
  assert.equal(kinds('a >= b != c == d << e'), 'id:a op:>= id:b op:!= id:c op:== id:d op:<< id:e eof:');
  assert.equal(kinds('0x1f 017'), 'num:0x1f num:017 eof:');
  assert.equal(kinds('a @'), 'id:a lexerr:@ eof:');
});

test('and/or group left to right and a bare address takes the qualifiers before it', () => {
  const pc = readPcap(readFileSync(new URL('frames.pcap', dir)))!;
  const sel = (e: string) => {
    const f = compileFilter(e, new CompilerState(pc.linktype, 0, false))!;
    return pc.packets.filter((p) => runFilter(f, { data: p.data, wirelen: p.origLen })).length;
  };
  // (arp or icmp) and host 10.0.0.254, not arp or (icmp and host ...)
  assert.equal(sel('arp or icmp and host 10.0.0.254'), 2);
  assert.equal(sel('(arp or icmp) and host 10.0.0.254'), 2);
  assert.equal(sel('arp or (icmp and host 10.0.0.254)'), 4);
  assert.equal(sel('src port 80 or 81'), sel('src port 80 or src port 81'));
  assert.equal(sel('host 10.0.0.1 and not 10.0.0.2'), sel('host 10.0.0.1 and not host 10.0.0.2'));
});

test('a live capture gets the direction and interface from the socket', () => {
  const cs = new CompilerState(1, 0xffffff00, true);
  const out = compileFilter('outbound and ifindex 3', cs)!;
  const frame = new Uint8Array(60);
  assert.equal(runFilter(out, { data: frame, wirelen: 60, pkttype: 4, ifindex: 3 }), true);
  assert.equal(runFilter(out, { data: frame, wirelen: 60, pkttype: 0, ifindex: 3 }), false);
  assert.equal(runFilter(out, { data: frame, wirelen: 60, pkttype: 4, ifindex: 2 }), false);
  // ip broadcast uses the capture device's netmask: 10.0.0.255 under /24
  const bc = compileFilter('ip broadcast', new CompilerState(1, 0xffffff00, true))!;
  const ip = new Uint8Array(34);
  ip[12] = 0x08;
  ip[14] = 0x45;
  ip.set([10, 0, 0, 255], 30);
  assert.equal(runFilter(bc, { data: ip, wirelen: 34 }), true);
  ip[33] = 7;
  assert.equal(runFilter(bc, { data: ip, wirelen: 34 }), false);
});
