// Where curl's bytes go: stdout is a C stdio stream, line buffered on a terminal and fully
// buffered otherwise (glibc: a 4096-byte buffer; whole blocks of a large write go straight
// through), so in
// `curl ... 2>&1` an error message written to the unbuffered stderr comes before body bytes
// still in the buffer. Files (-o, -D) are real files, created when the first byte arrives
// (tool_create_output_file()).
import { openSync, writeSync, closeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Process } from '../process.js';
import { writeStdout } from '../lib/stream.js';

const BUFSIZ = 4096;

/** A FILE* for standard output. */
export class StdoutStream {
  private buf: Uint8Array[] = [];
  private buffered = 0;

  /** 'full' for a pipe or file, 'line' for a terminal, 'none' after every write (-N). */
  constructor(private readonly p: Process, private readonly mode: 'full' | 'line' | 'none' = 'full') {}

  write(data: Uint8Array): void {
    if (data.length === 0) return;
    if (this.mode === 'none') {
      writeStdout(this.p, data);
      return;
    }
    this.buf.push(data);
    this.buffered += data.length;
    if (this.mode === 'line') {
      const all = this.take();
      const nl = all.lastIndexOf(0x0a);
      if (nl >= 0) writeStdout(this.p, all.subarray(0, nl + 1));
      const rest = all.slice(nl + 1);
      if (rest.length) {
        this.buf = [rest];
        this.buffered = rest.length;
      }
      return;
    }
    if (this.buffered >= BUFSIZ) {
      const all = this.take();
      const whole = all.length - (all.length % BUFSIZ);
      writeStdout(this.p, all.subarray(0, whole));
      if (whole < all.length) {
        const rest = all.slice(whole);
        this.buf = [rest];
        this.buffered = rest.length;
      }
    }
  }

  writeText(s: string): void {
    this.write(Buffer.from(s, 'utf8'));
  }

  flush(): void {
    if (this.buffered) writeStdout(this.p, this.take());
  }

  private take(): Uint8Array {
    const all = this.buf.length === 1 ? this.buf[0]! : Buffer.concat(this.buf);
    this.buf = [];
    this.buffered = 0;
    return all;
  }
}

/** An output of one transfer: stdout, or a file opened on the first write. */
export class OutStream {
  private fd: number | undefined;
  /** Bytes written so far (outs->bytes). */
  bytes = 0;
  /** The errno text when the file could not be opened. */
  openError: string | undefined;
  failed = false;
  /** The open failure was reported. */
  warned = false;

  /** file undefined or "-" means standard output. */
  constructor(private readonly stdout: StdoutStream, readonly file: string | undefined, private readonly cwd: string) {}

  get isStdout(): boolean {
    return this.file === undefined || this.file === '-';
  }

  /** The file was created (it stays true after close()). */
  opened = false;

  /** tool_create_output_file(): false (with openError set) when the file cannot be created. */
  create(): boolean {
    if (this.isStdout || this.fd !== undefined) return true;
    if (this.failed) return false;
    try {
      this.fd = openSync(resolve(this.cwd, this.file!), 'w');
      this.opened = true;
      return true;
    } catch (e) {
      this.openError = describeFsError(e);
      this.failed = true;
      return false;
    }
  }

  /** fwrite(): false when the bytes could not be written. */
  write(data: Uint8Array): boolean {
    if (data.length === 0) return true;
    if (this.isStdout) {
      this.stdout.write(data);
      this.bytes += data.length;
      return true;
    }
    if (!this.create()) return false;
    try {
      writeSync(this.fd!, data);
      this.bytes += data.length;
      return true;
    } catch (e) {
      this.openError = describeFsError(e);
      this.failed = true;
      return false;
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

/** strerror() of a failed fs call. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  const texts: Record<string, string> = {
    ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
    ENOTDIR: 'Not a directory', EROFS: 'Read-only file system', ENOSPC: 'No space left on device',
    EEXIST: 'File exists', EPERM: 'Operation not permitted',
  };
  return (code && texts[code]) ?? (e as Error).message;
}
