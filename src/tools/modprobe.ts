// modprobe(8), kmod 30 (tools/modprobe.c): loads a module and what it depends on, or with -r
// removes it and the dependencies nothing else uses. Modules are looked up in
// /lib/modules/<release> (the release is uname -r, the host's as /proc/sys/kernel/osrelease
// reports it); the parts netsim always has count as built in.
import { release } from 'node:os';
import type { Process, Tool } from './process.js';
import {
  deleteModule, moduleDeps, moduleLookup, moduleNormalize, moduleRefcnt, moduleState, requestModule,
} from '../kernel/module/main.js';

const HELP = `Usage:
\tmodprobe [options] [-i] [-b] modulename
\tmodprobe [options] -a [-i] [-b] modulename [modulename...]
\tmodprobe [options] -r [-i] modulename
\tmodprobe [options] -r -a [-i] modulename [modulename...]
\tmodprobe [options] -c
\tmodprobe [options] --dump-modversions filename
Management Options:
\t-a, --all                   Consider every non-argument to
\t                            be a module name to be inserted
\t                            or removed (-r)
\t-r, --remove                Remove modules instead of inserting
\t    --remove-dependencies   Deprecated: use --remove-holders
\t    --remove-holders        Also remove module holders (use together with -r)
\t-w, --wait <MSEC>           When removing a module, wait up to MSEC for
\t                            module's refcount to become 0 so it can be
\t                            removed (use together with -r)
\t    --first-time            Fail if module already inserted or removed
\t-i, --ignore-install        Ignore install commands
\t-i, --ignore-remove         Ignore remove commands
\t-b, --use-blacklist         Apply blacklist to resolved alias.
\t-f, --force                 Force module insertion or removal.
\t                            implies --force-modversions and
\t                            --force-vermagic
\t    --force-modversion      Ignore module's version
\t    --force-vermagic        Ignore module's version magic

Query Options:
\t-R, --resolve-alias         Only lookup and print alias and exit
\t-D, --show-depends          Only print module dependencies and exit
\t-c, --showconfig            Print out known configuration and exit
\t-c, --show-config           Same as --showconfig
\t    --show-modversions      Dump module symbol version and exit
\t    --dump-modversions      Same as --show-modversions
\t    --show-exports          Only print module exported symbol versions and exit

General Options:
\t-n, --dry-run               Do not execute operations, just print out
\t-n, --show                  Same as --dry-run
\t-C, --config=FILE           Use FILE instead of default search paths
\t-d, --dirname=DIR           Use DIR as filesystem root for /lib/modules
\t-S, --set-version=VERSION   Use VERSION instead of \`uname -r\`
\t-s, --syslog                print to syslog, not stderr
\t-q, --quiet                 disable messages
\t-v, --verbose               enables more messages
\t-V, --version               show version
\t-h, --help                  show this help
`;

/** cmdopts[]: long name -> [short letter or own key, takes an argument]. */
const LONG: Record<string, [string, boolean]> = {
  all: ['a', false], remove: ['r', false], 'remove-dependencies': ['holders', false],
  'remove-holders': ['holders', false], wait: ['w', true], 'first-time': ['first', false],
  'ignore-install': ['i', false], 'ignore-remove': ['i', false], 'use-blacklist': ['b', false],
  force: ['f', false], 'force-modversion': ['fm', false], 'force-vermagic': ['fv', false],
  'resolve-alias': ['R', false], 'show-depends': ['D', false], showconfig: ['c', false],
  'show-config': ['c', false], 'show-modversions': ['smv', false], 'dump-modversions': ['smv', false],
  'show-exports': ['se', false], 'dry-run': ['n', false], show: ['n', false], config: ['C', true],
  dirname: ['d', true], 'set-version': ['S', true], syslog: ['s', false], quiet: ['q', false],
  verbose: ['v', false], version: ['V', false], help: ['h', false],
};
const SHORT_ARG = new Set(['w', 'C', 'd', 'S']);
const SHORT = 'arwiDfbRcnCdSsqvVh';

