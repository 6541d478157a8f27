// sysctl(8) from procps-ng 4.0.2 as Debian 12 ships it: reads and writes /proc/sys of the
// process's namespace, loads settings from files (-p, --system; the user's real files,
// relative to the working directory), with procps's messages, output and exit codes.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Process } from './process.js';
import { KernelError, strerror, EACCES, EINVAL, EIO, EISDIR, ENOENT } from '../kernel/errno.js';
import { procStat, readProcFile, writeProcFile, listProcDir } from '../kernel/procfs.js';
import { getoptLong, type LongOpt } from './net_tools/getopt.js';

const PROC_PATH = '/proc/sys/';
const DEFAULT_PRELOAD = '/etc/sysctl.conf';
const DEPRECATED = ['base_reachable_time', 'retrans_time'];

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

const LONGOPTS: LongOpt[] = [
  { name: 'all', hasArg: 0, val: 'a' },
  { name: 'deprecated', hasArg: 0, val: 'DEPRECATED' },
  { name: 'dry-run', hasArg: 0, val: 'DRYRUN' },
  { name: 'binary', hasArg: 0, val: 'b' },
  { name: 'ignore', hasArg: 0, val: 'e' },
  { name: 'names', hasArg: 0, val: 'N' },
  { name: 'values', hasArg: 0, val: 'n' },
  { name: 'load', hasArg: 2, val: 'p' },
  { name: 'quiet', hasArg: 0, val: 'q' },
  { name: 'write', hasArg: 0, val: 'w' },
  { name: 'system', hasArg: 0, val: 'SYSTEM' },
  { name: 'pattern', hasArg: 1, val: 'r' },
  { name: 'help', hasArg: 0, val: 'h' },
  { name: 'version', hasArg: 0, val: 'V' },
];

/** slashdot(): swaps '.' and '/' when the first separator is `old`. */
function slashdot(s: string, old: string, nu: string): string {
  const m = /[./]/.exec(s);
  if (!m || m[0] === nu) return s;
  return s.replace(/[./]/g, (c) => (c === old ? nu : old));
}

/** Repeated separators draw procps's warning once per key. */
function repeatedSeparator(s: string): string | undefined {
  const m = /[./][./]/.exec(s);
  return m ? s.slice(m.index) : undefined;
}

interface Setting {
  key: string;
  path: string;
  value: string | undefined;
  ignoreFailure: boolean;
  globExclude: boolean;
}

class Exit {
  constructor(readonly code: number) {}
}

class Sysctl {
  printName = true;
  printNewline = true;
  ignoreError = false;
  quiet = false;
  ignoreDeprecated = true;
  dryRun = false;
  nameOnly = false;
  pattern: RegExp | undefined;

  constructor(readonly p: Process) {}

  out(s: string): void { this.p.stdout(s); }
  /** xwarnx() */
  warnx(s: string): void { this.p.stderr(`sysctl: ${s}\n`); }
  /** xwarn(): with strerror(errno) */
  warn(s: string, errno: number): void { this.p.stderr(`sysctl: ${s}: ${strerror(errno)}\n`); }

  usage(toStdout: boolean): never {
    if (toStdout) this.p.stdout(USAGE);
    else this.p.stderr(USAGE);
    throw new Exit(toStdout ? 0 : 1);
  }

  stat(path: string): { isDir: boolean; mode: number } | number {
    try {
      return procStat(this.p.kernel, this.p.netns, path);
    } catch (e) {
      if (e instanceof KernelError) return e.errno;
      throw e;
    }
  }

  patternMatch(s: string): boolean {
    return !this.pattern || this.pattern.test(s);
  }

  settingNew(key: string, value: string | undefined, ignoreFailure: boolean, globExclude: boolean): Setting {
    const k = key.startsWith('-') ? key.slice(1) : key;
    const warned = repeatedSeparator(k);
    if (warned && /[./]/.exec(k)?.[0] === '.') this.warnx(`separators should not be repeated: ${warned}`);
    return { key, path: PROC_PATH + slashdot(k, '.', '/'), value, ignoreFailure, globExclude };
  }

