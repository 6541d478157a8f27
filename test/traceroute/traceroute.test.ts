// traceroute (2.1.2) on virtual time: the CLIF option parser's errors and exits as the real
// program gives them, the UDP and ICMP methods through a router, names from /etc/hosts
// without -n, !N from a router without a route, and a destination without a route at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel, must, routed } from '../datapath/helpers.js';

async function tr(k: Kernel, args: string, netns = 'a') {
  return k.exec(`traceroute ${args}`, { netns });
}

/** a (10.1.0.2) -- r (10.1.0.1 / 10.2.0.1) -- c (10.2.0.2) */
function line(): Promise<Kernel> {
  return routed(5);
}

const HEADER = 'traceroute to 10.2.0.2 (10.2.0.2), 30 hops max, 60 byte packets\n';

test('argument errors: messages and exit statuses of CLIF and main()', async () => {
  const k = new Kernel({ seed: 1 });
  const cases: [string, string, number][] = [
    ['-q 0 1.2.3.4', 'no more than 10 probes per hop\n', 2],
    ['-q0 1.2.3.4', 'no more than 10 probes per hop\n', 2],
    ['--queries=11 1.2.3.4', 'no more than 10 probes per hop\n', 2],
    ['--queries 0 1.2.3.4', "Option `--queries' (argc 1) requires an argument: `--queries=nqueries'\n", 2],
    ['-q', "Option `-q' (argc 1) requires an argument: `-q nqueries'\n", 2],
    ['-nq1 1.2.3.4', "Option `-q' (argc 1) requires an argument: `-q nqueries'\n", 2],
    ['-q x 1.2.3.4', "Cannot handle `-q' option with arg `x' (argc 2)\n", 2],
    ['-x 1.2.3.4', "Bad option `-x' (argc 1)\n", 2],
    ['--nosuch=3 1.2.3.4', "Bad option `--nosuch=3' (with arg `3') (argc 1)\n", 2],
    ['1.2.3.4 1 2', "Extra arg `2' (position 3, argc 3)\n", 2],
    ['1.2.3.4 abc', 'Cannot handle "packetlen" cmdline arg `abc\' on position 2 (argc 2)\n', 2],
    ['1.2.3.4 70000', 'too big packetlen 70000 specified\n', 2],
    ['-m 0 1.2.3.4', 'first hop out of range\n', 2],
    ['-f 5 -m 3 1.2.3.4', 'first hop out of range\n', 2],
    ['-m 300 1.2.3.4', 'max hops cannot be more than 255\n', 2],
    ['-w -1 1.2.3.4', "bad wait specifications `-1,0,0' used\n", 2],
    ['-w 1,x 1.2.3.4', "Cannot handle `-w' option with arg `1,x' (argc 2)\n", 2],
    ['-z -1 1.2.3.4', "bad sendtime `-1' specified\n", 2],
    ['-M foo 1.2.3.4', 'Unknown traceroute module foo\n', 2],
    ['-n', 'Specify "host" missing argument.\n', 2],
    ['nosuch.invalid', 'nosuch.invalid: Temporary failure in name resolution\nCannot handle "host" cmdline arg `nosuch.invalid\' on position 1 (argc 1)\n', 2],
    ['-V', 'Modern traceroute for Linux, version 2.1.2\nCopyright (c) 2016  Dmitry Butskoy,   License: GPL v2 or any later\n', 0],
  ];
  for (const [args, err, status] of cases) {
    const r = await k.exec(`traceroute ${args}`);
    assert.deepEqual([r.stdout, r.stderr, r.status], ['', err, status], args);
  }
  const help = await k.exec('traceroute');
  assert.equal(help.status, 0);
  assert.match(help.stderr, /^Usage:\n  traceroute \[ -46dFITnreAUDV \]/);
  assert.match(help.stderr, /\+     host          The host to traceroute to\n/);
  assert.equal((await k.exec('traceroute --help')).stderr, help.stderr);
});

test('UDP probes: hop names without -n, three probes a hop, the port unreachable ends it', async () => {
  const k = await line();
  const r = await tr(k, '10.2.0.2');
  assert.equal(r.status, 0);
  assert.equal(r.stdout.replace(/  \d+\.\d{3} ms/g, ''), HEADER + ' 1  10.1.0.1 (10.1.0.1)\n 2  10.2.0.2 (10.2.0.2)\n');
  assert.equal((r.stdout.match(/ ms/g) ?? []).length, 6);
  k.files.set('/etc/hosts', '127.0.0.1 localhost\n10.1.0.1 gw.example gw\n');
  const named = await tr(k, '-q 1 10.2.0.2');
  assert.match(named.stdout, /\n 1  gw\.example \(10\.1\.0\.1\)  \d+\.\d{3} ms\n/);
});

test('ICMP echo probes (-I), one UDP port (-U), -f and -m', async () => {
  const k = await line();
  const r = await tr(k, '-I -n -q 2 10.2.0.2');
  assert.equal(r.stdout.replace(/  \d+\.\d{3} ms/g, ''), HEADER + ' 1  10.1.0.1\n 2  10.2.0.2\n');
  const u = await tr(k, '-U -n -q 1 10.2.0.2');
  assert.equal(u.stdout.replace(/  \d+\.\d{3} ms/g, ''), HEADER + ' 1  10.1.0.1\n 2  10.2.0.2\n');
  // b's port unreachables are rate limited per destination: let its bucket refill.
  assert.equal((await k.exec('sleep 6')).status, 0);
  const f = await tr(k, '-n -q 1 -f 2 -m 2 -p 40000 10.2.0.2');
  assert.equal(f.stdout.replace(/  \d+\.\d{3} ms/g, ''), HEADER.replace('30 hops', '2 hops') + ' 2  10.2.0.2\n');
});

test('!N from a router without a route; no route at all is a connect() error', async () => {
  const k = await line();
  const r = await tr(k, '-n -q 1 10.9.9.9');
  assert.equal(r.stdout.replace(/  \d+\.\d{3} ms/g, ''), 'traceroute to 10.9.9.9 (10.9.9.9), 30 hops max, 60 byte packets\n 1  10.1.0.1 !N\n');
  await must(k, 'ip -n a route del default');
  const u = await tr(k, '-n 10.9.9.9');
  assert.deepEqual([u.stdout, u.stderr, u.status],
    ['traceroute to 10.9.9.9 (10.9.9.9), 30 hops max, 60 byte packets', '\nconnect: Network is unreachable\n', 1]);
  const i = await tr(k, '-I -n 10.9.9.9');
  assert.deepEqual([i.stdout, i.stderr, i.status], ['', '\nconnect: Network is unreachable\n', 1]);
});

test('packetlen: the header counts IP and the transport header, never less', async () => {
  const k = await line();
  assert.match((await tr(k, '-n -q 1 -m 1 10.2.0.2 28')).stdout, /30 hops max|1 hops max, 28 byte packets/);
  assert.match((await tr(k, '-n -q 1 -m 1 10.2.0.2 10')).stdout, /1 hops max, 28 byte packets/);
  assert.match((await tr(k, '-I -n -q 1 -m 1 10.2.0.2 100')).stdout, /1 hops max, 100 byte packets/);
});
