// The session server: the emulated kernel's side of `netsim run` / `netsim shell`. Each command
// shim on the script's PATH opens one connection to 127.0.0.1:$NETSIM_PORT, proves it belongs
// to this session with $NETSIM_TOKEN, and the server runs the tool it names with Kernel.spawn,
// streaming stdout/stderr back as the tool writes them. See protocol.ts for the frames.
//
// Process contract, as a tool run through a shim sees it:
// - argv, cwd and env are the shim's; p.netns is the `ip netns` namespace named by NETSIM_NETNS
//   (the initial namespace when unset or empty).
// - p.readStdin() / p.readStdinChunk(): only then does the shim read its fd 0 and send it, as
//   it arrives (readStdinChunk hands each piece over at once). A tool that calls neither leaves
//   stdin to whoever reads next (`while read l; do ip ...; done < file`).
// - p.signal is aborted when the shim is signalled: reason is the signal's name as a string,
//   'SIGINT' (Ctrl-C), 'SIGTERM' (`timeout`, kill), 'SIGHUP' or 'SIGQUIT'; 'SIGKILL' when the
//   shim went away (killed, EPIPE). os.constants.signals[reason] gives the number. A tool that
//   handles the signal (ping printing its statistics on SIGINT) writes what it wants and returns
//   its status; returning 128+signo means "died of that signal", which the shim reproduces as
//   a real signal death (bash then reports 130/143 and stops a script on SIGINT). A tool that is
//   still running `graceMs` after the signal is treated as killed by it.
//   A signal the shell had set to SIG_IGN for the process (SIGINT and SIGQUIT of `cmd &` in a
//   script) is dropped, as the real program would ignore it, unless the tool catches it anyway
//   and says so with a property on the tool function: `ping.catches = ['SIGINT', 'SIGQUIT']`
//   (real ping installs its SIGINT handler unconditionally, so `ping ... & kill -INT $!` prints
//   its statistics).
// - p.exec(argv, env): execve. The shim applies env (NETSIM_NETNS='NS' for `ip netns exec NS`) and
//   execs argv: argv[0] with a '/' is run as is; with NETSIM_REAL=1 in env, argv[0] means "the
//   real program": it is searched on PATH skipping the shim directory, which is how a tool
//   passes through (`cat /etc/hosts` -> exec(['cat', '/etc/hosts'], {NETSIM_REAL: '1'}));
//   otherwise argv[0] is searched on the whole PATH, so it may be another shim
//   (which then runs in NETSIM_NETNS) or an ordinary program (bash, sh -c ..., sleep in wall mode).
//   On success the promise resolves (0) and the calling tool's later output is discarded: the
//   process has been replaced; the tool should just return. If the exec fails the promise
//   rejects with an Error whose `code` is the errno name ('ENOENT', 'EACCES', ...) and whose
//   message is strerror's text ("No such file or directory"), so the tool prints its own message
//   (`exec of "x" failed: No such file or directory`) and returns its status (255 for ip).
import { createServer, type Server, type Socket } from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { constants as osConstants } from 'node:os';
import type { Kernel } from '../kernel/kernel.js';
import { tools } from '../tools/index.js';
import { FrameReader, MAGIC, OUT_CHUNK, T, frame, int32Frame, packStrings, unpackStrings } from './protocol.js';

export interface SessionServerOptions {
  /** How long a signalled tool may run on before it is treated as killed (ms). */
  graceMs?: number;
  /** Token the shims must present; random when absent. */
  token?: string;
}

const signalNames = new Map<number, string>(
  Object.entries(osConstants.signals).map(([name, num]) => [num as number, name]),
);

/** Whether the tool run as argv0 catches `sig` even when it was ignored at its start. */
function toolCatches(argv0: string, sig: string): boolean {
  const tool = tools[argv0.split('/').pop() ?? ''] as { catches?: readonly string[] } | undefined;
  return !!tool?.catches?.includes(sig);
}

const errnoNames = new Map<number, string>(
  Object.entries(osConstants.errno).map(([name, num]) => [num as number, name]),
);

export class SessionServer {
  readonly token: string;
  private server: Server;
  private sockets = new Set<Socket>();
  private graceMs: number;
  private _port = 0;

  private constructor(readonly kernel: Kernel, opts: SessionServerOptions) {
    this.token = opts.token ?? randomBytes(16).toString('hex');
    this.graceMs = opts.graceMs ?? 500;
    this.server = createServer({ noDelay: true }, (s) => this.accept(s));
    this.server.on('error', () => { /* accept errors (EMFILE) drop that connection only */ });
  }

