// socat's messages (error.c): every line is "YYYY/MM/DD HH:MM:SS socat[PID] L text" on
// stderr, L one of D I N W E F. -d raises the verbosity one level at a time from the default
// (errors and fatals) down to debug. An error ends the process with status 1 (diag_exit()),
// which -d -d shows as "N exit(1)".
import type { Process } from '../process.js';
import { tstampToRealtime } from '../../kernel/packet/af_packet.js';

export const E_DEBUG = 0, E_INFO = 1, E_NOTICE = 2, E_WARN = 3, E_ERROR = 4, E_FATAL = 5;
const LETTER = ['D', 'I', 'N', 'W', 'E', 'F'];

/** Thrown to end a socat process (Exit(), diag_exit()) with this status. */
export class SocatExit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

/** How messages are written: what -d, -lp, -lu, -lh set (diag_set()). */
export interface DiagSettings {
  /** The lowest level printed (E_ERROR by default). */
  level: number;
  /** The level from which a message ends the process (E_ERROR; -s makes it E_FATAL). */
  exitLevel: number;
  progname: string;
  micros: boolean;
  hostname?: string;
}

export function defaultDiagSettings(): DiagSettings {
  return { level: E_ERROR, exitLevel: E_ERROR, progname: 'socat', micros: false };
}

/** The messages of one socat process (a forked child has its own pid). */
export class Diag {
  /** Set when the process is gone (killed by a signal): nothing more is written. */
  dead = false;

  constructor(private readonly p: Process, readonly pid: number, readonly s: DiagSettings) {}

  /** A copy for a forked child. */
  fork(pid: number): Diag {
    return new Diag(this.p, pid, this.s);
  }

  enabled(level: number): boolean {
    return level >= this.s.level;
  }

  /** msg(): prints at `level` when the verbosity allows it. */
  msg(level: number, text: string): void {
    if (this.dead || level < this.s.level) return;
    this.p.stderr(`${this.timestamp()} ${this.s.hostname ? this.s.hostname + ' ' : ''}${this.s.progname}[${this.pid}] ${LETTER[level]} ${text}\n`);
  }

  debug(text: string): void { this.msg(E_DEBUG, text); }
  info(text: string): void { this.msg(E_INFO, text); }
  notice(text: string): void { this.msg(E_NOTICE, text); }
  warn(text: string): void { this.msg(E_WARN, text); }

  /** Error(): printed, then the process ends with status 1 (unless -s lowered the exit level). */
  error(text: string): void {
    this.msg(E_ERROR, text);
    if (E_ERROR >= this.s.exitLevel) this.exit(1);
  }

  fatal(text: string): never {
    this.msg(E_FATAL, text);
    return this.exit(1);
  }

  /** diag_exit(): "N exit(N)" and the end of the process. */
  exit(status: number): never {
    this.notice(`exit(${status})`);
    throw new SocatExit(status);
  }

  /** The time of day of the world's clock, as strftime("%Y/%m/%d %H:%M:%S") in local time. */
  private timestamp(): string {
    const clock = this.p.kernel.clock;
    const ms = tstampToRealtime(clock, clock.now());
    const d = new Date(ms);
    const p2 = (n: number) => String(n).padStart(2, '0');
    let s = `${d.getFullYear()}/${p2(d.getMonth() + 1)}/${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
    if (this.s.micros) s += '.' + String(Math.floor((ms % 1000) * 1000)).padStart(6, '0');
    return s;
  }
}
