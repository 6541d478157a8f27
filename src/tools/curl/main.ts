// curl(1) 7.88.1 as Debian 12 ships it, for plain HTTP/1.x over the emulated TCP (src/tool_main.c,
// tool_operate.c: serial transfers, one per URL, sharing a connection and DNS cache; the
// error message "curl: (N) ..." unless -s without -S; -w after each transfer; the exit
// status of the last transfer).
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Process, Tool } from '../process.js';
import { ParamError, parseArgs, type CurlConfig } from './options.js';
import { parseUrl } from './url.js';
import { OutStream, StdoutStream } from './output.js';
import {
  CURLE_URL_MALFORMAT, CURLE_WRITE_ERROR, Killed, curlStrerror, transfer, type CurlSession,
} from './transfer.js';
import { writeOut, type TransferInfo } from './writeout.js';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

const HELP = `Usage: curl [options...] <url>
 -d, --data <data>          HTTP POST data
 -f, --fail                 Fail fast with no output on HTTP errors
 -h, --help <category>      Get help for commands
 -i, --include              Include protocol response headers in the output
 -o, --output <file>        Write to file instead of stdout
 -O, --remote-name          Write output to a file named as the remote file
 -s, --silent               Silent mode
 -T, --upload-file <file>   Transfer local FILE to destination
 -u, --user <user:password> Server user and password
 -A, --user-agent <name>    Send User-Agent <name> to server
 -v, --verbose              Make the operation more talkative
 -V, --version              Show version number and quit

This is not the full help, this menu is stripped into categories.
Use "--help category" to get an overview of all categories.
For all options use the manual or "--help all".
`;

const VERSION = `curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13
Release-Date: 2023-02-20, security patched: 7.88.1-10+deb12u14
Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp
Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd
`;

export const curl: Tool = async (p: Process): Promise<number> => {
  const args = p.argv.slice(1);
  if (args.length === 0) {
    p.stderr(TRY);
    return 2;
  }
  let stdinText: string | undefined;
  const readData = (name: string): string | undefined => {
    if (name === '-') return stdinText;
    try {
      return readFileSync(resolvePath(p.cwd, name), 'latin1');
    } catch {
      p.stderr(`Warning: Couldn't read data from file "${name}", this makes an empty \nWarning: POST.\n`);
      return '';
    }
  };
  // "@-" reads standard input: read it first when the command line asks for it.
  if (args.some((a) => a.endsWith('@-'))) stdinText = await p.readStdin();
  let cfg: CurlConfig;
  try {
    cfg = parseArgs(args, readData);
  } catch (e) {
    if (e instanceof ParamError) {
      p.stderr(`curl: option ${e.option}: ${e.text}\n${TRY}`);
      return 2;
    }
    throw e;
  }
  if (cfg.help) {
    p.stdout(HELP);
    return 0;
  }
  if (cfg.version) {
    p.stdout(VERSION);
    return 0;
  }
  if (cfg.head && cfg.data !== undefined && !cfg.get) {
    p.stderr('Warning: You can only select one HTTP request method! You asked for both POST \n' +
      'Warning: (-d, --data) and HEAD (-I, --head).\n');
    return 2;
  }
  if (cfg.urls.length === 0) {
    p.stderr(`curl: no URL specified!\n${TRY}`);
    return 2;
  }

  const stdoutTty = p.fdKind?.(1) === 'tty';
  // A terminal's stdout is line buffered; -N flushes every write.
  const stdout = new StdoutStream(p, cfg.noBuffer ? 'none' : stdoutTty ? 'line' : 'full');
  const rnd = p.kernel.random;
  const session: CurlSession = {
    p, cfg, stdout, meterOn: !cfg.silent && !cfg.noProgress, stdoutTty, conns: new Map(), nextConnId: 0,
    bundle: `0x55${rnd.u32().toString(16).padStart(8, '0').slice(0, 2)}${rnd.u32().toString(16).padStart(8, '0')}`,
    dns: new Set(),
  };
  const showError = !cfg.silent || cfg.showError;
  let status = 0;
  try {
    for (let n = 0; n < cfg.urls.length; n++) {
      const spec = cfg.urls[n]!;
      status = await runOne(session, spec.url, n, spec.outfile, spec.remoteName, showError);
    }
  } catch (e) {
    if (e instanceof Killed) return e.status;
    throw e;
  }
  for (const c of session.conns.values()) c.sock.close();
  stdout.flush();
  return status;
};

async function runOne(s: CurlSession, urlText: string, urlnum: number, outfile: string | undefined, remoteName: boolean,
  showError: boolean): Promise<number> {
  const { p, cfg } = s;
  const url = parseUrl(urlText, cfg.pathAsIs);
  if (!url) {
    if (cfg.verbose) p.stderr('* Closing connection -1\n');
    return finish(s, CURLE_URL_MALFORMAT, '', showError, emptyInfo(urlText, urlnum, CURLE_URL_MALFORMAT));
  }
  let file = outfile;
  if (remoteName) {
    // get_url_file_name(): the last part of the path.
    const name = url.path.slice(url.path.lastIndexOf('/') + 1);
    if (!name) {
      if (!cfg.silent) p.stderr('curl: Remote file name has no length!\n');
      return finish(s, CURLE_WRITE_ERROR, '', showError, emptyInfo(urlText, urlnum, CURLE_WRITE_ERROR));
    }
    file = decodeURIComponent(name);
  }
  const out = new OutStream(s.stdout, file, p.cwd);
  const dump = cfg.dumpHeader !== undefined ? new OutStream(s.stdout, cfg.dumpHeader, p.cwd) : undefined;
  let r;
  try {
    r = await transfer(s, urlText, url, urlnum, out, dump);
  } finally {
    out.close();
    dump?.close();
  }
  // An empty body still leaves an (empty) output file behind.
  if (r.code === 0 && !out.isStdout && !out.opened && !out.failed) {
    out.create();
    out.close();
  }
  return finish(s, r.code, r.error, showError, r.info);
}

/** post_per_transfer(): the error message, then -w. */
function finish(s: CurlSession, code: number, error: string, showError: boolean, info: TransferInfo): number {
  const { p, cfg } = s;
  if (code && showError) p.stderr(`curl: (${code}) ${error || curlStrerror(code)}\n`);
  // "Dump standard stream buffered data": the body is out before -w's text is buffered.
  s.stdout.flush();
  if (cfg.writeOut !== undefined) {
    writeOut(cfg.writeOut, info, (stream, text) => {
      if (stream === 'stdout') s.stdout.writeText(text);
      else p.stderr(text);
    }, (t) => p.stderr(t));
  }
  return code;
}

function emptyInfo(url: string, urlnum: number, code: number): TransferInfo {
  return {
    url, urlEffective: url, urlnum, responseCode: 0, httpConnect: 0, httpVersion: '0', contentType: undefined,
    errormsg: undefined, exitcode: code, filenameEffective: undefined, localIp: '', localPort: 0, remoteIp: '',
    remotePort: 0, method: 'GET', numConnects: 0, numHeaders: 0, numRedirects: 0, redirectUrl: undefined,
    referer: undefined, scheme: undefined, sizeDownload: 0, sizeHeader: 0, sizeRequest: 0, sizeUpload: 0,
    speedDownload: 0, speedUpload: 0, timeAppconnect: 0, timeConnect: 0, timeNamelookup: 0, timePretransfer: 0,
    timeRedirect: 0, timeStarttransfer: 0, timeTotal: 0, headers: [],
  };
}
