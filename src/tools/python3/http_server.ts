// `python3 -m http.server` of Python 3.11.2 (Debian 12): Lib/http/server.py's command line
// (argparse), test() with its DualStackServer (a ThreadingHTTPServer: one handler per
// connection, running concurrently), BaseHTTPRequestHandler's request parsing, error pages
// and log lines, and SimpleHTTPRequestHandler's files, directory listings and redirects.
// Files are the real ones under --directory (or the working directory). Times come from the
// world's clock as the time of day.
import { constants as osConstants } from 'node:os';
import { closeSync, fstatSync, lstatSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Process } from '../process.js';
import { Socket, AF_INET, SOCK_STREAM, SHUT_WR } from '../../kernel/socket.js';
import { EAGAIN, strerror } from '../../kernel/errno.js';
import { formatIPv4, parseIPv4 } from '../../wire/inet.js';
import { tstampToRealtime } from '../../kernel/packet/af_packet.js';
import { writeStdout } from '../lib/stream.js';
import { guessType, splitext } from './mimetypes.js';
import { escapeControls, htmlEscape, normpath, pyRepr, pySplit, urlQuote, urlUnquote } from './pystr.js';

const SYS_VERSION = 'Python/3.11.2';
/** Real milliseconds from the start of `python3 -m http.server` to its listen(). */
const STARTUP_MS = 40;
const SERVER_VERSION = 'SimpleHTTP/0.6';

/** http.HTTPStatus phrases and descriptions of the codes this server sends. */
const RESPONSES: Record<number, [string, string]> = {
  100: ['Continue', 'Request received, please continue'],
  200: ['OK', 'Request fulfilled, document follows'],
  301: ['Moved Permanently', 'Object moved permanently -- see URI list'],
  304: ['Not Modified', 'Document has not changed since given time'],
  400: ['Bad Request', 'Bad request syntax or unsupported method'],
  404: ['Not Found', 'Nothing matches the given URI'],
  414: ['Request-URI Too Long', 'URI is too long'],
  431: ['Request Header Fields Too Large', 'The server is unwilling to process the request because its header fields are too large'],
  501: ['Not Implemented', 'Server does not support this operation'],
  505: ['HTTP Version Not Supported', 'Cannot fulfill request'],
};

const DEFAULT_ERROR_MESSAGE = `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: %(code)d</p>
        <p>Message: %(message)s.</p>
        <p>Error code explanation: %(code)s - %(explain)s.</p>
    </body>
</html>
`;

const USAGE = 'usage: server.py [-h] [--cgi] [-b ADDRESS] [-d DIRECTORY] [-p VERSION] [port]\n';
const HELP = `${USAGE}
positional arguments:
  port                  bind to this port (default: 8000)

options:
  -h, --help            show this help message and exit
  --cgi                 run as CGI server
  -b ADDRESS, --bind ADDRESS
                        bind to this address (default: all interfaces)
  -d DIRECTORY, --directory DIRECTORY
                        serve this directory (default: current directory)
  -p VERSION, --protocol VERSION
                        conform to this HTTP version (default: HTTP/1.0)
`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** email.utils.formatdate(t, usegmt=True) */
export function formatHttpDate(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/** log_date_time_string(): local time ("22/Nov/2026 10:00:00"), TZ from the environment. */
export function logDate(ms: number, tz: string | undefined): string {
  const d = new Date(ms);
  let f: Record<string, string>;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz === undefined || tz === '' || tz === 'UTC' || tz === 'UTC0' ? 'UTC' : tz.replace(/^:/, ''),
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23',
    }).formatToParts(d);
    f = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  } catch {
    f = {
      year: String(d.getUTCFullYear()), month: String(d.getUTCMonth() + 1), day: String(d.getUTCDate()),
      hour: String(d.getUTCHours()), minute: String(d.getUTCMinutes()), second: String(d.getUTCSeconds()),
    };
  }
  return `${p2(Number(f.day))}/${MONTHS[Number(f.month) - 1]}/${f.year!.padStart(4, '0')} ` +
    `${p2(Number(f.hour))}:${p2(Number(f.minute))}:${p2(Number(f.second))}`;
}

