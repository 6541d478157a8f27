// http.server's pure helpers against what Python 3.11 gives: repr(), the log's escaping,
// translate_path(), guess_type() with the system's mime.types, the date formats, and which
// python3 command lines are http.server at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pyRepr, escapeControls, normpath, urlQuote, urlUnquote, pySplit } from '../../src/tools/python3/pystr.js';
import { translatePath, guessContentType, formatHttpDate, logDate } from '../../src/tools/python3/http_server.js';
import { moduleInvocation } from '../../src/tools/python3/main.js';

test('repr(), str.split() and the log escaping', () => {
  assert.equal(pyRepr('POST'), "'POST'");
  assert.equal(pyRepr("it's"), '"it\'s"');
  assert.equal(pyRepr('a\x16\\b\té\xa0'), "'a\\x16\\\\b\\té\\xa0'");
  assert.equal(escapeControls("code 400, message Bad request version ('\\x16')"), "code 400, message Bad request version ('\\\\x16')");
  assert.equal(escapeControls('"\x16\x03"'), '"\\x16\\x03"');
  assert.deepEqual(pySplit(' GET  /\t HTTP/1.1\r'), ['GET', '/', 'HTTP/1.1']);
});

test('translate_path(), quote() and unquote()', () => {
  assert.equal(translatePath('/sub/../hello.txt?x#y', '/srv'), '/srv/hello.txt');
  assert.equal(translatePath('/../../etc/passwd', '/srv'), '/srv/etc/passwd');
  assert.equal(translatePath('/a%20b/', '/srv'), '/srv/a b/');
  assert.equal(translatePath('/', '/srv'), '/srv/');
  assert.equal(normpath('//a//b/./c/..'), '//a/b');
  assert.equal(urlQuote('a b&c/é'), 'a%20b%26c/%C3%A9');
  assert.equal(urlUnquote('%2e%2e/%zz/%C3%A9'), '../%zz/é');
});

test('guess_type(): extensions_map first, then mimetypes (suffix and encoding maps)', () => {
  assert.equal(guessContentType('/x/hello.txt'), 'text/plain');
  assert.equal(guessContentType('/x/a.tar.gz'), 'application/gzip');
  assert.equal(guessContentType('/x/A.HTML'), 'text/html');
  assert.equal(guessContentType('/x/noext'), 'application/octet-stream');
  assert.equal(guessContentType('/x/.bashrc'), 'application/octet-stream');
  assert.equal(guessContentType('/x/a.tgz'), 'application/x-tar');
});

test('dates: the Date header and the log time', () => {
  const t = Date.UTC(2026, 10, 22, 10, 0, 5, 900);
  assert.equal(formatHttpDate(t), 'Sun, 22 Nov 2026 10:00:05 GMT');
  assert.equal(logDate(t, 'UTC'), '22/Nov/2026 10:00:05');
  assert.equal(logDate(t, 'Europe/Berlin'), '22/Nov/2026 11:00:05');
});

test('only [harmless flags] -m http.server is served here', () => {
  assert.deepEqual(moduleInvocation(['python3', '-m', 'http.server', '8000']), { module: 'http.server', args: ['8000'], unbuffered: false });
  assert.deepEqual(moduleInvocation(['python3', '-u', '-mhttp.server']), { module: 'http.server', args: [], unbuffered: true });
  assert.deepEqual(moduleInvocation(['python3', '-Bum', 'http.server', '-d', '/x']), { module: 'http.server', args: ['-d', '/x'], unbuffered: true });
  assert.equal(moduleInvocation(['python3', '-c', 'print(1)']), undefined);
  assert.equal(moduleInvocation(['python3', 'script.py', '-m', 'http.server']), undefined);
  assert.equal(moduleInvocation(['python3', '-W', 'ignore', '-m', 'http.server']), undefined);
});
