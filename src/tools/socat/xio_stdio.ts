// STDIO (and "-"), STDIN, STDOUT, STDERR (xio-stdio.c, xio-fdnum.c): the process's own
// descriptors. Standard input is read as it arrives; standard output takes the bytes as they
// are. A standard stream opened for the other direction never has anything to read, and
// writing to standard input fails as write(0) does.
import type { OptSet } from './opts.js';
import { writeStdout } from '../lib/stream.js';
import {
  DDIRECTION, NOT_OPEN, XIO_RDONLY, XIO_RDWR, XIO_WRONLY, writeError, xioDefaults,
  type SocatProc, type XioFile,
} from './xio.js';
import { EBADF } from '../../kernel/errno.js';

const NAMES = ['stdin', 'stdout', 'stderr'];

/** One of the descriptors 0-2 as an address side. */
function fdFile(proc: SocatProc, rfd: number, wfd: number, rw: number): XioFile {
  const f: XioFile = {
    ...xioDefaults(rfd, wfd, rw),
    async read(max) {
      if (!f.readable) return NOT_OPEN;
      if (rfd === 0) return proc.stdin.read(max);
      // stdout/stderr are never readable: poll() does not report them.
      return new Promise<never>(() => undefined);
    },
    async write(data) {
      if (!f.writable) return NOT_OPEN;
      if (wfd === 1) writeStdout(proc.p, data);
      else if (wfd === 2) proc.p.stderr(Buffer.from(data).toString('utf8'));
      else return writeError(proc, f, wfd, data.length, EBADF);
      return data.length;
    },
    shutdownWrite() { /* a standard stream stays open until the process ends */ },
    close() { /* likewise */ },
  };
  return f;
}

/** xioopen_stdio(): "-" and STDIO. */
export function openStdio(proc: SocatProc, rw: number): XioFile {
  if (rw === XIO_RDWR) proc.diag.notice('reading from and writing to stdio');
  else proc.diag.notice(rw === XIO_RDONLY ? 'using stdin for reading' : 'using stdout for writing');
  const rfd = rw === XIO_WRONLY ? 1 : 0;
  const wfd = rw === XIO_RDONLY ? 0 : 1;
  return fdFile(proc, rfd, wfd, rw);
}

/** xioopen_stdfd(): STDIN, STDOUT, STDERR — one descriptor for both directions. */
export function openStdFd(proc: SocatProc, fd: number, rw: number): XioFile {
  proc.diag.notice(`using ${NAMES[fd]} for ${DDIRECTION[rw]}`);
  return fdFile(proc, fd, fd, rw);
}

/** The APPL options every address takes (applyopts_single()). */
export function applyCommon(proc: SocatProc, f: XioFile, opts: OptSet): void {
  if (opts.num('crnl') !== undefined) f.lineterm = 2;
  if (opts.num('cr') !== undefined) f.lineterm = 1;
  const ign = opts.bool('ignoreeof');
  if (ign !== undefined) f.ignoreeof = ign;
  const rb = opts.num('readbytes');
  if (rb !== undefined) f.readbytes = rb;
  const esc = opts.num('escape');
  if (esc !== undefined) f.escape = esc & 0xff;
  const cw = opts.bool('cool-write');
  if (cw !== undefined) f.coolWrite = cw;
  void proc;
}

