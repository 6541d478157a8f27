// dmesg(1) from util-linux 2.38.1 (sys-utils/dmesg.c): prints the kernel log buffer as read
// from /dev/kmsg (one record per read, from clear_seq on), filtered by level and facility,
// with the timestamp formats of -t/-d/-e/-T/--time-format, -x's facility and level names,
// -r's syslog(2)-style prefix and -J's JSON; and controls the buffer with syslog(2)
// (-C, -c, -D, -E, -n). Options are parsed by getopt_long with util-linux's exclusive groups.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Process, Tool } from './process.js';
import { getoptLong, type LongOpt } from './net_tools/getopt.js';
import {
  devkmsgRecords, doSyslog, SYSLOG_ACTION_CLEAR, SYSLOG_ACTION_CONSOLE_LEVEL, SYSLOG_ACTION_CONSOLE_OFF,
  SYSLOG_ACTION_CONSOLE_ON, type PrintkRecord,
} from '../kernel/printk.js';

const USAGE = `
Usage:
 dmesg [options]

Display or control the kernel ring buffer.

Options:
 -C, --clear                 clear the kernel ring buffer
 -c, --read-clear            read and clear all messages
 -D, --console-off           disable printing messages to console
 -E, --console-on            enable printing messages to console
 -F, --file <file>           use the file instead of the kernel log buffer
 -f, --facility <list>       restrict output to defined facilities
 -H, --human                 human readable output
 -J, --json                  use JSON output format
 -k, --kernel                display kernel messages
 -L, --color[=<when>]        colorize messages (auto, always or never)
                               colors are enabled by default
 -l, --level <list>          restrict output to defined levels
 -n, --console-level <level> set level of messages printed to console
 -P, --nopager               do not pipe output into a pager
 -p, --force-prefix          force timestamp output on each line of multi-line messages
 -r, --raw                   print the raw message buffer
     --noescape              don't escape unprintable character
 -S, --syslog                force to use syslog(2) rather than /dev/kmsg
 -s, --buffer-size <size>    buffer size to query the kernel ring buffer
 -u, --userspace             display userspace messages
 -w, --follow                wait for new messages
 -W, --follow-new            wait and print only new messages
 -x, --decode                decode facility and level to readable string
 -d, --show-delta            show time delta between printed messages
 -e, --reltime               show local time and time delta in readable format
 -T, --ctime                 show human-readable timestamp (may be inaccurate!)
 -t, --notime                don't show any timestamp with messages
     --time-format <format>  show timestamp using the given format:
                               [delta|reltime|ctime|notime|iso]
Suspending/resume will make ctime and iso timestamps inaccurate.
     --since <time>          display the lines since the specified time
     --until <time>          display the lines until the specified time

 -h, --help                  display this help
 -V, --version               display version

Supported log facilities:
    kern - kernel messages
    user - random user-level messages
    mail - mail system
  daemon - system daemons
    auth - security/authorization messages
  syslog - messages generated internally by syslogd
     lpr - line printer subsystem
    news - network news subsystem

Supported log levels (priorities):
   emerg - system is unusable
   alert - action must be taken immediately
    crit - critical conditions
     err - error conditions
    warn - warning conditions
  notice - normal but significant condition
    info - informational
   debug - debug-level messages

For more details see dmesg(1).
`;

const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];
const FACILITIES = ['kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp'];