interface Args {
  port: number;
  bind?: string;
  directory: string;
  protocol: string;
  cgi: boolean;
}

class ArgError extends Error {}

/** argparse for http.server's options (prefix matching of long options included). */
function parseArgs(argv: string[], cwd: string): Args | 'help' {
  const a: Args = { port: 8000, directory: cwd, protocol: 'HTTP/1.0', cgi: false };
  const longs = ['--help', '--cgi', '--bind', '--directory', '--protocol'];
  let portSeen = false;
  const extra: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    let w = argv[i]!;
    let inline: string | undefined;
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      if (eq > 0) {
        inline = w.slice(eq + 1);
        w = w.slice(0, eq);
      }
      const hits = longs.filter((l) => l.startsWith(w));
      if (hits.length > 1 && !longs.includes(w)) {
        throw new ArgError(`ambiguous option: ${w} could match ${hits.join(', ')}`);
      }
      if (hits.length) w = longs.includes(w) ? w : hits[0]!;
    } else if (/^-[a-zA-Z]/.test(w) && w.length > 2) {
      inline = w.slice(2);
      w = w.slice(0, 2);
    }
    const value = (name: string): string => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || (v.startsWith('-') && v !== '-' && !/^-\d/.test(v))) throw new ArgError(`argument ${name}: expected one argument`);
      i++;
      return v;
    };
    switch (w) {
      case '-h': case '--help': return 'help';
      case '--cgi': a.cgi = true; break;
      case '-b': case '--bind': a.bind = value('-b/--bind'); break;
      case '-d': case '--directory': a.directory = resolvePath(cwd, value('-d/--directory')); break;
      case '-p': case '--protocol': a.protocol = value('-p/--protocol'); break;
      case '--': extra.push(...argv.slice(i + 1)); i = argv.length; break;
      default:
        if (w.startsWith('-') && w !== '-' && !/^-\d+$/.test(w)) {
          extra.push(argv[i]!);
          break;
        }
        if (portSeen) {
          extra.push(w);
          break;
        }
        if (!/^\s*[-+]?\d+(_\d+)*\s*$/.test(w)) throw new ArgError(`argument port: invalid int value: ${pyRepr(w)}`);
        a.port = Number(w.replace(/_/g, ''));
        portSeen = true;
    }
  }
  if (extra.length) throw new ArgError(`unrecognized arguments: ${extra.join(' ')}`);
  return a;
}

/** The traceback of a failed bind in server_bind(), as Python prints it. */
function bindTraceback(errno: number): string {
  return `Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
  File "<frozen runpy>", line 88, in _run_code
  File "/usr/lib/python3.11/http/server.py", line 1309, in <module>
    test(
  File "/usr/lib/python3.11/http/server.py", line 1256, in test
    with ServerClass(addr, HandlerClass) as httpd:
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/socketserver.py", line 456, in __init__
    self.server_bind()
  File "/usr/lib/python3.11/http/server.py", line 1303, in server_bind
    return super().server_bind()
           ^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/http/server.py", line 136, in server_bind
    socketserver.TCPServer.server_bind(self)
  File "/usr/lib/python3.11/socketserver.py", line 472, in server_bind
    self.socket.bind(self.server_address)
OSError: [Errno ${errno}] ${strerror(errno)}
`;
}

const GAI_TRACEBACK = `Traceback (most recent call last):
  File "<frozen runpy>", line 198, in _run_module_as_main
  File "<frozen runpy>", line 88, in _run_code
  File "/usr/lib/python3.11/http/server.py", line 1309, in <module>
    test(
  File "/usr/lib/python3.11/http/server.py", line 1254, in test
    ServerClass.address_family, addr = _get_best_family(bind, port)
                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/http/server.py", line 1237, in _get_best_family
    infos = socket.getaddrinfo(
            ^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/socket.py", line 962, in getaddrinfo
    for res in _socket.getaddrinfo(host, port, family, type, proto, flags):
               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
socket.gaierror: [Errno -3] Temporary failure in name resolution
`;

