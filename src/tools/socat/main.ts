// socat 1.7.4.4 (Debian 12): main() of socat.c — the command line options, socat() opening
// both addresses (the second in the directions the first allows), the transfer loop, the
// signal handler socat_signal() and the exit status. A forked child (fork on a listening
// address) is a concurrent task with its own pid and descriptor table.
import { constants as osConstants, machine, release, type as osType, version as osVersion } from 'node:os';
import type { Process, Tool } from '../process.js';
import type { Kernel } from '../../kernel/kernel.js';
import { Diag, E_DEBUG, E_ERROR, E_FATAL, SocatExit, defaultDiagSettings } from './diag.js';
import { parseSeconds, strtoul } from './opts.js';
import { Transfer } from './transfer.js';
import { xioOpen, type OpenCtx } from './xioopen.js';
import { FdTable, StdinSource, XIO_RDONLY, XIO_RDWR, XIO_WRONLY, type SocatOptions, type SocatProc, type XioFile } from './xio.js';
import { USAGE, ADDRESS_HELP, VERSION_FEATURES } from './usage.js';

const lastPid = new WeakMap<Kernel, number>();

/** A process id for a new socat process of this world. */
function newPid(k: Kernel): number {
  const pid = (lastPid.get(k) ?? 2000 + Math.floor(Math.random() * 20000)) + 1;
  lastPid.set(k, pid);
  return pid;
}

/** What %p prints for the transfer buffer (a page-aligned heap address). */
function bufferAddress(pid: number): string {
  return '0x' + (0x55a000000000 + ((pid * 0x9e3779b1) % 0x3fffff) * 0x1000).toString(16);
}

/** An early end of main(): text for stdout/stderr and the status. */
class Early {
  constructor(readonly status: number, readonly stdout = '', readonly stderr = '') {}
}

interface CommandLine {
  opts: SocatOptions;
  diag: ReturnType<typeof defaultDiagSettings>;
  addresses: string[];
}

function optHint(a: string, b: string): Early {
  return new Early(1, '', `Do not merge single character options, i.e. use "-${a} -${b}" instead of "-${a}${b}"\n`);
}

/** main()'s option loop. Errors that socat reports with Error() go through `diag`. */
function parseCommandLine(argv: string[], diag: Diag): CommandLine | Early {
  const s = diag.s;
  const opts: SocatOptions = {
    bufsiz: 8192, verbose: false, verbhex: false, closwait: 0.5, totalTimeout: 0,
    lefttoright: false, righttoleft: false, ignoreGroups: false,
  };
  let i = 1;
  const value = (a: string, letter: string, exitIfMissing: boolean): string | undefined => {
    if (a.length > 2) return a.slice(2);
    const v = argv[++i];
    if (v === undefined) {
      diag.msg(E_ERROR, `option -${letter} requires an argument; use option "-h" for help`);
      if (exitIfMissing) diag.exit(1);
    }
    return v;
  };
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const a = argv[i]!;
    const c = a[1] ?? '';
    switch (c) {
      case 'V':
        if (a.length > 2) return new Early(1, '', USAGE);
        return new Early(0, `${USAGE.split('\n')[0]}\nsocat version 1.7.4.4 on 06 Nov 2022 08:15:51\n` +
          `   running on ${osType()} version ${osVersion()}, release ${release()}, machine ${machine()}\n` + VERSION_FEATURES);
      case 'h': case '?':
        return new Early(0, USAGE + ADDRESS_HELP);
      case 'd': {
        if (!/^d+$/.test(a.slice(1))) return new Early(1, '', USAGE);
        s.level = Math.max(E_DEBUG, s.level - (a.length - 1));
        break;
      }
      case 'D': case 'v': case 'x': case 's': case 'u': case 'U': case 'g': case '4': case '6':
        if (a.length > 2) return optHint(c, a[2]!);
        if (c === 'v') opts.verbose = true;
        if (c === 'x') opts.verbhex = true;
        if (c === 's') s.exitLevel = E_FATAL;
        if (c === 'u') opts.lefttoright = true;
        if (c === 'U') opts.righttoleft = true;
        if (c === 'g') opts.ignoreGroups = true;
        break;
      case 'l':
        switch (a[2]) {
          case 'm': case 'y': case 's': break;
          case 'f': case 'p': {
            let v: string | undefined = a.slice(3);
            if (v === '') {
              v = argv[i + 1];
              if (v === undefined) diag.error(`option -l${a[2]} requires an argument; use option "-h" for help`);
              else i++;
            }
            if (a[2] === 'p' && v !== undefined) s.progname = v;
            break;
          }
          case 'u': s.micros = true; break;
          case 'h': s.hostname = 'localhost'; break;
          default: diag.error(`unknown log option "${a}"; use option "-h" for help`);
        }
        break;
      case 'r': case 'R':
        value(a, c, false);
        break;
      case 'b': {
        const v = value(a, c, true)!;
        opts.bufsiz = strtoul(v).value;
        break;
      }
      case 't': case 'T': {
        const v = value(a, c, true)!;
        const secs = parseSeconds(diag, `-${c}`, v);
        if (c === 't') opts.closwait = secs;
        else opts.totalTimeout = secs;
        break;
      }
      case 'L': case 'W':
        value(a, c, true);
        break;
      case '': case ',': case ':':
        return finish(argv.slice(i));
      default:
        if (a.startsWith('-!!')) return finish(argv.slice(i));
        diag.msg(E_ERROR, `unknown option "${a}"; use option "-h" for help`);
        return diag.exit(1);
    }
  }
  return finish(argv.slice(i));

  function finish(addresses: string[]): CommandLine {
    if (addresses.length !== 2) {
      diag.msg(E_ERROR, `exactly 2 addresses required (there are ${addresses.length}); use option "-h" for help`);
      diag.exit(1);
    }
    if (opts.lefttoright && opts.righttoleft) diag.error('-U and -u must not be combined');
    return { opts, diag: s, addresses };
  }
}

