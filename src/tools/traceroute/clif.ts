// libsupp/clif.c's CLIF_parse_cmdline(), as traceroute calls it (CLIF_MAY_JOIN_ARG |
// CLIF_HELP_EMPTY): short options grouped or with their argument joined ("-q1"), long
// options whose argument follows an "=" only, abbreviations for the CLIF_ABBREV ones,
// one-dash long options ("-UL"), and the positional arguments handled after every option.
// Errors are the messages err_report() writes; the caller exits with 2.

/** One entry of the option table (CLIF_option). */
export interface ClifOption {
  short?: string;
  long?: string;
  /** The argument's name in messages and help; absent for a flag. */
  arg?: string;
  /** The handler: false when it refused the argument (err_bad_res()). */
  set: (arg: string | undefined) => boolean;
  /** CLIF_ABBREV: the long name may be abbreviated (3 characters at least). */
  abbrev?: boolean;
  /** CLIF_ONEDASH: the long name is written with one dash ("-UL"). */
  oneDash?: boolean;
  /** CLIF_EXIT: stop after the handler (help, version). */
  exit?: boolean;
}

/** One positional argument (CLIF_argument). */
export interface ClifArgument {
  name: string;
  strict: boolean;
  set: (arg: string) => boolean;
}

export type ClifResult = 'ok' | 'exit' | 'error';

const CLIF_MIN_ABBREV = 2;

/** show_short() / show_long() of an option, with or without its argument. */
function showShort(o: ClifOption, withArg: boolean): string {
  return `-${o.short}${withArg && o.arg ? ' ' + o.arg : ''}`;
}

function showLong(o: ClifOption, withArg: boolean): string {
  return `${o.oneDash ? '-' : '--'}${o.long}${withArg && o.arg ? '=' + o.arg : ''}`;
}

/** find_long(): an exact match, or the only abbreviation that fits. */
function findLong(opts: ClifOption[], arg: string, oneDash: boolean): { o: ClifOption; arg?: string } | undefined {
  let abbrev: { o: ClifOption; arg?: string } | undefined;
  let found = false;
  for (const o of opts) {
    if (!o.long || !!o.oneDash !== oneDash) continue;
    let i = 0;
    while (i < o.long.length && i < arg.length && arg[i] === o.long[i]) i++;
    const rest = arg.slice(i);
    if (rest === '' || (rest[0] === '=' && o.arg)) {
      const value = rest[0] === '=' ? rest.slice(1) : undefined;
      if (i === o.long.length) return { o, arg: value };
      if (o.abbrev && i >= CLIF_MIN_ABBREV) {
        if (!found) {
          found = true;
          abbrev = { o, arg: value };
        } else {
          abbrev = undefined;
        }
      }
    }
  }
  return abbrev;
}

