// libxtables' option tables (xtoptions.c): an extension describes its options as
// struct xt_option_entry rows and xtables_option_parse() / xtables_options_fcheck() apply the
// generic rules — an option given twice, an inverted option that cannot be, mandatory options,
// options that exclude or require each other — with libxtables' exact messages. The typed
// value parsers (XTTYPE_UINT32, XTTYPE_MARKMASK32, XTTYPE_DOUBLE ...) are here too.
import type { ExtCtx, XtablesExt } from './index.js';
import type { IptEntry } from '../../../kernel/netfilter/x_tables.js';

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
  fcheck?(info: I, ctx: ExtCtx, seen: Set<string>): void;
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
    let m = 0;
    for (const n of ctx.seen) m |= 1 << byName.get(n)!.id;
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
        const names = new Set<string>();
        for (let i = 0; i <= maxId; i++) if (ids & (1 << i)) names.add(byId.get(i)!.name);
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

/** strtod() consuming all of `s` (decimal forms). */
export function strtod(s: string): number | undefined {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;
