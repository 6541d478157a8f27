// One URL's transfer as libcurl 7.88.1 performs it for the curl tool: resolve, a non-blocking
// connect bounded by --connect-timeout and --max-time (lib/connect.c, cf-socket.c), the
// HTTP/1.x request (lib/http.c Curl_http()), the response's status line, headers and body
// (Curl_http_readwrite_headers(), content length, chunked, read-until-close), redirects
// (-L), connection reuse between requests to the same host, and the failf()/infof() texts
// that -v and the error message show.
import type { Process } from '../process.js';
import { Socket, AF_INET, SOCK_STREAM, POLLOUT, POLLIN, POLLHUP, POLLERR } from '../../kernel/socket.js';
import {
  strerror, EAGAIN, ETIMEDOUT, ECONNREFUSED, ECONNRESET, EPIPE, ENODEV, EADDRNOTAVAIL,
} from '../../kernel/errno.js';
import { formatIPv4, parseIPv4 } from '../../wire/inet.js';
import { constants as osConstants } from 'node:os';
import type { CurlConfig } from './options.js';
import { type CurlUrl, formatUrl, isBuiltinScheme, requestTarget, resolveLocation, urlPort, defaultPort } from './url.js';
import { resolveHost } from './resolve.js';
import { ProgressMeter } from './progress.js';
import type { OutStream, StdoutStream } from './output.js';
import type { TransferInfo } from './writeout.js';

export const USER_AGENT = 'curl/7.88.1';

// CURLcode values the transfer returns.
export const CURLE_OK = 0, CURLE_UNSUPPORTED_PROTOCOL = 1, CURLE_URL_MALFORMAT = 3,
  CURLE_COULDNT_RESOLVE_HOST = 6, CURLE_COULDNT_CONNECT = 7, CURLE_WEIRD_SERVER_REPLY = 8,
  CURLE_PARTIAL_FILE = 18, CURLE_HTTP_RETURNED_ERROR = 22, CURLE_WRITE_ERROR = 23,
  CURLE_OPERATION_TIMEDOUT = 28, CURLE_SSL_CONNECT_ERROR = 35, CURLE_INTERFACE_FAILED = 45,
  CURLE_TOO_MANY_REDIRECTS = 47, CURLE_GOT_NOTHING = 52, CURLE_SEND_ERROR = 55, CURLE_RECV_ERROR = 56;

/** curl_easy_strerror() */
export function curlStrerror(code: number): string {
  const t: Record<number, string> = {
    0: 'No error', 1: 'Unsupported protocol', 2: 'Failed initialization',
    3: 'URL using bad/illegal format or missing URL', 6: "Couldn't resolve host name",
    7: "Couldn't connect to server", 8: 'Weird server reply', 18: 'Transferred a partial file',
    22: 'HTTP response code said error', 23: 'Failed writing received data to disk/application',
    26: 'Failed to open/read local data from file/application', 28: 'Timeout was reached',
    35: 'SSL connect error', 45: 'Failed binding local connection end',
    47: 'Number of redirects hit maximum amount', 52: 'Server returned nothing (no headers, no data)',
    55: 'Failed sending data to the peer', 56: 'Failure when receiving data from the peer',
  };
  return t[code] ?? 'Unknown error';
}

/** The process was killed while waiting (curl has no handler for SIGINT/SIGTERM). */
export class Killed extends Error {
  constructor(readonly status: number) {
    super('killed');
  }
}

/** A connection in curl's connection cache. */
export interface Connection {
  id: number;
  sock: Socket;
  key: string;
  host: string;
  ip: string;
  port: number;
  /** Bytes received but not consumed yet. */
  rest: Uint8Array;
}

/** What stays between the transfers of one curl run. */
export interface CurlSession {
  p: Process;
  cfg: CurlConfig;
  stdout: StdoutStream;
  /** The progress meter is drawn at all (not -s, not --no-progress-meter). */
  meterOn: boolean;
  /** Standard output is a terminal. */
  stdoutTty: boolean;
  conns: Map<string, Connection>;
  nextConnId: number;
  /** The address of the connection bundle as -v shows it. */
  bundle: string;
  /** The DNS cache: "host:port" entries resolved before. */
  dns: Set<string>;
}