const LONGOPTS: LongOpt[] = [
  { name: 'buffer-size', hasArg: 1, val: 's' },
  { name: 'clear', hasArg: 0, val: 'C' },
  { name: 'color', hasArg: 2, val: 'L' },
  { name: 'console-level', hasArg: 1, val: 'n' },
  { name: 'console-off', hasArg: 0, val: 'D' },
  { name: 'console-on', hasArg: 0, val: 'E' },
  { name: 'decode', hasArg: 0, val: 'x' },
  { name: 'file', hasArg: 1, val: 'F' },
  { name: 'facility', hasArg: 1, val: 'f' },
  { name: 'follow', hasArg: 0, val: 'w' },
  { name: 'follow-new', hasArg: 0, val: 'W' },
  { name: 'human', hasArg: 0, val: 'H' },
  { name: 'help', hasArg: 0, val: 'h' },
  { name: 'json', hasArg: 0, val: 'J' },
  { name: 'kernel', hasArg: 0, val: 'k' },
  { name: 'level', hasArg: 1, val: 'l' },
  { name: 'since', hasArg: 1, val: 'since' },
  { name: 'syslog', hasArg: 0, val: 'S' },
  { name: 'raw', hasArg: 0, val: 'r' },
  { name: 'read-clear', hasArg: 0, val: 'c' },
  { name: 'reltime', hasArg: 0, val: 'e' },
  { name: 'show-delta', hasArg: 0, val: 'd' },
  { name: 'ctime', hasArg: 0, val: 'T' },
  { name: 'noescape', hasArg: 0, val: 'noescape' },
  { name: 'notime', hasArg: 0, val: 't' },
  { name: 'nopager', hasArg: 0, val: 'P' },
  { name: 'until', hasArg: 1, val: 'until' },
  { name: 'userspace', hasArg: 0, val: 'u' },
  { name: 'version', hasArg: 0, val: 'V' },
  { name: 'time-format', hasArg: 1, val: 'time-format' },
  { name: 'force-prefix', hasArg: 0, val: 'p' },
];

/** ul_excl_t excl[]: options that cannot be combined. */
const EXCLUSIVE = ['CDEcnr', 'Hr', 'Lr', 'Sw', 'Tr', 'dr', 'er', 'rx', 'rt'];

const enum Tf { NONE, CTIME, CTIME_DELTA, DELTA, RELTIME, TIME, TIME_DELTA, ISO8601 }

class Fail extends Error {
  constructor(readonly text: string, readonly status = 1) {
    super(text);
  }
}

const TRY_HELP = "Try 'dmesg --help' for more information.\n";

/** parse_level(): a number or a case-insensitive name; `len` 0 is -n's form (1..8). */
function parseLevel(str: string, len: number): number {
  const offset = len ? 0 : 1;
  if (!len) len = str.length;
  const item = str.slice(0, len);
  if (/^[0-9]/.test(item)) {
    const m = /^[0-9]+/.exec(item)![0];
    const x = Number(m) - offset;
    if (m.length === len && x >= 0 && x < LEVELS.length) return x + offset;
  } else {
    const i = LEVELS.findIndex((n) => n.toLowerCase() === item.toLowerCase());
    if (i >= 0) return i + offset;
  }
  throw new Fail(`dmesg: unknown level '${str}'\n`);
}

/** parse_facility() */
function parseFacility(str: string, len: number): number {
  const item = str.slice(0, len);
  if (/^[0-9]/.test(item)) {
    const m = /^[0-9]+/.exec(item)![0];
    const x = Number(m);
    if (m.length === len && x < FACILITIES.length) return x;
  } else {
    const i = FACILITIES.findIndex((n) => n === item.toLowerCase());
    if (i >= 0) return i;
  }
  throw new Fail(`dmesg: unknown facility '${str}'\n`);
}

/** string_to_bitarray(): a comma-separated list; an empty item fails without a message. */
function parseList(list: string, parse: (s: string, len: number) => number, into: Set<number>): void {
  let begin = -1;
  for (let p = 0; p < list.length; p++) {
    if (begin < 0) begin = p;
    let end = -1;
    if (list[p] === ',') end = p;
    if (p + 1 === list.length) end = p + 1;
    if (end < 0) continue;
    if (end <= begin) throw new Fail('');
    into.add(parse(list.slice(begin), end - begin));
    begin = -1;
  }
}

