// The xio layer's common parts (xio.h, xioread.c, xiowrite.c, xioshutdown.c): an opened
// address as the transfer loop sees it, the process's file descriptor numbers, standard input
// shared by the addresses that read it, and waits on the world's clock.
import type { Process } from '../process.js';
import type { Clock } from '../../kernel/clock.js';
import { EBADF, ECONNRESET, EPIPE, strerror } from '../../kernel/errno.js';
import { stdinReader } from '../lib/stream.js';
import type { Diag } from './diag.js';

export const LINETERM_RAW = 0, LINETERM_CR = 1, LINETERM_CRNL = 2;

/** What an address was opened for (XIO_RDONLY, XIO_WRONLY, XIO_RDWR). */
export const XIO_RDONLY = 0, XIO_WRONLY = 1, XIO_RDWR = 2;
export const DDIRECTION = ['reading', 'writing', 'reading and writing'];

/** The command line's settings (socat_opts). */
export interface SocatOptions {
  bufsiz: number;
  verbose: boolean;
  verbhex: boolean;
  /** -t: seconds to wait for the other direction after the first EOF. */
  closwait: number;
  /** -T: inactivity timeout in seconds (0: none). */
  totalTimeout: number;
  lefttoright: boolean;
  righttoleft: boolean;
  ignoreGroups: boolean;
}

/** One socat process: the parent, or a child forked for a connection. */
export interface SocatProc {
  p: Process;
  diag: Diag;
  fds: FdTable;
  opts: SocatOptions;
  stdin: StdinSource;
  /** The transfer buffer's address as read() errors print it (%p). */
  buff: string;
  /** Everything opened, closed when the process ends. */
  open: Set<{ close(): void }>;
  /** The next pid for a forked child. */
  newPid(): number;
}

/** An address opened for the transfer loop (struct single, as far as it is used here). */
export interface XioFile {
  rfd: number;
  wfd: number;
  readable: boolean;
  writable: boolean;
  lineterm: number;
  ignoreeof: boolean;
  /** readbytes=: bytes still to read before EOF (undefined: no limit). */
  readbytes?: number;
  /** escape=: a byte that ends the input. */
  escape?: number;
  coolWrite: boolean;
  /** xioread(): data, an empty array at EOF, or -errno (the message already written). */
  read(max: number): Promise<Uint8Array | number>;
  /** xiowrite(): bytes written, or -errno (the message already written). */
  write(data: Uint8Array): Promise<number>;
  /** xioshutdown(SHUT_WR) */
  shutdownWrite(): void;
  /** xioclose() */
  close(): void;
}

/** The settings every address type starts with (xioopen_single()'s defaults), on descriptors
 *  `rfd`/`wfd` opened for `rw` (XIO_RDONLY, XIO_WRONLY or XIO_RDWR). */
export function xioDefaults(rfd: number, wfd: number, rw: number):
  Pick<XioFile, 'lineterm' | 'ignoreeof' | 'coolWrite' | 'rfd' | 'wfd' | 'readable' | 'writable'> {
  return {
    lineterm: LINETERM_RAW, ignoreeof: false, coolWrite: false,
    rfd, wfd, readable: rw !== XIO_WRONLY, writable: rw !== XIO_RDONLY,
  };
}

/** The file descriptors of a process: 0-2 are the standard streams; socat itself holds 3 and 4
 *  when it gets to open addresses, so the first one is 5. New descriptors take the lowest free. */
export class FdTable {
  private used: Set<number>;

  constructor(used?: Iterable<number>) {
    this.used = new Set(used ?? [0, 1, 2, 3, 4]);
  }

  alloc(): number {
    let fd = 0;
    while (this.used.has(fd)) fd++;
    this.used.add(fd);
    return fd;
  }

  free(fd: number): void {
    if (fd > 2) this.used.delete(fd);
  }

  /** The table a forked child starts with. */
  clone(): FdTable {
    return new FdTable(this.used);
  }
}

