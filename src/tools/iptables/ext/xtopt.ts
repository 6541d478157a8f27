// libxtables' option tables (xtoptions.c): an extension describes its options as
// struct xt_option_entry rows and xtables_option_parse() / xtables_options_fcheck() apply the
// generic rules — an option given twice, an inverted option that cannot be, mandatory options,
// options that exclude or require each other — with libxtables' exact messages. The typed
// value parsers (XTTYPE_UINT32, XTTYPE_MARKMASK32, XTTYPE_DOUBLE ...) are here too.
import type { ExtCtx, XtablesExt } from './index.js';
import type { IptEntry } from '../../../kernel/netfilter/x_tables.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { parseIPv4, parseIPv4Loose, parseIPv6 } from '../../../wire/inet.js';

/** struct xt_option_entry */
export interface XtOpt {
  name: string;
  /** Options sharing an id are aliases (multiport's --sports and --source-ports). Defaults to
   *  the row's position. */
  id?: number;
  /** XTTYPE_NONE: takes no argument. */
  noArg?: boolean;
  /** XTOPT_MAND */
  mand?: boolean;
  /** XTOPT_MULTI: may be given more than once. */
  multi?: boolean;
  /** XTOPT_INVERT */
  invert?: boolean;
  /** .excl / .also, by option name. */
  excl?: string[];
  also?: string[];
}

export interface XtExtSpec<I> {
  name: string;
  kernel?: string;
  family?: number;
  saveName?: string;
  listName?: string;
  options: XtOpt[];
  init(): I;
  /** x6_parse, after the generic checks. */
  parse(opt: string, arg: string, inv: boolean, info: I, ctx: ExtCtx): void;
  /** x6_fcheck: runs before the generic mandatory/exclusion checks, as xtables_option_mfcall()
   *  and xtables_option_tfcall() do. `seen` holds the canonical names (first row of each id). */
  fcheck?(info: I, ctx: ExtCtx, seen: readonly string[]): void;
  print(info: I, numeric: boolean, e: IptEntry): string;
  save(info: I, e: IptEntry): string;
  check?: XtablesExt<I>['check'];
  same?: XtablesExt<I>['same'];
}

/** An extension driven by an option table. */
export function xtExt<I>(spec: XtExtSpec<I>): XtablesExt<I> {
  const rows = spec.options.map((o, k) => ({ ...o, id: o.id ?? k }));
  const byName = new Map(rows.map((r) => [r.name, r]));
  /** xtables_option_lookup(): the first row with that id. */
  const byId = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!byId.has(r.id)) byId.set(r.id, r);
  // The ids seen so far as a bit mask: parse and final run for every rule of a restore, so
  // they allocate nothing.
  const maxId = Math.max(-1, ...rows.map((r) => r.id));
  if (maxId > 30) throw new RangeError(`${spec.name}: more option ids than a mask holds`);
  const idsSeen = (ctx: ExtCtx): number => {
    const seen = ctx.seen;
    let m = 0;
    for (let k = 0; k < seen.length; k++) m |= 1 << byName.get(seen[k]!)!.id;
    return m;
  };
  const opts: Record<string, boolean> = {};
  for (const r of rows) opts[r.name] = !r.noArg;
  const xname = spec.name;
  return {
    name: spec.name,
    kernel: spec.kernel,
    family: spec.family,
    saveName: spec.saveName,
    listName: spec.listName,
    opts,
    init: spec.init,
    parse(opt, arg, inv, info, ctx) {
      const r = byName.get(opt)!;
      // xtables_option_parse()
      if (!r.multi && idsSeen(ctx) & (1 << r.id)) {
        throw ctx.perr(`${xname}: option "--${byId.get(r.id)!.name}" can only be used once.\n`);
      }
      if (inv && !r.invert) throw ctx.perr(`${xname}: option "--${r.name}" cannot be inverted.\n`);
      spec.parse(opt, arg, inv, info, ctx);
    },
    final(info, ctx) {
      const ids = idsSeen(ctx);
      if (spec.fcheck) {
        const names: string[] = [];
        for (let i = 0; i <= maxId; i++) if (ids & (1 << i)) names.push(byId.get(i)!.name);
        spec.fcheck(info, ctx, names);
      }
      // xtables_options_fcheck()
      for (const r of rows) {
        const seen = (ids & (1 << r.id)) !== 0;
        if (r.mand && !seen) throw ctx.perr(`${xname}: option "--${r.name}" must be specified\n`);
        if (!seen || (!r.excl && !r.also)) continue;
        for (let i = 0; i <= maxId; i++) {
          if (i === r.id) continue;
          const other = byId.get(i);
          if (!other) continue;
          if (r.excl?.includes(other.name) && ids & (1 << i)) {
            throw ctx.perr(`${xname}: option "--${r.name}" cannot be used together with "--${other.name}".\n`);
          }
          if (r.also?.includes(other.name) && !(ids & (1 << i))) {
            throw ctx.perr(`${xname}: option "--${r.name}" also requires "--${other.name}".\n`);
          }
        }
      }
    },
    print: spec.print,
    save: spec.save,
    check: spec.check,
    same: spec.same,
  };
}

