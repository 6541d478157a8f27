// sleep(1), GNU coreutils 9.1: `sleep NUMBER[SUFFIX]...`, the sum of the intervals. In virtual
// time it advances the world's clock at once (firing every timer on the way, letting the tools
// that wait on them run between firings); in wall time it really waits, until the interval is
// over or the process is signalled.
import { constants as osConstants } from 'node:os';
import type { Clock } from '../kernel/clock.js';
import type { Process, Tool } from './process.js';

const HELP = `Usage: sleep NUMBER[SUFFIX]...
  or:  sleep OPTION
Pause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),
'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an
integer.  Given two or more arguments, pause for the amount of time
specified by the sum of their values.

      --help        display this help and exit
      --version     output version information and exit

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Report any translation bugs to <https://translationproject.org/team/>
Full documentation <https://www.gnu.org/software/coreutils/sleep>
or available locally via: info '(coreutils) sleep invocation'
`;

const VERSION = `sleep (GNU coreutils) 9.1
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Jim Meyering and Paul Eggert.
`;

const TRY = "Try 'sleep --help' for more information.\n";

export const sleep: Tool = async (p: Process) => {
  const args = p.argv.slice(1);
  // parse_gnu_standard_options_only(): getopt_long over all arguments ("--" ends options).
  const operands: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const match = ['help', 'version'].filter((o) => o.startsWith(name));
      if (match.length !== 1) {
        p.stderr(`sleep: unrecognized option '${a}'\n${TRY}`);
        return 1;
      }
      if (eq >= 0) {
        p.stderr(`sleep: option '--${match[0]}' doesn't allow an argument\n${TRY}`);
        return 1;
      }
      p.stdout(match[0] === 'help' ? HELP : VERSION);
      return 0;
    }
    if (a.length > 1 && a.startsWith('-')) {
      p.stderr(`sleep: invalid option -- '${a[1]}'\n${TRY}`);
      return 1;
    }
    operands.push(a);
  }
  operands.push(...args.slice(i));

  if (args.length === 0) {
    p.stderr(`sleep: missing operand\n${TRY}`);
    return 1;
  }
  let seconds = 0;
  let ok = true;
  for (const a of operands) {
    const s = parseInterval(a);
    if (s === undefined) {
      p.stderr(`sleep: invalid time interval ${quote(a, utf8Locale(p.env))}\n`);
      ok = false;
    } else {
      seconds += s;
    }
  }
  if (!ok) {
    p.stderr(TRY);
    return 1;
  }

  const ms = seconds * 1000;
  const clock = p.kernel.clock;
  const done = clock.mode === 'virtual' && Number.isFinite(ms) ? await advance(clock, ms, p.signal) : await wait(ms, p.signal);
  return done ? 0 : 128 + signo(p.signal.reason);
};

/** xstrtod() with C strtod syntax, then an optional s/m/h/d suffix; undefined when invalid. */
export function parseInterval(a: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?))(.?)$/i.exec(a);
  if (!m) return undefined;
  const s = strtod(m[1]!);
  if (!(s >= 0)) return undefined; // negative or NaN
  const mult: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };
  const k = mult[m[2]!];
  if (k === undefined) return undefined;
  return s * k + 0; // -0 is 0
}

function strtod(t: string): number {
  let sign = 1;
  if (t[0] === '+' || t[0] === '-') {
    if (t[0] === '-') sign = -1;
    t = t.slice(1);
  }
  const l = t.toLowerCase();
  if (l.startsWith('inf')) return sign * Infinity;
  if (l.startsWith('nan')) return NaN;
  if (l.startsWith('0x')) {
    const hm = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([+-]?[0-9]+))?$/.exec(l)!;
    const int = hm[1] ?? '';
    const frac = hm[2] ?? '';
    let v = 0;
    for (const c of int + frac) v = v * 16 + parseInt(c, 16);
    v /= 16 ** frac.length;
    return sign * v * 2 ** Number(hm[3] ?? 0);
  }
  return sign * Number(t.endsWith('.') ? t.slice(0, -1) : t);
}

/** Virtual time: moves the clock to now+ms one timer at a time, yielding in between. */
async function advance(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  const end = clock.now() + ms;
  for (;;) {
    if (signal.aborted) return false;
    const at = clock.nextTimerAt();
    if (at === undefined || at > end) break;
    clock.advance(Math.max(0, at - clock.now()));
    // Let promise chains and callbacks that the timers woke (ping's next probe) run.
    await new Promise<void>((r) => setImmediate(r));
  }
  if (end > clock.now()) clock.advance(end - clock.now());
  return !signal.aborted;
}

/** When the next timer is due, if the clock tells. */

/** Wall time: resolves true after ms, false when the signal comes first. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    if (signal.aborted) return resolve(false);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const end = performance.now() + ms;
    const arm = () => {
      const left = end - performance.now();
      if (left <= 0) {
        signal.removeEventListener('abort', onAbort);
        return resolve(true);
      }
      // setTimeout holds at most 2^31-1 ms; an infinite sleep just waits for a signal.
      if (Number.isFinite(left)) timer = setTimeout(arm, Math.min(left, 0x7fffffff));
      else timer = setInterval(() => {}, 0x7fffffff);
    };
    const onAbort = () => {
      clearTimeout(timer);
      clearInterval(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    arm();
  });
}

/** The signal a process was killed by: the abort reason is the signal's name. */
function signo(reason: unknown): number {
  if (typeof reason === 'string') {
    const n = (osConstants.signals as Record<string, number>)[reason];
    if (n) return n;
  }
  return osConstants.signals.SIGTERM;
}

function utf8Locale(env: Record<string, string | undefined>): boolean {
  const l = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(l);
}

/** gnulib quote() in locale_quoting_style: 'x' in the C locale, ‘x’ in a UTF-8 one. */
export function quote(s: string, utf8: boolean): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  const esc: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 92: '\\\\' };
  if (!utf8) {
    for (const b of bytes) {
      if (esc[b]) out += esc[b];
      else if (b === 39) out += "\\'";
      else if (b < 32 || b >= 127) out += '\\' + b.toString(8).padStart(3, '0');
      else out += String.fromCharCode(b);
    }
    return `'${out}'`;
  }
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (esc[c]) out += esc[c];
    else if (c < 32 || c === 127 || (c >= 0x80 && c < 0xa0) || c === 0xfffd) {
      for (const b of Buffer.from(ch, 'utf8')) out += '\\' + b.toString(8).padStart(3, '0');
    } else out += ch;
  }
  return `\u2018${out}\u2019`;
}
