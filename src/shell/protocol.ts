// The wire protocol between a command shim (shim.c, or shim-node.ts when no C compiler is found)
// and the session server (server.ts). One TCP connection to 127.0.0.1:$NETSIM_PORT per command.
//
// Every message is a frame: 1 type byte, a 4-byte big-endian payload length, the payload.
//
// shim -> server
//   'Q' request   NUL-terminated strings: "netsim/1", $NETSIM_TOKEN, cwd, fd kinds (decimal:
//                 bit 0/1/2 = fd 0/1/2 is a terminal, bit 3/4/5 = fd 0/1/2 is a regular
//                 file), ignored signals (decimal mask of
//                 1 << signo: the caught signals the shim's parent had set to SIG_IGN), argc
//                 (decimal), argv[0..argc-1], then every environment entry "K=V" to the end.
//                 Must be the first frame.
//   'I' stdin     a chunk of standard input, sent only after the server asked for it ('R');
//                 an empty 'I' is end of file.
//   'S' signal    int32 signal number the shim caught (SIGINT, SIGTERM, SIGHUP, SIGQUIT). The
//                 shim catches them even when they were ignored at its start; the server then
//                 drops them unless the tool declares it catches them (Tool.catches).
//   'F' exec-fail int32 errno, then strerror's text: execve of a 'C' frame failed.
//
// server -> shim
//   'O' stdout    bytes to write to fd 1 (written as the tool produces them: ping streams).
//   'E' stderr    bytes to write to fd 2.
//   'R' read      the tool wants its standard input: the shim streams fd 0 as 'I' frames.
//                 A tool that never reads stdin leaves it untouched for the next command.
//   'X' exit      int32: >= 0 exit status; < 0 "killed by signal -n" (the shim re-raises it
//                 with the default action so the parent shell sees a signal death).
//   'C' exec      NUL-terminated strings: argc, argv[0..argc-1], then "K=V" environment
//                 additions. The shim applies them and execs (argv[0] without '/': searched on
//                 PATH; with NETSIM_REAL among the additions: searched on PATH skipping shim
//                 directories, i.e. the real program). On success the socket (close-on-exec)
//                 just closes; on failure the shim sends 'F' and keeps going.
//
// A connection closed by the shim before 'X' (killed, `timeout -k`, EPIPE) aborts the tool.

export const MAGIC = 'netsim/1';

export const T = {
  Request: 0x51, // 'Q'
  Stdin: 0x49, // 'I'
  Signal: 0x53, // 'S'
  ExecFailed: 0x46, // 'F'
  Stdout: 0x4f, // 'O'
  Stderr: 0x45, // 'E'
  ReadStdin: 0x52, // 'R'
  Exit: 0x58, // 'X'
  Exec: 0x43, // 'C'
} as const;

/** Largest frame either side accepts (argv + environment fit easily). */
export const MAX_FRAME = 64 * 1024 * 1024;
/** Output is cut into frames of at most this many bytes. */
export const OUT_CHUNK = 256 * 1024;

export function frame(type: number, payload?: Uint8Array): Buffer {
  const len = payload ? payload.length : 0;
  const b = Buffer.allocUnsafe(5 + len);
  b[0] = type;
  b.writeUInt32BE(len, 1);
  if (payload) b.set(payload, 5);
  return b;
}

export function int32Frame(type: number, n: number): Buffer {
  const p = Buffer.allocUnsafe(4);
  p.writeInt32BE(n | 0, 0);
  return frame(type, p);
}

/** Strings, each NUL-terminated. */
export function packStrings(list: readonly string[]): Buffer {
  return Buffer.from(list.map((s) => s + '\0').join(''), 'utf8');
}

export function unpackStrings(p: Buffer): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === 0) {
      out.push(p.toString('utf8', start, i));
      start = i + 1;
    }
  }
  if (start < p.length) out.push(p.toString('utf8', start));
  return out;
}

/** Accumulates bytes and yields complete frames. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  /** Appends data; returns the frames now complete, or throws on an oversized frame. */
  push(data: Buffer): { type: number; payload: Buffer }[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    const out: { type: number; payload: Buffer }[] = [];
    let off = 0;
    while (this.buf.length - off >= 5) {
      const len = this.buf.readUInt32BE(off + 1);
      if (len > MAX_FRAME) throw new Error(`frame too large (${len} bytes)`);
      if (this.buf.length - off < 5 + len) break;
      out.push({ type: this.buf[off]!, payload: this.buf.subarray(off + 5, off + 5 + len) });
      off += 5 + len;
    }
    this.buf = off === this.buf.length ? Buffer.alloc(0) : this.buf.subarray(off);
    return out;
  }
}
