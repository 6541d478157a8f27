// nc's command line without a network: getopt() (permutation, clusters, "--"), the strtonum()
// messages, the cruft that picks host and ports, build_ports() and name resolution as glibc
// answers inside a namespace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../datapath/helpers.js';
import '../../src/tools/index.js';
import { HELP, USAGE, parseCommandLine, splitProxy, strtonum } from '../../src/tools/nc/options.js';
import { buildPorts } from '../../src/tools/nc/ports.js';
import { EAI_ADDRFAMILY, EAI_AGAIN, EAI_NONAME, EAI_SERVICE, getaddrinfo, getnameinfo, inetAton } from '../../src/tools/nc/resolve.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from '../../src/tools/nc/options.js';
import type { Process } from '../../src/tools/process.js';

const parse = (line: string) => parseCommandLine(['nc', ...line.split(' ').filter(Boolean)], 'nc', false);

function exitOf(line: string): { status: number; stderr: string } {
  const r = parse(line);
  assert.equal(r.kind, 'exit', line);
  return r.kind === 'exit' ? { status: r.status, stderr: r.stderr } : { status: -1, stderr: '' };
}

test('strtonum(): libbsd error strings', () => {
  assert.deepEqual(strtonum(' 42', 0, 100), { value: 42 });
  assert.deepEqual(strtonum('+7', 0, 100), { value: 7 });
  assert.equal(strtonum('', 0, 100).errstr, 'invalid');
  assert.equal(strtonum('1x', 0, 100).errstr, 'invalid');
  assert.equal(strtonum('0x10', 0, 100).errstr, 'invalid');
  assert.equal(strtonum('-1', 0, 100).errstr, 'too small');
  assert.equal(strtonum('99999999999999999999999', 0, 100).errstr, 'too large');
});

test('option errors: the messages main() exits 1 with', () => {
  const cases: [string, string][] = [
    ['-w abc h 1', 'nc: timeout invalid: abc\n'],
    ['-w 99999999 h 1', 'nc: timeout too large: 99999999\n'],
    ['-w -1 h 1', 'nc: timeout too small: -1\n'],
    ['-q abc h 1', 'nc: quit timer invalid: abc\n'],
    ['-W 0 h 1', 'nc: receive limit too small: 0\n'],
    ['-I 0 h 1', 'nc: TCP receive window too small: 0\n'],
    ['-O x h 1', 'nc: TCP send window invalid: x\n'],
    ['-i x h 1', 'nc: interval invalid: x\n'],
    ['-M 300 h 1', 'nc: ttl is too large\n'],
    ['-m x h 1', 'nc: minttl is invalid\n'],
    ['-T foo h 1', 'nc: illegal tos value foo\n'],
    ['-T 0x100 h 1', 'nc: illegal tos value 0x100\n'],
    ['-V 1 h 1', 'nc: no alternate routing table support available\n'],
    ['-X 6 h 1', 'nc: unsupported proxy protocol\n'],
    ['-S h 1', 'nc: Unable to read TCP MD5SIG password\n'],
    ['-x 1.2.3.4 -u h 1', 'nc: no proxy support for UDP mode\n'],
    ['-x 1.2.3.4 -l 1', 'nc: no proxy support for listen\n'],
    ['-x 1.2.3.4 -s 1.1.1.1 h 1', 'nc: no proxy support for local source address\n'],
    ['-x [1.2.3.4 h 1', 'nc: missing closing bracket in proxy\n'],
    ['-x [1.2.3.4]x h 1', 'nc: garbage proxy port delimiter\n'],
    ['-k h 1', 'nc: must use -l with -k\n'],
    ['-l -z 80', 'nc: cannot use -z and -l\n'],
    ['-l', 'nc: missing port number\n'],
    ['h', 'nc: missing port number\n'],
    ['-U -l', 'nc: missing socket pathname\n'],
    ['-U a b', 'nc: cannot use port with -U\n'],
    ['-F -U x', 'nc: cannot use -F and -U\n'],
    ['-Z -U x', 'nc: cannot use -Z and -U\n'],
  ];
  for (const [line, msg] of cases) assert.deepEqual(exitOf(line), { status: 1, stderr: msg }, line);
});

test('getopt(): unknown options and missing arguments, then the usage', () => {
  assert.deepEqual(exitOf('-Q h 1'), { status: 1, stderr: `nc: invalid option -- 'Q'\n${USAGE}` });
  assert.deepEqual(exitOf('-w'), { status: 1, stderr: `nc: option requires an argument -- 'w'\n${USAGE}` });
  // Without long options "--help" is a cluster starting with '-'.
  assert.deepEqual(exitOf('--help'), { status: 1, stderr: `nc: invalid option -- '-'\n${USAGE}` });
  // Options after operands count (argument permutation); "--" ends them.
  assert.deepEqual(exitOf('10.0.0.2 -5'), { status: 1, stderr: `nc: invalid option -- '5'\n${USAGE}` });
  const r = parseCommandLine(['nc', '--', 'h', '-5'], 'nc', false);
  assert.equal(r.kind, 'run');
  assert.deepEqual(r.kind === 'run' && r.ports, ['-5']);
  // POSIXLY_CORRECT: the first operand ends the options.
  const q = parseCommandLine(['nc', 'h', '1', '-v'], 'nc', true);
  assert.ok(q.kind === 'run' && !q.o.vflag && q.ports?.join() === '1,-v');
  // -h: the help text on stderr, status 0, whatever follows.
  assert.deepEqual(exitOf('-h -Q'), { status: 0, stderr: HELP });
  assert.match(HELP, /^OpenBSD netcat \(Debian patchlevel 1\.219-1\)\nusage: nc/);
});