  /** ReadSetting() */
  readSetting(name: string): number {
    if (!name) {
      this.warnx(`"${name}" is an unknown key`);
      return -1;
    }
    const outname = slashdot(name, '/', '.');
    const tmpname = PROC_PATH + slashdot(name, '.', '/');
    const st = this.stat(tmpname);
    if (typeof st === 'number') {
      if (!this.ignoreError) {
        this.warn(`cannot stat ${tmpname}`, st);
        return 1;
      }
      return 0;
    }
    if (!(st.mode & 0o400)) return 0;
    if (st.isDir) return this.displayAll(tmpname + '/');
    if (!this.patternMatch(outname)) return 0;
    if (this.nameOnly) {
      this.out(`${outname}\n`);
      return 0;
    }
    let text: string;
    try {
      text = readProcFile(this.p.kernel, this.p.netns, tmpname);
    } catch (e) {
      if (!(e instanceof KernelError)) throw e;
      switch (e.errno) {
        case ENOENT:
          if (!this.ignoreError) {
            this.warnx(`"${outname}" is an unknown key`);
            return 1;
          }
          return 0;
        case EACCES:
          this.warnx(`permission denied on key '${outname}'`);
          return 1;
        case EISDIR:
          return this.displayAll(tmpname + '/');
        case EIO: // stable_secret below /proc/sys/net/ipv6/conf
          return 1;
        default:
          this.warnx(`reading key "${outname}"`);
          return 1;
      }
    }
    // getline() loop: every line of a multi-line value gets the name in front.
    const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    for (const line of lines) {
      if (this.printName) {
        this.out(`${outname} = ${line}`);
        if (!line.endsWith('\n')) this.out('\n');
      } else {
        this.out(this.printNewline ? line : line.replace('\n', ''));
      }
    }
    return 0;
  }

  /** DisplayAll(): the return codes of subdirectories are dropped, as procps does. */
  displayAll(path: string): number {
    let rc = 0;
    let names: string[];
    try {
      names = listProcDir(this.p.kernel, this.p.netns, path);
    } catch {
      this.warnx(`unable to open directory "${path}"`);
      return 1;
    }
    for (const name of names) {
      if (this.ignoreDeprecated && DEPRECATED.includes(name)) continue;
      const sub = path + name;
      const st = this.stat(sub);
      if (typeof st === 'number') this.warn(`cannot stat ${sub}`, st);
      else if (st.isDir) this.displayAll(sub + '/');
      else rc |= this.readSetting(sub.slice(PROC_PATH.length));
    }
    return rc;
  }

  /** WriteSetting() */
  writeSetting(key: string, path: string, value: string | undefined, ignoreFailure: boolean): number {
    let rc = 0;
    const st = this.stat(path);
    if (typeof st === 'number') {
      if (!this.ignoreError) {
        this.warn(`cannot stat ${path}`, st);
        rc = 1;
      }
      return rc;
    }
    void key;
    const dotted = slashdot(path.slice(PROC_PATH.length), '/', '.');
    // The stat() mode check reports whatever errno realpath() left behind: EINVAL.
    if (!(st.mode & 0o200) || st.isDir) {
      this.warn(`setting key "${dotted}"`, EINVAL);
      return rc;
    }
    const ign = ignoreFailure ? ', ignoring' : '';
    if (!this.dryRun) {
      try {
        writeProcFile(this.p.kernel, this.p.netns, path, `${value ?? '(null)'}\n`);
      } catch (e) {
        if (!(e instanceof KernelError)) throw e;
        if (e.errno === EACCES) {
          // open() refused the file.
          this.warnx(`permission denied on key "${dotted}"${ign}`);
          return ignoreFailure ? 0 : 1;
        }
        // The write itself failed: reported at close_stream(), without ", ignoring".
        this.warn(`setting key "${dotted}"`, e.errno);
        return 1;
      }
    }
    if ((rc === 0 && !this.quiet) || this.dryRun) {
      if (this.nameOnly) this.out(`${value}\n`);
      else if (this.printName) this.out(`${dotted} = ${value}\n`);
      else this.out(this.printNewline ? `${value}\n` : `${value}`);
    }
    return rc;
  }

