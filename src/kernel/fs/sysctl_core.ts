// kernel/sysctl.c + fs/proc/proc_sysctl.c: the /proc/sys tree. Tables register under a
// path ("net/ipv4", "net/ipv4/conf") and produce their entries for one (kernel, netns)
// view, the way register_net_sysctl() tables are instantiated per namespace. Each file
// carries a proc_handler that reads and writes text exactly as Linux's do: proc_dointvec
// and friends with their parsing rules, ranges and EINVAL, jiffies conversions at the
// kernel's HZ, strings, bitmaps.
import type { Kernel } from '../kernel.js';
import type { Netns } from '../net_namespace.js';
import type { NetDevice } from '../core/netdevice.js';
import { EINVAL, KernelError } from '../errno.js';

/** CONFIG_HZ of the kernel the conformance corpus was recorded on (jiffies conversions
 *  round to it: writing 1001 to a *_ms entry reads back 1004). */
export const HZ = 250;
export const USER_HZ = 100;
const MS_PER_JIFFY = 1000 / HZ;

export const INT_MAX = 0x7fffffff;
export const INT_MIN = -0x80000000;
export const UINT_MAX = 0xffffffff;
export const ULONG_MAX = (1n << 64n) - 1n;

/** What a table entry sees: the machine and the namespace the reader lives in. */
export interface SysctlCtx {
  kernel: Kernel;
  ns: Netns;
}

export interface SysFile {
  kind: 'file';
  /** ctl_table->mode (0644, 0444, 0200, 0600). */
  mode: number;
  /** proc_handler(write=0): the whole text of the file. Throws KernelError (e.g. EIO). */
  read(): string;
  /** proc_handler(write=1) with the bytes written. Throws KernelError (EINVAL, ...). */
  write(text: string): void;
  /** The value as a number, for kernel code (the first field of what read() returns). */
  num?(): number;
}

export interface SysDir {
  kind: 'dir';
  mode: number;
  children(): Map<string, SysNode>;
}

export type SysNode = SysFile | SysDir;

// ---------------------------------------------------------------------------------------
// Parsing as proc_get_long()/__do_proc_dointvec() do it.

