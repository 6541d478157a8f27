// OPEN (FILE), CREATE (CREAT) and GOPEN (a plain path) — xio-open.c, xio-creat.c,
// xio-gopen.c: real files on the real filesystem, relative to the working directory.
// OPEN opens an existing file (creat, excl, trunc, append and the o-* options change that),
// CREATE truncates or creates one for writing, GOPEN creates a missing file and appends.
import { constants as fsc, promises as fsp, statSync, type Stats } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { OptSet } from './opts.js';
import {
  DDIRECTION, NOT_OPEN, XIO_RDONLY, XIO_RDWR, XIO_WRONLY, readError, writeError, xioDefaults,
  type SocatProc, type XioFile,
} from './xio.js';
import { strerror } from '../../kernel/errno.js';

const O_CREAT = 0o100, O_EXCL = 0o200, O_TRUNC = 0o1000, O_APPEND = 0o2000;

const MORE_TEXT: Record<string, string> = {
  EROFS: 'Read-only file system',
  ETXTBSY: 'Text file busy',
  EDQUOT: 'Disk quota exceeded',
};

/** The path open() is given, relative to the working directory; kept as written otherwise
 *  ("" and a trailing slash mean what they mean to the kernel). */
function resolvePath(cwd: string, path: string): string {
  return path === '' || path.startsWith('/') ? path : `${cwd.replace(/\/$/, '')}/${path}`;
}

/** strerror() of a Node.js file system error. */
export function fsStrerror(e: unknown): { errno: number; text: string } {
  const code = (e as { code?: string }).code ?? 'EIO';
  const errno = (osConstants.errno as Record<string, number>)[code] ?? 5;
  const text = MORE_TEXT[code] ?? strerror(errno);
  return { errno, text };
}

/** filetypenames[] of filan.c: what stat() says the path is ("undef" when it is not there). */
function fileType(st: Stats | undefined): string {
  if (!st) return 'undef';
  if (st.isFile()) return 'regular file';
  if (st.isDirectory()) return 'directory';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isFIFO()) return 'named pipe';
  if (st.isSocket()) return 'socket';
  return 'undef';
}

function statOrUndef(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The address side of an opened file descriptor. */
function fileXio(proc: SocatProc, fd: number, h: fsp.FileHandle, rw: number, path: string, unlinkClose: boolean): XioFile {
  let closed = false;
  const f: XioFile = {
    ...xioDefaults(fd, fd, rw),
    async read(max) {
      if (!f.readable) return NOT_OPEN;
      try {
        const buf = new Uint8Array(max);
        const r = await h.read(buf, 0, max, null);
        return buf.subarray(0, r.bytesRead);
      } catch (e) {
        return readError(proc, fd, max, fsStrerror(e).errno);
      }
    },
    async write(data) {
      if (!f.writable) return NOT_OPEN;
      try {
        let off = 0;
        while (off < data.length) off += (await h.write(data, off, data.length - off, null)).bytesWritten;
        return data.length;
      } catch (e) {
        return writeError(proc, f, fd, data.length, fsStrerror(e).errno);
      }
    },
    shutdownWrite() { /* a file is only closed at the end */ },
    close() {
      if (closed) return;
      closed = true;
      void h.close().catch(() => undefined);
      proc.fds.free(fd);
      if (unlinkClose) void fsp.unlink(path).catch(() => undefined);
    },
  };
  proc.open.add(f);
  return f;
}

/** The access mode the o-rdonly/o-wronly/o-rdwr options force, if any. */
function accessMode(opts: OptSet, rw: number): number {
  if (opts.bool('o-rdonly')) return XIO_RDONLY;
  if (opts.bool('o-wronly')) return XIO_WRONLY;
  if (opts.bool('o-rdwr')) return XIO_RDWR;
  return rw;
}

async function openFd(proc: SocatProc, path: string, flags: number, mode: number, call: string): Promise<{ fd: number; h: fsp.FileHandle }> {
  try {
    const h = await fsp.open(resolvePath(proc.p.cwd, path), flags | fsc.O_NOCTTY, mode);
    return { fd: proc.fds.alloc(), h };
  } catch (e) {
    proc.diag.error(`${call}: ${fsStrerror(e).text}`);
    throw e;
  }
}

/** xioopen_open(): OPEN:<filename> and FILE:<filename>. */
export async function openOpen(proc: SocatProc, path: string, rw0: number, opts: OptSet): Promise<XioFile> {
  const rw = accessMode(opts, rw0);
  let flags = rw;
  if (opts.bool('o-create')) flags |= O_CREAT;
  if (opts.bool('o-excl')) flags |= O_EXCL;
  const trunc = opts.bool('o-trunc') ?? false;
  const append = opts.bool('append') ?? false;
  const mode = opts.num('perm') ?? 0o666;
  const unlinkClose = opts.bool('unlink-close') ?? false;
  const full = resolvePath(proc.p.cwd, path);
  proc.diag.notice(`opening ${fileType(statOrUndef(full))} "${path}" for ${DDIRECTION[rw]}`);
  const openFlags = flags | (trunc ? O_TRUNC : 0) | (append ? O_APPEND : 0);
  const { fd, h } = await openFd(proc, path, openFlags, mode, `open("${path}", 0${flags.toString(8)}, 0${mode.toString(8).padStart(3, '0')})`);
  return fileXio(proc, fd, h, rw, full, unlinkClose);
}

/** xioopen_creat(): CREATE:<filename> — creat(), a write-only descriptor whatever the
 *  direction asked for. */
export async function openCreate(proc: SocatProc, path: string, rw: number, opts: OptSet): Promise<XioFile> {
  const mode = opts.num('perm') ?? 0o666;
  const unlinkClose = opts.bool('unlink-close') ?? false;
  proc.diag.notice(`creating regular file "${path}" for ${DDIRECTION[rw]}`);
  const { fd, h } = await openFd(proc, path, XIO_WRONLY | O_CREAT | O_TRUNC, mode, `creat("${path}", 0${mode.toString(8).padStart(3, '0')})`);
  const f = fileXio(proc, fd, h, XIO_WRONLY, resolvePath(proc.p.cwd, path), unlinkClose);
  // In the stream model CREATE is write-only, but a read is still tried (and fails: EBADF).
  f.readable = rw !== XIO_WRONLY;
  return f;
}

/** xioopen_gopen(): GOPEN:<filename> and a bare path. */
export async function openGopen(proc: SocatProc, path: string, rw0: number, opts: OptSet): Promise<XioFile> {
  const rw = accessMode(opts, rw0);
  const full = resolvePath(proc.p.cwd, path);
  let st: Stats | undefined;
  try {
    st = statSync(full);
  } catch (e) {
    const { errno, text } = fsStrerror(e);
    if (errno !== 2) proc.diag.error(`stat("${path}"): ${text}`);
  }
  const mode = opts.num('perm') ?? 0o666;
  const flags = rw | O_CREAT | (rw !== XIO_RDONLY ? O_APPEND : 0) | (opts.bool('o-excl') ? O_EXCL : 0);
  const trunc = opts.bool('o-trunc') ?? false;
  proc.diag.notice(`opening ${fileType(st)} "${path}" for ${DDIRECTION[rw]}`);
  const { fd, h } = await openFd(proc, path, flags | (trunc ? O_TRUNC : 0), mode, `open("${path}", 0${flags.toString(8)}, 0${mode.toString(8).padStart(3, '0')})`);
  return fileXio(proc, fd, h, rw, full, opts.bool('unlink-close') ?? false);
}

