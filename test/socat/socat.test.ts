// socat on the emulated kernel, beyond the conformance scenarios: command line and address
// errors, line-end conversion, PIPE, TCP both ways with -d -d's notices and descriptor
// numbers, fork serving clients one after another, range=, an unreachable neighbour's ICMP
// error, UDP port unreachable, -T, and SIGTERM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kernel, twoHosts } from '../datapath/helpers.js';
import '../../src/tools/index.js';
import { cvNewline } from '../../src/tools/socat/transfer.js';
import { LINETERM_CR, LINETERM_CRNL, LINETERM_RAW } from '../../src/tools/socat/xio.js';
import { Feed } from '../lib/feed.js';

interface Run {
  done: Promise<number>;
  out: () => string;
  err: () => string;
  /** Lines of stderr with the timestamp and pid taken off. */
  msgs: () => string[];
}

function socat(k: Kernel, argv: string[], o: { netns?: string; stdin?: Feed | string; signal?: AbortSignal; cwd?: string } = {}): Run {
  let out = '', err = '';
  const feed = typeof o.stdin === 'string' || o.stdin === undefined ? new Feed() : o.stdin;
  if (typeof o.stdin === 'string') feed.push(o.stdin);
  if (typeof o.stdin === 'string' || o.stdin === undefined) feed.push(null);
  const done = k.spawn({
    argv: ['socat', ...argv], netns: o.netns, cwd: o.cwd,
    stdinChunk: () => feed.next(),
    stdout: (t) => { out += t; },
    stdoutBytes: (b) => { out += Buffer.from(b).toString(); },
    stderr: (t) => { err += t; },
    signal: o.signal,
  });
  return {
    done, out: () => out, err: () => err,
    msgs: () => err.split('\n').filter(Boolean).map((l) => l.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d socat\[\d+\] /, '')),
  };
}

const realSleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('command line and address errors: message and status 1', async () => {
  const k = new Kernel({ seed: 1 });
  const cases: [string[], string][] = [
    [['-'], 'E exactly 2 addresses required (there are 1); use option "-h" for help'],
    [['-Z'], 'E unknown option "-Z"; use option "-h" for help'],
    [['-u', '-U', '-', '-'], 'E -U and -u must not be combined'],
    [['-t'], 'E option -t requires an argument; use option "-h" for help'],
    [['-t', 'abc', '-', '-'], 'E parseopts(): missing numerical value of option "-t"'],
    [['-', 'TCP4:10.0.0.2'], 'E TCP4: wrong number of parameters (1 instead of 2)'],
    [['-', 'OPEN:a:b'], 'E OPEN: wrong number of parameters (3 instead of 1)'],
    [['-', 'PIPE:a:b'], 'E PIPE: wrong number of parameters (2 instead of 1)'],
    [['-', 'FOO:1'], 'E unknown device/address "FOO"'],
    [['-', 'PIPE,fork'], 'E parseopts_table(): option "fork" not supported with this address type'],
    [['-', 'PIPE,nosuchopt'], 'E parseopts_table(): unknown option "nosuchopt"'],
    [['-', 'TCP:1.2.3.4:80,crlf=1'], 'E no value permitted for option "crnl"'],
    [['-', 'TCP:1.2.3.4:80,fork=yes'], 'E parseopts(): missing numerical value of option "fork=yes"'],
    [['-', 'TCP:1.2.3.4:80,connect-timeout=1x'], 'E parseopts(): trailing garbage in numerical arg of option "connect-timeout=1x"'],
    [['-', 'TCP:1.2.3.4:80,bind'], 'E option "bind": value required'],
    [['-', 'TCP-L:81,range=bad'], 'E xioparsenetwork_ip4("bad",,): missing netmask delimiter'],
    [['-', 'UDP-LISTEN:1x'], 'E parseport("1x", 17): extra trailing data "x"'],
    [['-', 'UDP-LISTEN:http'], 'E cannot resolve service "http/17"'],
    [['-', 'TCP-LISTEN:abc'], 'E getaddrinfo"NULL", "abc", {1,2,1,0}, {}): Servname not supported for ai_socktype'],
    [['-', 'TCP:abc:80'], 'E getaddrinfo("abc", "NULL", {1,0,1,6}, {}): Temporary failure in name resolution'],
    [['-', 'TCP:1.2.3.4:80,pf=ip7'], 'E unknown protocol family "ip7"'],
  ];
  for (const [argv, want] of cases) {
    const r = socat(k, argv);
    assert.equal(await r.done, 1, argv.join(' '));
    assert.deepEqual(r.msgs(), [want], argv.join(' '));
  }
  const hint = socat(k, ['-uu']);
  assert.equal(await hint.done, 1);
  assert.equal(hint.err(), 'Do not merge single character options, i.e. use "-u -u" instead of "-uu"\n');
});

