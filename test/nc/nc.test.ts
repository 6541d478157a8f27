// nc between two namespaces on virtual time, for what the conformance scenarios leave out:
// -C's CRLF, -q with a delay, -W and -k for UDP, -t's telnet refusals, -F, the proxies (a
// SOCKS 5 and an HTTP CONNECT server written here), names from /etc/hosts in -v's lines,
// IPv6 and DCCP without kernel support, and the signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoHosts, type Kernel } from '../datapath/helpers.js';
import '../../src/tools/index.js';
import { Socket, AF_INET, SOCK_STREAM, SOCK_DGRAM } from '../../src/kernel/socket.js';
import { Feed } from '../lib/feed.js';

interface Run {
  done: Promise<number>;
  out: () => Buffer;
  err: () => string;
}

function nc(k: Kernel, netns: string, args: string, o: { stdin?: Feed | string; signal?: AbortSignal } = {}): Run {
  const chunks: Buffer[] = [];
  let err = '';
  const feed = o.stdin instanceof Feed ? o.stdin : new Feed();
  if (!(o.stdin instanceof Feed)) {
    if (o.stdin) feed.push(o.stdin);
    feed.push(null);
  }
  const done = k.spawn({
    argv: ['nc', ...args.split(' ').filter(Boolean)], netns,
    stdinChunk: () => feed.next(),
    stdout: (t) => { chunks.push(Buffer.from(t)); },
    stdoutBytes: (b) => { chunks.push(Buffer.from(b)); },
    stderr: (t) => { err += t; },
    signal: o.signal,
  });
  return { done, out: () => Buffer.concat(chunks), err: () => err };
}

const ip = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0) >>> 0;
const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function tcpListener(k: Kernel, ns: string, port: number): Socket {
  const s = Socket.open(k.namedNetns.get(ns)!, AF_INET, SOCK_STREAM);
  assert.ok(typeof s !== 'number');
  assert.equal(s.bind({ addr: 0, port }), 0);
  assert.equal(s.listen(5), 0);
  return s;
}

async function acceptOne(s: Socket): Promise<Socket> {
  const c = await s.accept({ timeoutMs: 5000 });
  assert.ok(typeof c !== 'number', `accept: ${c}`);
  return c;
}

/** Reads until the peer's end of file. */
async function readAll(s: Socket): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (;;) {
    const r = await s.recv(65536, { timeoutMs: 10000 });
    if (typeof r === 'number') assert.fail(`recv: ${r}`);
    if (r.length === 0) return Buffer.concat(parts);
    parts.push(Buffer.from(r));
  }
}

/** Reads exactly n bytes. */
async function readN(s: Socket, n: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let got = 0;
  while (got < n) {
    const r = await s.recv(n - got, { timeoutMs: 5000 });
    if (typeof r === 'number' || r.length === 0) assert.fail(`recv: ${typeof r === 'number' ? r : 'EOF'}`);
    parts.push(Buffer.from(r));
    got += r.length;
  }
  return Buffer.concat(parts);
}

test('-C sends each line end as CRLF (a CRLF already there is kept)', async () => {
  const k = await twoHosts();
  const srv = tcpListener(k, 'b', 80);
  const c = nc(k, 'a', '-N -C 10.0.0.2 80', { stdin: 'a\nb\r\nc\n\nd' });
  const conn = await acceptOne(srv);
  assert.equal((await readAll(conn)).toString('latin1'), 'a\r\nb\r\nc\r\n\r\nd');
  conn.close();
  assert.equal(await c.done, 0);
});

test('-q 2: after EOF on stdin the socket is closed, what comes later is not read, exit 0', async () => {
  const k = await twoHosts();
  const srv = tcpListener(k, 'b', 80);
  const t0 = k.clock.now();
  const c = nc(k, 'a', '-q 2 10.0.0.2 80', { stdin: 'hi\n' });
  const conn = await acceptOne(srv);
  assert.equal((await readAll(conn)).toString(), 'hi\n', '-q implies -N: the data, then a FIN');
  assert.equal(await c.done, 0);
  assert.ok(k.clock.now() - t0 >= 2000, 'quits only when the 2 s alarm rings');
  assert.equal(await conn.send(Buffer.from('late\n')), 5);
  assert.equal(c.out().length, 0);
});