/** Parses argv (argv[0] is the program); `err` receives each message line. */
export function clifParse(argv: string[], opts: ClifOption[], args: ClifArgument[], err: (line: string) => void,
  onEmpty: () => void): ClifResult {
  if (argv.length <= 1) {
    onEmpty();
    return 'exit';
  }
  const positional: number[] = [];
  let optionsOn = true;
  const call = (o: ClifOption, value: string | undefined, i: number, short: boolean): ClifResult | undefined => {
    if (!o.set(value)) {
      const name = short ? showShort(o, false) : showLong(o, false);
      err(o.arg ? `Cannot handle \`${name}' option with arg \`${value}' (argc ${i})` : `Cannot handle \`${name}' option (argc ${i})`);
      return 'error';
    }
    return o.exit ? 'exit' : undefined;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!optionsOn || a[0] !== '-' || a === '-') {
      positional.push(i);
      continue;
    }
    if (a[1] === '-') {
      const name = a.slice(2);
      if (name[0] === '-') {
        positional.push(i);
        continue;
      }
      const hit = findLong(opts, name, false);
      if (!hit) {
        if (name === '') {
          optionsOn = false;
          continue;
        }
        const eq = a.indexOf('=');
        err(eq >= 0 ? `Bad option \`${a}' (with arg \`${a.slice(eq + 1)}') (argc ${i})` : `Bad option \`${a}' (argc ${i})`);
        return 'error';
      }
      if (hit.o.arg && hit.arg === undefined) {
        err(`Option \`${showLong(hit.o, false)}' (argc ${i}) requires an argument: \`${showLong(hit.o, true)}'`);
        return 'error';
      }
      const r = call(hit.o, hit.arg, i, false);
      if (r) return r;
      continue;
    }
    // One-dash long options come first ("-UL" is not -U -L).
    const one = findLong(opts, a.slice(1), true);
    if (one) {
      const r = call(one.o, one.arg, i, false);
      if (r) return r;
      continue;
    }
    // A group of short options; an argument may be joined only to the group's first one.
    let k = 1;
    for (;;) {
      const c = a[k]!;
      const o = opts.find((x) => x.short === c);
      if (!o) {
        err(`Bad option \`-${c}' (argc ${i})`);
        return 'error';
      }
      let value: string | undefined;
      if (o.arg) {
        if (k + 1 >= a.length) {
          if (i + 1 >= argv.length) {
            err(`Option \`${showShort(o, false)}' (argc ${i}) requires an argument: \`${showShort(o, true)}'`);
            return 'error';
          }
          value = argv[++i]!;
        } else if (k === 1) {
          value = a.slice(2);
        } else {
          err(`Option \`${showShort(o, false)}' (argc ${i}) requires an argument: \`${showShort(o, true)}'`);
          return 'error';
        }
      }
      const r = call(o, value, i, true);
      if (r) return r;
      if (value !== undefined || ++k >= a.length) break;
    }
  }
  const strict = args.filter((x) => x.strict).length;
  if (positional.length < strict) {
    const missing = args[positional.length]!;
    err(positional.length === strict - 1 ? `Specify "${missing.name}" missing argument.` : `Specify "${missing.name}" and other missing arguments.`);
    return 'error';
  }
  if (positional.length > args.length) {
    const n = args.length;
    err(`Extra arg \`${argv[positional[n]!]}' (position ${n + 1}, argc ${positional[n]})`);
    return 'error';
  }
  for (let j = 0; j < positional.length; j++) {
    const at = positional[j]!;
    if (!args[j]!.set(argv[at]!)) {
      err(`Cannot handle "${args[j]!.name}" cmdline arg \`${argv[at]}' on position ${j + 1} (argc ${at})`);
      return 'error';
    }
  }
  return 'ok';
}

/** strtoul(s, &end, 0) as the handlers use it: the value and whether any digit was read. */
export function strtoul(s: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return undefined;
  const digits = m[2]!;
  let v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : Number(digits);
  if (m[1] === '-') v = -v;
  // unsigned int: wraps modulo 2^32 (and saturates beyond unsigned long, as ULONG_MAX would).
  if (!Number.isFinite(v) || Math.abs(v) > 2 ** 64) return 0xffffffff;
  return Number(BigInt.asUintN(32, BigInt(Math.trunc(v))));
}

/** strtol(s, &end, 0) into an int, for "packetlen". */
export function strtol(s: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(s);
  if (!m) return undefined;
  const digits = m[2]!;
  let v = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : Number(digits);
  if (m[1] === '-') v = -v;
  return Number(BigInt.asIntN(32, BigInt(Math.trunc(Math.max(Math.min(v, 2 ** 63 - 1), -(2 ** 63))))));
}

/** strtod(): the value and the rest of the string, or undefined when no number starts it. */
export function strtod(s: string): { value: number; rest: string } | undefined {
  const m = /^\s*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(s);
  if (!m) return undefined;
  const t = m[0].trim().toLowerCase();
  const value = t.includes('inf') ? (t.startsWith('-') ? -Infinity : Infinity) : t.includes('nan') ? NaN : Number(t);
  return { value, rest: s.slice(m[0].length) };
}