  /** parse_setting_line() */
  parseSettingLine(path: string, linenum: number, line: string): Setting | undefined {
    let key = line.replace(/^\s+/, '');
    if (key.length < 2) return undefined;
    if (key[0] === '#' || key[0] === ';') return undefined;
    if (this.pattern && !this.pattern.test(key)) return undefined;
    const eq = key.indexOf('=');
    if (eq < 0) {
      if (key[0] === '-') return this.settingNew(key.slice(1).replace(/\s+$/, ''), undefined, false, true);
      this.warnx(`${path}(${linenum}): invalid syntax, continuing...`);
      return undefined;
    }
    let value = key.slice(eq + 1);
    key = key.slice(0, eq);
    let ignoreFailure = false;
    if (key[0] === '-') {
      ignoreFailure = true;
      key = key.slice(1);
    }
    value = value.replace(/^\s+/, '').replace(/\s+$/, '');
    key = key.replace(/\s+$/, '');
    return this.settingNew(key, value, ignoreFailure, false);
  }

  /** write_setting_list(): globs in keys of loaded files expand over /proc/sys. */
  writeSettingList(list: Setting[]): number {
    let rc = 0;
    for (const s of list) {
      if (s.globExclude) continue;
      if (/[*?[]/.test(s.path)) {
        for (const m of this.glob(s.path)) {
          if (list.some((o) => o.path === m)) continue;
          rc |= this.writeSetting(s.key, m, s.value, s.ignoreFailure);
        }
      } else {
        rc |= this.writeSetting(s.key, s.path, s.value, s.ignoreFailure);
      }
    }
    return rc;
  }

  /** glob(3) over the emulated /proc/sys: sorted matches of each component. */
  glob(pattern: string): string[] {
    const comps = pattern.split('/').filter(Boolean);
    let paths = [''];
    for (const c of comps) {
      const next: string[] = [];
      for (const base of paths) {
        if (!/[*?[]/.test(c)) {
          const p = `${base}/${c}`;
          if (typeof this.stat(p) !== 'number') next.push(p);
          continue;
        }
        let names: string[];
        try {
          names = listProcDir(this.p.kernel, this.p.netns, base || '/');
        } catch {
          continue;
        }
        const re = fnmatchRegExp(c);
        for (const n of names.sort()) if (re.test(n) && !(n.startsWith('.') && !c.startsWith('.'))) next.push(`${base}/${n}`);
      }
      paths = next;
    }
    return paths;
  }

  /** Preload(): one file (or stdin for "-") into the list. */
  async preload(list: Setting[], filename: string): Promise<number> {
    const names = filename === '-' ? ['-'] : this.globFile(filename);
    for (const name of names) {
      let text: string;
      if (name === '-') {
        text = await this.p.readStdin();
      } else {
        try {
          text = readFileSync(resolve(this.p.cwd, name), 'latin1');
        } catch (e) {
          this.warn(`cannot open "${name}"`, errnoOf(e));
          return 1;
        }
      }
      const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
      let n = 0;
      for (const line of lines) {
        n++;
        if (line.length < 2) continue;
        const s = this.parseSettingLine(name, n, line);
        if (s) list.push(s);
      }
    }
    return 0;
  }

  /** glob(GLOB_NOCHECK | GLOB_TILDE) of a file name on the real filesystem. */
  globFile(name: string): string[] {
    let n = name;
    if (n === '~' || n.startsWith('~/')) n = (this.p.env.HOME ?? '') + n.slice(1);
    if (!/[*?[]/.test(n)) return [n];
    const abs = n.startsWith('/');
    let paths = [abs ? '/' : ''];
    for (const c of n.split('/').filter(Boolean)) {
      const next: string[] = [];
      for (const base of paths) {
        if (!/[*?[]/.test(c)) {
          next.push(base ? (base.endsWith('/') ? base + c : `${base}/${c}`) : c);
          continue;
        }
        try {
          const re = fnmatchRegExp(c);
          for (const e of readdirSync(resolve(this.p.cwd, base || '.')).sort()) {
            if (re.test(e) && !(e.startsWith('.') && !c.startsWith('.'))) next.push(base ? (base.endsWith('/') ? base + e : `${base}/${e}`) : e);
          }
        } catch { /* unreadable directory: no match */ }
      }
      paths = next.filter((p) => { try { statSync(resolve(this.p.cwd, p)); return true; } catch { return false; } });
    }
    return paths.length ? paths : [name];
  }

  /** PreloadSystem() */
  async preloadSystem(list: Setting[]): Promise<number> {
    const dirs = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'];
    const cfgs: { name: string; path: string }[] = [];
    for (const d of dirs) {
      let ents: string[];
      try {
        ents = readdirSync(d);
      } catch {
        continue;
      }
      for (const e of ents) {
        if (e.length < 5 || !e.endsWith('.conf')) continue;
        if (cfgs.some((c) => c.name === e)) continue;
        cfgs.push({ name: e, path: `${d}/${e}` });
      }
    }
    cfgs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let rc = 0;
    for (const c of cfgs) {
      if (!this.quiet) this.out(`* Applying ${c.path} ...\n`);
      rc |= await this.preload(list, c.path);
    }
    try {
      if (statSync(DEFAULT_PRELOAD).isFile()) {
        if (!this.quiet) this.out(`* Applying ${DEFAULT_PRELOAD} ...\n`);
        rc |= await this.preload(list, DEFAULT_PRELOAD);
      }
    } catch { /* no /etc/sysctl.conf */ }
    return rc;
  }

  async main(argv: string[]): Promise<number> {
    if (argv.length < 2) this.usage(false);
    let writeMode = false;
    let displayAllOpt = false;
    let preloadOpt = false;
    let preloadFile: string | undefined;
    const list: Setting[] = [];
    const operands: string[] = [];
    for (const [c, arg] of getoptLong('sysctl', argv.slice(1), 'bneNwfp::qoxaAXr:Vdh', LONGOPTS,
      (t) => this.p.stderr(t), operands, this.p.env.POSIXLY_CORRECT !== undefined)) {
      switch (c) {
        case 'b':
          this.printNewline = false;
          this.printName = false;
          break;
        case 'n':
          this.printName = false;
          break;
        case 'e':
          this.ignoreError = true;
          break;
        case 'N':
          this.nameOnly = true;
          break;
        case 'w':
          writeMode = true;
          break;
        case 'f': case 'p':
          preloadOpt = true;
          if (arg !== undefined) preloadFile = arg;
          break;
        case 'q':
          this.quiet = true;
          break;
        case 'o': case 'x':
          break;
        case 'a': case 'A': case 'X':
          displayAllOpt = true;
          break;
        case 'DEPRECATED':
          this.ignoreDeprecated = false;
          break;
        case 'SYSTEM': {
          this.ignoreError = true;
          let rc = await this.preloadSystem(list);
          rc |= this.writeSettingList(list);
          return rc;
        }
        case 'DRYRUN':
          this.dryRun = true;
          break;
        case 'r':
          try {
            this.pattern = new RegExp(arg ?? '');
          } catch {
            this.pattern = /$^/; // regcomp() failure matches nothing
          }
          break;
        case 'V':
          this.out('sysctl from procps-ng 4.0.2\n');
          return 0;
        default: // 'd', 'h', '?'
          this.usage(true);
      }
    }
    if (displayAllOpt) return this.displayAll(PROC_PATH);
    if (preloadOpt) {
      let ret = 0;
      if (preloadFile === undefined) {
        if (operands.length === 0) ret |= await this.preload(list, DEFAULT_PRELOAD);
      } else {
        ret |= await this.preload(list, preloadFile);
      }
      for (const f of operands) ret |= await this.preload(list, f);
      ret |= this.writeSettingList(list);
      return ret;
    }
    if (operands.length < 1) {
      this.p.stderr("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
      return 1;
    }
    if (this.nameOnly && this.quiet) {
      this.p.stderr("sysctl: options -N and -q cannot coexist\nTry `sysctl --help' for more information.\n");
      return 1;
    }
    let rc = 0;
    for (const a of operands) {
      if (writeMode || a.includes('=')) {
        const s = this.parseSettingLine('command line', 0, a);
        if (s) rc |= this.writeSetting(s.key, s.path, s.value, s.ignoreFailure);
        else rc |= 1;
      } else {
        rc += this.readSetting(a);
      }
    }
    return rc;
  }
}

/** fnmatch(3) without flags, as a RegExp for one path component. */
function fnmatchRegExp(pat: string): RegExp {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = pat.indexOf(']', i + 2);
      if (j < 0) re += '\\[';
      else {
        let body = pat.slice(i + 1, j);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = j;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function errnoOf(e: unknown): number {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return ENOENT;
    case 'EACCES': return EACCES;
    case 'EISDIR': return EISDIR;
    case 'ENOTDIR': return 20;
    default: return EIO;
  }
}

export async function sysctl(p: Process): Promise<number> {
  const s = new Sysctl(p);
  try {
    return (await s.main(p.argv)) & 0xff;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
}