test('the operands: host and ports, -l with -p/-s, and what is a usage error', () => {
  const ok = (line: string) => {
    const r = parse(line);
    assert.equal(r.kind, 'run', line);
    return r.kind === 'run' ? { host: r.host, ports: r.ports } : undefined;
  };
  assert.deepEqual(ok('-l 80'), { host: undefined, ports: ['80'] });
  assert.deepEqual(ok('-l -p 80'), { host: undefined, ports: ['80'] });
  assert.deepEqual(ok('-l -s 10.0.0.2 -p 81'), { host: '10.0.0.2', ports: ['81'] });
  assert.deepEqual(ok('-l 127.0.0.1 82'), { host: '127.0.0.1', ports: ['82'] });
  assert.deepEqual(ok('h 1 2 3'), { host: 'h', ports: ['1', '2', '3'] });
  for (const line of ['', '-z', '-l -p 80 10.0.0.2 80', '-l -s 10.0.0.9 84', '-l h 1 2', '-U'])
    assert.deepEqual(exitOf(line), { status: 1, stderr: USAGE }, line);
  const q = parse('-q 0 h 1');
  assert.ok(q.kind === 'run' && q.o.Nflag && q.o.qflag === 0, '-q 0 implies -N');
  const t = parse('-T lowdelay -T af41 h 1');
  assert.ok(t.kind === 'run' && t.o.Tflag === 0x88);
  assert.deepEqual(splitProxy('[::1]:8080'), { host: '::1', port: '8080' });
  assert.deepEqual(splitProxy('proxy'), { host: 'proxy', port: undefined });
});

test('build_ports(): services, ranges in either order, and strtoport() errors', () => {
  assert.deepEqual(buildPorts(['http', '22', '25-23', 'www'], 'tcp'), ['80', '22', '23', '24', '25', '80']);
  assert.deepEqual(buildPorts(['domain'], 'udp'), ['53']);
  assert.deepEqual(buildPorts(['abc'], 'tcp'), { error: 'port number invalid: abc' });
  assert.deepEqual(buildPorts(['0'], 'tcp'), { error: 'port number too small: 0' });
  assert.deepEqual(buildPorts(['70000'], 'tcp'), { error: 'port number too large: 70000' });
  assert.deepEqual(buildPorts(['80-abc'], 'tcp'), { error: 'port number invalid: abc' });
  assert.deepEqual(buildPorts(['abc-80'], 'tcp'), { error: 'port number invalid: abc-80' });
  assert.deepEqual(buildPorts(['22-'], 'tcp'), { error: 'port number invalid: ' });
  assert.deepEqual(buildPorts(['65535-65536'], 'tcp'), { error: 'port number too large: 65536' });
  // -r: a permutation of the same ports
  let seed = 7;
  const shuffled = buildPorts(['20-29'], 'tcp', (n) => (seed = (seed * 31 + 3) % 1009) % n) as string[];
  assert.notDeepEqual(shuffled, buildPorts(['20-29'], 'tcp'));
  assert.deepEqual([...shuffled].sort(), buildPorts(['20-29'], 'tcp'));
});

test('getaddrinfo()/getnameinfo(): numbers, /etc/hosts, and no DNS to ask', () => {
  const k = new Kernel({ seed: 1 });
  const p = { kernel: k } as unknown as Process;
  assert.equal(inetAton('127.1'), 0x7f000001);
  assert.equal(inetAton('0x7f000001'), 0x7f000001);
  assert.equal(inetAton('0177.0.0.1'), 0x7f000001);
  assert.equal(inetAton('256.0.0.1'), undefined);
  assert.equal(inetAton('1.2.3.4.5'), undefined);
  const tcp = { family: AF_UNSPEC, proto: 'tcp' };
  assert.deepEqual(getaddrinfo(p, '127.1', '80', tcp), [{ family: AF_INET, addr: 0x7f000001, port: 80 }]);
  assert.equal(getaddrinfo(p, '127.0.0.1', '80', { ...tcp, family: AF_INET6 }), EAI_ADDRFAMILY);
  assert.equal(getaddrinfo(p, 'nosuchhost', '80', tcp), EAI_AGAIN);
  assert.equal(getaddrinfo(p, 'localhost', '80', { ...tcp, numericHost: true }), EAI_NONAME);
  assert.equal(getaddrinfo(p, '127.0.0.1', 'nosuch', tcp), EAI_SERVICE);
  assert.deepEqual(getaddrinfo(p, undefined, 'http', { family: AF_INET, proto: 'tcp', passive: true }), [{ family: AF_INET, addr: 0, port: 80 }]);
  const lh = getaddrinfo(p, 'localhost', '22', tcp);
  assert.ok(Array.isArray(lh));
  assert.deepEqual(lh.map((a) => a.family), [AF_INET6, AF_INET], 'IPv6 first, then IPv4');
  assert.deepEqual(getnameinfo(p, { family: AF_INET, addr: 0x7f000001, port: 5000 }, false), { host: 'localhost', port: '5000' });
  assert.equal(getnameinfo(p, { family: AF_INET, addr: 0x0a000001, port: 5000 }, false), EAI_AGAIN);
  assert.deepEqual(getnameinfo(p, { family: AF_INET, addr: 0x0a000001, port: 5000 }, true), { host: '10.0.0.1', port: '5000' });
});