/** Standard input, read piece by piece, at most `max` bytes a time (read(0, buff, max)). */
export class StdinSource {
  private reader: { next(): Promise<Uint8Array | null> };
  private rest: Uint8Array | null = null;
  private eof = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(p: Process) {
    this.reader = stdinReader(p);
  }

  read(max: number): Promise<Uint8Array> {
    const r = this.queue.then(() => this.readNow(max));
    this.queue = r.catch(() => undefined);
    return r;
  }

  private async readNow(max: number): Promise<Uint8Array> {
    if (!this.rest) {
      if (this.eof) return new Uint8Array(0);
      const c = await this.reader.next();
      if (!c || c.length === 0) {
        this.eof = true;
        return new Uint8Array(0);
      }
      this.rest = c;
    }
    const out = this.rest.subarray(0, max);
    this.rest = this.rest.length > max ? this.rest.subarray(max) : null;
    return out;
  }
}

/** xioread()'s message for a failed read(): a reset or broken pipe is a warning. */
export function readError(proc: SocatProc, fd: number, max: number, errno: number): number {
  const text = `read(${fd}, ${proc.buff}, ${max}): ${strerror(errno)}`;
  if (errno === ECONNRESET || errno === EPIPE) proc.diag.warn(text);
  else proc.diag.error(text);
  return -errno;
}

/** xiowrite()'s message for a failed write(): with cool-write a reset is only a notice. */
export function writeError(proc: SocatProc, f: XioFile, fd: number, len: number, errno: number): number {
  const text = `write(${fd}, ${proc.buff}, ${len}): ${strerror(errno)}`;
  if ((errno === ECONNRESET || errno === EPIPE) && f.coolWrite) proc.diag.notice(text);
  else proc.diag.error(text);
  return -errno;
}

/** A read or write on a descriptor that was not opened for it. */
export const NOT_OPEN = -EBADF;

/** Real time a wait on the world's virtual clock gives other programs first: they run on
 *  real time (a shell pipeline feeding stdin), and a timeout of socat's (-t, -T) must not
 *  pass before their data could arrive. */
const VIRTUAL_GRACE_MS = 100;

/** A timer on the world's clock: `done` resolves when `ms` have passed, unless cancelled. In
 *  virtual time the wait moves the clock itself, timer by timer, after a short real pause. */
export function worldTimer(clock: Clock, ms: number): { done: Promise<void>; cancel(): void } {
  let cancelled = false;
  let cancelReal: (() => void) | undefined;
  const done = new Promise<void>((resolve) => {
    if (clock.mode === 'wall') {
      const t = clock.setTimeout(ms, () => finish());
      const keep = setTimeout(() => finish(), ms + 1);
      const finish = () => {
        t.cancel();
        clearTimeout(keep);
        if (!cancelled) resolve();
      };
      cancelReal = () => {
        t.cancel();
        clearTimeout(keep);
      };
      return;
    }
    const end = clock.now() + ms;
    void (async () => {
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(ms, VIRTUAL_GRACE_MS));
        cancelReal = () => {
          clearTimeout(t);
          r();
        };
      });
      for (;;) {
        if (cancelled) return;
        const at = clock.nextTimerAt();
        if (at === undefined || at > end) break;
        clock.advance(Math.max(0, at - clock.now()));
        await new Promise<void>((r) => setImmediate(r));
      }
      if (cancelled) return;
      if (end > clock.now()) clock.advance(end - clock.now());
      resolve();
    })();
  });
  return {
    done,
    cancel() {
      cancelled = true;
      cancelReal?.();
    },
  };
}

/** Sleeps on the world's clock; false when the signal came first. */
export async function worldSleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  const t = worldTimer(clock, ms);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'abort'>((r) => {
    onAbort = () => r('abort');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const r = await Promise.race([t.done.then(() => 'done' as const), aborted]);
  signal.removeEventListener('abort', onAbort!);
  t.cancel();
  return r === 'done';
}