// ---------------------------------------------------------------------------------------
// Value parsers (xtables_strtoul() with base 0, as libxtables calls it)

/** strtoul(s, &end, 0) consuming all of `s`: decimal, 0x hex or 0 octal. */
export function strtoul(s: string): number | undefined {
  const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const t = m[1]!;
  const v = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
  return Number.isFinite(v) ? v : undefined;
}

/** XTTYPE_UINT8/16/32 with a range: "bad value ... or out of range (min-max)." */
export function parseUint(ext: string, opt: string, arg: string, ctx: ExtCtx, min = 0, max = 0xffffffff): number {
  const v = strtoul(arg);
  if (v === undefined || v < min || v > max) {
    throw ctx.perr(`${ext}: bad value for option "--${opt}", or out of range (${min}-${max}).\n`);
  }
  return v;
}

/** XTTYPE_UINT32RC (xtopt_parse_mint()): "N", "N:M", ":M" or "N:" (a missing end is 0 or
 *  the maximum); [lo, hi] with hi = lo for one number. */
export function parseUintRange(ext: string, opt: string, arg: string, ctx: ExtCtx, max = 0xffffffff): [number, number] {
  const vals: number[] = [];
  let p = 0;
  for (;;) {
    if (vals.length === 2) throw ctx.perr(`${ext}: Too many components for option "--${opt}" (max: 2)\n`);
    let end = p;
    let v: number;
    if (p === arg.length || arg[p] === ':') {
      v = vals.length === 1 ? max : 0;
    } else {
      const m = /^\s*\+?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(arg.slice(p));
      const t = m?.[1];
      v = t === undefined ? NaN : /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
      if (!(v <= max)) {
        throw ctx.perr(`${ext}: bad value for option "--${opt}" near "${arg.slice(p)}", or out of range (0-${max}).\n`);
      }
      end = p + m![0].length;
      if (end < arg.length && arg[end] !== ':') {
        throw ctx.perr(`${ext}: Argument to "--${opt}" has unexpected characters near "${arg.slice(end)}".\n`);
      }
    }
    vals.push(v);
    if (end >= arg.length) break;
    p = end + 1;
  }
  return vals.length === 1 ? [vals[0]!, vals[0]!] : [vals[0]!, vals[1]!];
}