export interface TransferResult {
  code: number;
  error: string;
  info: TransferInfo;
}

const enc = new TextEncoder();
const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Outcome of one request on a connection. */
interface Response {
  code: number;
  version: number;
  headers: [string, string][];
  location?: string;
  close: boolean;
}

class Fail extends Error {
  constructor(readonly code: number, readonly msg: string) {
    super(msg);
  }
}

/** Runs one URL. `out` is where the body goes; `header` the -D stream, if any. */
export async function transfer(s: CurlSession, urlText: string, url: CurlUrl, urlnum: number, out: OutStream,
  dump: OutStream | undefined): Promise<TransferResult> {
  const { p, cfg } = s;
  const clock = p.kernel.clock;
  const now = () => clock.now();
  const start = now();
  const verbose = (line: string) => { if (cfg.verbose) p.stderr(line); };
  // Output to a terminal switches the meter off, and with it -v's "{ [N bytes data]" notes.
  const toTty = s.stdoutTty && out.isStdout;
  const meter = new ProgressMeter(now, (t) => p.stderr(t), !s.meterOn || toTty);
  meter.startNow();
  const deadline = cfg.maxTimeMs > 0 ? start + cfg.maxTimeMs : undefined;
  const info: TransferInfo = {
    url: urlText, urlEffective: formatUrl(url), urlnum, responseCode: 0, httpConnect: 0, httpVersion: '0',
    contentType: undefined, errormsg: undefined, exitcode: 0,
    filenameEffective: out.isStdout ? undefined : out.file, localIp: '', localPort: 0, remoteIp: '', remotePort: 0,
    method: 'GET', numConnects: 0, numHeaders: 0, numRedirects: 0, redirectUrl: undefined, referer: cfg.referer,
    scheme: undefined, sizeDownload: 0, sizeHeader: 0, sizeRequest: 0, sizeUpload: 0, speedDownload: 0,
    speedUpload: 0, timeAppconnect: 0, timeConnect: 0, timeNamelookup: 0, timePretransfer: 0, timeRedirect: 0,
    timeStarttransfer: 0, timeTotal: 0, headers: [],
  };
  const us = () => Math.max(1, Math.round((now() - start) * 1000));
  // failf(): the error buffer, and a "* " line for -v.
  const fail = (code: number, msg: string): never => {
    verbose(`* ${msg}\n`);
    throw new Fail(code, msg);
  };
  const signo = () => (osConstants.signals as Record<string, number>)[String(p.signal.reason)] ?? 15;
  const checkKilled = () => { if (p.signal.aborted) throw new Killed(128 + signo()); };

  let cur = url;
  let method = cfg.request ?? (cfg.head ? 'HEAD' : cfg.data !== undefined && !cfg.get ? 'POST' : 'GET');
  let postData = cfg.data !== undefined && !cfg.get ? cfg.data : undefined;
  if (cfg.data !== undefined && cfg.get) {
    cur = { ...cur, query: cur.query !== undefined ? `${cur.query}&${cfg.data}` : cfg.data };
    info.urlEffective = formatUrl(cur);
  }
  info.method = method;
  let http10 = cfg.httpVersion === '1.0';
  let result = CURLE_OK;
  let errorText = '';
  let conn: Connection | undefined;
  let wroteBody = false;

  if (!isBuiltinScheme(cur.scheme)) {
    // findprotocol(): before anything starts, so no meter either.
    const msg = `Protocol "${cur.scheme}" not supported or disabled in libcurl`;
    verbose(`* ${msg}\n* Closing connection -1\n`);
    info.exitcode = CURLE_UNSUPPORTED_PROTOCOL;
    info.errormsg = msg;
    return { code: CURLE_UNSUPPORTED_PROTOCOL, error: msg, info };
  }
  try {
    for (;;) {
      checkKilled();
      const port = urlPort(cur);
      const key = `${cur.scheme}://${cur.host.toLowerCase()}:${port}`;
      conn = s.conns.get(key);
      if (conn && (conn.sock.revents() & (POLLIN | POLLHUP | POLLERR)) !== 0 && conn.rest.length === 0) {
        // The server closed it meanwhile: a dead connection is not reused.
        conn.sock.close();
        s.conns.delete(key);
        conn = undefined;
      }
      if (conn) {
        s.conns.delete(key);
        meter.update();
        verbose(`* Found bundle for host: ${s.bundle} [serially]\n* Can not multiplex, even if we wanted to\n` +
          `* Re-using existing connection #${conn.id} with host ${cur.host}\n`);
        info.timeNamelookup = info.timeConnect = us();
      } else {
        conn = await connect(cur, port, key);
        info.numConnects++;
      }
      info.remoteIp = conn.ip;
      info.remotePort = conn.port;
      const local = conn.sock.getsockname();
      info.localIp = formatIPv4(local.addr);
      info.localPort = local.port;
      if (cur.scheme === 'https') await tlsHandshake(conn, cur, port);
      if (cur.scheme !== 'http') {
        fail(CURLE_UNSUPPORTED_PROTOCOL, `Protocol "${cur.scheme}" not supported or disabled in libcurl`);
      }
      info.scheme = 'HTTP';
      const resp = await request(conn, cur, method, postData, http10);
      if (resp.version === 10) http10 = true;
      // multi_done(): the meter's last line, then keep or close the connection.
      meter.done();
      if (resp.close) {
        verbose(`* Closing connection ${conn.id}\n`);
        conn.sock.close();
      } else {
        verbose(`* Connection #${conn.id} to host ${cur.host} left intact\n`);
        s.conns.set(conn.key, conn);
      }
      conn = undefined;
      const redirect = resp.code >= 300 && resp.code < 400 && resp.location !== undefined;
      if (redirect) {
        const next = resolveLocation(cur, resp.location!);
        if (next) info.redirectUrl = formatUrl(next);
        if (cfg.location && next) {
          if (info.numRedirects >= cfg.maxRedirs && cfg.maxRedirs >= 0) {
            fail(CURLE_TOO_MANY_REDIRECTS, `Maximum (${cfg.maxRedirs}) redirects followed`);
          }
          info.numRedirects++;
          info.redirectUrl = undefined;
          verbose(`* Issue another request to this URL: '${formatUrl(next)}'\n`);
          if ((resp.code === 301 || resp.code === 302 || resp.code === 303) && method === 'POST' && cfg.request === undefined) {
            verbose('* Switch from POST to GET\n');
            method = 'GET';
            postData = undefined;
            info.method = method;
          }
          const sameHost = next.host.toLowerCase() === cur.host.toLowerCase();
          cur = next;
          info.urlEffective = formatUrl(cur);
          info.timeRedirect = us();
          void sameHost;
          continue;
        }
      }
      break;
    }
    if (out.failed) fail(CURLE_WRITE_ERROR, 'Failure writing output to destination');
  } catch (e) {
    if (e instanceof Killed) throw e;
    if (!(e instanceof Fail)) throw e;
    result = e.code;
    errorText = e.msg;
    // A failed name lookup leaves the meter's line unfinished.
    if (e.code !== CURLE_COULDNT_RESOLVE_HOST) meter.done();
    if (conn) {
      // Curl_done() on an error: the connection goes.
      verbose(`* Closing connection ${conn.id}\n`);
      conn.sock.close();
      conn = undefined;
    }
  }
  void wroteBody;
  info.exitcode = result;
  info.errormsg = result ? errorText : undefined;
  info.timeTotal = us();
  const spent = Math.max(1, now() - start);
  info.speedDownload = Math.floor((info.sizeDownload * 1000) / spent);
  info.speedUpload = Math.floor((info.sizeUpload * 1000) / spent);
  return { code: result, error: errorText, info };

  // -------------------------------------------------------------------------------------
  // Connect (Curl_connect(), cf_socket_connect()): one IPv4 address after the other.

  async function connect(u: CurlUrl, port: number, key: string): Promise<Connection> {
    const id = s.nextConnId++;
    const connRef: Connection = { id, sock: undefined as unknown as Socket, key, host: u.host, ip: '', port, rest: new Uint8Array(0) };
    conn = undefined;
    const bracket = u.host.startsWith('[');
    const dnsKey = `${u.host.toLowerCase()}:${port}`;
    // A cached name is found at once; a new one is looked up while the meter starts.
    if (s.dns.has(dnsKey)) verbose(`* Hostname ${u.host} was found in DNS cache\n`);
    meter.update();
    const addrs = bracket ? undefined : resolveHost(p, u.host, port, cfg.resolve);
    if (addrs) s.dns.add(dnsKey);
    info.timeNamelookup = us();
    if (bracket) {
      // IPv6 literal: this kernel has no IPv6 sockets.
      const ip6 = u.host.slice(1, -1);
      verbose(`*   Trying ${u.host}:${port}...\n`);
      verbose(`* Immediate connect fail for ${ip6}: ${strerror(97)}\n`);
      conn = connRef;
      connRef.sock = { close() { /* nothing opened */ } } as unknown as Socket;
      fail(CURLE_COULDNT_CONNECT, `Failed to connect to ${u.host.slice(1, -1)} port ${port} after ${elapsed()} ms: ${curlStrerror(CURLE_COULDNT_CONNECT)}`);
    }
    if (!addrs) {
      // Resolving failed: the meter is not finished (no Curl_pgrsDone()).
      connRef.sock = { close() { /* nothing opened */ } } as unknown as Socket;
      conn = connRef;
      fail(CURLE_COULDNT_RESOLVE_HOST, `Could not resolve host: ${u.host}`);
    }
    const connectDeadline = start + (cfg.connectTimeoutMs > 0 ? cfg.connectTimeoutMs : 300000);
    // Which timer fires first decides the message (multi_handle_timeout() or the filter's).
    const byMaxTime = deadline !== undefined && deadline <= connectDeadline;
    const until = byMaxTime ? deadline! : connectDeadline;
    let lastErr = 0;
    for (const addr of addrs!) {
      const ip = formatIPv4(addr);
      verbose(`*   Trying ${ip}:${port}...\n`);
      const sock = Socket.open(p.netns, AF_INET, SOCK_STREAM);
      if (typeof sock === 'number') {
        lastErr = sock;
        continue;
      }
      connRef.sock = sock;
      connRef.ip = ip;
      conn = connRef;
      if (cfg.iface !== undefined) bindInterface(sock, cfg.iface);
      if (cfg.localPort !== undefined) {
        const lp = Number(cfg.localPort.split('-')[0]);
        if (Number.isInteger(lp)) sock.bind({ addr: 0, port: lp });
      }
      sock.setsockopt('TCP_NODELAY', 1);
      sock.setsockopt('SO_KEEPALIVE', 1);
      const t0 = now();
      let e = await sock.connect({ addr, port }, { signal: p.signal, timeoutMs: 0 });
      checkKilled();
      // connect() refused at once (no route, a local rule) versus an answer from the network
      // (a reset, an ICMP error) that a loopback or veth peer may give within the call.
      const immediate = e !== 0 && e !== ETIMEDOUT && e !== ECONNREFUSED && now() === t0;
      if (e === ETIMEDOUT) {
        // EINPROGRESS: wait for writability, a second at a time for the meter.
        for (;;) {
          const left = until - now();
          if (left <= 0) {
            if (byMaxTime) fail(CURLE_OPERATION_TIMEDOUT, `Connection timed out after ${elapsed()} milliseconds`);
            verbose(`* ipv4 connect timeout after ${Math.floor(until - start)}ms, move on!\n`);
            fail(CURLE_OPERATION_TIMEDOUT, `Failed to connect to ${u.host} port ${port} after ${elapsed()} ms: ${curlStrerror(CURLE_OPERATION_TIMEDOUT)}`);
          }
          const ev = await sock.poll(POLLOUT, { signal: p.signal, timeoutMs: Math.min(left, 1000) });
          checkKilled();
          if (ev !== 0) break;
          meter.update();
        }
        e = sock.soError();
      } else if (immediate) {
        verbose(`* Immediate connect fail for ${ip}: ${strerror(e)}\n`);
        lastErr = e;
        sock.close();
        continue;
      }
      if (e === 0) {
        verbose(`* Connected to ${u.host} (${ip}) port ${port} (#${id})\n`);
        info.timeConnect = us();
        return connRef;
      }
      verbose(`* connect to ${ip} port ${port} failed: ${strerror(e)}\n`);
      lastErr = e;
      sock.close();
    }
    const code = lastErr === ETIMEDOUT ? CURLE_OPERATION_TIMEDOUT : CURLE_COULDNT_CONNECT;
    fail(code, `Failed to connect to ${u.host} port ${port} after ${elapsed()} ms: ${curlStrerror(CURLE_COULDNT_CONNECT)}`);
    throw new Error('unreachable');
  }

  /** --interface: a device name (SO_BINDTODEVICE) or a local address (bind()). */
  function bindInterface(sock: Socket, name: string): void {
    const spec = name.replace(/^(if!|host!)/, '');
    const a = parseIPv4(spec);
    if (a !== undefined) {
      const e = sock.bind({ addr: a, port: 0 });
      if (e) fail(CURLE_INTERFACE_FAILED, `bind failed with errno ${e}: ${strerror(e)}`);
      return;
    }
    const e = sock.setsockopt('SO_BINDTODEVICE', spec);
    if (e === ENODEV) {
      verbose(`* Could not resolve host: ${spec}\n* Couldn't bind to '${spec}'\n`);
      fail(CURLE_INTERFACE_FAILED, `Failed to connect to ${cur.host} port ${urlPort(cur)} after ${elapsed()} ms: ${curlStrerror(CURLE_INTERFACE_FAILED)}`);
    }
    if (e === EADDRNOTAVAIL) fail(CURLE_INTERFACE_FAILED, `bind failed with errno ${e}: ${strerror(e)}`);
  }

  function elapsed(): number {
    return Math.floor(now() - start);
  }

  // -------------------------------------------------------------------------------------
  // Receiving, bounded by --max-time.

  /** More bytes into c.rest: false at end of file. */
  async function fill(c: Connection, got: () => number, expected: () => number): Promise<boolean> {
    for (;;) {
      const left = deadline !== undefined ? deadline - now() : undefined;
      if (left !== undefined && left <= 0) timeoutFail(got(), expected());
      const r = await c.sock.recv(16384, { signal: p.signal, timeoutMs: Math.min(left ?? 1000, 1000) });
      checkKilled();
      if (r === -EAGAIN) {
        meter.update();
        continue;
      }
      if (typeof r === 'number') {
        if (-r === ECONNRESET || -r === EPIPE || -r === ETIMEDOUT) fail(CURLE_RECV_ERROR, `Recv failure: ${strerror(-r)}`);
        fail(CURLE_RECV_ERROR, `Recv failure: ${strerror(-r)}`);
      }
      const data = r as Uint8Array;
      if (data.length === 0) return false;
      c.rest = c.rest.length ? Buffer.concat([c.rest, data]) : data;
      return true;
    }
  }

  function timeoutFail(got: number, size: number): never {
    if (size >= 0) fail(CURLE_OPERATION_TIMEDOUT, `Operation timed out after ${elapsed()} milliseconds with ${got} out of ${size} bytes received`);
    return fail(CURLE_OPERATION_TIMEDOUT, `Operation timed out after ${elapsed()} milliseconds with ${got} bytes received`);
  }

  // -------------------------------------------------------------------------------------
  // TLS: the ClientHello goes out; nothing here can finish a handshake.

  async function tlsHandshake(c: Connection, u: CurlUrl, port: number): Promise<void> {
    verbose('* ALPN: offers h2,http/1.1\n');
    const hello = clientHello(p, u.host);
    verbose('} [5 bytes data]\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n} [512 bytes data]\n' +
      '*  CAfile: /etc/ssl/certs/ca-certificates.crt\n*  CApath: /etc/ssl/certs\n');
    const n = await c.sock.send(hello, undefined, { signal: p.signal });
    checkKilled();
    if (n < 0) fail(CURLE_SSL_CONNECT_ERROR, `Send failure: ${strerror(-n)}`);
    const more = await fill(c, () => 0, () => -1);
    if (!more) fail(CURLE_SSL_CONNECT_ERROR, `OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${u.host}:${port} `);
    verbose('{ [5 bytes data]\n');
    fail(CURLE_SSL_CONNECT_ERROR, 'OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version number');
  }

  // -------------------------------------------------------------------------------------
  // HTTP (Curl_http(), Curl_http_readwrite_headers(), readwrite_data()).

  async function request(c: Connection, u: CurlUrl, m: string, body: string | undefined, v10: boolean): Promise<Response> {
    const req = buildRequest(u, m, body, v10);
    const authUser = cfg.user !== undefined ? cfg.user.split(':')[0] : u.user !== undefined ? decodeURIComponent(u.user) : undefined;
    if (authUser !== undefined) verbose(`* Server auth using Basic with user '${authUser}'\n`);
    for (const line of req.head.split(/(?<=\r\n)/)) verbose(`> ${line}`);
    const bytes = body !== undefined ? Buffer.concat([enc.encode(req.head), enc.encode(body)]) : enc.encode(req.head);
    const n = await c.sock.send(bytes, undefined, { signal: p.signal });
    checkKilled();
    if (n < 0) fail(CURLE_SEND_ERROR, `Send failure: ${strerror(-n)}`);
    info.sizeRequest += req.head.length + (body?.length ?? 0);
    if (body !== undefined) {
      info.sizeUpload += body.length;
      meter.uploaded = info.sizeUpload;
      meter.sizeUl = body.length;
      verbose(`} [${body.length} bytes data]\n`);
    }
    info.timePretransfer = us();
    meter.update();

    // Status line and headers.
    let resp: Response | undefined;
    let gotAny = false;
    let size = -1;
    let chunked = false;
    let contentTypeSeen: string | undefined;
    for (;;) {
      // One header line.
      let nl = c.rest.indexOf(0x0a);
      while (nl < 0) {
        if (!gotAny && c.rest.length >= 5 && !latin1(c.rest.subarray(0, 5)).startsWith('HTTP/')) break;
        if (!await fill(c, () => 0, () => -1)) {
          if (!gotAny && c.rest.length === 0) fail(CURLE_GOT_NOTHING, 'Empty reply from server');
          if (!gotAny && !latin1(c.rest).startsWith('HTTP/'.slice(0, c.rest.length))) fail(CURLE_UNSUPPORTED_PROTOCOL, 'Received HTTP/0.9 when not allowed');
          fail(CURLE_WEIRD_SERVER_REPLY, 'Weird server reply');
        }
        if (!info.timeStarttransfer) info.timeStarttransfer = us();
        nl = c.rest.indexOf(0x0a);
      }
      if (!gotAny && !latin1(c.rest.subarray(0, Math.min(5, c.rest.length))).startsWith('HTTP/'.slice(0, Math.min(5, c.rest.length)))) {
        fail(CURLE_UNSUPPORTED_PROTOCOL, 'Received HTTP/0.9 when not allowed');
      }
      const rawLine = latin1(c.rest.subarray(0, nl + 1));
      c.rest = c.rest.subarray(nl + 1);
      info.sizeHeader += rawLine.length;
      const line = rawLine.replace(/\r?\n$/, '');
      if (!resp) {
        gotAny = true;
        const st = /^HTTP\/(1\.[01]|[23](?:\.0)?) (\d{3})/.exec(line);
        if (!st) {
          if (line.startsWith('HTTP/')) fail(CURLE_UNSUPPORTED_PROTOCOL, 'Unsupported HTTP version in response');
          fail(CURLE_UNSUPPORTED_PROTOCOL, 'Received HTTP/0.9 when not allowed');
        }
        const version = st![1] === '1.0' ? 10 : st![1] === '1.1' ? 11 : Number(st![1]![0]) * 10;
        resp = { code: Number(st![2]), version, headers: [], close: version === 10 };
        info.responseCode = resp.code;
        info.httpVersion = version === 10 ? '1' : version === 11 ? '1.1' : String(version / 10);
        info.headers = [];
        info.numHeaders = 0;
        if (version === 10) verbose('* HTTP 1.0, assume close after body\n');
        verbose(`< ${rawLine}`);
        writeHeader(rawLine);
        continue;
      }
      if (line === '') {
        // End of the headers.
        if (resp.code >= 100 && resp.code < 200) {
          verbose(`< ${rawLine}`);
          writeHeader(rawLine);
          resp = undefined;
          gotAny = false;
          continue;
        }
        if (cfg.fail && resp.code >= 400) {
          fail(CURLE_HTTP_RETURNED_ERROR, `The requested URL returned error: ${resp.code}`);
        }
        verbose(`< ${rawLine}`);
        writeHeader(rawLine);
        break;
      }
      verbose(`< ${rawLine}`);
      writeHeader(rawLine);
      const colon = line.indexOf(':');
      if (colon > 0) {
        const name = line.slice(0, colon);
        const value = line.slice(colon + 1).trim();
        resp.headers.push([name, value]);
        info.headers.push([name, value]);
        info.numHeaders++;
        const lname = name.toLowerCase();
        if (lname === 'content-length' && /^\d+$/.test(value)) size = Number(value);
        else if (lname === 'content-type') contentTypeSeen = value;
        else if (lname === 'location') resp.location = value;
        else if (lname === 'transfer-encoding' && /chunked/i.test(value)) chunked = true;
        else if (lname === 'connection') {
          if (/close/i.test(value)) resp.close = true;
          else if (/keep-alive/i.test(value)) resp.close = false;
        }
      }
    }
    info.contentType = contentTypeSeen;
    if (!info.timeStarttransfer) info.timeStarttransfer = us();

    // The body.
    const noBody = cfg.head || resp.code === 204 || resp.code === 304 || (resp.code >= 100 && resp.code < 200);
    const following = cfg.location && resp.code >= 300 && resp.code < 400 && resp.location !== undefined;
    if (noBody) {
      if (size < 0 && !chunked && cfg.head && resp.version === 10) resp.close = true;
      return resp;
    }
    if (following) {
      if (resp.close) return resp;
      if (size !== 0) verbose('* Ignoring the response-body\n');
    }
    if (chunked) size = -1;
    meter.sizeDl = size;
    let got = 0;
    let traced = false;
    const deliver = (data: Uint8Array) => {
      if (data.length === 0) return;
      got += data.length;
      info.sizeDownload = got;
      meter.downloaded = got;
      if (following) return;
      if (!traced && !toTty) {
        verbose(`{ [${data.length} bytes data]\n`);
        traced = true;
      }
      wroteBody = true;
      put(out, data);
    };
    if (chunked) {
      await readChunked(c, deliver, () => got);
      return resp;
    }
    if (size === 0) return resp;
    for (;;) {
      if (c.rest.length) {
        const take = size >= 0 ? c.rest.subarray(0, Math.min(c.rest.length, size - got)) : c.rest;
        c.rest = c.rest.subarray(take.length);
        deliver(take);
        meter.update();
      }
      if (size >= 0 && got >= size) return resp;
      if (!await fill(c, () => got, () => size)) {
        if (size >= 0) fail(CURLE_PARTIAL_FILE, `transfer closed with ${size - got} bytes remaining to read`);
        resp.close = true;
        return resp;
      }
    }
  }

  async function readChunked(c: Connection, deliver: (d: Uint8Array) => void, got: () => number): Promise<void> {
    const line = async (): Promise<string> => {
      for (;;) {
        const nl = c.rest.indexOf(0x0a);
        if (nl >= 0) {
          const l = latin1(c.rest.subarray(0, nl)).replace(/\r$/, '');
          c.rest = c.rest.subarray(nl + 1);
          return l;
        }
        if (!await fill(c, got, () => -1)) fail(CURLE_PARTIAL_FILE, 'transfer closed with outstanding read data remaining');
      }
    };
    for (;;) {
      const sizeLine = await line();
      const n = parseInt(sizeLine, 16);
      if (!Number.isFinite(n) || !/^[0-9a-fA-F]/.test(sizeLine)) fail(CURLE_RECV_ERROR, 'Illegal or missing hexadecimal sequence in chunked-encoding');
      if (n === 0) {
        // Trailers up to the empty line.
        while ((await line()) !== '') { /* trailer */ }
        return;
      }
      let left = n;
      while (left > 0) {
        if (!c.rest.length && !await fill(c, got, () => -1)) fail(CURLE_PARTIAL_FILE, 'transfer closed with outstanding read data remaining');
        const take = c.rest.subarray(0, Math.min(left, c.rest.length));
        c.rest = c.rest.subarray(take.length);
        left -= take.length;
        deliver(take);
        meter.update();
      }
      await line();
    }
  }

  /** Header bytes for -i/-I (the body's stream) and -D. */
  function writeHeader(raw: string): void {
    const b = Buffer.from(raw, 'latin1');
    if (cfg.include || cfg.head) put(out, b);
    if (dump) put(dump, b);
  }

  /** fwrite() to an output; a file that cannot be created is warned about once
   *  (tool_create_output_file()) and fails the transfer. */
  function put(o: OutStream, data: Uint8Array): void {
    if (o.write(data)) return;
    if (o.openError !== undefined && !o.warned) {
      o.warned = true;
      if (!cfg.silent) p.stderr(`Warning: Failed to open the file ${o.file}: ${o.openError}\n`);
    }
    fail(CURLE_WRITE_ERROR, 'Failure writing output to destination');
  }

  function buildRequest(u: CurlUrl, m: string, body: string | undefined, v10: boolean): { head: string } {
    const custom = cfg.headers.map((h) => {
      const colon = h.search(/[:;]/);
      if (colon <= 0) return undefined;
      const name = h.slice(0, colon).trim();
      const value = h.slice(colon + 1).trim();
      return { name, lname: name.toLowerCase(), value, semi: h[colon] === ';', raw: h };
    }).filter((x): x is NonNullable<typeof x> => x !== undefined);
    const has = (n: string) => custom.some((h) => h.lname === n);
    const lines: string[] = [`${m} ${requestTarget(u)} HTTP/${v10 ? '1.0' : '1.1'}`];
    const port = urlPort(u);
    const hostCustom = custom.find((h) => h.lname === 'host');
    if (hostCustom) {
      if (hostCustom.value !== '' || hostCustom.semi) lines.push(`Host: ${hostCustom.value}`);
    } else lines.push(`Host: ${u.host}${port !== defaultPort(u.scheme) ? `:${port}` : ''}`);
    const user = cfg.user ?? (u.user !== undefined ? `${decodeURIComponent(u.user)}:${decodeURIComponent(u.password ?? '')}` : undefined);
    if (user !== undefined && !has('authorization')) {
      const up = user.includes(':') ? user : `${user}:`;
      lines.push(`Authorization: Basic ${Buffer.from(up, 'utf8').toString('base64')}`);
    }
    const ua = cfg.userAgent ?? USER_AGENT;
    if (!has('user-agent') && ua !== '') lines.push(`User-Agent: ${ua}`);
    if (!has('accept')) lines.push('Accept: */*');
    if (cfg.referer !== undefined && !has('referer')) lines.push(`Referer: ${cfg.referer}`);
    for (const h of custom) {
      if (h.lname === 'host') continue;
      if (h.semi) {
        if (h.value === '') lines.push(`${h.name}:`);
        else lines.push(h.raw);
        continue;
      }
      if (h.value === '') continue;
      lines.push(`${h.name}: ${h.value}`);
    }
    if (body !== undefined) {
      if (!has('content-length')) lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
      if (!has('content-type')) lines.push('Content-Type: application/x-www-form-urlencoded');
    }
    return { head: lines.map((l) => l + '\r\n').join('') + '\r\n' };
  }
}

/** A TLS 1.3 ClientHello record of curl's usual size (517 bytes): the record and handshake
 *  headers, a random, and filler where the cipher suites and extensions would be. */
function clientHello(p: Process, host: string): Uint8Array {
  const b = new Uint8Array(517);
  b.set([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]);
  b.set(p.kernel.random.bytes(32), 11);
  b[43] = 0x20;
  b.set(p.kernel.random.bytes(32), 44);
  void host;
  return b;
}