const WSPACE = ' \t\n';
const isSpace = (c: string | undefined) => c !== undefined && ' \t\n\v\f\r'.includes(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const TMPBUFLEN = 22;

/** proc_get_long(): one optionally negative number in strtoul base-0 syntax, which must be
 *  followed by whitespace or the end. Returns the magnitude, the sign and the new position. */
function procGetLong(s: string, pos: number, tr = WSPACE): { val: bigint; neg: boolean; next: number } | undefined {
  const size = s.length - pos;
  if (size <= 0) return undefined;
  const tmp = s.slice(pos, pos + Math.min(size, TMPBUFLEN - 1));
  let q = 0;
  let neg = false;
  if (tmp[0] === '-' && size > 1) {
    neg = true;
    q = 1;
  }
  if (!isDigit(tmp[q])) return undefined;
  // strtoul_lenient(): base from the prefix, then as many digits as fit the base.
  let base = 10;
  if (tmp[q] === '0' && (tmp[q + 1] === 'x' || tmp[q + 1] === 'X') && /[0-9a-fA-F]/.test(tmp[q + 2] ?? '')) {
    base = 16;
    q += 2;
  } else if (tmp[q] === '0') base = 8;
  let val = 0n;
  const B = BigInt(base);
  for (; q < tmp.length; q++) {
    const d = parseInt(tmp[q]!, 16);
    if (Number.isNaN(d) || d >= base) break;
    val = val * B + BigInt(d);
    if (val > ULONG_MAX) return undefined;
  }
  if (q === TMPBUFLEN - 1) return undefined;
  if (q < size && !tr.includes(tmp[q]!)) return undefined;
  return { val, neg, next: pos + q };
}

/** The write half of __do_proc_dointvec(): up to `n` numbers, each handed to `conv`
 *  (which returns false to refuse it: EINVAL). Returns how many were accepted. */
export function parseVector(text: string, n: number, conv: (neg: boolean, val: bigint, i: number) => boolean): number {
  const s = text.slice(0, 4095);
  let p = 0;
  let i = 0;
  for (; i < n; i++) {
    while (p < s.length && isSpace(s[p])) p++;
    if (p >= s.length) break;
    const r = procGetLong(s, p);
    if (!r || !conv(r.neg, r.val, i)) throw new KernelError(EINVAL);
    p = r.next;
  }
  if (i === 0) throw new KernelError(EINVAL);
  return i;
}

/** proc_do_large_bitmap(): "a-b,c" lists of bit numbers below `bits`. */
export function parseBitmap(text: string, bits: number): Set<number> {
  const out = new Set<number>();
  const s = text.slice(0, 4095);
  let p = 0;
  while (p < s.length && s[p] === '\n') p++;
  while (p < s.length) {
    const a = procGetLong(s, p, '-,\n');
    if (!a || a.neg || a.val >= BigInt(bits)) throw new KernelError(EINVAL);
    p = a.next;
    let b = a.val;
    const c = s[p];
    if (p < s.length) p++;
    if (c === '-') {
      const r = procGetLong(s, p, ',\n');
      if (!r || r.neg || r.val >= BigInt(bits) || a.val > r.val) throw new KernelError(EINVAL);
      b = r.val;
      p = r.next;
      if (p < s.length) p++;
    }
    for (let i = Number(a.val); i <= Number(b); i++) out.add(i);
    while (p < s.length && s[p] === '\n') p++;
  }
  return out;
}

/** The read side of proc_do_large_bitmap(): ranges joined by commas. */
export function formatBitmap(set: Set<number>): string {
  const bits = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < bits.length;) {
    let j = i;
    while (j + 1 < bits.length && bits[j + 1] === bits[j]! + 1) j++;
    parts.push(i === j ? String(bits[i]) : `${bits[i]}-${bits[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** The first line of a string write, as proc_dostring() keeps it (up to maxlen-1 bytes). */
export function parseString(text: string, maxlen: number): string {
  let out = '';
  for (const c of text) {
    if (c === '\n' || c === '\0' || out.length >= maxlen - 1) break;
    out += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Value kinds. A "spec" string describes the proc_handler of an entry:
//   i          proc_dointvec (any int)
//   i:MIN:MAX  proc_dointvec_minmax / proc_dou8vec_minmax / proc_douintvec_minmax
//   u          proc_douintvec (0..UINT_MAX)
//   ul:MIN:MAX proc_doulongvec_minmax (bigint values)
//   b          proc_dointvec, any non-zero value reads back as 1 (br_netfilter)
//   j          proc_dointvec_jiffies (seconds; stored as jiffies)
//   hz         proc_dointvec_userhz_jiffies (1/100 s; stored as jiffies)
//   ms / ms:MIN  proc_dointvec_ms_jiffies(_minmax) (milliseconds; stored as jiffies,
//              MIN in jiffies)
//   vN:MIN:MAX proc_dointvec_minmax on a vector of N ints
//   s:MAXLEN   proc_dostring
export type Raw = number | bigint | string | number[];

export interface Spec {
  t: 'i' | 'u' | 'ul' | 'b' | 'j' | 'hz' | 'ms' | 'v' | 's';
  min?: number;
  max?: number;
  lmin?: bigint;
  lmax?: bigint;
  n?: number;
  maxlen?: number;
}

const specCache = new Map<string, Spec>();
export function parseSpec(s: string): Spec {
  let sp = specCache.get(s);
  if (sp) return sp;
  const [t, a, b] = s.split(':');
  if (t === 'ul') sp = { t: 'ul', lmin: a !== undefined ? BigInt(a) : 0n, lmax: b !== undefined ? BigInt(b) : ULONG_MAX };
  else if (t === 's') sp = { t: 's', maxlen: Number(a ?? 256) };
  else if (t!.startsWith('v')) sp = { t: 'v', n: Number(t!.slice(1)), min: a !== undefined ? Number(a) : INT_MIN, max: b !== undefined ? Number(b) : INT_MAX };
  else if (t === 'u') sp = { t: 'u', min: a !== undefined ? Number(a) : 0, max: b !== undefined ? Number(b) : UINT_MAX };
  else if (t === 'ms') sp = { t: 'ms', min: a !== undefined ? Number(a) : undefined };
  else if (t === 'i') sp = { t: 'i', min: a !== undefined ? Number(a) : INT_MIN, max: b !== undefined ? Number(b) : INT_MAX };
  else sp = { t: t as Spec['t'] };
  specCache.set(s, sp);
  return sp;
}

/** The value userspace writes, converted to what the entry stores (jiffies for time kinds). */
export function userToRaw(sp: Spec, user: number): Raw {
  switch (sp.t) {
    case 'j': return user * HZ;
    case 'hz': return Math.trunc((user * HZ) / USER_HZ);
    case 'ms': return Math.ceil(user / MS_PER_JIFFY);
    case 'ul': return BigInt(user);
    default: return user;
  }
}

/** jiffies_to_clock_t() */
function jiffiesToClock(j: number): number {
  return Math.floor((j * USER_HZ) / HZ);
}

/** The text a handler prints for a stored value (without the newline). */
export function formatRaw(sp: Spec, v: Raw): string {
  switch (sp.t) {
    case 'j': return String(Math.trunc((v as number) / HZ));
    case 'hz': {
      const j = v as number;
      return j < 0 ? `-${jiffiesToClock(-j)}` : String(jiffiesToClock(j));
    }
    case 'ms': return String((v as number) * MS_PER_JIFFY);
    case 'v': return (v as number[]).join('\t');
    default: return String(v);
  }
}

/** The number kernel code gets for a stored value: seconds, 1/100 s or ms for time kinds. */
export function rawToNum(sp: Spec, v: Raw): number {
  if (typeof v === 'number') {
    if (sp.t === 'j') return Math.trunc(v / HZ);
    if (sp.t === 'hz') return v < 0 ? -jiffiesToClock(-v) : jiffiesToClock(v);
    if (sp.t === 'ms') return v * MS_PER_JIFFY;
    return v;
  }
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v[0] ?? NaN;
  return Number(v);
}

/** One value through an entry's conversion: the number stored, or undefined (EINVAL). */
function convOne(sp: Spec, neg: boolean, val: bigint): number | bigint | undefined {
  switch (sp.t) {
    case 'i': case 'b': case 'v': {
      let v: number;
      if (neg) {
        if (val > 0x80000000n) return undefined;
        v = -Number(val);
      } else {
        if (val > 0x7fffffffn) return undefined;
        v = Number(val);
      }
      if (sp.t === 'b') return v ? 1 : 0;
      if (v < sp.min! || v > sp.max!) return undefined;
      return v;
    }
    case 'u': {
      if (neg || val > 0xffffffffn) return undefined;
      const v = Number(val);
      if (v < sp.min! || v > sp.max!) return undefined;
      return v;
    }
    case 'ul':
      if (neg || val < sp.lmin! || val > sp.lmax!) return undefined;
      return val;
    case 'j': {
      // do_proc_dointvec_jiffies_conv()
      if (val > BigInt(Math.trunc(INT_MAX / HZ))) return undefined;
      const v = Number(val) * HZ;
      return neg ? -v : v;
    }
    case 'hz': {
      // do_proc_dointvec_userhz_jiffies_conv(): clock_t_to_jiffies() on the unsigned long
      const LONG_MAX = (1n << 63n) - 1n;
      if (val > (LONG_MAX / BigInt(HZ)) * BigInt(USER_HZ)) return undefined;
      const x = neg ? (1n << 64n) - val : val;
      const lim = ULONG_MAX / BigInt(HZ) * BigInt(USER_HZ);
      const j = x >= lim ? ULONG_MAX : (x * BigInt(HZ)) / BigInt(USER_HZ);
      return Number(BigInt.asIntN(32, j));
    }
    case 'ms': {
      // do_proc_dointvec_ms_jiffies_conv(): msecs_to_jiffies() takes an unsigned int
      const m = Number(BigInt.asUintN(32, neg ? -val : val));
      if (m >= 0x80000000) return undefined; // MAX_JIFFY_OFFSET > INT_MAX
      const j = Math.ceil(m / MS_PER_JIFFY);
      if (sp.min !== undefined && j < sp.min) return undefined;
      return j;
    }
    default:
      return undefined;
  }
}

export interface Accessor {
  get(): Raw;
  set(v: Raw): void;
}

/** A file with one of the standard handlers over `acc`. `after(old, now)` runs after a
 *  successful write (the place for a handler's side effects). */
export function ctlFile(spec: string | Spec, mode: number, acc: Accessor, after?: (old: Raw, now: Raw) => void): SysFile {
  const sp = typeof spec === 'string' ? parseSpec(spec) : spec;
  return {
    kind: 'file',
    mode,
    read: () => formatRaw(sp, acc.get()) + '\n',
    num: () => rawToNum(sp, acc.get()),
    write(text: string) {
      const old = acc.get();
      if (sp.t === 's') {
        acc.set(parseString(text, sp.maxlen ?? 256));
      } else if (sp.t === 'v') {
        const cur = [...(old as number[])];
        try {
          parseVector(text, sp.n!, (neg, val, i) => {
            const v = convOne(sp, neg, val);
            if (v === undefined) return false;
            cur[i] = v as number;
            return true;
          });
        } finally {
          // Elements before a refused one were already stored, as in __do_proc_dointvec().
          acc.set(cur);
        }
      } else {
        let v: number | bigint | undefined;
        parseVector(text, 1, (neg, val) => (v = convOne(sp, neg, val)) !== undefined);
        acc.set(v!);
      }
      after?.(old, acc.get());
    },
  };
}

/** A file whose handler is written out by hand. */
export function customFile(mode: number, read: () => string, write: (text: string) => void, num?: () => number): SysFile {
  return { kind: 'file', mode, read, write, num };
}

export function dirNode(children: () => Map<string, SysNode>): SysDir {
  return { kind: 'dir', mode: 0o555, children };
}

// ---------------------------------------------------------------------------------------
// Registration: register_net_sysctl()/register_sysctl() equivalents.

export type SysctlProvider = (ctx: SysctlCtx) => Iterable<[string, SysNode]>;

interface Mount {
  path: string[];
  provider: SysctlProvider;
  /** Whether the (kernel, namespace) has this table at all (a module that may be unloaded). */
  visible?: (ctx: SysctlCtx) => boolean;
}
const mounts: Mount[] = [];

/** Adds the entries `provider` yields to the directory at `path` (slash-separated, relative
 *  to /proc/sys; intermediate directories appear by themselves), in the views `visible`
 *  accepts. Returns the unregister function (a module being unloaded). */
export function registerSysctl(path: string, provider: SysctlProvider, visible?: (ctx: SysctlCtx) => boolean): () => void {
  const m: Mount = { path: path.split('/').filter(Boolean), provider, visible };
  mounts.push(m);
  return () => {
    const i = mounts.indexOf(m);
    if (i >= 0) mounts.splice(i, 1);
  };
}

function mergeInto(m: Map<string, SysNode>, name: string, node: SysNode): void {
  const have = m.get(name);
  if (!have) {
    m.set(name, node);
    return;
  }
  if (have.kind === 'dir' && node.kind === 'dir') {
    m.set(name, dirNode(() => {
      const c = new Map(have.children());
      for (const [k, v] of node.children()) mergeInto(c, k, v);
      return c;
    }));
  }
}

function childrenAt(ctx: SysctlCtx, path: string[]): Map<string, SysNode> {
  const m = new Map<string, SysNode>();
  const implied = new Set<string>();
  outer: for (const mount of mounts) {
    if (mount.path.length < path.length) continue;
    for (let i = 0; i < path.length; i++) if (mount.path[i] !== path[i]) continue outer;
    if (mount.visible && !mount.visible(ctx)) continue;
    if (mount.path.length === path.length) {
      for (const [name, node] of mount.provider(ctx)) mergeInto(m, name, node);
    } else {
      implied.add(mount.path[path.length]!);
    }
  }
  for (const name of implied) mergeInto(m, name, sysctlDirAt(ctx, [...path, name]));
  return m;
}

/** The directory /proc/sys/<path> as the namespace sees it (it may be empty). */
export function sysctlDirAt(ctx: SysctlCtx, path: string[]): SysDir {
  return dirNode(() => childrenAt(ctx, path));
}

/** Walks /proc/sys/<comps...>; undefined when a component does not exist. */
export function sysctlLookup(ctx: SysctlCtx, comps: string[]): SysNode | undefined {
  let node: SysNode = sysctlDirAt(ctx, []);
  for (const c of comps) {
    if (node.kind !== 'dir') return undefined;
    const next: SysNode | undefined = node.children().get(c);
    if (!next) return undefined;
    node = next;
  }
  return node;
}

/** Directory entries in readdir order: sysctl directories are rbtrees sorted by name. */
export function sysctlReaddir(dir: SysDir): string[] {
  return [...dir.children().keys()].sort(byteCompare);
}

export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------
// Change notification, for kernel code that reacts to a setting.

export interface SysctlChange {
  kernel: Kernel;
  /** The namespace of a net.* entry; undefined for per-kernel entries. */
  netns: Netns | undefined;
  /** Path relative to /proc/sys, slash-separated ("net/ipv4/conf/eth0/rp_filter"). */
  path: string;
  /** The device the entry belongs to (conf/DEV, neigh/DEV), if any. */
  dev?: NetDevice;
}

type Listener = (c: SysctlChange) => void;
const listeners: Listener[] = [];

/** Calls `fn` after every successful write to a sysctl, including the values a handler
 *  changes as a side effect (net.ipv4.ip_forward → every conf/DEV/forwarding).
 *  Returns the function that removes the listener. */
export function onSysctlChange(fn: Listener): () => void {
  listeners.push(fn);
  return () => {
    const i = listeners.indexOf(fn);
    if (i >= 0) listeners.splice(i, 1);
  };
}

export function sysctlNotify(c: SysctlChange): void {
  for (const l of [...listeners]) l(c);
}

// ---------------------------------------------------------------------------------------
// Per-namespace and per-kernel storage of plain values.

const kernelStores = new WeakMap<Kernel, Map<string, Raw>>();

export function netStore(ns: Netns): Map<string, Raw> {
  let s = ns.proto.sysctl as Map<string, Raw> | undefined;
  if (!s) ns.proto.sysctl = s = new Map();
  return s;
}

export function kernelStore(k: Kernel): Map<string, Raw> {
  let s = kernelStores.get(k);
  if (!s) kernelStores.set(k, (s = new Map()));
  return s;
}

/** A row of a table of plain values: [procname, mode, spec, default (in user units)]. */
export type Row = [name: string, mode: number, spec: string, dflt: number | string | bigint | number[]];

function defaultRaw(sp: Spec, d: Row[3]): Raw {
  if (typeof d === 'number') return userToRaw(sp, d);
  if (typeof d === 'bigint') return d;
  if (Array.isArray(d)) return [...d];
  return d;
}

/** Plain entries by path, for reading them without building directories. */
const plainIndex = new Map<string, { sp: Spec; d: Row[3]; scope: 'net' | 'kernel'; dir: string; name: string }>();

/** Records other kernel code keeps its settings in, by table directory. */
const bindings = new Map<string, (ns: Netns) => Record<string, number>>();

/**
 * Lets the plain entries of `dir` whose names are keys of the record `get(ns)` returns live
 * in that record instead of the sysctl store (values in the units the sysctl shows:
 * milliseconds for *_ms and ratelimits, seconds for jiffies entries). For instance the ICMP
 * code keeps net.ipv4.icmp_* in its per-namespace state:
 *   bindSysctlRecord('net/ipv4', (ns) => icmpNet(ns).sysctl)
 */
export function bindSysctlRecord(dir: string, get: (ns: Netns) => Record<string, number>): () => void {
  bindings.set(dir, get);
  return () => { if (bindings.get(dir) === get) bindings.delete(dir); };
}

function boundRecord(dir: string, name: string, ns: Netns): Record<string, number> | undefined {
  const rec = bindings.get(dir)?.(ns);
  return rec && name in rec ? rec : undefined;
}

/** The number a plain (table) entry holds, as `sysctl -n` shows it; undefined when `path`
 *  is not a plain entry. */
export function plainValue(kernel: Kernel, ns: Netns, path: string): number | undefined {
  const e = plainIndex.get(path);
  if (!e) return undefined;
  const rec = e.scope === 'net' ? boundRecord(e.dir, e.name, ns) : undefined;
  if (rec) return rec[e.name]!;
  const store = e.scope === 'net' ? netStore(ns) : kernelStore(kernel);
  const v = store.get(path) ?? defaultRaw(e.sp, e.d);
  return rawToNum(e.sp, v);
}

/** A plain entry's stored value as is (a vector's numbers, a string), without building
 *  directories; undefined when `path` is not a plain entry or lives in a bound record. */
export function plainRaw(kernel: Kernel, ns: Netns, path: string): Raw | undefined {
  const e = plainIndex.get(path);
  if (!e || (e.scope === 'net' && boundRecord(e.dir, e.name, ns))) return undefined;
  const store = e.scope === 'net' ? netStore(ns) : kernelStore(kernel);
  return store.get(path) ?? defaultRaw(e.sp, e.d);
}

/** Registers plain entries under `dir`, stored per namespace ('net') or per kernel.
 *  `hooks` may replace an entry's file (a handler with side effects); `visible` hides the
 *  table from a kernel (or namespace) that does not have it. */
export function registerTable(dir: string, scope: 'net' | 'kernel', rows: Row[],
  hooks: Record<string, (ctx: SysctlCtx, acc: Accessor, sp: Spec, mode: number) => SysFile> = {},
  visible?: (ctx: SysctlCtx) => boolean): () => void {
  const parsed = rows.map(([name, mode, spec, d]) => ({ name, mode, sp: parseSpec(spec), d }));
  for (const { name, sp, d } of parsed) plainIndex.set(`${dir}/${name}`, { sp, d, scope, dir, name });
  const unregister = registerSysctl(dir, function* (ctx) {
    const store = scope === 'net' ? netStore(ctx.ns) : kernelStore(ctx.kernel);
    for (const { name, mode, sp, d } of parsed) {
      const key = `${dir}/${name}`;
      const rec = scope === 'net' ? boundRecord(dir, name, ctx.ns) : undefined;
      const acc: Accessor = rec ? {
        get: () => userToRaw(sp, rec[name]!),
        set: (v) => { rec[name] = rawToNum(sp, v); },
      } : {
        get: () => {
          let v = store.get(key);
          if (v === undefined) store.set(key, (v = defaultRaw(sp, d)));
          return v;
        },
        set: (v) => { store.set(key, v); },
      };
      const hook = hooks[name];
      yield [name, hook ? hook(ctx, acc, sp, mode) : ctlFile(sp, mode, acc)];
    }
  }, visible);
  return () => {
    unregister();
    for (const { name } of parsed) plainIndex.delete(`${dir}/${name}`);
  };
}
