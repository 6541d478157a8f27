// ping's loop on the world clock: virtual time advances by itself, Ctrl-C (the abort
// signal) ends with the statistics, wall time really waits, and the exit statuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoHosts, routed, runPing, Kernel, must, sh } from '../datapath/helpers.js';

test('virtual time: -c 3 takes 2 s of world time and no wall time', async () => {
  const k = await twoHosts();
  const t0 = k.clock.now();
  const w0 = performance.now();
  const r = await runPing(k, '-c 3 10.0.0.2', 'a');
  assert.equal(r.status, 0);
  assert.equal(k.clock.now() - t0, 2000);
  assert.ok(performance.now() - w0 < 1000);
  assert.match(r.stdout, /3 packets transmitted, 3 received, 0% packet loss, time 2000ms\nrtt min\/avg\/max\/mdev = 0\.000\/0\.000\/0\.000\/0\.000 ms\n$/);
});

test('Ctrl-C (abort) ends an endless ping with its statistics', async () => {
  const k = await twoHosts();
  const ac = new AbortController();
  k.clock.setTimeout(3500, () => ac.abort('SIGINT'));
  const r = await runPing(k, '10.0.0.2', 'a', ac.signal);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('64 bytes')).length, 4);
  assert.match(r.stdout, /\n--- 10\.0\.0\.2 ping statistics ---\n4 packets transmitted, 4 received, 0% packet loss, time 3000ms\n/);
});

test('Ctrl-C with no reply: exit status 1', async () => {
  const k = await twoHosts();
  const ac = new AbortController();
  k.clock.setTimeout(1500, () => ac.abort('SIGINT'));
  const r = await runPing(k, '10.0.0.9', 'a', ac.signal);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /2 packets transmitted, 0 received, 100% packet loss, time 1000ms/);
});

test('unreachable on-link host: errors after 3 s of ARP, pipe, exit 1', async () => {
  const k = await twoHosts();
  const t0 = k.clock.now();
  const r = await runPing(k, '-c 3 -i 0.2 10.0.0.9', 'a');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, 'PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.\n' +
    'From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n' +
    'From 10.0.0.1 icmp_seq=2 Destination Host Unreachable\n' +
    'From 10.0.0.1 icmp_seq=3 Destination Host Unreachable\n\n' +
    '--- 10.0.0.9 ping statistics ---\n' +
    '3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 400ms\npipe 3\n');
  // Three broadcast probes 1 s (+ timer-wheel slack) apart, then FAILED.
  assert.ok(k.clock.now() - t0 > 3000 && k.clock.now() - t0 < 3200);
});

test('-w deadline: exit 1 when fewer replies than -c came', async () => {
  const k = await routed(1, false);
  const r = await runPing(k, '-w 2 -c 5 10.2.0.2', 'a');
  assert.equal(r.status, 1);
  assert.match(r.stdout, /2 packets transmitted, 0 received, 100% packet loss, time 1000ms/);
});

test('errors before the PING line exit 2; usage errors 1 or 2', async () => {
  const k = await twoHosts();
  assert.deepEqual(await runPing(k, '-c 1 10.9.0.1', 'a'), { stdout: '', stderr: 'ping: connect: Network is unreachable\n', status: 2 });
  assert.deepEqual(await runPing(k, '-c 1 nowhere', 'a'), { stdout: '', stderr: 'ping: nowhere: Temporary failure in name resolution\n', status: 2 });
  assert.deepEqual(await runPing(k, '', 'a'), { stdout: '', stderr: 'ping: usage error: Destination address required\n', status: 1 });
  const bad = await runPing(k, '-Z 10.0.0.2', 'a');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^ping: invalid option -- 'Z'\n\nUsage\n  ping \[options\] <destination>\n/);
  assert.deepEqual(await runPing(k, '-V', 'a'), {
    stdout: 'ping from iputils 20221126\nlibcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n', stderr: '', status: 0,
  });
});

test('names from the emulated /etc/hosts, printed with the address', async () => {
  const k = await twoHosts();
  k.files.set('/etc/hosts', '127.0.0.1 localhost\n10.0.0.2 peer\n');
  const r = await runPing(k, '-c 1 peer', 'a');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^PING peer \(10\.0\.0\.2\) 56\(84\) bytes of data\.\n64 bytes from peer \(10\.0\.0\.2\): icmp_seq=1 ttl=64/);
  assert.match(r.stdout, /--- peer ping statistics ---/);
  const n = await runPing(k, '-n -c 1 peer', 'a');
  assert.match(n.stdout, /64 bytes from 10\.0\.0\.2: icmp_seq=1/);
});

test('wall time: the interval is really waited for', async () => {
  const k = new Kernel({ seed: 3, time: 'wall' });
  await must(k, 'ip link set lo up');
  const w0 = performance.now();
  const r = await runPing(k, '-c 3 -i 0.05 127.0.0.1');
  const took = performance.now() - w0;
  assert.equal(r.status, 0);
  assert.ok(took >= 95, `took ${took} ms`);
  assert.match(r.stdout, /3 packets transmitted, 3 received, 0% packet loss, time 1\d\dms/);
});

test('ping -6 over the IPv6 stack: ::1 and a link-local neighbour', async () => {
  const k = await twoHosts();
  const lo = await runPing(k, '-6 -c 1 ::1', 'a');
  assert.equal(lo.status, 0);
  assert.match(lo.stdout, /^PING ::1\(::1\) 56 data bytes\n64 bytes from ::1: icmp_seq=1 ttl=64 time=0\.000 ms\n/);
  k.clock.advance(3000); // DAD
  const ll = (await sh(k, 'ip -n b -6 -o addr show dev eth0 scope link')).stdout.match(/inet6 (fe80::[0-9a-f:]+)\//)![1]!;
  const r = await runPing(k, `-c 1 ${ll}%eth0`, 'a');
  assert.equal(r.status, 0);
  assert.match(r.stdout, new RegExp(`^PING ${ll}%eth0\\(${ll}%eth0\\) 56 data bytes\\n64 bytes from ${ll}%eth0: icmp_seq=1 ttl=64`));
  const bad = await runPing(k, '-4 -c 1 ::1', 'a');
  assert.deepEqual(bad, { stdout: '', stderr: 'ping: ::1: Address family for hostname not supported\n', status: 2 });
});
