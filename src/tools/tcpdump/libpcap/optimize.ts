// What libpcap's optimizer (optimize.c) finds out about a whole filter: when every path to
// "accept" needs one loaded value to equal two different constants (or to equal and differ
// from one), or needs a comparison of constants that is false, the program folds into
// "ret #0" and pcap_compile() fails with "expression rejects all packets" ("ip and arp",
// "tcp and udp", "0 = 1"). Each predicate carries a symbolic form of its tests; values are
// identified by what is loaded (size, offset, mask), as the optimizer's value numbering does.

/** A test: the loaded value `key` compared with `v`. */
export interface Atom {
  k: 'atom';
  key: string;
  op: '=' | '>' | '>=';
  v: number | string;
}

export type Sym =
  | Atom
  | { k: 'and'; a: Sym; b: Sym }
  | { k: 'or'; a: Sym; b: Sym }
  | { k: 'not'; a: Sym }
  | { k: 'const'; v: boolean }
  | { k: 'opaque' };

export const OPAQUE: Sym = { k: 'opaque' };

export function atom(key: string, v: number | string, op: Atom['op'] = '='): Sym {
  return { k: 'atom', key, op, v };
}

/** A literal of the negation normal form: an atom, possibly negated, or an opaque test. */
type Lit = { atom: Atom; neg: boolean } | { opaque: true } | { c: boolean };

/** Pushes negations down to the atoms. */
function nnf(s: Sym, neg: boolean): Sym | Lit {
  switch (s.k) {
    case 'not': return nnf(s.a, !neg);
    case 'and': case 'or': {
      const k = (s.k === 'and') !== neg ? 'and' : 'or';
      return { k, a: nnf(s.a, neg) as Sym, b: nnf(s.b, neg) as Sym } as Sym;
    }
    case 'const': return { c: s.v !== neg };
    case 'atom': return { atom: s, neg };
    default: return { opaque: true };
  }
}

interface Facts {
  eq: Map<string, number | string>;
  ne: Map<string, Set<number | string>>;
}

/** Whether the literal is consistent with the facts; if so the facts learn it. */
function assume(f: Facts, lit: Lit): Facts | undefined {
  if ('opaque' in lit) return f;
  if ('c' in lit) return lit.c ? f : undefined;
  const { atom: a, neg } = lit;
  const known = f.eq.get(a.key);
  if (a.op !== '=') {
    if (known === undefined || typeof known !== 'number' || typeof a.v !== 'number') return f;
    const r = a.op === '>' ? known > a.v : known >= a.v;
    return r !== neg ? f : undefined;
  }
  if (known !== undefined) return (known === a.v) !== neg ? f : undefined;
  if (!neg) {
    if (f.ne.get(a.key)?.has(a.v)) return undefined;
    const eq = new Map(f.eq);
    eq.set(a.key, a.v);
    return { eq, ne: f.ne };
  }
  const ne = new Map(f.ne);
  const set = new Set(ne.get(a.key) ?? []);
  set.add(a.v);
  ne.set(a.key, set);
  return { eq: f.eq, ne };
}

/** Whether some packet could satisfy `s` (a bounded search; undecided counts as yes). */
export function satisfiable(s: Sym): boolean {
  let budget = 200000;
  const go = (todo: (Sym | Lit)[], f: Facts): boolean => {
    if (--budget < 0) return true;
    if (todo.length === 0) return true;
    const [first, ...rest] = todo;
    const n = first!;
    if ('k' in n) {
      if (n.k === 'and') return go([n.a, n.b, ...rest], f);
      if (n.k === 'or') return go([n.a, ...rest], f) || go([n.b, ...rest], f);
      return go([nnf(n, false), ...rest], f);
    }
    const g = assume(f, n);
    return g !== undefined && go(rest, g);
  };
  return go([nnf(s, false)], { eq: new Map(), ne: new Map() });
}
