// cat(1) from GNU coreutils 9.1, for the files the emulated kernel provides (/proc/sys,
// /proc/net, /sys/class/net, ...). A command line that names none of them is handed to the
// real cat unchanged; one that does is carried out here, real files included, with
// coreutils' options and messages.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Process } from './process.js';
import { KernelError, strerror, EACCES, EIO, EISDIR, ENOENT, ENOTDIR } from '../kernel/errno.js';
import { isEmulatedPath, readProcFile } from '../kernel/procfs.js';
import { getoptLong, type LongOpt } from './net_tools/getopt.js';

/** Where the real program lives; exec'ing it must not come back here. */
const REAL_CAT = '/usr/bin/cat';

const LONGOPTS: LongOpt[] = [
  { name: 'number-nonblank', hasArg: 0, val: 'b' },
  { name: 'number', hasArg: 0, val: 'n' },
  { name: 'squeeze-blank', hasArg: 0, val: 's' },
  { name: 'show-nonprinting', hasArg: 0, val: 'v' },
  { name: 'show-ends', hasArg: 0, val: 'E' },
  { name: 'show-tabs', hasArg: 0, val: 'T' },
  { name: 'show-all', hasArg: 0, val: 'A' },
  { name: 'help', hasArg: 0, val: 'HELP' },
  { name: 'version', hasArg: 0, val: 'VERSION' },
];

const HELP = `Usage: cat [OPTION]... [FILE]...
Concatenate FILE(s) to standard output.

With no FILE, or when FILE is -, read standard input.

  -A, --show-all           equivalent to -vET
  -b, --number-nonblank    number nonempty output lines, overrides -n
  -e                       equivalent to -vE
  -E, --show-ends          display $ at end of each line
  -n, --number             number all output lines
  -s, --squeeze-blank      suppress repeated empty output lines
  -t                       equivalent to -vT
  -T, --show-tabs          display TAB characters as ^I
  -u                       (ignored)
  -v, --show-nonprinting   use ^ and M- notation, except for LFD and TAB
      --help        display this help and exit
      --version     output version information and exit

Examples:
  cat f - g  Output f's contents, then standard input, then g's contents.
  cat        Copy standard input to standard output.

GNU coreutils online help: <https://www.gnu.org/software/coreutils/>
Full documentation <https://www.gnu.org/software/coreutils/cat>
or available locally via: info '(coreutils) cat invocation'
`;

const VERSION = `cat (GNU coreutils) 9.1
Copyright (C) 2022 Free Software Foundation, Inc.
License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.
This is free software: you are free to change and redistribute it.
There is NO WARRANTY, to the extent permitted by law.

Written by Torbjorn Granlund and Richard M. Stallman.
`;

interface Fmt {
  numberAll: boolean;
  numberNonblank: boolean;
  squeeze: boolean;
  nonprinting: boolean;
  ends: boolean;
  tabs: boolean;
}

/** The state cat keeps across files: line numbers and blank-line squeezing continue. */
class Formatter {
  line = 0;
  atLineStart = true;
  blankRun = 0;
  constructor(readonly f: Fmt) {}

  get plain(): boolean {
    const f = this.f;
    return !(f.numberAll || f.numberNonblank || f.squeeze || f.nonprinting || f.ends || f.tabs);
  }

  format(bytes: Buffer): string {
    if (this.plain) return bytes.toString('utf8');
    // Without -v, bytes pass through untouched: work on characters. With -v, on bytes.
    const units: (string | number)[] = this.f.nonprinting ? [...bytes] : [...bytes.toString('utf8')];
    let out = '';
    for (const u of units) {
      const nl = u === 10 || u === '\n';
      if (this.atLineStart) {
        if (nl) {
          this.blankRun++;
          if (this.f.squeeze && this.blankRun > 1) continue;
          if (this.f.numberAll && !this.f.numberNonblank) out += `${String(++this.line).padStart(6)}\t`;
        } else {
          this.blankRun = 0;
          if (this.f.numberAll || this.f.numberNonblank) out += `${String(++this.line).padStart(6)}\t`;
        }
      }
      this.atLineStart = nl;
      if (nl) {
        out += this.f.ends ? '$\n' : '\n';
      } else if (u === 9 || u === '\t') {
        out += this.f.tabs ? '^I' : '\t';
      } else if (typeof u === 'number') {
        let c = u;
        if (c >= 128) {
          out += 'M-';
          c -= 128;
        }
        out += c < 32 ? `^${String.fromCharCode(c + 64)}` : c === 127 ? '^?' : String.fromCharCode(c);
      } else {
        out += u;
      }
    }
    return out;
  }
}

function errnoOfNode(e: unknown): number {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return ENOENT;
    case 'EACCES': return EACCES;
    case 'EISDIR': return EISDIR;
    case 'ENOTDIR': return ENOTDIR;
    default: return EIO;
  }
}

export async function cat(p: Process): Promise<number> {
  const args = p.argv.slice(1);
  const abs = (f: string) => resolve(p.cwd, f);
  // Find the operands the way getopt would, to decide who handles the command.
  const probe: string[] = [];
  for (const _ of getoptLong('cat', args, 'benstuvAET', LONGOPTS, () => {}, probe, p.env.POSIXLY_CORRECT !== undefined)) { /* scan */ }
  const invokedAsReal = (p.argv[0] ?? '').includes('/');
  if (!probe.some((f) => f !== '-' && isEmulatedPath(abs(f))) && !invokedAsReal) {
    return p.exec([REAL_CAT, ...args], {});
  }

  const f: Fmt = { numberAll: false, numberNonblank: false, squeeze: false, nonprinting: false, ends: false, tabs: false };
  const operands: string[] = [];
  for (const [c] of getoptLong('cat', args, 'benstuvAET', LONGOPTS, (t) => p.stderr(t), operands, p.env.POSIXLY_CORRECT !== undefined)) {
    switch (c) {
      case 'b': f.numberAll = true; f.numberNonblank = true; break;
      case 'e': f.ends = true; f.nonprinting = true; break;
      case 'n': f.numberAll = true; break;
      case 's': f.squeeze = true; break;
      case 't': f.tabs = true; f.nonprinting = true; break;
      case 'u': break;
      case 'v': f.nonprinting = true; break;
      case 'A': f.nonprinting = true; f.ends = true; f.tabs = true; break;
      case 'E': f.ends = true; break;
      case 'T': f.tabs = true; break;
      case 'HELP': p.stdout(HELP); return 0;
      case 'VERSION': p.stdout(VERSION); return 0;
      default:
        p.stderr("Try 'cat --help' for more information.\n");
        return 1;
    }
  }
  if (operands.length === 0) operands.push('-');
  const fmt = new Formatter(f);
  let status = 0;
  for (const name of operands) {
    let data: Buffer;
    try {
      if (name === '-') {
        data = Buffer.from(await p.readStdin(), 'utf8');
      } else if (isEmulatedPath(abs(name))) {
        data = Buffer.from(readProcFile(p.kernel, p.netns, abs(name)), 'utf8');
      } else {
        data = readFileSync(abs(name));
      }
    } catch (e) {
      const errno = e instanceof KernelError ? e.errno : errnoOfNode(e);
      p.stderr(`cat: ${name}: ${strerror(errno)}\n`);
      status = 1;
      continue;
    }
    p.stdout(fmt.format(data));
  }
  return status;
}
