// Address options (xioopts.c): "OPEN:file,creat,perm=0600" carries options after the first
// comma. parseopts() looks each name up in the option table (opt_table.ts), checks that the
// option belongs to one of the address's groups, and reads its value by the option's type.
// The address code then takes the options it knows (retropt_*()); what is left is ignored,
// as socat ignores options of a phase the address never reaches.
import { OPTION_ALIASES, OPTION_DEFS } from './opt_table.js';
import type { Diag } from './diag.js';

export type OptValue = number | string;

export interface Opt {
  /** Canonical name ("so-reuseaddr" for "reuseaddr"). */
  name: string;
  /** The name as written, for messages. */
  written: string;
  value: OptValue;
}

interface OptDef {
  groups: string[];
  type: string;
}

let defs: Map<string, OptDef> | undefined;
let aliases: Map<string, string> | undefined;

function table(): { defs: Map<string, OptDef>; aliases: Map<string, string> } {
  if (!defs || !aliases) {
    defs = new Map();
    for (const line of OPTION_DEFS.split('\n')) {
      const [name, groups, type] = line.split(' ');
      if (name && groups && type) defs.set(name, { groups: groups.split(','), type });
    }
    aliases = new Map();
    for (const pair of OPTION_ALIASES.split(/\s+/)) {
      const i = pair.indexOf('>');
      if (i > 0) aliases.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  return { defs, aliases };
}

/** strtoul()/strtol() with base 0 (or 8): the number and where it stopped. */
export function strtoul(s: string, base = 0): { value: number; end: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)/.exec(s)!;
  let i = m[0].length;
  const neg = m[1] === '-';
  let b = base;
  if ((b === 0 || b === 16) && s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && /[0-9a-fA-F]/.test(s[i + 2] ?? '')) {
    i += 2;
    b = 16;
  } else if (b === 0) {
    b = s[i] === '0' ? 8 : 10;
  }
  const digits = b === 16 ? /[0-9a-fA-F]/ : b === 8 ? /[0-7]/ : /[0-9]/;
  const start = i;
  let v = 0;
  while (i < s.length && digits.test(s[i]!)) v = v * b + parseInt(s[i++]!, b);
  if (i === start) return { value: 0, end: 0 };
  return { value: neg ? -v : v, end: i };
}

/** strtod(): the number and where it stopped (0 when there is none). */
export function strtod(s: string): { value: number; end: number } {
  const m = /^[ \t\n\v\f\r]*[+-]?(?:0[xX][0-9a-fA-F]*\.?[0-9a-fA-F]*(?:[pP][+-]?\d+)?|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(s);
  if (!m || !/[0-9a-zA-Z]/.test(m[0])) return { value: 0, end: 0 };
  const t = m[0].trim();
  const v = /^[+-]?0x/i.test(t) ? Number.parseFloat(String(parseInt(t.replace(/\..*$/, ''), 16))) : Number(t.replace(/^\+/, '').replace(/^(-?)inf.*$/i, '$1Infinity'));
  return { value: v, end: m[0].length };
}

/** A number option's value as socat reads it: a message and exit when it is not one. */
function numeric(diag: Diag, token: string, value: string, parse: (s: string) => { value: number; end: number }): number {
  const r = parse(value);
  if (r.end === 0) {
    diag.error(`parseopts(): missing numerical value of option "${token}"`);
    return 0;
  }
  if (r.end < value.length) diag.error(`parseopts(): trailing garbage in numerical arg of option "${token}"`);
  return r.value;
}

/** Strtod() of socat.c for -t and -T. */
export function parseSeconds(diag: Diag, name: string, value: string): number {
  return numeric(diag, name, value, strtod);
}

/** parseopts(): the option tokens of one address, checked against its groups. */
export function parseOpts(diag: Diag, tokens: string[], groups: readonly string[], ignoreGroups: boolean): Opt[] {
  const { defs, aliases } = table();
  const out: Opt[] = [];
  for (const token of tokens) {
    if (token === '') continue;
    const eq = token.indexOf('=');
    const written = eq < 0 ? token : token.slice(0, eq);
    const lower = written.toLowerCase();
    const name = aliases.get(lower) ?? lower;
    const def = defs.get(name);
    if (!def) {
      diag.error(`parseopts_table(): unknown option "${written}"`);
      continue;
    }
    if (!ignoreGroups && !def.groups.some((g) => groups.includes(g))) {
      diag.error(`parseopts_table(): option "${written}" not supported with this address type`);
      continue;
    }
    const raw = eq < 0 ? undefined : token.slice(eq + 1);
    let value: OptValue;
    switch (def.type) {
      case 'CONST':
        if (raw !== undefined) diag.error(`no value permitted for option "${name}"`);
        value = 1;
        break;
      case 'BOOL': case 'INT': case 'UNSIGNED-INT': case 'SIZE_T': case 'UNSIGNED-SHORT': case 'BYTE':
      case 'OFF_T': case 'OFF64_T':
        value = raw === undefined ? 1 : numeric(diag, token, raw, (s) => strtoul(s));
        break;
      case 'MODE_T':
        value = raw === undefined ? 1 : numeric(diag, token, raw, (s) => strtoul(s, 8));
        break;
      case 'STRUCT-TIMEVAL': case 'STRUCT-TIMESPEC':
        if (raw === undefined) {
          diag.error(`option "${written}": value required`);
          value = 0;
          break;
        }
        value = numeric(diag, token, raw, strtod);
        break;
      default:
        if (raw === undefined) {
          diag.error(`option "${written}": value required`);
          value = '';
          break;
        }
        value = raw;
    }
    out.push({ name, written, value });
  }
  return out;
}

/** The options of an address being opened; retropt() takes one out (the first given). */
export class OptSet {
  constructor(private readonly list: Opt[]) {}

  private take(name: string): Opt | undefined {
    const i = this.list.findIndex((o) => o.name === name);
    if (i < 0) return undefined;
    return this.list.splice(i, 1)[0];
  }

  has(name: string): boolean {
    return this.list.some((o) => o.name === name);
  }

  /** retropt_bool(): undefined when not given. */
  bool(name: string): boolean | undefined {
    const o = this.take(name);
    return o === undefined ? undefined : Number(o.value) !== 0;
  }

  num(name: string): number | undefined {
    const o = this.take(name);
    return o === undefined ? undefined : Number(o.value);
  }

  str(name: string): string | undefined {
    const o = this.take(name);
    return o === undefined ? undefined : String(o.value);
  }

  /** Whether an option of this name is still there (a second bind=, say). */
  left(name: string): Opt | undefined {
    return this.list.find((o) => o.name === name);
  }
}