export const modprobe: Tool = async (p: Process) => {
  const argv = p.argv.slice(1);
  const flags = new Set<string>();
  const args: string[] = [];
  let kversion: string | undefined;
  // getopt_long() with argument permutation: options may follow module names; "--" ends them.
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const exact = LONG[name];
      const cands = exact ? [name] : Object.keys(LONG).filter((k) => k.startsWith(name));
      const distinct = new Set(cands.map((c) => LONG[c]![0]));
      if (cands.length === 0) {
        p.stderr(`modprobe: unrecognized option '${a}'\n`);
        return 1;
      }
      if (distinct.size > 1) {
        p.stderr(`modprobe: option '${a}' is ambiguous; possibilities:${cands.map((c) => ` '--${c}'`).join('')}\n`);
        return 1;
      }
      const [key, hasArg] = LONG[cands[0]!]!;
      let val: string | undefined;
      if (hasArg) {
        val = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (val === undefined) {
          p.stderr(`modprobe: option '--${cands[0]}' requires an argument\n`);
          return 1;
        }
      } else if (eq >= 0) {
        p.stderr(`modprobe: option '--${cands[0]}' doesn't allow an argument\n`);
        return 1;
      }
      const r = apply(key, val);
      if (r !== undefined) return r;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (!SHORT.includes(c)) {
          p.stderr(`modprobe: invalid option -- '${c}'\n`);
          return 1;
        }
        let val: string | undefined;
        if (SHORT_ARG.has(c)) {
          val = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (val === undefined) {
            p.stderr(`modprobe: option requires an argument -- '${c}'\n`);
            return 1;
          }
          j = a.length;
        }
        const r = apply(c, val);
        if (r !== undefined) return r;
      }
      continue;
    }
    args.push(a);
  }

  function apply(key: string, val: string | undefined): number | undefined {
    if (key === 'V') {
      p.stdout('kmod version 30\n+ZSTD +XZ -ZLIB +LIBCRYPTO -EXPERIMENTAL\n');
      return 0;
    }
    if (key === 'h') {
      p.stdout(HELP);
      return 0;
    }
    if (key === 'w' && !/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(val ?? '')) {
      p.stderr(`modprobe: ERROR: unexpected wait value '${val}'.\n`);
      return 1;
    }
    if (key === 'S') kversion = val;
    flags.add(key);
    return undefined;
  }

  if (args.length === 0 && !flags.has('c')) {
    p.stderr('modprobe: ERROR: missing parameters. See -h.\n');
    return 1;
  }
  if (flags.has('c')) return 0;
  const quiet = flags.has('q');
  const dryRun = flags.has('n') || flags.has('D');
  const firstTime = flags.has('first');
  // LOG(): FATAL, or WARNING when -a lowered the priority of per-module failures.
  const log = (msg: string) => {
    if (!quiet) p.stderr(`modprobe: ${flags.has('a') ? 'WARNING' : 'FATAL'}: ${msg}\n`);
  };
  const err = (msg: string) => {
    if (!quiet) p.stderr(`modprobe: ERROR: ${msg}\n`);
  };
  const dir = `/lib/modules/${kversion ?? release()}`;
  const k = p.kernel;

  /** insmod(): the module and its dependencies, deepest first. */
  const insmod = (name: string): number => {
    const found = moduleLookup(name);
    if (!found || kversion !== undefined && kversion !== release()) {
      log(`Module ${name} not found in directory ${dir}`);
      return -1;
    }
    const mod = moduleNormalize(name);
    if (moduleState(k, mod)) {
      // KMOD_PROBE_FAIL_ON_LOADED
      if (firstTime) {
        err(`could not insert '${mod}': Module already in kernel`);
        return -1;
      }
      return 0;
    }
    if (flags.has('R')) {
      p.stdout(`${mod}\n`);
      return 0;
    }
    if (!dryRun) requestModule(k, mod);
    return 0;
  };

  /** rmmod_do_module(): a loaded module nothing uses, then its unused dependencies. */
  const rmmod = (name: string): number => {
    if (!moduleLookup(name)) {
      log(`Module ${name} not found.`);
      return -1;
    }
    const mod = moduleNormalize(name);
    const state = moduleState(k, mod);
    if (state === undefined) {
      if (firstTime) {
        log(`Module ${mod} is not in kernel.`);
        return -1;
      }
      return 0;
    }
    if (state === 'builtin') {
      log(`Module ${mod} is builtin.`);
      return -1;
    }
    if (moduleRefcnt(k, mod) > 0) {
      log(`Module ${mod} is in use.`);
      return -1;
    }
    if (dryRun) return 0;
    deleteModule(k, mod);
    for (const d of moduleDeps(mod)) if (moduleState(k, d) === 'live' && moduleRefcnt(k, d) === 0) deleteModule(k, d);
    return 0;
  };

  let rc = 0;
  if (flags.has('r')) {
    for (const a of args) if (rmmod(a) < 0) rc = 1;
  } else if (flags.has('a')) {
    for (const a of args) if (insmod(a) < 0) rc = 1;
  } else {
    // Without -a the words after the module name are its parameters.
    rc = insmod(args[0]!) < 0 ? 1 : 0;
  }
  return rc;
};
