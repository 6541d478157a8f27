// The data transfer loop (_socat(), xiotransfer(), cv_newline() of socat.c). socat polls four
// descriptors; here each direction is a chain of steps (read one buffer, convert, write it),
// and the loop waits for whichever step ends first, or for the timeouts: after the first EOF
// the other direction gets -t seconds (0.5) of quiet before socat ends, and -T ends a loop
// without traffic. An EOF on one side is passed on as shutdown(SHUT_WR) of the other.
import { E_INFO } from './diag.js';
import { LINETERM_CR, LINETERM_CRNL, LINETERM_RAW, worldTimer, type SocatProc, type XioFile } from './xio.js';
import { EAGAIN } from '../../kernel/errno.js';

type StepResult = 'data' | 'eof' | 'error' | 'again';

/** cv_newline(): converts line ends between the two sides' conventions. */
export function cvNewline(buf: Uint8Array, from: number, to: number): Uint8Array {
  if (from === to) return buf;
  if (from <= LINETERM_CR && to <= LINETERM_CR) {
    const [a, b] = from === LINETERM_RAW ? [10, 13] : [13, 10];
    return buf.map((c) => (c === a ? b : c));
  }
  const out: number[] = [];
  if (from === LINETERM_CRNL) {
    const nl = to === LINETERM_RAW ? 10 : 13;
    for (const c of buf) {
      if (c === 13) continue;
      out.push(c === 10 ? nl : c);
    }
  } else {
    const src = from === LINETERM_RAW ? 10 : 13;
    for (const c of buf) {
      if (c === src) out.push(13, 10);
      else out.push(c);
    }
  }
  return Uint8Array.from(out);
}

/** Text of -v: control characters spelled out, other unprintables as dots. */
function verboseText(buf: Uint8Array): string {
  let s = '';
  for (const c of buf) {
    switch (c) {
      case 7: s += '\\a'; break;
      case 8: s += '\\b'; break;
      case 9: s += '\t'; break;
      case 10: s += '\n'; break;
      case 11: s += '\\v'; break;
      case 12: s += '\\f'; break;
      case 13: s += '\\r'; break;
      case 92: s += '\\\\'; break;
      default: s += c >= 32 && c < 127 ? String.fromCharCode(c) : '.';
    }
  }
  return s;
}

export class Transfer {
  private closing = 0;
  private numltor = 0;
  private numrtol = 0;

  constructor(private readonly proc: SocatProc, private readonly s1: XioFile, private readonly s2: XioFile) {}

  /** xioprintblockheader() and the dumps of -v and -x. */
  private dump(buf: Uint8Array, righttoleft: boolean): void {
    const o = this.proc.opts;
    if (!o.verbose && !o.verbhex) return;
    const clock = this.proc.p.kernel.clock;
    const d = new Date(Date.now() - performance.now() + clock.now());
    const p2 = (n: number) => String(n).padStart(2, '0');
    const ts = `${d.getFullYear()}/${p2(d.getMonth() + 1)}/${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(d.getMilliseconds() * 1000).padStart(6, '0')}`;
    const from = righttoleft ? this.numrtol : this.numltor;
    let out = `${righttoleft ? '< ' : '> '}${ts}  length=${buf.length} from=${from} to=${from + buf.length - 1}\n`;
    if (righttoleft) this.numrtol += buf.length;
    else this.numltor += buf.length;
    if (o.verbose && o.verbhex) {
      for (let i = 0; i < buf.length;) {
        let hex = '', asc = '', n = 0;
        while (n < 16 && i < buf.length) {
          const c = buf[i++]!;
          n++;
          hex += ' ' + c.toString(16).padStart(2, '0');
          asc += c === 10 ? '.' : c >= 32 && c < 127 ? String.fromCharCode(c) : '.';
          if (c === 10) break;
        }
        out += hex + '   '.repeat(16 - n) + '  ' + asc + '\n';
      }
      out += '--\n';
    } else if (o.verbose) {
      out += verboseText(buf);
    } else {
      out += Array.from(buf, (c) => ' ' + c.toString(16).padStart(2, '0')).join('') + '\n';
    }
    this.proc.p.stderr(out);
  }