interface Ctl {
  levels: Set<number> | undefined;
  facilities: Set<number> | undefined;
  timeFmt: Tf;
  delta: boolean;
  decode: boolean;
  raw: boolean;
  json: boolean;
  noesc: boolean;
  forcePrefix: boolean;
  utf8: boolean;
  since?: number;
  until?: number;
  /** Seconds since the epoch of the machine's boot (for -T, -e and iso). */
  bootTime: number;
  lastTime: number | undefined;
  lastMinute: string | undefined;
  jsonOpen: boolean;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "%5ld.%06ld" of a record's timestamp */
function secUsec(r: PrintkRecord): string {
  const usec = Math.floor(r.tsNsec / 1000);
  return `${String(Math.floor(usec / 1e6)).padStart(5)}.${String(usec % 1e6).padStart(6, '0')}`;
}

/** "%12.06f" */
function fixed12(v: number): string {
  return v.toFixed(6).padStart(12);
}

/** The wall-clock date of a record (boot time plus its timestamp), in UTC. */
function recordDate(ctl: Ctl, r: PrintkRecord): Date {
  return new Date(ctl.bootTime * 1000 + r.tsNsec / 1e6);
}

/** record_ctime(): "%a %b %e %H:%M:%S %Y" */
function ctime(d: Date): string {
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** safe_fwrite(): non-printable bytes as \xNN (in a UTF-8 locale printable multibyte
 *  characters pass); after a newline inside the message, `indent` spaces. */
function safeText(ctl: Ctl, text: string, indent: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const c = ch.charCodeAt(0);
    if (ctl.noesc) out += ch;
    else if (c === 0) out += '\\x00';
    else if (c < 0x80) {
      const printable = (c >= 0x20 && c < 0x7f) || (c >= 9 && c <= 13);
      if (!printable) out += `\\x${c.toString(16).padStart(2, '0')}`;
      else if (ch === '\n' && i + 1 < text.length && indent) out += '\n' + ' '.repeat(indent);
      else out += ch;
    } else if (ctl.utf8) out += ch;
    else {
      for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16)}`;
    }
  }
  return out;
}

/** fputs_quoted_json() */
function jsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0x20) out += ch;
    else if (ch === '\b') out += '\\b';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\r') out += '\\r';
    else out += `\\u00${c.toString(16).padStart(2, '0')}`;
  }
  return out + '"';
}

function accept(ctl: Ctl, r: PrintkRecord): boolean {
  if (ctl.levels && !ctl.levels.has(r.level)) return false;
  if (ctl.facilities && !ctl.facilities.has(r.facility)) return false;
  const t = ctl.bootTime + r.tsNsec / 1e9;
  if (ctl.since !== undefined && ctl.since >= t) return false;
  if (ctl.until !== undefined && ctl.until <= t) return false;
  return true;
}

/** print_record() */
function printRecord(ctl: Ctl, r: PrintkRecord): string {
  if (!accept(ctl, r)) {
    ctl.lastTime = r.tsNsec;
    return '';
  }
  if (!r.text) return ctl.json ? '' : '\n';
  const delta = ctl.lastTime !== undefined ? (r.tsNsec - ctl.lastTime) / 1e9 : 0;
  ctl.lastTime = r.tsNsec;
  if (ctl.json) {
    let s = ctl.jsonOpen ? '},{\n' : '{\n   "dmesg": [\n      {\n';
    ctl.jsonOpen = true;
    if (ctl.decode) s += `         "fac": ${jsonString(FACILITIES[r.facility] ?? '')},\n         "pri": ${jsonString(LEVELS[r.level]!)},\n`;
    else s += `         "pri": ${r.facility * 8 + r.level},\n`;
    s += `         "time": ${secUsec(r)},\n         "msg": ${jsonString(r.text)}\n      `;
    return s;
  }
  let prefix: string;
  if (ctl.raw) prefix = `<${r.facility * 8 + r.level}>[${secUsec(r)}] `;
  else {
    prefix = ctl.decode ? `${(FACILITIES[r.facility] ?? '').padEnd(6)}:${(LEVELS[r.level] ?? '').padEnd(6)}: ` : '';
    switch (ctl.timeFmt) {
      case Tf.NONE: break;
      case Tf.CTIME: prefix += `[${ctime(recordDate(ctl, r))}] `; break;
      case Tf.CTIME_DELTA: prefix += `[${ctime(recordDate(ctl, r))} <${fixed12(delta)}>] `; break;
      case Tf.DELTA: prefix += `[<${fixed12(delta)}>] `; break;
      case Tf.TIME: prefix += `[${secUsec(r)}] `; break;
      case Tf.TIME_DELTA: prefix += `[${secUsec(r)} <${fixed12(delta)}>] `; break;
      case Tf.RELTIME: {
        const d = recordDate(ctl, r);
        const minute = `${MONTHS[d.getUTCMonth()]}${String(d.getUTCDate()).padStart(2)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
        if (minute !== ctl.lastMinute) prefix += `[${minute}] `;
        else prefix += delta < 10 ? `[  ${sign(delta, 8)}] ` : `[ ${sign(delta, 9)}] `;
        ctl.lastMinute = minute;
        break;
      }
      case Tf.ISO8601: {
        const d = recordDate(ctl, r);
        const usec = Math.floor(r.tsNsec / 1000) % 1e6;
        prefix += `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:` +
          `${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())},${String(usec).padStart(6, '0')}+00:00 `;
        break;
      }
    }
  }
  if (ctl.forcePrefix) {
    return r.text.split('\n').filter((l) => l).map((l) => prefix + safeText(ctl, l, 0)).join('\n') + '\n';
  }
  return prefix + safeText(ctl, r.text, prefix.length) + '\n';
}

