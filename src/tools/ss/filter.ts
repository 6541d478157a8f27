// ss's filter expressions (misc/ssfilter.y and parse_hostcond()): `sport = :80`,
// `dport != :http`, `src 10.0.0.0/24`, `dst 10.0.0.1:80`, `sport > :1024`, joined with
// and/or/not (&&, ||, !) and parentheses, tested against each socket (run_ssfilter()).
import { getservbyname } from '../etc_services.js';

export interface FilterSock {
  saddr: number;
  sport: number;
  daddr: number;
  dport: number;
}

export type SsFilter =
  | { op: 'and' | 'or'; a: SsFilter; b: SsFilter }
  | { op: 'not'; a: SsFilter }
  | { op: 'addr'; dst: boolean; addr: number | undefined; plen: number; port: number | undefined }
  | { op: 'port'; dst: boolean; cmp: 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge'; port: number };

/** Filter errors end ss with status 1 after these lines. */
export class FilterError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

const CMP: Record<string, 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge'> = {
  '=': 'eq', '==': 'eq', eq: 'eq', '!=': 'ne', ne: 'ne', neq: 'ne', '<': 'lt', lt: 'lt', '>': 'gt', gt: 'gt',
  '<=': 'le', le: 'le', '>=': 'ge', ge: 'ge',
};

function parseIPv4Dotted(s: string): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).filter((x) => x !== undefined).map(Number);
  if (parts.some((x) => x > 255)) return undefined;
  while (parts.length < 4) parts.push(0);
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** The port after ':' in a host condition (a number or a service name). */
function parsePort(s: string, proto: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  const v = getservbyname(s, proto);
  if (v === undefined) throw new FilterError([`Error: "${s}" does not look like a port.`, 'Cannot parse dst/src address.']);
  return v;
}

/** parse_hostcond(): "ADDR[/PLEN][:PORT]", "*:PORT", ":PORT". */
function hostCond(word: string, dst: boolean, proto: string): SsFilter {
  let addrPart = word, portPart: string | undefined;
  const colon = word.lastIndexOf(':');
  if (colon >= 0) {
    addrPart = word.slice(0, colon);
    portPart = word.slice(colon + 1);
  }
  const port = portPart === undefined || portPart === '*' ? undefined : parsePort(portPart, proto);
  if (addrPart === '' || addrPart === '*') return { op: 'addr', dst, addr: undefined, plen: 0, port };
  const [a, p] = addrPart.split('/');
  const addr = parseIPv4Dotted(a!);
  const plen = p === undefined ? 32 : /^\d+$/.test(p) && Number(p) <= 32 ? Number(p) : -1;
  if (addr === undefined || plen < 0) {
    throw new FilterError([`Error: an inet prefix is expected rather than "${addrPart}".`, 'Cannot parse dst/src address.']);
  }
  return { op: 'addr', dst, addr, plen, port };
}

/** Parses the words after the options and `state` keywords. */
export function parseFilter(words: string[], proto: string): SsFilter | undefined {
  // The lexer splits words at blanks and splits "(", ")" and "!" off, as ssfilter.y's yylex()
  // does: `ss 'sport = :80'` is three tokens.
  const toks: string[] = [];
  for (const w of words) {
    for (const t of w.split(/(\(|\)|&&|\|\||!=|!|\s+)/).filter((x) => x.trim() !== '')) toks.push(t.trim());
  }
  let i = 0;
  const peek = () => toks[i];
  const parseOr = (): SsFilter | undefined => {
    let a = parseAnd();
    while (a && (peek() === 'or' || peek() === '||' || peek() === '|')) {
      i++;
      const b = parseAnd();
      if (!b) throw new FilterError(['Error: syntax error']);
      a = { op: 'or', a, b };
    }
    return a;
  };
  const parseAnd = (): SsFilter | undefined => {
    let a = parseUnary();
    for (;;) {
      if (peek() === 'and' || peek() === '&&' || peek() === '&') {
        i++;
      } else if (peek() === undefined || peek() === ')' || peek() === 'or' || peek() === '||' || peek() === '|') {
        return a;
      }
      const b = parseUnary();
      if (!a || !b) throw new FilterError(['Error: syntax error']);
      a = { op: 'and', a, b };
    }
  };
  const parseUnary = (): SsFilter | undefined => {
    const t = peek();
    if (t === undefined) return undefined;
    if (t === 'not' || t === '!') {
      i++;
      const a = parseUnary();
      if (!a) throw new FilterError(['Error: syntax error']);
      return { op: 'not', a };
    }
    if (t === '(') {
      i++;
      const a = parseOr();
      if (peek() !== ')' || !a) throw new FilterError(['Error: syntax error']);
      i++;
      return a;
    }
    i++;
    if (t === 'sport' || t === 'dport') {
      const dst = t === 'dport';
      let cmp: SsFilter & { op: 'port' } extends { cmp: infer C } ? C : never = 'eq';
      if (peek() !== undefined && CMP[peek()!]) cmp = CMP[toks[i++]!]!;
      const v = toks[i++];
      if (v === undefined) throw new FilterError(['Error: syntax error']);
      const h = hostCond(v.includes(':') ? v : `:${v}`, dst, proto);
      if (h.op !== 'addr' || h.port === undefined) return h;
      return { op: 'port', dst, cmp, port: h.port };
    }
    if (t === 'src' || t === 'dst') {
      if (peek() === '=' || peek() === '==' || peek() === 'eq') i++;
      const v = toks[i++];
      if (v === undefined) throw new FilterError(['Error: syntax error']);
      return hostCond(v, t === 'dst', proto);
    }
    // A bare word is a source or destination condition of its own (dst implied).
    return hostCond(t, true, proto);
  };
  const f = parseOr();
  if (i < toks.length) throw new FilterError(['Error: syntax error']);
  return f;
}

/** run_ssfilter() */
export function runFilter(f: SsFilter | undefined, s: FilterSock): boolean {
  if (!f) return true;
  switch (f.op) {
    case 'and': return runFilter(f.a, s) && runFilter(f.b, s);
    case 'or': return runFilter(f.a, s) || runFilter(f.b, s);
    case 'not': return !runFilter(f.a, s);
    case 'addr': {
      const addr = f.dst ? s.daddr : s.saddr, port = f.dst ? s.dport : s.sport;
      if (f.port !== undefined && port !== f.port) return false;
      if (f.addr === undefined) return true;
      const mask = f.plen === 0 ? 0 : (0xffffffff << (32 - f.plen)) >>> 0;
      return ((addr & mask) >>> 0) === ((f.addr & mask) >>> 0);
    }
    case 'port': {
      const p = f.dst ? s.dport : s.sport;
      switch (f.cmp) {
        case 'eq': return p === f.port;
        case 'ne': return p !== f.port;
        case 'lt': return p < f.port;
        case 'gt': return p > f.port;
        case 'le': return p <= f.port;
        case 'ge': return p >= f.port;
      }
    }
  }
}
