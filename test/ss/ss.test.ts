// ss over the inet_diag dump: the column layout without a terminal (widths from the
// content, Netid only with two tables, State only with two states or more), -l/-a and
// `state` filters, port filters with service names, -H, UDP before TCP, TIME-WAIT with
// -o's timer, and the option and filter errors of ss 6.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, must, twoHostsListening } from '../datapath/helpers.js';
import { Socket, AF_INET, SOCK_STREAM, SHUT_WR } from '../../src/kernel/socket.js';

async function ss(k: Kernel, ns: string, args: string): Promise<string> {
  const r = await k.exec(`ss ${args}`, { netns: ns });
  return r.stdout + r.stderr + (r.status ? `[exit ${r.status}]\n` : '');
}

test('listeners, a connection on both ends and its TIME-WAIT', async () => {
  const { k, a, b, l, u } = await twoHostsListening(2);
  const H = 'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n';
  const LISTEN = 'LISTEN 0      1            0.0.0.0:80        0.0.0.0:*          \n';
  assert.equal(await ss(k, 'b', '-t -l -n'), H + LISTEN);
  assert.equal(await ss(k, 'b', '-u -l -n'), H + 'UNCONN 0      0            0.0.0.0:53        0.0.0.0:*          \n');
  assert.equal(await ss(k, 'b', '-tuln'),
    'Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
    'udp   UNCONN 0      0            0.0.0.0:53        0.0.0.0:*          \n' +
    'tcp   LISTEN 0      1            0.0.0.0:80        0.0.0.0:*          \n');
  assert.equal(await ss(k, 'b', '-l -n -t sport = :80'), H + LISTEN);
  assert.equal(await ss(k, 'b', '-l -t sport = :http'), H + 'LISTEN 0      1            0.0.0.0:http      0.0.0.0:*          \n');
  assert.equal(await ss(k, 'b', '-l -n -t "( sport = :81 or dport = :1 )"'), 'State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  assert.equal(await ss(k, 'a', '-t -a -n'), 'State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');

  const c = Socket.open(a, AF_INET, SOCK_STREAM) as Socket;
  c.bind({ addr: 0, port: 40000 });
  assert.equal(await c.connect({ addr: 0x0a000002, port: 80 }), 0);
  const s = await l.accept() as Socket;
  await c.send(new TextEncoder().encode('hi\n'));
  await s.recv(100);
  assert.equal(await ss(k, 'a', '-t -n'),
    'State Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n' +
    'ESTAB 0      0           10.0.0.1:40000     10.0.0.2:80         \n');
  assert.equal(await ss(k, 'b', '-t -a -n'),
    'State  Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n' +
    'LISTEN 0      1            0.0.0.0:80        0.0.0.0:*           \n' +
    'ESTAB  0      0           10.0.0.2:80       10.0.0.1:40000       \n');
  assert.equal(await ss(k, 'a', '-t -n state established'),
    'Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n' +
    '0      0           10.0.0.1:40000     10.0.0.2:80         \n');
  assert.equal(await ss(k, 'a', '-t -n -H dport = :80'), 'ESTAB 0      0      10.0.0.1:40000 10.0.0.2:80\n');
  assert.equal(await ss(k, 'a', '-t -a -n state listening'), 'Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');

  c.shutdown(SHUT_WR);
  await s.recv(100);
  s.close();
  await c.recv(100);
  c.close();
  assert.equal(await ss(k, 'a', '-t -n state time-wait'),
    'Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n' +
    '0      0           10.0.0.1:40000     10.0.0.2:80         \n');
  assert.match(await ss(k, 'a', '-t -a -n -o'), /^TIME-WAIT 0 {6}0 {11}10\.0\.0\.1:40000 {5}10\.0\.0\.2:80 {3}timer:\(timewait,1min,0\)$/m);
  u.close();
  l.close();
  assert.equal(await ss(k, 'b', '-u -a -n'), 'State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
});

test('option, state and filter errors', async () => {
  const k = new Kernel({ seed: 2 });
  await must(k, 'ip netns add a');
  const bad = await ss(k, 'a', '--nosuch');
  assert.match(bad, /^ss: unrecognized option '--nosuch'\nUsage: ss \[ OPTIONS \]\n/);
  assert.match(bad, /\[exit 255\]\n$/);
  assert.match(await ss(k, 'a', '-Q'), /^ss: invalid option -- 'Q'\nUsage:/);
  assert.equal(await ss(k, 'a', '-t -n state bogus'), 'ss: wrong state name: bogus\n[exit 255]\n');
  assert.equal(await ss(k, 'a', '-t -n sport = :nosuch'), 'Error: "nosuch" does not look like a port.\nCannot parse dst/src address.\n[exit 1]\n');
  assert.equal(await ss(k, 'a', '-t -n garbage'), 'Error: an inet prefix is expected rather than "garbage".\nCannot parse dst/src address.\n[exit 1]\n');
  assert.equal(await ss(k, 'a', '-V'), 'ss utility, iproute2-6.1.0\n');
  assert.match(await ss(k, 'a', '-h'), /^Usage: ss \[ OPTIONS \]\n/);
});