/** getaddrinfo() of --bind: a numeric address or a name from the emulated /etc/hosts. */
function bindAddress(p: Process, host: string | undefined): number | undefined {
  if (host === undefined || host === '') return 0;
  const n = parseIPv4(host);
  if (n !== undefined) return n;
  const text = p.kernel.files.get('/etc/hosts') ?? '127.0.0.1\tlocalhost\n';
  for (const line of text.split('\n')) {
    const w = line.replace(/#.*/, '').trim().split(/\s+/);
    const a = parseIPv4(w[0] ?? '');
    if (a !== undefined && w.slice(1).includes(host)) return a;
  }
  return undefined;
}

/** Runs the server: `args` are the words after "-m http.server"; `unbuffered` is -u or
 *  PYTHONUNBUFFERED (otherwise stdout, not a terminal here, is written at exit). */
export async function httpServer(p: Process, args: string[], unbuffered: boolean): Promise<number> {
  let a: Args | 'help';
  try {
    a = parseArgs(args, p.cwd);
  } catch (e) {
    if (!(e instanceof ArgError)) throw e;
    p.stderr(`${USAGE}server.py: error: ${e.message}\n`);
    return 2;
  }
  let stdoutBuf = '';
  const print = (s: string) => {
    if (unbuffered) p.stdout(s);
    else stdoutBuf += s;
  };
  if (a === 'help') {
    p.stdout(HELP);
    return 0;
  }
  // The interpreter's start-up (imports, argparse) takes Python 3.11 about 40 ms of real time
  // before the socket exists: a client started alongside finds nothing listening yet.
  await new Promise<void>((resolve) => {
    const t = setTimeout(done, STARTUP_MS);
    function done() {
      clearTimeout(t);
      p.signal.removeEventListener('abort', done);
      resolve();
    }
    p.signal.addEventListener('abort', done, { once: true });
  });
  if (p.signal.aborted) return 128 + ((osConstants.signals as Record<string, number>)[String(p.signal.reason)] ?? 15);
  const addr = bindAddress(p, a.bind);
  if (addr === undefined) {
    p.stderr(GAI_TRACEBACK);
    return 1;
  }
  const port = a.port & 0xffff;
  const ls = Socket.open(p.netns, AF_INET, SOCK_STREAM);
  if (typeof ls === 'number') {
    p.stderr(`OSError: [Errno ${ls}] ${strerror(ls)}\n`);
    return 1;
  }
  ls.setsockopt('SO_REUSEADDR', 1);
  const be = ls.bind({ addr, port });
  if (be) {
    ls.close();
    p.stderr(bindTraceback(be));
    return 1;
  }
  ls.listen(5);
  const open = new Set<Socket>([ls]);
  const name = ls.getsockname();
  const host = formatIPv4(name.addr);
  print(`Serving HTTP on ${host} port ${name.port} (http://${host}:${name.port}/) ...\n`);

  const clock = p.kernel.clock;
  const wallMs = () => tstampToRealtime(clock, clock.now());
  const log = (client: string, msg: string) => {
    p.stderr(`${client} - - [${logDate(wallMs(), p.env.TZ)}] ${escapeControls(msg)}\n`);
  };

  const ctx: ServerCtx = { p, args: a, log, wallMs };

  // serve_forever(): accept, and a thread (here a task) per connection.
  for (;;) {
    const c = await ls.accept({ signal: p.signal });
    if (p.signal.aborted) break;
    if (typeof c === 'number') {
      if (c === EAGAIN) continue;
      break;
    }
    open.add(c);
    void handleConnection(c).finally(() => open.delete(c));
  }

  // Signalled: SIGINT is a KeyboardInterrupt, anything else kills the process.
  const sig = String(p.signal.reason);
  for (const s of open) s.close();
  if (sig === 'SIGINT') {
    print('\nKeyboard interrupt received, exiting.\n');
    if (stdoutBuf) writeStdout(p, Buffer.from(stdoutBuf, 'utf8'));
    return 0;
  }
  return 128 + ((osConstants.signals as Record<string, number>)[sig] ?? 15);

  // ---------------------------------------------------------------------------------------
  // One connection: StreamRequestHandler.setup()/handle()/finish(), then shutdown_request().

  async function handleConnection(sock: Socket): Promise<void> {
    const peer = sock.getpeername();
    const client = typeof peer === 'number' ? '' : formatIPv4(peer.addr);
    const h = new Handler(ctx, sock, client);
    try {
      await h.handle();
    } catch {
      // A reset or a dead process ends the handler thread; socketserver swallows it.
    }
    sock.shutdown(SHUT_WR);
    sock.close();
  }

}

class Disconnected extends Error {}

/** What a request handler needs of its server. */
interface ServerCtx {
  p: Process;
  args: Args;
  log(client: string, msg: string): void;
  wallMs(): number;
}

/** One connection's BaseHTTPRequestHandler / SimpleHTTPRequestHandler. */
class Handler {
  private rbuf: Uint8Array = new Uint8Array(0);
  private eof = false;
  closeConnection = true;
  command: string | null = null;
  path = '';
  requestVersion = 'HTTP/0.9';
  requestline = '';
  headers: [string, string][] = [];
  private headersBuffer: string[] = [];

  constructor(private readonly ctx: ServerCtx, private readonly sock: Socket, private readonly client: string) {}

  async handle(): Promise<void> {
    this.closeConnection = true;
    await this.handleOneRequest();
    while (!this.closeConnection) await this.handleOneRequest();
  }

  /** rfile.readline(limit): bytes up to and including '\n', at most `limit`. */
  private async readline(limit: number): Promise<Uint8Array> {
    for (;;) {
      const nl = this.rbuf.indexOf(0x0a);
      if (nl >= 0 && nl < limit) return this.take(nl + 1);
      if (this.rbuf.length >= limit) return this.take(limit);
      if (this.eof) return this.take(this.rbuf.length);
      const r = await this.sock.recv(8192, { signal: this.ctx.p.signal });
      if (typeof r === 'number') {
        if (r === -EAGAIN && this.ctx.p.signal.aborted) throw new Disconnected();
        // ConnectionResetError in the handler thread: the connection is dropped.
        throw new Disconnected();
      }
      if (r.length === 0) this.eof = true;
      else this.rbuf = this.rbuf.length ? Buffer.concat([this.rbuf, r]) : r;
    }
  }

  private take(n: number): Uint8Array {
    const out = this.rbuf.subarray(0, n);
    this.rbuf = this.rbuf.subarray(n);
    return out;
  }

  /** wfile.write(): sendall(). */
  private async write(data: Uint8Array): Promise<void> {
    if (data.length === 0) return;
    const n = await this.sock.send(data, undefined, { signal: this.ctx.p.signal });
    if (n < 0) throw new Disconnected();
  }

  async handleOneRequest(): Promise<void> {
    const raw = await this.readline(65537);
    if (raw.length > 65536) {
      this.requestline = '';
      this.requestVersion = '';
      this.command = '';
      await this.sendError(414);
      return;
    }
    if (raw.length === 0) {
      this.closeConnection = true;
      return;
    }
    if (!await this.parseRequest(raw)) return;
    if (this.command !== 'GET' && this.command !== 'HEAD') {
      await this.sendError(501, `Unsupported method (${pyRepr(this.command!)})`);
      return;
    }
    const f = await this.sendHead();
    if (f && this.command === 'GET') await this.copyfile(f);
    if (f) f.close();
  }

  /** parse_request() */
  private async parseRequest(raw: Uint8Array): Promise<boolean> {
    this.command = null;
    this.requestVersion = 'HTTP/0.9';
    let version = this.requestVersion;
    this.closeConnection = true;
    const requestline = Buffer.from(raw).toString('latin1').replace(/[\r\n]+$/, '');
    this.requestline = requestline;
    const words = pySplit(requestline);
    if (words.length === 0) return false;
    if (words.length >= 3) {
      version = words[words.length - 1]!;
      let num: [number, number] | undefined;
      if (version.startsWith('HTTP/')) {
        const base = version.slice(5);
        const parts = base.split('.');
        if (parts.length === 2 && parts.every((x) => /^\s*[+-]?\d+(_\d+)*\s*$/.test(x))) {
          num = [Number(parts[0]!.replace(/_/g, '')), Number(parts[1]!.replace(/_/g, ''))];
        }
      }
      if (!num) {
        await this.sendError(400, `Bad request version (${pyRepr(version)})`);
        return false;
      }
      if ((num[0] > 1 || (num[0] === 1 && num[1] >= 1)) && this.ctx.args.protocol >= 'HTTP/1.1') this.closeConnection = false;
      if (num[0] >= 2) {
        await this.sendError(505, `Invalid HTTP version (${version.slice(5)})`);
        return false;
      }
      this.requestVersion = version;
    }
    if (!(words.length >= 2 && words.length <= 3)) {
      await this.sendError(400, `Bad request syntax (${pyRepr(requestline)})`);
      return false;
    }
    const [command, path] = words as [string, string];
    if (words.length === 2) {
      this.closeConnection = true;
      if (command !== 'GET') {
        await this.sendError(400, `Bad HTTP/0.9 request type (${pyRepr(command)})`);
        return false;
      }
    }
    this.command = command;
    this.path = path.startsWith('//') ? '/' + path.replace(/^\/+/, '') : path;
    // http.client.parse_headers()
    this.headers = [];
    let count = 0;
    for (;;) {
      const line = await this.readline(65537);
      if (line.length > 65536) {
        await this.sendError(431, 'Line too long', 'got more than 65536 bytes when reading header line');
        return false;
      }
      const text = Buffer.from(line).toString('latin1');
      if (text === '\r\n' || text === '\n' || text === '') break;
      if (++count > 100) {
        await this.sendError(431, 'Too many headers', 'got more than 100 headers');
        return false;
      }
      const colon = text.indexOf(':');
      if (colon > 0) this.headers.push([text.slice(0, colon), text.slice(colon + 1).trim()]);
      else if (/^[ \t]/.test(text) && this.headers.length) {
        const last = this.headers[this.headers.length - 1]!;
        last[1] += ' ' + text.trim();
      }
    }
    const conntype = this.header('Connection') ?? '';
    if (conntype.toLowerCase() === 'close') this.closeConnection = true;
    else if (conntype.toLowerCase() === 'keep-alive' && this.ctx.args.protocol >= 'HTTP/1.1') this.closeConnection = false;
    const expect = this.header('Expect') ?? '';
    if (expect.toLowerCase() === '100-continue' && this.ctx.args.protocol >= 'HTTP/1.1' && this.requestVersion >= 'HTTP/1.1') {
      this.sendResponseOnly(100);
      await this.endHeaders();
    }
    return true;
  }

  private header(name: string): string | undefined {
    const n = name.toLowerCase();
    return this.headers.find(([k]) => k.toLowerCase() === n)?.[1];
  }

  /** send_error() */
  private async sendError(code: number, message?: string, explain?: string): Promise<void> {
    const [shortmsg, longmsg] = RESPONSES[code] ?? ['???', '???'];
    const msg = message ?? shortmsg;
    const expl = explain ?? longmsg;
    this.ctx.log(this.client, `code ${code}, message ${msg}`);
    this.sendResponse(code, msg);
    this.sendHeader('Connection', 'close');
    let body: Uint8Array | undefined;
    if (code >= 200 && code !== 204 && code !== 205 && code !== 304) {
      const content = DEFAULT_ERROR_MESSAGE.replace('%(code)d', String(code)).replace('%(code)s', String(code))
        .replace('%(message)s', htmlEscape(msg)).replace('%(explain)s', htmlEscape(expl));
      body = Buffer.from(content, 'utf8');
      this.sendHeader('Content-Type', 'text/html;charset=utf-8');
      this.sendHeader('Content-Length', String(body.length));
    }
    await this.endHeaders();
    if (this.command !== 'HEAD' && body) await this.write(body);
  }

  /** send_response(): the log line, the status line, Server and Date. */
  private sendResponse(code: number, message?: string): void {
    this.ctx.log(this.client, `"${this.requestline}" ${code} -`);
    this.sendResponseOnly(code, message);
    this.sendHeader('Server', `${SERVER_VERSION} ${SYS_VERSION}`);
    this.sendHeader('Date', formatHttpDate(this.ctx.wallMs()));
  }

  private sendResponseOnly(code: number, message?: string): void {
    if (this.requestVersion === 'HTTP/0.9') return;
    const msg = message ?? RESPONSES[code]?.[0] ?? '';
    this.headersBuffer.push(`${this.ctx.args.protocol} ${code} ${msg}\r\n`);
  }

  private sendHeader(keyword: string, value: string): void {
    if (this.requestVersion !== 'HTTP/0.9') this.headersBuffer.push(`${keyword}: ${value}\r\n`);
    if (keyword.toLowerCase() === 'connection') {
      if (value.toLowerCase() === 'close') this.closeConnection = true;
      else if (value.toLowerCase() === 'keep-alive') this.closeConnection = false;
    }
  }

  private async endHeaders(): Promise<void> {
    if (this.requestVersion === 'HTTP/0.9') return;
    this.headersBuffer.push('\r\n');
    const data = Buffer.from(this.headersBuffer.join(''), 'latin1');
    this.headersBuffer = [];
    await this.write(data);
  }

  /** SimpleHTTPRequestHandler.send_head() */
  private async sendHead(): Promise<FileSource | undefined> {
    let path = translatePath(this.path, this.ctx.args.directory);
    if (isDir(path)) {
      const parts = urlsplit(this.path);
      if (!parts.path.endsWith('/')) {
        this.sendResponse(301);
        const loc = parts.path + '/' + (parts.query ? '?' + parts.query : '') + (parts.fragment ? '#' + parts.fragment : '');
        this.sendHeader('Location', loc);
        this.sendHeader('Content-Length', '0');
        await this.endHeaders();
        return undefined;
      }
      let index: string | undefined;
      for (const name of ['index.html', 'index.htm']) {
        const cand = joinPath(path, name);
        if (isFile(cand)) {
          index = cand;
          break;
        }
      }
      if (index === undefined) return await this.listDirectory(path);
      path = index;
    }
    const ctype = guessContentType(path);
    if (path.endsWith('/')) {
      await this.sendError(404, 'File not found');
      return undefined;
    }
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      await this.sendError(404, 'File not found');
      return undefined;
    }
    const st = fstatSync(fd);
    const ims = this.header('If-Modified-Since');
    if (ims !== undefined && this.header('If-None-Match') === undefined) {
      const t = Date.parse(ims);
      if (Number.isFinite(t) && Math.floor(st.mtimeMs / 1000) * 1000 <= t) {
        this.sendResponse(304);
        await this.endHeaders();
        closeSync(fd);
        return undefined;
      }
    }
    this.sendResponse(200);
    this.sendHeader('Content-type', ctype);
    this.sendHeader('Content-Length', String(st.size));
    this.sendHeader('Last-Modified', formatHttpDate(st.mtimeMs));
    await this.endHeaders();
    return fileSource(fd);
  }

  /** list_directory() */
  private async listDirectory(path: string): Promise<FileSource | undefined> {
    let list: string[];
    try {
      list = readdirSync(path);
    } catch {
      await this.sendError(404, 'No permission to list directory');
      return undefined;
    }
    list.sort((x, y) => {
      const a = x.toLowerCase(), b = y.toLowerCase();
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const displaypath = htmlEscape(urlUnquote(this.path));
    const title = `Directory listing for ${displaypath}`;
    const r: string[] = ['<!DOCTYPE HTML>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
      `<title>${title}</title>\n</head>`, `<body>\n<h1>${title}</h1>`, '<hr>\n<ul>'];
    for (const name of list) {
      const fullname = joinPath(path, name);
      let displayname = name;
      let linkname = name;
      if (isDir(fullname)) {
        displayname = name + '/';
        linkname = name + '/';
      }
      if (isLink(fullname)) displayname = name + '@';
      r.push(`<li><a href="${urlQuote(linkname)}">${htmlEscape(displayname)}</a></li>`);
    }
    r.push('</ul>\n<hr>\n</body>\n</html>\n');
    const encoded = Buffer.from(r.join('\n'), 'utf8');
    this.sendResponse(200);
    this.sendHeader('Content-type', 'text/html; charset=utf-8');
    this.sendHeader('Content-Length', String(encoded.length));
    await this.endHeaders();
    return memorySource(encoded);
  }

  /** copyfile(): shutil.copyfileobj() in 64 KiB reads. */
  private async copyfile(f: FileSource): Promise<void> {
    for (;;) {
      const chunk = f.read(64 * 1024);
      if (chunk.length === 0) return;
      await this.write(chunk);
    }
  }
}

interface FileSource {
  read(n: number): Uint8Array;
  close(): void;
}

function fileSource(fd: number): FileSource {
  return {
    read(n) {
      const b = Buffer.alloc(n);
      const got = readSync(fd, b, 0, n, null);
      return b.subarray(0, got);
    },
    close() { closeSync(fd); },
  };
}

function memorySource(data: Uint8Array): FileSource {
  let off = 0;
  return {
    read(n) {
      const c = data.subarray(off, off + n);
      off += c.length;
      return c;
    },
    close() { /* nothing */ },
  };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** os.path.join(a, b) for a relative b. */
function joinPath(a: string, b: string): string {
  return a.endsWith('/') ? a + b : `${a}/${b}`;
}

/** urllib.parse.urlsplit() of a request path (no scheme or host in practice). */
function urlsplit(url: string): { path: string; query: string; fragment: string } {
  let rest = url;
  let fragment = '';
  let query = '';
  const h = rest.indexOf('#');
  if (h >= 0) {
    fragment = rest.slice(h + 1);
    rest = rest.slice(0, h);
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  return { path: rest, query, fragment };
}

/** translate_path() */
export function translatePath(urlPath: string, directory: string): string {
  let path = urlPath.split('?')[0]!.split('#')[0]!;
  const trailingSlash = path.trimEnd().endsWith('/');
  path = normpath(urlUnquote(path));
  const words = path.split('/').filter((w) => w !== '');
  let out = directory;
  for (const word of words) {
    if (word.includes('/') || word === '.' || word === '..') continue;
    out = joinPath(out, word);
  }
  if (trailingSlash) out += '/';
  return out;
}

/** SimpleHTTPRequestHandler.guess_type() */
export function guessContentType(path: string): string {
  const extensionsMap: Record<string, string> = {
    '.gz': 'application/gzip', '.Z': 'application/octet-stream', '.bz2': 'application/x-bzip2', '.xz': 'application/x-xz',
  };
  const [, ext] = splitext(path);
  if (extensionsMap[ext]) return extensionsMap[ext]!;
  if (extensionsMap[ext.toLowerCase()]) return extensionsMap[ext.toLowerCase()]!;
  return guessType(path)[0] ?? 'application/octet-stream';
}