test('-w: an idle connection ends after the timeout once stdin is gone; exit 0', async () => {
  const k = await twoHosts();
  const srv = tcpListener(k, 'b', 80);
  const c = nc(k, 'a', '-w 3 10.0.0.2 80');
  const conn = await acceptOne(srv);
  const t0 = k.clock.now();
  assert.equal(await c.done, 0);
  assert.ok(k.clock.now() - t0 >= 3000);
  assert.equal((await readAll(conn)).length, 0);
});

test('UDP listener -W 2 stops after two datagrams; with -k it takes them from any sender', async () => {
  const k = await twoHosts();
  const l = nc(k, 'b', '-u -l -W 2 5000');
  await realSleep(20);
  const sock = Socket.open(k.namedNetns.get('a')!, AF_INET, SOCK_DGRAM);
  assert.ok(typeof sock !== 'number');
  for (const m of ['one\n', 'two\n', 'three\n']) await sock.send(Buffer.from(m), { addr: ip('10.0.0.2'), port: 5000 });
  assert.equal(await l.done, 0);
  assert.equal(l.out().toString(), 'one\ntwo\n');

  const ac = new AbortController();
  const lk = nc(k, 'b', '-u -l -k -v -n 5001', { signal: ac.signal });
  await realSleep(20);
  const s2 = Socket.open(k.namedNetns.get('a')!, AF_INET, SOCK_DGRAM);
  assert.ok(typeof s2 !== 'number');
  await sock.send(Buffer.from('a\n'), { addr: ip('10.0.0.2'), port: 5001 });
  await s2.send(Buffer.from('b\n'), { addr: ip('10.0.0.2'), port: 5001 });
  await realSleep(50);
  ac.abort('SIGTERM');
  assert.equal(await lk.done, 143);
  assert.equal(lk.out().toString(), 'a\nb\n');
  assert.equal(lk.err(), 'Bound on 0.0.0.0 5001\n', 'no "Connection received" for -u -k');
});

test('-t refuses the options a telnet server offers, and passes the bytes on', async () => {
  const k = await twoHosts();
  const srv = tcpListener(k, 'b', 23);
  const feed = new Feed();
  const c = nc(k, 'a', '-t 10.0.0.2 23', { stdin: feed });
  const conn = await acceptOne(srv);
  await conn.send(Uint8Array.of(255, 253, 1, 255, 251, 3));
  assert.deepEqual([...await readN(conn, 6)], [255, 252, 1, 255, 254, 3], 'IAC WONT ECHO, IAC DONT SGA');
  feed.push(null);
  conn.close();
  assert.equal(await c.done, 0);
  assert.deepEqual([...c.out()], [255, 253, 1, 255, 251, 3]);
});

test('-x: SOCKS 5 asks the proxy to connect, then relays; a refusal is reported', async () => {
  const k = await twoHosts();
  const proxy = tcpListener(k, 'b', 1080);
  const c = nc(k, 'a', '-x 10.0.0.2 -N 192.0.2.7 8080', { stdin: 'through\n' });
  const conn = await acceptOne(proxy);
  assert.deepEqual([...await readN(conn, 3)], [5, 1, 0]);
  await conn.send(Uint8Array.of(5, 0));
  assert.deepEqual([...await readN(conn, 10)], [5, 1, 0, 1, 192, 0, 2, 7, 0x1f, 0x90]);
  await conn.send(Uint8Array.of(5, 0, 0, 1, 0, 0, 0, 0, 0, 0));
  assert.equal((await readAll(conn)).toString(), 'through\n');
  await conn.send(Buffer.from('back\n'));
  conn.close();
  assert.equal(await c.done, 0);
  assert.equal(c.out().toString(), 'back\n');

  const c2 = nc(k, 'a', '-x 10.0.0.2:1080 -z 192.0.2.7 8080');
  const conn2 = await acceptOne(proxy);
  await readN(conn2, 3);
  await conn2.send(Uint8Array.of(5, 0));
  await readN(conn2, 10);
  await conn2.send(Uint8Array.of(5, 5, 0, 1, 0, 0, 0, 0, 0, 0));
  assert.equal(await c2.done, 1);
  assert.equal(c2.err(), 'nc: connection failed, SOCKSv5 error: Connection refused\n');

  const c3 = nc(k, 'a', '-v -x 10.0.0.2:1081 -z 192.0.2.7 8080');
  assert.equal(await c3.done, 1);
  assert.equal(c3.err(), 'nc: connect to 10.0.0.2 port 1081 (tcp) failed: Connection refused\n');
});