test('cv_newline: LF to CRLF and back, CR', () => {
  const b = (s: string) => new TextEncoder().encode(s);
  const s = (u: Uint8Array) => new TextDecoder().decode(u);
  assert.equal(s(cvNewline(b('a\nb\n'), LINETERM_RAW, LINETERM_CRNL)), 'a\r\nb\r\n');
  assert.equal(s(cvNewline(b('a\r\nb\r\n'), LINETERM_CRNL, LINETERM_RAW)), 'a\nb\n');
  assert.equal(s(cvNewline(b('a\nb'), LINETERM_RAW, LINETERM_CR)), 'a\rb');
});

test('PIPE echoes, crlf converts, files are opened, created and appended', async () => {
  const k = new Kernel({ seed: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'socat-test-'));
  try {
    const r = socat(k, ['-d', '-d', '-', 'PIPE'], { stdin: 'hello\n' });
    assert.equal(await r.done, 0);
    assert.equal(r.out(), 'hello\n');
    assert.deepEqual(r.msgs(), [
      'N reading from and writing to stdio',
      'N writing to and reading from unnamed pipe',
      'N starting data transfer loop with FDs [0,1] and [5,6]',
      'N socket 1 (fd 0) is at EOF',
      'N socket 2 (fd 5) is at EOF',
      'N exiting with status 0',
    ]);
    const c = socat(k, ['-', 'PIPE,crlf'], { stdin: 'a\nb\n' });
    assert.equal(await c.done, 0);
    assert.equal(c.out(), 'a\nb\n');
    const w = socat(k, ['-u', '-', 'CREATE:f'], { stdin: 'one\n', cwd: dir });
    assert.equal(await w.done, 0);
    const a = socat(k, ['-u', '-', `OPEN:${dir}/f,append`], { stdin: 'two\n' });
    assert.equal(await a.done, 0);
    assert.equal(readFileSync(join(dir, 'f'), 'utf8'), 'one\ntwo\n');
    const x = socat(k, ['-d', '-d', '-', `OPEN:${dir}/f,creat,excl`], { stdin: '' });
    assert.equal(await x.done, 1);
    assert.deepEqual(x.msgs().slice(1), [
      `N opening regular file "${dir}/f" for reading and writing`,
      `E open("${dir}/f", 0302, 0666): File exists`,
      'N exit(1)',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('TCP between namespaces: both directions, notices and descriptor numbers', async () => {
  const k = await twoHosts();
  const fromB = new Feed();
  const server = socat(k, ['-d', '-d', 'TCP-LISTEN:80', 'STDIO'], { netns: 'b', stdin: fromB });
  await realSleep(20);
  const fromA = new Feed();
  const client = socat(k, ['-d', '-d', 'STDIO', 'TCP:10.0.0.2:80'], { netns: 'a', stdin: fromA });
  fromA.push('from-a\n');
  fromB.push('from-b\n');
  fromB.push(null);
  await realSleep(50);
  fromA.push(null);
  assert.equal(await client.done, 0);
  assert.equal(await server.done, 0);
  assert.equal(client.out(), 'from-b\n');
  assert.equal(server.out(), 'from-a\n');
  const s = server.msgs();
  assert.equal(s[0], 'N listening on AF=2 0.0.0.0:80');
  assert.match(s[1]!, /^N accepting connection from AF=2 10\.0\.0\.1:\d+ on AF=2 10\.0\.0\.2:80$/);
  assert.deepEqual(s.slice(2, 4), ['N reading from and writing to stdio', 'N starting data transfer loop with FDs [6,6] and [0,1]']);
  assert.equal(s[s.length - 1], 'N exiting with status 0');
  const c = client.msgs();
  assert.deepEqual(c.slice(0, 2), ['N reading from and writing to stdio', 'N opening connection to AF=2 10.0.0.2:80']);
  assert.match(c[2]!, /^N successfully connected from local address AF=2 10\.0\.0\.1:\d+$/);
  assert.equal(c[3], 'N starting data transfer loop with FDs [0,1] and [5,5]');
});

test('fork serves one client after another; range= refuses others with a warning', async () => {
  const k = await twoHosts();
  const ac = new AbortController();
  const server = socat(k, ['TCP-LISTEN:7,fork,reuseaddr', 'PIPE'], { netns: 'b', signal: ac.signal });
  await realSleep(20);
  for (const word of ['first', 'second', 'third']) {
    const c = socat(k, ['-', 'TCP:10.0.0.2:7'], { netns: 'a', stdin: `${word}\n` });
    assert.equal(await c.done, 0);
    assert.equal(c.out(), `${word}\n`);
  }
  ac.abort('SIGTERM');
  assert.equal(await server.done, 143);
  assert.equal(server.err(), '');

  const ac2 = new AbortController();
  const guarded = socat(k, ['-d', 'TCP4-LISTEN:82,range=10.0.0.3/32', '-'], { netns: 'b', signal: ac2.signal });
  await realSleep(20);
  const c = socat(k, ['-', 'TCP:10.0.0.2:82'], { netns: 'a', stdin: 'hi\n' });
  assert.equal(await c.done, 0);
  assert.equal(c.out(), '');
  ac2.abort('SIGTERM');
  assert.equal(await guarded.done, 143);
  const m = guarded.msgs();
  assert.match(m[0]!, /^W refusing connection from AF=2 10\.0\.0\.1:\d+ due to range option$/);
  assert.equal(m[1], 'W exiting on signal 15');
});

test('connect errors: refused, and an unreachable neighbour reported from the error queue', async () => {
  const k = await twoHosts();
  const r = socat(k, ['-d', '-d', '-', 'TCP:10.0.0.2:81'], { netns: 'a' });
  assert.equal(await r.done, 1);
  assert.deepEqual(r.msgs().slice(1), [
    'N opening connection to AF=2 10.0.0.2:81',
    'W recvmsg(): Resource temporarily unavailable',
    'E connect(5, AF=2 10.0.0.2:81, 16): Connection refused',
    'N exit(1)',
  ]);
  const u = socat(k, ['-d', '-d', '-', 'TCP:10.0.0.9:80'], { netns: 'a' });
  assert.equal(await u.done, 1);
  assert.deepEqual(u.msgs().slice(2), [
    'N receiving packet from AF=2 10.0.0.9:80',
    'N received ICMP from 10.0.0.1, type 3, code 1, info 0, data 0, resulting in errno 113',
    'E connect(5, AF=2 10.0.0.9:80, 16): No route to host',
    'N exit(1)',
  ]);
  const t = socat(k, ['-', 'TCP:10.0.0.9:80,connect-timeout=0.5'], { netns: 'a' });
  assert.equal(await t.done, 1);
  assert.deepEqual(t.msgs(), ['E connecting to AF=2 10.0.0.9:80: Connection timed out']);
  const b = socat(k, ['-', 'TCP-LISTEN:80,bind=10.0.0.9'], { netns: 'a' });
  assert.equal(await b.done, 1);
  assert.deepEqual(b.msgs(), ['E bind(5, {AF=2 10.0.0.9:80}, 16): Cannot assign requested address']);
});

test('UDP: a closed port fails the next read; UDP-RECV prints each datagram with -d -d', async () => {
  const k = await twoHosts();
  const feed = new Feed();
  feed.push('x\n');
  const r = socat(k, ['-', 'UDP:10.0.0.2:5002'], { netns: 'a', stdin: feed });
  assert.equal(await r.done, 1);
  assert.match(r.msgs()[0]!, /^E read\(5, 0x[0-9a-f]+, 8192\): Connection refused$/);

  const ac = new AbortController();
  const recv = socat(k, ['-d', '-d', '-u', 'UDP-RECV:5001', 'STDOUT'], { netns: 'b', signal: ac.signal });
  await realSleep(20);
  assert.equal(await socat(k, ['-u', '-', 'UDP:10.0.0.2:5001'], { netns: 'a', stdin: 'd1\n' }).done, 0);
  const send = socat(k, ['-d', '-d', '-u', '-', 'UDP-SENDTO:10.0.0.2:5001'], { netns: 'a', stdin: 'd2\n' });
  assert.equal(await send.done, 0);
  assert.equal(send.msgs()[1], 'N successfully prepared local socket AF=2 0.0.0.0:0');
  assert.match(send.msgs()[3]!, /^N local address: AF=2 0\.0\.0\.0:\d+$/);
  await realSleep(20);
  ac.abort('SIGTERM');
  assert.equal(await recv.done, 143);
  assert.equal(recv.out(), 'd1\nd2\n');
  const got = recv.msgs().filter((m) => m.startsWith('N received packet'));
  assert.equal(got.length, 2);
  assert.match(got[0]!, /^N received packet with 3 bytes from AF=2 10\.0\.0\.1:\d+$/);
});

test('-T ends an idle transfer; SIGTERM with -d -d shows socat_signal()', async () => {
  const k = await twoHosts();
  const idle = new Feed();
  const srv = socat(k, ['-T', '1', 'TCP-LISTEN:90', 'STDIO'], { netns: 'b', stdin: idle });
  await realSleep(20);
  const feed = new Feed();
  const cl = socat(k, ['-d', '-d', '-T', '1', '-', 'TCP:10.0.0.2:90'], { netns: 'a', stdin: feed });
  assert.equal(await cl.done, 0);
  assert.ok(cl.msgs().includes('N inactivity timeout triggered'));
  assert.equal(await srv.done, 0);

  const ac = new AbortController();
  const l = socat(k, ['-d', '-d', 'TCP-LISTEN:91', '-'], { netns: 'b', signal: ac.signal });
  await realSleep(20);
  ac.abort('SIGTERM');
  assert.equal(await l.done, 143);
  assert.deepEqual(l.msgs(), [
    'N listening on AF=2 0.0.0.0:91',
    'N socat_signal(): handling signal 15',
    'W exiting on signal 15',
    'N socat_signal(): finishing signal 15',
    'N exit(143)',
  ]);
});
