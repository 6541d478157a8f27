// Files written by tcpdump -w are read by Wireshark's tshark (Debian's package): Ethernet and
// LINUX_SLL2 captures of pings and of a SYN answered by a reset, with every header decoded, the
// checksums verified and the timestamps the time of day. Skipped when tshark is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/tools/index.js';
import { twoHosts, must } from '../datapath/helpers.js';

const haveTshark = spawnSync('tshark', ['-v'], { stdio: 'ignore' }).status === 0;

function tshark(file: string, fields: string[], extra: string[] = []): string[][] {
  const args = ['-r', file, '-T', 'fields', ...fields.flatMap((f) => ['-e', f]), ...extra];
  const out = execFileSync('tshark', args, { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  return out.split('\n').filter(Boolean).map((l) => l.split('\t'));
}

test('tshark reads the Ethernet and cooked captures tcpdump -w writes', { skip: haveTshark ? false : 'tshark is not installed (apt-get install tshark)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netsim-tshark-'));
  try {
    const k = await twoHosts();
    const run = (args: string) => k.spawn({ argv: ['tcpdump', ...args.split(' ')], netns: 'a', cwd: dir, stdout: () => {}, stderr: () => {} });
    const eth = run('-i eth0 -c 8 -w eth.pcap not ip6');
    const any = run('-i any -c 8 -w any.pcap not ip6');
    await new Promise((r) => setImmediate(r));
    await must(k, 'ip netns exec a ping -c 2 10.0.0.2', "netsim trace a tcp 10.0.0.1:40000 '>' 10.0.0.2:80 syn");
    await must(k, "netsim trace a udp 10.0.0.1:40001 '>' 10.0.0.2:5555 len 3");
    assert.deepEqual([await eth, await any], [0, 0]);

    const checks = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'];
    const rows = tshark(join(dir, 'eth.pcap'), ['frame.len', 'eth.type', 'arp.opcode', 'ip.src', 'ip.dst', 'ip.checksum.status',
      'icmp.type', 'icmp.checksum.status', 'tcp.flags.str', 'tcp.checksum.status', 'udp.dstport', 'frame.time_epoch'], checks);
    const now = Date.now() / 1000;
    assert.equal(rows.length, 8);
    assert.deepEqual(rows.map((r) => r.slice(0, 3)), [
      ['42', '0x0806', '1'], ['42', '0x0806', '2'], ['98', '0x0800', ''], ['98', '0x0800', ''],
      ['98', '0x0800', ''], ['98', '0x0800', ''], ['54', '0x0800', ''], ['54', '0x0800', ''],
    ]);
    assert.deepEqual(rows.slice(2).map((r) => [r[3], r[4], r[5]]), [
      ['10.0.0.1', '10.0.0.2', '1'], ['10.0.0.2', '10.0.0.1', '1'], ['10.0.0.1', '10.0.0.2', '1'],
      ['10.0.0.2', '10.0.0.1', '1'], ['10.0.0.1', '10.0.0.2', '1'], ['10.0.0.2', '10.0.0.1', '1'],
    ]);
    assert.deepEqual(rows.slice(2, 6).map((r) => [r[6], r[7]]), [['8', '1'], ['0', '1'], ['8', '1'], ['0', '1']]);
    assert.deepEqual(rows.slice(6).map((r) => [r[8]!.replace(/\W+/g, ''), r[9]]), [['S', '1'], ['AR', '1']]);
    for (const r of rows) assert.ok(Math.abs(Number(r[11]) - now) < 86400, `timestamp ${r[11]} is the time of day`);
    assert.equal(tshark(join(dir, 'eth.pcap'), ['frame.number'], [...checks, '-Y', '_ws.malformed || _ws.expert.group == "checksum"']).length, 0);

    const cooked = tshark(join(dir, 'any.pcap'), ['frame.len', 'sll.pkttype', 'sll.ifindex', 'sll.etype', 'ip.src', 'icmp.type']);
    const ifindex = String(k.namedNetns.get('a')!.devByName('eth0')!.ifindex);
    assert.deepEqual(cooked.slice(0, 6).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5]]), [
      ['48', '4', ifindex, '0x0806', '', ''], ['48', '0', ifindex, '0x0806', '', ''],
      ['104', '4', ifindex, '0x0800', '10.0.0.1', '8'], ['104', '0', ifindex, '0x0800', '10.0.0.2', '0'],
      ['104', '4', ifindex, '0x0800', '10.0.0.1', '8'], ['104', '0', ifindex, '0x0800', '10.0.0.2', '0'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the HTTP-to-a-ClusterIP example writes a capture tshark decodes as HTTP', { skip: haveTshark ? false : 'tshark is not installed (apt-get install tshark)' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'netsim-tshark-'));
  try {
    const root = new URL('../../../', import.meta.url).pathname;
    const pcap = join(dir, 'http.pcap');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'netsim'), 'run', join(root, 'examples', 'http-clusterip.sh')],
      { cwd: root, env: { ...process.env, PCAP: pcap }, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^hello from the web Service$/m);
    const checks = ['-o', 'tcp.check_checksum:TRUE'];
    const rows = tshark(pcap, ['ip.src', 'ip.dst', 'tcp.flags.str', 'tcp.checksum.status', 'http.request.method', 'http.request.uri'], checks);
    assert.deepEqual(rows.map((x) => x.slice(0, 3).concat(x.slice(4))), [
      ['10.244.1.2', '10.96.0.100', '··········S·', '', ''],
      ['10.96.0.100', '10.244.1.2', '·······A··S·', '', ''],
      ['10.244.1.2', '10.96.0.100', '·······A····', '', ''],
      ['10.244.1.2', '10.96.0.100', '·······AP···', 'GET', '/'],
      ['10.96.0.100', '10.244.1.2', '·······A····', '', ''],
    ]);
    assert.ok(rows.every((x) => x[3] === '1'), 'every TCP checksum verifies (status 1: good)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
