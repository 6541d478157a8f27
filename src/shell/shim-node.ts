// The Node command shim, used when no C compiler is found: the same protocol as shim.c (see
// protocol.ts), slower to start (~40 ms) but correct. Invoked by a wrapper in the shim directory
// as `node shim-node.js NAME args...`. Node cannot execve(), so an exec instruction runs the
// program as a child with inherited stdio and exits the way it exits.
import { connect } from 'node:net';
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, fstatSync, writeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { FrameReader, MAGIC, T, frame, int32Frame, packStrings, unpackStrings } from './protocol.js';

const name = process.argv[2] ?? 'netsim-shim';
const args = process.argv.slice(3);

function fail(msg: string): never {
  writeSync(2, `netsim: ${name}: ${msg}\n`);
  process.exit(126);
}

const signalNames = new Map<number, NodeJS.Signals>(
  Object.entries(osConstants.signals).map(([n, v]) => [v as number, n as NodeJS.Signals]),
);

function dieOfSignal(signo: number): never {
  const sig = signalNames.get(signo);
  if (sig) {
    // Adding then removing a listener leaves the default action (Node starts with SIGPIPE ignored).
    const noop = () => {};
    process.removeAllListeners(sig);
    process.on(sig, noop);
    process.off(sig, noop);
    try {
      process.kill(process.pid, sig);
    } catch { /* fall through */ }
  }
  process.exit(128 + signo);
}

let lastError = '';
function writeAll(fd: number, b: Buffer): boolean {
  let off = 0;
  while (off < b.length) {
    try {
      off += writeSync(fd, b, off, b.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (code === 'EAGAIN') continue;
      lastError = code;
      return false;
    }
  }
  return true;
}

const port = Number(process.env.NETSIM_PORT);
const token = process.env.NETSIM_TOKEN;
if (!process.env.NETSIM_PORT || token === undefined) fail('not inside a netsim session (NETSIM_PORT/NETSIM_TOKEN unset)');
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail('bad NETSIM_PORT');

const sock = connect({ host: '127.0.0.1', port, noDelay: true });
sock.on('error', () => fail('cannot reach the netsim session server'));

// Node resets signal dispositions at start-up, so what the parent ignored cannot be known here.
const caught: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
const onSig = (sig: NodeJS.Signals) => sock.write(int32Frame(T.Signal, osConstants.signals[sig]));
for (const s of caught) process.on(s, onSig);

let cwd = '';
try {
  cwd = process.cwd();
} catch { /* deleted directory */ }
const isFile = (fd: number) => {
  try {
    return fstatSync(fd).isFile();
  } catch {
    return false;
  }
};
const tty = (process.stdin.isTTY ? 1 : 0) | (process.stdout.isTTY ? 2 : 0) | (process.stderr.isTTY ? 4 : 0) |
  (isFile(0) ? 8 : 0) | (isFile(1) ? 16 : 0) | (isFile(2) ? 32 : 0);
const env = Object.entries(process.env).map(([k, v]) => `${k}=${v ?? ''}`);
const argv0 = name;
sock.write(frame(T.Request, packStrings([MAGIC, token ?? '', cwd, String(tty), '0', String(1 + args.length), argv0, ...args, ...env])));

const reader = new FrameReader();
const broken = [false, false, false];
let readingStdin = false;
let execing = false;

sock.on('data', (d: Buffer) => {
  for (const f of reader.push(d)) {
    switch (f.type) {
      case T.Stdout:
      case T.Stderr: {
        const fd = f.type === T.Stdout ? 1 : 2;
        if (!broken[fd] && !writeAll(fd, f.payload)) {
          broken[fd] = true;
          // What SIGPIPE does to the C shim and to the real program: it dies, the tool is aborted.
          if (lastError === 'EPIPE') dieOfSignal(osConstants.signals.SIGPIPE);
        }
        break;
      }
      case T.ReadStdin:
        if (!readingStdin) {
          readingStdin = true;
          process.stdin.on('data', (c: Buffer) => sock.write(frame(T.Stdin, c)));
          process.stdin.on('end', () => sock.write(frame(T.Stdin)));
          process.stdin.on('error', () => sock.write(frame(T.Stdin)));
        }
        break;
      case T.Exit: {
        const st = f.payload.length >= 4 ? f.payload.readInt32BE(0) : 1;
        if (st < 0) dieOfSignal(-st);
        process.exit(st & 255);
      }
      case T.Exec:
        doExec(unpackStrings(f.payload));
        break;
      default:
        break;
    }
  }
});
sock.on('close', () => {
  if (!execing) fail('lost the connection to the netsim session');
});

/** PATH search for the real program named like this shim, skipping the shim directory. */
function findReal(prog: string): string | undefined {
  const shimdir = process.env.NETSIM_SHIMDIR;
  for (const d of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const dir = d || '.';
    if (dir === shimdir) continue;
    const file = `${dir}/${prog}`;
    try {
      accessSync(file, fsConstants.X_OK);
      return file;
    } catch { /* next */ }
  }
  return undefined;
}

function doExec(s: string[]): void {
  const argc = Number(s[0]);
  const argv = s.slice(1, 1 + argc);
  const extra: Record<string, string> = {};
  for (const e of s.slice(1 + argc)) {
    const i = e.indexOf('=');
    if (i > 0) extra[e.slice(0, i)] = e.slice(i + 1);
  }
  const real = extra.NETSIM_REAL !== undefined;
  delete extra.NETSIM_REAL;
  const childEnv = { ...process.env, ...extra };
  let file: string | undefined = argv[0]!;
  if (!file.includes('/') && real) file = findReal(file);
  const failed = (code: string, msg: string) => {
    const p = Buffer.alloc(4);
    p.writeInt32BE(osConstants.errno[code as keyof typeof osConstants.errno] ?? osConstants.errno.ENOENT, 0);
    sock.write(frame(T.ExecFailed, Buffer.concat([p, Buffer.from(msg)])));
  };
  if (!file) return failed('ENOENT', 'No such file or directory');
  const child = spawn(file, argv.slice(1), { argv0: argv[0], env: childEnv, stdio: 'inherit' });
  child.once('error', (e: NodeJS.ErrnoException) => {
    const msgs: Record<string, string> = { ENOENT: 'No such file or directory', EACCES: 'Permission denied' };
    failed(e.code ?? 'ENOENT', msgs[e.code ?? ''] ?? e.message);
  });
  child.once('spawn', () => {
    execing = true;
    sock.destroy();
    // The child now is "this process": the terminal's SIGINT reaches it directly (same
    // process group); what is sent to our pid alone is passed on.
    for (const s of caught) process.removeAllListeners(s);
    process.on('SIGINT', () => {});
    process.on('SIGQUIT', () => {});
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    process.on('SIGHUP', () => child.kill('SIGHUP'));
    child.once('exit', (code, signal) => {
      if (signal) dieOfSignal(osConstants.signals[signal]);
      process.exit(code ?? 1);
    });
  });
}