  /** xiotransfer(): one read from `from`, converted and written to `to`. */
  private async step(from: XioFile, to: XioFile, righttoleft: boolean): Promise<StepResult> {
    let max = this.proc.opts.bufsiz;
    if (from.readbytes !== undefined) {
      if (from.readbytes <= 0) return 'eof';
      max = Math.min(max, from.readbytes);
    }
    for (;;) {
      const r = await from.read(max);
      if (typeof r === 'number') return r === -EAGAIN ? 'again' : 'error';
      if (r.length === 0) {
        if (from.ignoreeof && !this.closing) {
          // ignoreeof: poll again after the poll interval (1 s), as tail -f does.
          this.proc.diag.debug(`socket ${righttoleft ? 2 : 1} (fd ${from.rfd}) is at EOF, ignoring`);
          const t = worldTimer(this.proc.p.kernel.clock, 1000);
          await t.done;
          continue;
        }
        return 'eof';
      }
      let data = r;
      if (from.readbytes !== undefined) from.readbytes -= data.length;
      let escaped = false;
      if (from.escape !== undefined) {
        const i = data.indexOf(from.escape);
        if (i >= 0) {
          this.proc.diag.info('escape char found in input');
          data = data.subarray(0, i);
          escaped = true;
        }
      }
      if (data.length > 0) {
        data = cvNewline(data, from.lineterm, to.lineterm);
        if (data.length === 0) return 'again';
        this.dump(data, righttoleft);
        const n = await to.write(data);
        if (n < 0) return 'error';
        if (this.proc.diag.enabled(E_INFO)) this.proc.diag.info(`transferred ${n} bytes from ${from.rfd} to ${to.wfd}`);
      }
      if (escaped) return 'eof';
      return 'data';
    }
  }

  /** _socat(): runs until both sides are at EOF, a one-way transfer ends, or a timeout. */
  async run(): Promise<void> {
    const { proc, s1, s2 } = this;
    const o = proc.opts;
    const clock = proc.p.kernel.clock;
    proc.diag.notice(`starting data transfer loop with FDs [${s1.rfd},${s1.wfd}] and [${s2.rfd},${s2.wfd}]`);
    // eof: 0 open, 2 just reached (or in error), 3 reported and passed on.
    const eof = [0, 0, 0];
    const dirs = [
      { n: 1, from: s1, to: s2, live: s1.readable && s2.writable && !o.righttoleft, rtl: false },
      { n: 2, from: s2, to: s1, live: s2.readable && s1.writable && !o.lefttoright, rtl: true },
    ];
    const pending = new Map<number, Promise<{ n: number; r: StepResult }>>();
    for (;;) {
      if (eof[1]! > 1 && eof[2]! > 1) break;
      for (const d of dirs) {
        if (d.live && eof[d.n]! < 2 && !pending.has(d.n)) {
          const step = this.step(d.from, d.to, d.rtl).then((r) => ({ n: d.n, r }));
          // An error (exit) of a step that loses the race must not go unhandled.
          step.catch(() => undefined);
          pending.set(d.n, step);
        }
      }
      const waitS = this.closing ? o.closwait : o.totalTimeout;
      const timer = waitS > 0 || this.closing ? worldTimer(clock, waitS * 1000) : undefined;
      const handle = { close: () => timer?.cancel() };
      proc.open.add(handle);
      const racers: Promise<{ n: number; r: StepResult } | 'timeout'>[] = [...pending.values()];
      if (timer) racers.push(timer.done.then(() => 'timeout' as const));
      if (racers.length === 0) break;
      const got = await Promise.race(racers);
      timer?.cancel();
      proc.open.delete(handle);
      if (got === 'timeout') {
        proc.diag.info(`poll timed out (no data within ${waitS.toFixed(6)} seconds)`);
        if (o.totalTimeout > 0) {
          proc.diag.notice('inactivity timeout triggered');
          return;
        }
        break;
      }
      pending.delete(got.n);
      const d = dirs[got.n - 1]!;
      const m = got.n === 1 ? 2 : 1;
      if (got.r === 'error') {
        this.closing = Math.max(this.closing, 1);
        eof[got.n] = 2;
        proc.diag.notice(`socket ${got.n} to socket ${m} is in error`);
        if ((got.n === 1 && o.lefttoright) || (got.n === 2 && o.righttoleft)) break;
      } else if (got.r === 'eof') {
        eof[got.n] = 2;
        this.closing = Math.max(this.closing, 1);
      }
      if (eof[got.n] === 2) {
        proc.diag.notice(`socket ${got.n} (fd ${d.from.rfd}) is at EOF`);
        d.to.shutdownWrite();
        eof[got.n] = 3;
      }
      if (eof[got.n]! >= 2) {
        if ((got.n === 1 && o.lefttoright) || (got.n === 2 && o.righttoleft)) break;
        this.closing = 1;
      }
    }
    s1.close();
    s2.close();
  }
}
