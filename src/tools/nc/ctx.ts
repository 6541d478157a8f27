// What every part of nc shares: the process, the parsed options, the err()/warn() family of
// <err.h> (messages prefixed with the program's name), the sockets the process holds (closed
// at exit, as the kernel closes a dying process's descriptors) and sleeping on the world's
// clock (sleep(3), alarm(2)).
import { constants as osConstants } from 'node:os';
import type { Process } from '../process.js';
import type { Kernel } from '../../kernel/kernel.js';
import type { Clock } from '../../kernel/clock.js';
import type { Socket } from '../../kernel/socket.js';
import { strerror } from '../../kernel/errno.js';
import type { NcOptions } from './options.js';
import { StdinFd } from './stdin.js';

/** exit(status): unwinds to the tool's entry point, which closes the sockets. */
export class NcExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

const lastPid = new WeakMap<Kernel, number>();

/** A process id for a new nc process of this world (ss -p shows it). */
function newPid(k: Kernel): number {
  const pid = (lastPid.get(k) ?? 3000 + Math.floor(Math.random() * 20000)) + 1;
  lastPid.set(k, pid);
  return pid;
}

export class NcCtx {
  /** __progname: the basename of argv[0], what err() and warn() print. */
  readonly progname: string;
  readonly pid: number;
  /** The command name the kernel records (comm: the executed file's name, 15 bytes). */
  readonly comm: string;
  private readonly sockets = new Set<Socket>();
  private stdinFd: StdinFd | undefined;
  /** recvcount: reads from the network so far, against -W's limit. */
  recvcount = 0;
  /** ctrld_seen: stdin ended while -q was given. */
  ctrldSeen = false;

  constructor(readonly p: Process, readonly o: NcOptions) {
    this.progname = (p.argv[0] ?? 'nc').split('/').pop() || 'nc';
    this.comm = this.progname.slice(0, 15);
    this.pid = newPid(p.kernel);
  }

  /** Standard input, opened on first use (a program that never reads it leaves it alone). */
  get stdin(): StdinFd {
    this.stdinFd ??= new StdinFd(this.p);
    return this.stdinFd;
  }

  get clock(): Clock {
    return this.p.kernel.clock;
  }

  /** errx(): the message, exit 1. */
  errx(msg: string): never {
    this.p.stderr(`${this.progname}: ${msg}\n`);
    throw new NcExit(1);
  }

  /** err(): the message and strerror(errno) (only the latter when msg is null), exit 1. */
  err(msg: string | null, errno: number): never {
    this.warn(msg, errno);
    throw new NcExit(1);
  }

  /** warn() */
  warn(msg: string | null, errno: number): void {
    this.p.stderr(msg === null ? `${this.progname}: ${strerror(errno)}\n` : `${this.progname}: ${msg}: ${strerror(errno)}\n`);
  }

  /** warnx() */
  warnx(msg: string): void {
    this.p.stderr(`${this.progname}: ${msg}\n`);
  }

  /** A socket this process now holds: owned by it (ss -p) and closed when it exits. */
  hold(s: Socket): Socket {
    s.setOwner(this.pid, this.comm);
    this.sockets.add(s);
    return s;
  }

  /** close(fd) */
  close(s: Socket | undefined): void {
    if (!s) return;
    s.close();
    this.sockets.delete(s);
  }

  /** The process ends: the kernel closes what it still holds. */
  closeAll(): void {
    for (const s of this.sockets) s.close();
    this.sockets.clear();
  }

  /** Dies of a pending signal: SIGINT runs quit() (exit 0), anything else kills. */
  checkSignal(): void {
    if (this.p.signal.aborted) throw new NcExit(signalStatus(this.p.signal.reason));
  }

  /** sleep(3) on the world's clock; a signal ends it (and the process). */
  async sleep(ms: number): Promise<void> {
    await clockSleep(this.clock, ms, this.p.signal);
    this.checkSignal();
  }
}

/** What a signal makes of nc: quit() turns SIGINT into exit(0); the others kill it. */
export function signalStatus(reason: unknown): number {
  if (reason === 'SIGINT') return 0;
  const n = typeof reason === 'string' ? (osConstants.signals as Record<string, number>)[reason] : undefined;
  return 128 + (n ?? osConstants.signals.SIGTERM);
}

/** Waits ms on the world's clock: in virtual time the clock is moved there, timer by timer,
 *  letting whatever each timer wakes run; in wall time it really waits. Resolves early when
 *  the signal fires. */
export async function clockSleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  if (clock.mode === 'virtual') {
    const end = clock.now() + ms;
    for (;;) {
      if (signal.aborted) return;
      const at = clock.nextTimerAt();
      if (at === undefined || at > end) break;
      clock.advance(Math.max(0, at - clock.now()));
      await new Promise<void>((r) => setImmediate(r));
    }
    if (end > clock.now()) clock.advance(end - clock.now());
    return;
  }
  await realSleep(ms, signal);
}

/** Waits ms of real time, or less when the signal fires. */
export function realSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