/** XTTYPE_MARKMASK32: VALUE[/MASK], the mask 0xffffffff when absent. */
export function parseMarkMask(ext: string, opt: string, arg: string, ctx: ExtCtx): [number, number] {
  const bad = () => ctx.perr(`${ext}: bad integer value for option "--${opt}", or out of range.\n`);
  const slash = arg.indexOf('/');
  const v = strtoul(slash < 0 ? arg : arg.slice(0, slash));
  if (v === undefined || v > 0xffffffff) throw bad();
  if (slash < 0) return [v, 0xffffffff];
  const m = strtoul(arg.slice(slash + 1));
  if (m === undefined || m > 0xffffffff) throw bad();
  return [v, m];
}

/** An address and mask as XTTYPE_HOSTMASK gives them: IPv4 numbers, or 16-byte IPv6 arrays
 *  (`addr6`/`mask6`) for ip6tables. The address is not masked. */
export interface HostMask {
  addr: number;
  mask: number;
  addr6?: Uint8Array;
  mask6?: Uint8Array;
}

/** getaddrinfo() of a numeric host of the program's family, with its failure as gai_strerror()
 *  says it in a namespace without DNS. */
function hostOf(s: string, v6: boolean, ctx: ExtCtx): number | Uint8Array {
  const a4 = parseIPv4(s);
  const a6 = parseIPv6(s);
  if (v6 ? a6 : a4 !== undefined) return v6 ? a6! : a4!;
  const why = (v6 ? a4 !== undefined : a6 !== undefined) ? 'Address family for hostname not supported'
    : s === '' || s.includes(':') || s.includes('[') ? 'Name or service not known' : 'Temporary failure in name resolution';
  throw ctx.perr(`getaddrinfo: ${why}\n`);
}

/** XTTYPE_HOSTMASK (xtopt_parse_hostmask()): HOST[/MASK]. The mask is a prefix length (strtoul,
 *  0-32 or 0-128), else an address-form mask; one that is not a prefix (or an IPv4 "prefix"
 *  over 32, which getaddrinfo() reads as 0.0.0.N) leaves the full mask, as xtopt_parse_plenmask()
 *  builds it from the uint8_t hlen that xtables_ipmask_to_cidr()'s -1 became. */
export function parseHostmask(ext: string, opt: string, arg: string, ctx: ExtCtx): HostMask {
  const v6 = ctx.family === NFPROTO_IPV6;
  const slash = arg.indexOf('/');
  const host = hostOf(slash < 0 ? arg : arg.slice(0, slash), v6, ctx);
  const max = v6 ? 128 : 32;
  let plen = max;
  if (slash >= 0) {
    const m = arg.slice(slash + 1);
    const n = strtoul(m);
    if (n !== undefined && n <= max) plen = n;
    else {
      const a = v6 ? parseIPv6(m) : parseIPv4Loose(m);
      if (a === undefined) {
        throw ctx.perr(`${ext}: bad value for option "--${opt}", neither a valid network mask nor valid CIDR (0-${max}).\n`);
      }
      const l = typeof a === 'number' ? maskLen4(a) : maskLen6(a);
      if (l >= 0) plen = l;
    }
  }
  if (!v6) return { addr: host as number, mask: plen === 0 ? 0 : (0xffffffff << (32 - plen)) >>> 0 };
  const mask6 = new Uint8Array(16);
  for (let i = 0; i < 16; i++) mask6[i] = plen >= (i + 1) * 8 ? 0xff : plen > i * 8 ? (0xff << (8 - (plen - i * 8))) & 0xff : 0;
  return { addr: 0, mask: 0, addr6: host as Uint8Array, mask6 };
}

function maskLen4(m: number): number {
  for (let n = 0; n <= 32; n++) if ((n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0) === m) return n;
  return -1;
}

function maskLen6(m: Uint8Array): number {
  let n = 0;
  while (n < 128 && m[n >> 3]! & (0x80 >> (n & 7))) n++;
  for (let k = n; k < 128; k++) if (m[k >> 3]! & (0x80 >> (k & 7))) return -1;
  return n;
}

/** strtod() consuming all of `s` (decimal forms). */
export function strtod(s: string): number | undefined {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
