// File descriptor 0 for nc's poll() loop: poll() starts a read of standard input, the piece
// that arrives waits until read() takes it (in pieces of at most the buffer's room), and after
// end of file every read() returns 0 again. Once read, standard input is fetched one piece
// ahead, as a pipe holds what was written to it before anyone reads.
import type { Process } from '../process.js';
import { stdinReader } from '../lib/stream.js';

export class StdinFd {
  private readonly reader: { next(): Promise<Uint8Array | null> };
  private chunk: Uint8Array | null | undefined;
  private pending = false;
  private listeners: (() => void)[] = [];

  constructor(p: Process) {
    this.reader = stdinReader(p);
  }

  /** Something (data or the end) can be read without waiting. */
  ready(): boolean {
    return this.chunk !== undefined;
  }

  /** poll() on fd 0: starts reading if no piece is waiting. */
  arm(): void {
    if (this.chunk !== undefined || this.pending) return;
    this.pending = true;
    void this.reader.next().then((c) => {
      this.pending = false;
      this.chunk = c && c.length ? c : null;
      const l = this.listeners;
      this.listeners = [];
      for (const fn of l) fn();
    });
  }

  onReady(fn: () => void): () => void {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** read(0, buf, max) once ready(): bytes, or an empty array at end of file. */
  read(max: number): Uint8Array {
    const c = this.chunk;
    if (!c) return new Uint8Array(0);
    if (c.length <= max) {
      this.chunk = undefined;
      // What the writer has sent since sits in the pipe already: fetch it now, so the next
      // poll() can see it (or the end of file) as the real one would.
      this.arm();
      return c;
    }
    this.chunk = c.subarray(max);
    return c.subarray(0, max);
  }
}
