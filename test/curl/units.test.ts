// curl's pieces on their own: the command line (bundles, prefixes, --no-, -o pairing, numeric
// errors), URL parsing (scheme guessing, ports, IPv4 number forms, dot segments, redirects),
// -w expansion, and the progress meter's columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParamError, parseArgs } from '../../src/tools/curl/options.js';
import { parseUrl, formatUrl, resolveLocation, requestTarget, ipv4Normalize } from '../../src/tools/curl/url.js';
import { writeOut, type TransferInfo } from '../../src/tools/curl/writeout.js';
import { max5data, time2str } from '../../src/tools/curl/progress.js';

const noData = () => undefined;

function paramError(args: string[]): string {
  try {
    parseArgs(args, noData);
  } catch (e) {
    assert.ok(e instanceof ParamError);
    return `${e.option}: ${e.text}`;
  }
  assert.fail(`no error for ${args.join(' ')}`);
}

test('options: bundles, arguments glued or separate, -o paired with URLs in order', () => {
  const c = parseArgs(['-sSfo', 'out1', 'http://a/', '-w%{http_code}', 'http://b/', '-o', 'out2', 'http://c/'], noData);
  assert.equal(c.silent, true);
  assert.equal(c.showError, true);
  assert.equal(c.fail, true);
  assert.equal(c.writeOut, '%{http_code}');
  assert.deepEqual(c.urls.map((u) => [u.url, u.outfile]), [['http://a/', 'out1'], ['http://b/', 'out2'], ['http://c/', undefined]]);
});

test('options: long prefixes, --no-, -d joined with &, timeouts in milliseconds', () => {
  const c = parseArgs(['--verb', '--no-silent', '-d', 'a=1', '--data-raw', '@b', '--connect-timeout', '1.5', '-m', '2', 'x'], noData);
  assert.equal(c.verbose, true);
  assert.equal(c.silent, false);
  assert.equal(c.data, 'a=1&@b');
  assert.equal(c.connectTimeoutMs, 1500);
  assert.equal(c.maxTimeMs, 2000);
});

test('options: the errors curl prints', () => {
  assert.equal(paramError(['--foo']), '--foo: is unknown');
  assert.equal(paramError(['-Z9']), '-Z9: is unknown');
  assert.equal(paramError(['--con']), '--con: is ambiguous');
  assert.equal(paramError(['-o']), '-o: requires parameter');
  assert.equal(paramError(['-so']), '-so: requires parameter');
  assert.equal(paramError(['--no-output', 'x']), "--no-output: used '--no-' for option that isn't a boolean");
  assert.equal(paramError(['--max-time', 'abc']), '--max-time: expected a proper numerical parameter');
  assert.equal(paramError(['--max-time', '-1']), '--max-time: expected a positive numerical parameter');
  assert.equal(paramError(['--max-redirs', 'x']), '--max-redirs: expected a proper numerical parameter');
});

test('URLs: guessed schemes, ports, hosts and paths as libcurl parses them', () => {
  const u = parseUrl('10.0.0.2:8000/a/./b/../c?x=1#frag')!;
  assert.equal(u.scheme, 'http');
  assert.equal(u.port, 8000);
  assert.equal(requestTarget(u), '/a/c?x=1');
  assert.equal(formatUrl(u), 'http://10.0.0.2:8000/a/c?x=1');
  assert.equal(parseUrl('ftp.example.com/x')!.scheme, 'ftp');
  assert.equal(parseUrl('HTTP://h/')!.scheme, 'http');
  assert.equal(parseUrl('http:///x')!.host, 'x');
  assert.equal(parseUrl('http://h:/')!.port, undefined);
  assert.equal(parseUrl('foo://h/')!.scheme, 'foo');
  assert.equal(parseUrl('http://127.1/')!.host, '127.0.0.1');
  assert.equal(parseUrl('http://0x7f.1/')!.host, '127.0.0.1');
  assert.equal(formatUrl(parseUrl('http://h:80')!), 'http://h/');
  for (const bad of ['http://', 'http://h:99999/', 'http://h:65536/', 'http://h:x/', 'http:////x', 'http://h/a b', 'http://a%b/']) {
    assert.equal(parseUrl(bad), undefined, bad);
  }
  assert.equal(ipv4Normalize('256.1.1.1'), undefined);
  assert.equal(ipv4Normalize('1.2.65535'), '1.2.255.255');
  assert.equal(ipv4Normalize('example'), undefined);
});