  /** Starts listening on 127.0.0.1 at a random port. */
  static async start(kernel: Kernel, opts: SessionServerOptions = {}): Promise<SessionServer> {
    const s = new SessionServer(kernel, opts);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen({ host: '127.0.0.1', port: 0, backlog: 1024 }, () => {
        s.server.off('error', reject);
        resolve();
      });
    });
    const addr = s.server.address();
    s._port = typeof addr === 'object' && addr ? addr.port : 0;
    return s;
  }

  get port(): number {
    return this._port;
  }

  /** What the shims must find in their environment. */
  env(): { NETSIM_PORT: string; NETSIM_TOKEN: string } {
    return { NETSIM_PORT: String(this._port), NETSIM_TOKEN: this.token };
  }

  /** Stops listening and drops every connection still open (their tools are aborted). */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(sock: Socket): void {
    this.sockets.add(sock);
    sock.setNoDelay(true);
    const conn = new Connection(this, sock);
    sock.on('data', (d: Buffer) => conn.onData(d));
    sock.on('error', () => { /* a reset peer is handled by 'close' */ });
    sock.on('close', () => {
      this.sockets.delete(sock);
      conn.onClose();
    });
  }

  /** @internal */
  checkToken(t: string): boolean {
    const a = Buffer.from(t);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** @internal */
  get grace(): number {
    return this.graceMs;
  }
}

type State = 'new' | 'running' | 'exec' | 'done';

/** Tools add an abort listener per wait; Node's leak warning would land in the user's stderr. */
function newAbortController(): AbortController {
  const ac = new AbortController();
  setMaxListeners(0, ac.signal);
  return ac;
}

class Connection {
  private reader = new FrameReader();
  private state: State = 'new';
  private ac = newAbortController();
  private signo = 0;
  /** Standard input as it came in, and whoever waits for the next piece of it. */
  private stdinAsked = false;
  private stdinQueue: (Buffer | null)[] = [];
  private stdinWaiter?: (b: Buffer | null) => void;
  private stdinAll?: Promise<string>;
  private execWait?: { resolve: (n: number) => void; reject: (e: Error) => void };
  private pending: Buffer[] = [];
  private flushQueued = false;
  private graceTimer?: ReturnType<typeof setTimeout>;
  /** Signals (1 << signo) that were ignored when the shim started, and the program's name. */
  private ignored = 0;
  private argv0 = '';
  /** The tool's status when it returned while its exec was still in flight. */
  private returned?: number;

  constructor(private srv: SessionServer, private sock: Socket) {}

  onData(d: Buffer): void {
    let frames;
    try {
      frames = this.reader.push(d);
    } catch {
      this.sock.destroy();
      return;
    }
    for (const f of frames) this.onFrame(f.type, f.payload);
  }

  onClose(): void {
    clearTimeout(this.graceTimer);
    if (this.state === 'exec' && this.execWait) {
      // Close-on-exec: the shim became the new program.
      const w = this.execWait;
      this.execWait = undefined;
      this.state = 'done';
      w.resolve(0);
      return;
    }
    if (this.state !== 'done') this.abort('SIGKILL');
    this.state = 'done';
    this.pushStdin(null);
  }

  private pushStdin(b: Buffer | null): void {
    const w = this.stdinWaiter;
    if (w) {
      this.stdinWaiter = undefined;
      w(b);
    } else {
      this.stdinQueue.push(b);
    }
  }

  private onFrame(type: number, p: Buffer): void {
    if (this.state === 'new') {
      if (type !== T.Request) return this.refuse('netsim: session refused: bad request\n');
      this.start(p);
      return;
    }
    switch (type) {
      case T.Stdin:
        this.pushStdin(p.length === 0 ? null : Buffer.from(p));
        break;
      case T.Signal:
        if (p.length >= 4) this.onSignal(p.readInt32BE(0));
        break;
      case T.ExecFailed: {
        const w = this.execWait;
        if (!w || this.state !== 'exec') break;
        this.execWait = undefined;
        this.state = 'running';
        const errno = p.length >= 4 ? p.readInt32BE(0) : 0;
        const err = new Error(p.length > 4 ? p.toString('utf8', 4) : 'exec failed') as Error & { code?: string; errno?: number };
        err.code = errnoNames.get(errno) ?? 'EIO';
        err.errno = errno;
        w.reject(err);
        if (this.returned !== undefined) this.finish(this.returned);
        break;
      }
      default:
        break;
    }
  }

  private refuse(msg: string): void {
    this.state = 'done';
    this.sock.end(Buffer.concat([frame(T.Stderr, Buffer.from(msg)), int32Frame(T.Exit, 126)]));
  }

