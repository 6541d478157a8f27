// PIPE (xio-pipe.c): without a name, pipe() — what is written comes back to be read, the
// echo address. With a name, a named pipe that socat creates and uses for both directions;
// as only this process holds it, it behaves like the unnamed one (one descriptor).
import type { OptSet } from './opts.js';
import { DDIRECTION, NOT_OPEN, xioDefaults, type SocatProc, type XioFile } from './xio.js';

/** The kernel side of a pipe: bytes in order, and EOF once the write end is closed. */
class PipeBuffer {
  private chunks: Uint8Array[] = [];
  private writerClosed = false;
  private waiter: (() => void) | undefined;

  push(d: Uint8Array): void {
    this.chunks.push(d.slice());
    this.wake();
  }

  closeWrite(): void {
    this.writerClosed = true;
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  async read(max: number): Promise<Uint8Array> {
    while (this.chunks.length === 0 && !this.writerClosed) await new Promise<void>((r) => { this.waiter = r; });
    const c = this.chunks[0];
    if (!c) return new Uint8Array(0);
    if (c.length <= max) {
      this.chunks.shift();
      return c;
    }
    this.chunks[0] = c.subarray(max);
    return c.subarray(0, max);
  }
}

function pipeXio(proc: SocatProc, rfd: number, wfd: number, rw: number): XioFile {
  const buf = new PipeBuffer();
  let wclosed = false;
  const f: XioFile = {
    ...xioDefaults(rfd, wfd, rw),
    async read(max) {
      return f.readable ? buf.read(max) : NOT_OPEN;
    },
    async write(data) {
      if (!f.writable) return NOT_OPEN;
      buf.push(data);
      return data.length;
    },
    shutdownWrite() {
      if (wclosed) return;
      wclosed = true;
      buf.closeWrite();
    },
    close() {
      f.shutdownWrite();
      proc.fds.free(rfd);
      proc.fds.free(wfd);
    },
  };
  proc.open.add(f);
  return f;
}

/** xioopen_fifo(): PIPE without a name. */
export function openPipe(proc: SocatProc, rw: number): XioFile {
  proc.diag.notice(`writing to and reading from unnamed pipe`);
  const rfd = proc.fds.alloc();
  const wfd = proc.fds.alloc();
  return pipeXio(proc, rfd, wfd, rw);
}

/** xioopen_named_pipe(): PIPE:<filename>. */
export function openNamedPipe(proc: SocatProc, path: string, rw: number, opts: OptSet): XioFile {
  void opts;
  proc.diag.notice(`created named pipe "${path}" for ${DDIRECTION[rw]}`);
  const fd = proc.fds.alloc();
  return pipeXio(proc, fd, fd, rw);
}