test('URLs: Location headers resolved against the current URL', () => {
  const base = parseUrl('http://10.0.0.2:8000/dir/page?q=1')!;
  assert.equal(formatUrl(resolveLocation(base, '/sub/')!), 'http://10.0.0.2:8000/sub/');
  assert.equal(formatUrl(resolveLocation(base, 'other')!), 'http://10.0.0.2:8000/dir/other');
  assert.equal(formatUrl(resolveLocation(base, '../up?z')!), 'http://10.0.0.2:8000/up?z');
  assert.equal(formatUrl(resolveLocation(base, '//h2/x')!), 'http://h2/x');
  assert.equal(formatUrl(resolveLocation(base, 'http://h3:81/y')!), 'http://h3:81/y');
});

function info(over: Partial<TransferInfo> = {}): TransferInfo {
  return {
    url: 'http://h/', urlEffective: 'http://h/', urlnum: 0, responseCode: 200, httpConnect: 0, httpVersion: '1.1',
    contentType: 'text/plain', errormsg: undefined, exitcode: 0, filenameEffective: undefined, localIp: '10.0.0.1',
    localPort: 40000, remoteIp: '10.0.0.2', remotePort: 80, method: 'GET', numConnects: 1, numHeaders: 2, numRedirects: 0,
    redirectUrl: undefined, referer: undefined, scheme: 'HTTP', sizeDownload: 6, sizeHeader: 50, sizeRequest: 70,
    sizeUpload: 0, speedDownload: 6000, speedUpload: 0, timeAppconnect: 0, timeConnect: 120, timeNamelookup: 10,
    timePretransfer: 130, timeRedirect: 0, timeStarttransfer: 900, timeTotal: 1500000,
    headers: [['Server', 'x'], ['Content-Type', 'text/plain']], ...over,
  };
}

function expand(fmt: string, i: TransferInfo): { out: string; err: string } {
  let out = '';
  let err = '';
  writeOut(fmt, i, (stream, t) => { if (stream === 'stdout') out += t; else err += t; }, (t) => { err += t; });
  return { out, err };
}

test('-w: variables, escapes, unknown names, %{onerror}, %{stderr}', () => {
  assert.deepEqual(expand('%{http_code} %{remote_ip}:%{remote_port} %{time_total} %header{content-type}\\t%%\\n', info()),
    { out: '200 10.0.0.2:80 1.500000 text/plain\t%\n', err: '' });
  assert.equal(expand('%{http_code}', info({ responseCode: 0 })).out, '000');
  assert.deepEqual(expand('a%{foo}b%z', info()), { out: 'ab%z', err: "curl: unknown --write-out variable: 'foo'\n" });
  assert.equal(expand('ok%{onerror}bad', info()).out, 'ok');
  assert.equal(expand('ok%{onerror} %{errormsg}', info({ exitcode: 7, errormsg: 'refused' })).out, 'ok refused');
  assert.deepEqual(expand('1%{stderr}2%{stdout}3', info()), { out: '13', err: '2' });
});

test('-w: %{json} and %{header_json}', () => {
  const j = JSON.parse(expand('%{json}', info()).out) as Record<string, unknown>;
  assert.equal(j.http_code, 200);
  assert.equal(j.content_type, 'text/plain');
  assert.equal(j.errormsg, null);
  assert.equal(j.time_total, 1.5);
  assert.equal(Object.keys(j).at(-1), 'curl_version');
  assert.equal(expand('%{header_json}', info()).out, '{"server":["x"],\n"content-type":["text/plain"]\n}');
});

test('progress meter columns', () => {
  assert.equal(max5data(0), '    0');
  assert.equal(max5data(99999), '99999');
  assert.equal(max5data(100000), '  97k');
  assert.equal(max5data(5 * 1024 * 1024 + 512 * 1024), '5632k');
  assert.equal(max5data(50 * 1024 * 1024 + 512 * 1024), '50.5M');
  assert.equal(time2str(0), '--:--:--');
  assert.equal(time2str(1), ' 0:00:01');
  assert.equal(time2str(3725), ' 1:02:05');
  assert.equal(time2str(100 * 3600), '  4d 04h');
});