test('-X connect: the CONNECT request, and a proxy that says no', async () => {
  const k = await twoHosts();
  const proxy = tcpListener(k, 'b', 3128);
  const c = nc(k, 'a', '-X connect -x 10.0.0.2 -z -v example 443');
  const conn = await acceptOne(proxy);
  assert.equal((await readN(conn, 'CONNECT example:443 HTTP/1.0\r\n\r\n'.length)).toString(), 'CONNECT example:443 HTTP/1.0\r\n\r\n');
  await conn.send(Buffer.from('HTTP/1.1 200 OK\r\nVia: test\r\n\r\n'));
  assert.equal(await c.done, 0);
  assert.equal(c.err(), 'Connection to example 443 port [tcp/https] succeeded!\n');

  const c2 = nc(k, 'a', '-X connect -x 10.0.0.2 -z example 443');
  const conn2 = await acceptOne(proxy);
  await readN(conn2, 'CONNECT example:443 HTTP/1.0\r\n\r\n'.length);
  await conn2.send(Buffer.from('HTTP/1.0 403 Forbidden\r\n\r\n'));
  assert.equal(await c2.done, 1);
  assert.equal(c2.err(), 'nc: Proxy error: "HTTP/1.0 403 Forbidden"\n');
});

test('-v names: /etc/hosts gives localhost; other addresses need DNS, which fails', async () => {
  const k = await twoHosts();
  const ac = new AbortController();
  const l = nc(k, 'a', '-l -k -v 127.0.0.1 5000', { signal: ac.signal });
  await realSleep(20);
  const c = nc(k, 'a', '-z -v localhost 5000 5001');
  assert.equal(await c.done, 0);
  assert.equal(c.err(), 'Connection to localhost (127.0.0.1) 5000 port [tcp/*] succeeded!\n' +
    'nc: connect to localhost (127.0.0.1) port 5001 (tcp) failed: Connection refused\n');
  await realSleep(20);
  ac.abort('SIGINT');
  assert.equal(await l.done, 0, 'SIGINT runs quit(): exit 0');
  assert.match(l.err(), /^Listening on localhost 5000\nConnection received on localhost \d+\n$/);

  const ac2 = new AbortController();
  const l2 = nc(k, 'b', '-l -v 5000', { signal: ac2.signal });
  await realSleep(20);
  ac2.abort('SIGTERM');
  assert.equal(await l2.done, 143);
  assert.equal(l2.err(), 'nc: getnameinfo: Temporary failure in name resolution\n');

  const c2 = nc(k, 'a', '-z nosuchhost 80');
  assert.equal(await c2.done, 1);
  assert.equal(c2.err(), 'nc: getaddrinfo for host "nosuchhost" port 80: Temporary failure in name resolution\n');
});

test('what this kernel lacks: IPv6 and DCCP sockets, AF_UNIX; -F has no socket to pass to', async () => {
  const k = await twoHosts();
  const cases: [string, number, string][] = [
    ['-l -6 5000', 1, 'nc: Address family not supported by protocol\n'],
    ['-l -Z 5000', 1, 'nc: Socket type not supported\n'],
    ['-v -z ::1 80', 1, ''],
    ['-v -z -Z 10.0.0.2 80', 1, ''],
    ['-l -U /tmp/x.sock', 1, 'nc: Address family not supported by protocol\n'],
    ['-U /tmp/x.sock', 1, 'nc: create unix socket failed\n'],
    ['-z -s 10.0.0.9 10.0.0.2 80', 1, 'nc: bind failed: Cannot assign requested address\n'],
    ['-z -v -p abc 10.0.0.2 80', 1, 'nc: getaddrinfo: Servname not supported for ai_socktype\n'],
    ['-z -v -M 0 10.0.0.2 80', 1, 'nc: set IP TTL: Invalid argument\n'],
  ];
  for (const [args, status, err] of cases) {
    const r = nc(k, 'a', args);
    assert.equal(await r.done, status, args);
    assert.equal(r.err(), err, args);
  }
  const srv = tcpListener(k, 'b', 80);
  const f = nc(k, 'a', '-F 10.0.0.2 80');
  assert.equal(await f.done, 1);
  assert.equal(f.err(), 'nc: sendmsg: Socket operation on non-socket\n');
  srv.close();
});