/** "%+8.06f" */
function sign(v: number, width: number): string {
  return (v < 0 ? '-' : '+') + Math.abs(v).toFixed(6).padStart(width - 1);
}

/** The records of a file in syslog(2) buffer format ("<6>[    1.000000] text" lines), as
 *  get_next_syslog_record() splits them. */
function fileRecords(text: string): PrintkRecord[] {
  const out: PrintkRecord[] = [];
  let seq = 0;
  for (const chunk of text.split(/\n(?=<)/)) {
    let s = chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk;
    if (!s) continue;
    let fac = -1, level = -1, ts = 0;
    const pri = /^<(\d+)>/.exec(s);
    if (pri) {
      fac = Number(pri[1]) >> 3;
      level = Number(pri[1]) & 7;
      s = s.slice(pri[0].length);
    }
    const t = /^\[\s*(\d+)\.(\d+)\] ?/.exec(s);
    if (t) {
      ts = Number(t[1]) * 1e9 + Number(t[2]) * 1e3;
      s = s.slice(t[0].length);
    }
    out.push({ seq: seq++, tsNsec: ts, facility: fac, level, text: s });
  }
  return out;
}

function bootTimeOf(p: Process): number {
  return Date.now() / 1000 - p.kernel.clock.now() / 1000;
}

