// /proc/net/tcp and /proc/net/udp over the inet_diag dump: a listener, a bound UDP socket,
// both ends of a connection and the TIME_WAIT it leaves, with Linux's columns (addresses as
// little-endian hex words, states, queues, timers in clock_t, inode, refcount, %pK, and
// get_tcp4_sock()'s rto/ato/quick/cwnd/ssthresh tail), each line padded to the seq_file width.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoHostsListening } from '../datapath/helpers.js';
import { Socket, AF_INET, SOCK_STREAM, SHUT_WR } from '../../src/kernel/socket.js';
import { readProcFile } from '../../src/kernel/procfs.js';
import { tcpDiagDump, udpDiagDump } from '../../src/kernel/ipv4/inet_diag.js';

const norm = (s: string) => s.replace(/ \d+ (\d+) [0-9a-f]{16}/g, ' <inode> $1 <sk>');

test('/proc/net/tcp and /proc/net/udp through a connection\'s life', async () => {
  const { k, a, b, l, u } = await twoHostsListening();
  const tcpHead = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
  const listenLine = '   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 <inode> 1 <sk> 100 0 0 10 0';
  const lines = (s: string) => s.split('\n').slice(0, -1);
  let t = lines(readProcFile(k, b, '/proc/net/tcp'));
  assert.ok(t.every((x) => x.length === 149));
  assert.deepEqual(t.map((x) => norm(x).trimEnd()), [tcpHead, listenLine]);
  const ud = lines(readProcFile(k, b, '/proc/net/udp'));
  assert.ok(ud.every((x) => x.length === 127));
  assert.equal(norm(ud[1]!).replace(/^ *\d+:/, '<sl>:').trimEnd(),
    '<sl>: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 <inode> 2 <sk> 0');
  assert.equal(udpDiagDump(b)[0]!.inode, u.sk.ino);

  const c = Socket.open(a, AF_INET, SOCK_STREAM) as Socket;
  c.bind({ addr: 0, port: 40000 });
  assert.equal(await c.connect({ addr: 0x0a000002, port: 80 }), 0);
  // Not accepted yet: the connection has no inode.
  assert.equal(tcpDiagDump(b)[1]!.inode, 0);
  const s = await l.accept() as Socket;
  assert.equal(tcpDiagDump(b)[1]!.inode, s.sk.ino);
  await c.send(new TextEncoder().encode('hi\n'));
  await s.recv(100);
  t = lines(readProcFile(k, b, '/proc/net/tcp'));
  assert.equal(norm(t[2]!).trimEnd(),
    '   1: 0200000A:0050 0100000A:9C40 01 00000000:00000000 00:00000000 00000000     0        0 <inode> 1 <sk> 20 4 30 10 -1');
  const ca = lines(readProcFile(k, a, '/proc/net/tcp'));
  assert.match(norm(ca[1]!), /^ {3}0: 0100000A:9C40 0200000A:0050 01 00000000:00000000 00:00000000 00000000 {5}0 {8}0 <inode> 1 <sk> \d+ 0 0 \d+ -1 *$/);

  c.shutdown(SHUT_WR);
  await s.recv(100);
  s.close();
  await c.recv(100);
  c.close();
  const tw = lines(readProcFile(k, a, '/proc/net/tcp'));
  assert.equal(tw[1]!.length, 149);
  assert.equal(norm(tw[1]!).trimEnd(), '   0: 0100000A:9C40 0200000A:0050 06 00000000:00000000 03:00001770 00000000     0        0 <inode> 3 <sk>');
  assert.equal(tcpDiagDump(a)[0]!.kind, 'timewait');
});