/** Everything a running socat family of processes shares, to end it on a signal. */
interface Family {
  procs: Set<SocatProc>;
}

function closeAll(proc: SocatProc): void {
  for (const o of proc.open) o.close();
  proc.open.clear();
}

/** fork(): a child process that goes on with `cont` once run() gives it its connection. */
function forker(family: Family, cont: (child: SocatProc, f: XioFile) => Promise<void>): OpenCtx['fork'] {
  return (parent) => {
    const pid = parent.newPid();
    const child: SocatProc = {
      ...parent,
      diag: parent.diag.fork(pid),
      fds: parent.fds.clone(),
      open: new Set(),
      buff: bufferAddress(pid),
    };
    family.procs.add(child);
    return {
      proc: child,
      run(f) {
        void (async () => {
          let status = 0;
          // The parent goes on (back to listening) before the child gets to run.
          await new Promise<void>((r) => setImmediate(r));
          try {
            await cont(child, f);
          } catch (e) {
            if (!(e instanceof SocatExit)) throw e;
            status = e.status;
          }
          if (status === 0) child.diag.notice('exiting with status 0');
          closeAll(child);
          family.procs.delete(child);
          parent.diag.notice('childdied(): handling signal 17');
        })().catch(() => undefined);
      },
    };
  };
}

/** socat(): opens both addresses and runs the transfer loop. */
async function socatMain(proc: SocatProc, family: Family, addr1: string, addr2: string): Promise<void> {
  const o = proc.opts;
  const rw1 = o.lefttoright ? XIO_RDONLY : o.righttoleft ? XIO_WRONLY : XIO_RDWR;
  const openSecond = async (p: SocatProc, s1: XioFile): Promise<void> => {
    const rw2 = s1.writable ? (s1.readable ? XIO_RDWR : XIO_RDONLY) : XIO_WRONLY;
    const s2 = await xioOpen(p, addr2, rw2, { fork: forker(family, (child, f) => transfer(child, s1, f)) });
    p.diag.info('resolved and opened all sock addresses');
    await transfer(p, s1, s2);
  };
  const s1 = await xioOpen(proc, addr1, rw1, { fork: forker(family, openSecond) });
  await openSecond(proc, s1);
}

function transfer(proc: SocatProc, s1: XioFile, s2: XioFile): Promise<void> {
  return new Transfer(proc, s1, s2).run();
}

const SIGNO: Record<string, number> = osConstants.signals as unknown as Record<string, number>;

/** socat_signal(): the messages of a caught signal; the status is 128+signo. */
function onSignal(proc: SocatProc, sig: string): number {
  const n = SIGNO[sig] ?? 15;
  const d = proc.diag;
  if (sig === 'SIGKILL') return 128 + n;
  d.notice(`socat_signal(): handling signal ${n}`);
  const text = `exiting on signal ${n}`;
  if (sig === 'SIGTERM') d.warn(text);
  else if (sig === 'SIGQUIT') d.msg(E_ERROR, text);
  else d.notice(text);
  d.notice(`socat_signal(): finishing signal ${n}`);
  d.notice(`exit(${128 + n})`);
  return 128 + n;
}

export const socat: Tool = async (p: Process) => {
  const k = p.kernel;
  const pid = newPid(k);
  const diag = new Diag(p, pid, defaultDiagSettings());
  const proc: SocatProc = {
    p, diag,
    fds: new FdTable(),
    opts: {} as SocatOptions,
    stdin: new StdinSource(p),
    buff: bufferAddress(pid),
    open: new Set(),
    newPid: () => newPid(k),
  };
  let cl: CommandLine | Early;
  try {
    cl = parseCommandLine(p.argv, diag);
  } catch (e) {
    if (e instanceof SocatExit) return e.status;
    throw e;
  }
  if (cl instanceof Early) {
    if (cl.stdout) p.stdout(cl.stdout);
    if (cl.stderr) p.stderr(cl.stderr);
    return cl.status;
  }
  proc.opts = cl.opts;
  diag.info('socat by Gerhard Rieger and contributors - see www.dest-unreach.org');
  diag.info('This product includes software developed by the OpenSSL Project for use in the OpenSSL Toolkit. (http://www.openssl.org/)');
  diag.info('This product includes software written by Tim Hudson (tjh@cryptsoft.com)');
  diag.debug('socat version 1.7.4.4 on 06 Nov 2022 08:15:51');

  const family: Family = { procs: new Set([proc]) };
  const work = (async (): Promise<number> => {
    try {
      await socatMain(proc, family, cl.addresses[0]!, cl.addresses[1]!);
      diag.notice('exiting with status 0');
      return 0;
    } catch (e) {
      if (e instanceof SocatExit) return e.status;
      throw e;
    }
  })();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<string>((resolve) => {
    onAbort = () => resolve(String(p.signal.reason ?? 'SIGTERM'));
    if (p.signal.aborted) onAbort();
    else p.signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => undefined);
  const r = await Promise.race([work, aborted]);
  p.signal.removeEventListener('abort', onAbort!);
  if (typeof r === 'number') {
    for (const q of family.procs) closeAll(q);
    return r;
  }
  const status = onSignal(proc, r);
  for (const q of family.procs) {
    q.diag.dead = true;
    closeAll(q);
  }
  return status;
};
// socat installs its handlers for these whatever the shell left ignored (Sigaction()).
socat.catches = ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP'];