async function run(p: Process): Promise<number> {
  const ctl: Ctl = {
    levels: undefined, facilities: undefined, timeFmt: Tf.TIME, delta: false, decode: false, raw: false,
    json: false, noesc: false, forcePrefix: false, bootTime: bootTimeOf(p), lastTime: undefined,
    lastMinute: undefined, jsonOpen: false,
    utf8: /utf-?8/i.test(p.env.LC_ALL || p.env.LC_CTYPE || p.env.LANG || ''),
  };
  let action = 'read';
  let consoleLevel = 0;
  let follow = false, followNew = false;
  let file: string | undefined;
  const seen = new Map<number, string>();
  const operands: string[] = [];
  let usageErr = false;
  for (const [c, arg] of getoptLong('dmesg', p.argv.slice(1), 'CcDdEeF:f:HhJkL::l:n:iPprSs:TtuVWwx', LONGOPTS,
    (t) => p.stderr(t), operands)) {
    // err_exclusive_options()
    EXCLUSIVE.forEach((group, i) => {
      if (!group.includes(c)) return;
      const first = seen.get(i);
      if (first === undefined) seen.set(i, c);
      else if (first !== c) {
        const names = [...group].map((g) => `--${LONGOPTS.find((o) => o.val === g)!.name}`);
        throw new Fail(`dmesg: mutually exclusive arguments: ${names.join(' ')}\n`);
      }
    });
    switch (c) {
      case 'C': action = 'clear'; break;
      case 'c': action = 'read-clear'; break;
      case 'D': action = 'console-off'; break;
      case 'E': action = 'console-on'; break;
      case 'd': ctl.delta = true; break;
      case 'e': ctl.timeFmt = Tf.RELTIME; break;
      case 'F': file = arg!; break;
      case 'f': parseList(arg!, parseFacility, (ctl.facilities ??= new Set())); break;
      case 'H': ctl.timeFmt = Tf.RELTIME; break;
      case 'J': ctl.json = true; break;
      case 'k': (ctl.facilities ??= new Set()).add(0); break;
      case 'L':
        // colormode_or_err()
        if (arg !== undefined && !['auto', 'never', 'always'].includes(arg)) {
          throw new Fail(`dmesg: unsupported color mode: '${arg}'\n`);
        }
        break;
      case 'l': parseList(arg!, parseLevel, (ctl.levels ??= new Set())); break;
      case 'n':
        action = 'console-level';
        consoleLevel = parseLevel(arg!, 0);
        break;
      case 'P': break;
      case 'p': ctl.forcePrefix = true; break;
      case 'r': ctl.raw = true; break;
      case 'S': break;
      case 's':
        // strtou32_or_err(): a number (ERANGE when negative or above 2^32-1)
        if (!/^\s*[+-]?\d+$/.test(arg!)) throw new Fail(`dmesg: invalid buffer size argument: '${arg}'\n`);
        if (/^\s*-/.test(arg!) || Number(arg) > 0xffffffff) {
          throw new Fail(`dmesg: invalid buffer size argument: '${arg}': Numerical result out of range\n`);
        }
        break;
      case 'T': ctl.timeFmt = Tf.CTIME; break;
      case 't': ctl.timeFmt = Tf.NONE; break;
      case 'u':
        ctl.facilities ??= new Set();
        for (let f = 1; f < FACILITIES.length; f++) ctl.facilities.add(f);
        break;
      case 'w': follow = true; break;
      case 'W': follow = followNew = true; break;
      case 'x': ctl.decode = true; break;
      case 'time-format': ctl.timeFmt = whichTimeFormat(arg!); break;
      case 'noescape': ctl.noesc = true; break;
      case 'since': ctl.since = parseTimestamp(arg!); break;
      case 'until': ctl.until = parseTimestamp(arg!); break;
      case 'h': p.stdout(USAGE); return 0;
      case 'V': p.stdout('dmesg from util-linux 2.38.1\n'); return 0;
      default: usageErr = true;
    }
    if (usageErr) break;
  }
  if (usageErr) throw new Fail(TRY_HELP);
  if (operands.length) throw new Fail(`dmesg: bad usage\n${TRY_HELP}`);
  if (ctl.json) {
    ctl.timeFmt = Tf.TIME;
    ctl.delta = false;
    ctl.forcePrefix = false;
    ctl.raw = false;
    ctl.noesc = true;
  }
  if (ctl.delta) {
    ctl.timeFmt = ctl.timeFmt === Tf.CTIME ? Tf.CTIME_DELTA : ctl.timeFmt === Tf.TIME ? Tf.TIME_DELTA
      : ctl.timeFmt === Tf.ISO8601 ? Tf.ISO8601 : Tf.DELTA;
    if (ctl.timeFmt === Tf.ISO8601) p.stderr('dmesg: --show-delta is ignored when used together with iso8601 time format\n');
  }

  const k = p.kernel;
  switch (action) {
    case 'clear':
      doSyslog(k, SYSLOG_ACTION_CLEAR);
      return 0;
    case 'console-off':
      doSyslog(k, SYSLOG_ACTION_CONSOLE_OFF);
      return 0;
    case 'console-on':
      doSyslog(k, SYSLOG_ACTION_CONSOLE_ON);
      return 0;
    case 'console-level':
      doSyslog(k, SYSLOG_ACTION_CONSOLE_LEVEL, consoleLevel);
      return 0;
  }
  let records: PrintkRecord[];
  if (file !== undefined) {
    // mmap_file_buffer(): open, then mmap the whole file (which a directory or an empty
    // file refuses).
    const path = resolve(p.cwd, file);
    let text: string;
    try {
      if (statSync(path).isDirectory()) throw new Fail(`dmesg: cannot mmap: ${file}: No such device\n`);
      text = readFileSync(path, 'latin1');
    } catch (e) {
      if (e instanceof Fail) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new Fail(`dmesg: cannot open ${file}: ${code === 'EACCES' ? 'Permission denied' : 'No such file or directory'}\n`);
    }
    if (!text) throw new Fail(`dmesg: cannot mmap: ${file}: Invalid argument\n`);
    records = fileRecords(text);
  } else records = followNew ? [] : devkmsgRecords(k);
  let out = '';
  for (const r of records) out += printRecord(ctl, r);
  if (ctl.jsonOpen) out += '}\n   ]\n}\n';
  p.stdout(out);
  if (action === 'read-clear') doSyslog(k, SYSLOG_ACTION_CLEAR);
  if (follow && file === undefined) return followLog(p, ctl, records.at(-1)?.seq);
  return 0;
}