  private start(p: Buffer): void {
    const s = unpackStrings(p);
    if (s[0] !== MAGIC) return this.refuse('netsim: session refused: protocol mismatch (rebuild the shim)\n');
    if (!this.srv.checkToken(s[1] ?? '')) return this.refuse('netsim: session refused: bad token\n');
    const cwd = s[2] ?? '';
    this.ignored = Number(s[4] ?? '0') | 0;
    const fdKinds = Number(s[3] ?? '0') | 0;
    const argc = Number(s[5] ?? '0');
    if (!Number.isInteger(argc) || argc < 1 || 6 + argc > s.length) return this.refuse('netsim: session refused: bad request\n');
    const argv = s.slice(6, 6 + argc);
    this.argv0 = argv[0]!;
    const env: Record<string, string> = {};
    for (const e of s.slice(6 + argc)) {
      const i = e.indexOf('=');
      if (i > 0) env[e.slice(0, i)] = e.slice(i + 1);
    }
    this.state = 'running';
    const kernel = this.srv.kernel;
    const status = kernel.spawn({
      argv,
      netns: env.NETSIM_NETNS || undefined,
      cwd: cwd || undefined,
      env,
      stdin: () => this.readStdin(),
      stdinChunk: () => this.readStdinChunk(),
      stdout: (t) => this.out(T.Stdout, t),
      stdoutBytes: (b) => this.outBytes(T.Stdout, b),
      stderr: (t) => this.out(T.Stderr, t),
      signal: this.ac.signal,
      exec: (av, extra) => this.exec(av, extra),
      fdKinds,
    });
    status.then(
      (st) => this.finish(st),
      () => this.finish(134),
    );
  }

  /** The next piece of stdin (null at end of file); the first call asks the shim for it. */
  private readStdinChunk(): Promise<Buffer | null> {
    if (!this.stdinAsked) {
      this.stdinAsked = true;
      if (this.state === 'done') this.stdinQueue.push(null);
      else this.send(frame(T.ReadStdin));
    }
    if (this.stdinQueue.length) {
      const b = this.stdinQueue[0]!;
      if (b !== null) this.stdinQueue.shift();
      return Promise.resolve(b);
    }
    return new Promise((resolve) => {
      this.stdinWaiter = (b) => {
        if (b === null) this.stdinQueue.push(null);
        resolve(b);
      };
    });
  }

  private readStdin(): Promise<string> {
    this.stdinAll ??= (async () => {
      const parts: Buffer[] = [];
      for (let b = await this.readStdinChunk(); b; b = await this.readStdinChunk()) parts.push(b);
      return Buffer.concat(parts).toString('utf8');
    })();
    return this.stdinAll;
  }

  private out(type: number, text: string): void {
    if (this.state !== 'running' || text.length === 0) return;
    this.outBytes(type, Buffer.from(text, 'utf8'));
  }

  private outBytes(type: number, data: Uint8Array): void {
    if (this.state !== 'running' || data.length === 0) return;
    const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    for (let off = 0; off < b.length; off += OUT_CHUNK) {
      this.send(frame(type, b.subarray(off, Math.min(b.length, off + OUT_CHUNK))));
    }
  }

  private exec(argv: string[], extra: Record<string, string>): Promise<number> {
    if (this.state !== 'running') return Promise.resolve(0);
    if (argv.length === 0) {
      const e = new Error('Bad address') as Error & { code?: string };
      e.code = 'EFAULT';
      return Promise.reject(e);
    }
    const env = Object.entries(extra).map(([k, v]) => `${k}=${v}`);
    this.send(frame(T.Exec, packStrings([String(argv.length), ...argv, ...env])));
    this.state = 'exec';
    const p = new Promise<number>((resolve, reject) => {
      this.execWait = { resolve, reject };
    });
    p.catch(() => { /* a tool that does not await its exec must not crash the server */ });
    return p;
  }

  private onSignal(signo: number): void {
    if (this.state === 'done') return;
    const name = signalNames.get(signo) ?? 'SIGTERM';
    if (signo < 31 && this.ignored & (1 << signo) && !toolCatches(this.argv0, name)) return;
    if (!this.signo) this.signo = signo;
    this.abort(name);
    if (!this.graceTimer) {
      this.graceTimer = setTimeout(() => {
        if (this.state === 'running' || this.state === 'exec') this.end(-this.signo);
      }, this.srv.grace);
    }
  }

  private abort(reason: string): void {
    if (!this.ac.signal.aborted) this.ac.abort(reason);
  }

  private finish(status: number): void {
    if (this.state === 'done') return;
    if (this.state === 'exec') {
      // The tool returned without waiting for its exec: the shim is exec'ing; let it.
      this.returned = status;
      return;
    }
    const st = Number.isFinite(status) ? status & 255 : 1;
    this.end(this.signo && st === 128 + this.signo ? -this.signo : st);
  }

  private end(code: number): void {
    this.state = 'done';
    clearTimeout(this.graceTimer);
    this.send(int32Frame(T.Exit, code));
    this.flush();
    this.sock.end();
  }

  private send(b: Buffer): void {
    if (this.sock.destroyed) return;
    this.pending.push(b);
    if (!this.flushQueued) {
      this.flushQueued = true;
      process.nextTick(() => this.flush());
    }
  }

  private flush(): void {
    this.flushQueued = false;
    if (this.pending.length === 0 || this.sock.destroyed) return;
    const data = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    this.pending = [];
    this.sock.write(data);
  }
}