/** -w/-W: prints records as they arrive until the process is signalled. */
function followLog(p: Process, ctl: Ctl, lastSeq: number | undefined): Promise<number> {
  let last = lastSeq ?? followLastSeq(p);
  return new Promise((done) => {
    const timer = setInterval(() => {
      let out = '';
      for (const r of devkmsgRecords(p.kernel, true)) {
        if (r.seq <= last) continue;
        out += printRecord(ctl, r);
        last = r.seq;
      }
      if (out) p.stdout(out);
    }, 100);
    const stop = () => {
      clearInterval(timer);
      const sig = p.signal.reason === 'SIGTERM' ? 15 : p.signal.reason === 'SIGKILL' ? 9 : 2;
      done(128 + sig);
    };
    if (p.signal.aborted) stop();
    else p.signal.addEventListener('abort', stop, { once: true });
  });
}

function followLastSeq(p: Process): number {
  return devkmsgRecords(p.kernel, true).at(-1)?.seq ?? -1;
}

/** which_time_format() */
function whichTimeFormat(s: string): Tf {
  switch (s) {
    case 'notime': return Tf.NONE;
    case 'ctime': return Tf.CTIME;
    case 'delta': return Tf.DELTA;
    case 'reltime': return Tf.RELTIME;
    case 'iso': return Tf.ISO8601;
  }
  throw new Fail(`dmesg: unknown time format: ${s}\n`);
}

/** ul_parse_timestamp() for the common forms: now, today, yesterday, tomorrow, +/-N with a
 *  unit (s, min, h, d), "@epoch", and "YYYY-MM-DD[ HH:MM[:SS]]" (UTC). Seconds since the epoch. */
function parseTimestamp(s: string): number {
  const now = Date.now() / 1000;
  const day = Math.floor(now / 86400) * 86400;
  if (s === 'now') return now;
  if (s === 'today') return day;
  if (s === 'yesterday') return day - 86400;
  if (s === 'tomorrow') return day + 86400;
  let m = /^@(\d+)$/.exec(s);
  if (m) return Number(m[1]);
  m = /^([+-])\s*(\d+)\s*(s|sec|second|seconds|m|min|minute|minutes|h|hour|hours|d|day|days)?$/.exec(s);
  if (m) {
    const unit = m[3] ?? 's';
    const mul = unit.startsWith('d') ? 86400 : unit.startsWith('h') ? 3600 : unit === 'm' || unit.startsWith('min') ? 60 : 1;
    return now + (m[1] === '-' ? -1 : 1) * Number(m[2]) * mul;
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (m) return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) / 1000;
  throw new Fail(`dmesg: invalid time value "${s}"\n`);
}

export const dmesg: Tool = async (p) => {
  try {
    return await run(p);
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    p.stderr(e.text);
    return e.status;
  }
};
