// libipset's type definitions (lib/ipset_hash_ip.c, ipset_hash_net.c, ipset_hash_ipport.c,
// ipset_hash_netiface.c, ipset_bitmap_port.c) and the keywords of lib/args.c: for each type,
// how an element is parsed and printed and which options create/add/del/test take.
import {
  type IpsetData, SessionError, syntaxErr, NFPROTO_IPV4, NFPROTO_IPV6, NFPROTO_UNSPEC,
  stringToNumber, parseIp, parseProtoPort, parseIface, parsePort, parseTimeout, parseSkbmark,
  parseSkbprio, ICMP_NAMES, ICMPV6_NAMES,
} from './parse.js';
import { PROTOCOLS } from '../iptables/names.js';
import { formatIPv6 } from '../../wire/inet.js';
import type { IpSetAttrs } from '../../kernel/netfilter/ipset/index.js';

/** An option keyword (struct ipset_arg). `opt` names the data it fills (for the mandatory and
 *  allowed checks); `parse` stores the value. */
export interface Keyword {
  names: string[];
  hasArg: boolean;
  opt: string;
  parse(d: IpsetData, arg: string, family: number): void;
}

function kw(names: string[], opt: string, hasArg: boolean, parse: Keyword['parse']): Keyword {
  return { names, opt, hasArg, parse };
}

const flag = (names: string[], opt: string, set: (d: IpsetData) => void): Keyword =>
  kw(names, opt, false, (d) => {
    set(d);
    d.given.add(opt);
  });

type NumericField = 'hashsize' | 'maxelem' | 'bucketsize' | 'initval' | 'packets' | 'bytes' | 'skbqueue';

/** A keyword whose argument is a number in [lo, hi] (ipset_parse_uint32() and friends). */
const numeric = (name: NumericField, lo: number, hi: number): Keyword =>
  kw([name], name, true, (d, a) => {
    d[name] = stringToNumber(a, lo, hi);
    d.given.add(name);
  });

const K = {
  family: kw(['family'], 'family', true, (d, a) => {
    if (a === 'inet' || a === 'ipv4' || a === '-4') d.family = NFPROTO_IPV4;
    else if (a === 'inet6' || a === 'ipv6' || a === '-6') d.family = NFPROTO_IPV6;
    else if (a === 'any' || a === 'unspec') d.family = NFPROTO_UNSPEC;
    else throw syntaxErr(`unknown inet family ${a}`);
    d.given.add('family');
  }),
  inet: flag(['-4'], 'family', (d) => { d.family = NFPROTO_IPV4; }),
  inet6: flag(['-6'], 'family', (d) => { d.family = NFPROTO_IPV6; }),
  hashsize: numeric('hashsize', 0, 0xffffffff),
  maxelem: numeric('maxelem', 0, 0xffffffff),
  netmask: kw(['netmask'], 'netmask', true, (d, a, fam) => {
    const max = fam === NFPROTO_IPV6 ? 128 : 32;
    try {
      d.netmask = stringToNumber(a, 1, max);
    } catch (e) {
      throw new SessionError(`${(e as SessionError).text}\nSyntax error: netmask is out of the inclusive range of 1-${max}`);
    }
    d.given.add('netmask');
  }),
  timeout: kw(['timeout'], 'timeout', true, (d, a) => {
    d.timeout = parseTimeout(a);
    d.given.add('timeout');
  }),
  counters: flag(['counters'], 'counters', (d) => { d.counters = true; }),
  comment: flag(['comment'], 'create_comment', (d) => { d.withComment = true; }),
  forceadd: flag(['forceadd'], 'forceadd', (d) => { d.forceadd = true; }),
  skbinfo: flag(['skbinfo'], 'skbinfo', (d) => { d.skbinfo = true; }),
  bucketsize: numeric('bucketsize', 0, 255),
  initval: numeric('initval', 0, 0xffffffff),
  /** Accepted and ignored, for compatibility with old versions. */
  probes: kw(['probes'], 'probes', true, (d, a) => { stringToNumber(a, 0, 255); }),
  resize: kw(['resize'], 'resize', true, (d, a) => { stringToNumber(a, 0, 255); }),
  gc: kw(['gc'], 'gc', true, (d, a) => { stringToNumber(a, 0, 0xffffffff); }),
  range: kw(['range'], 'port', true, (d, a) => {
    const dash = a.indexOf('-');
    if (dash > 0) {
      d.port = parsePort(a.slice(0, dash), 'tcp');
      d.portTo = parsePort(a.slice(dash + 1), 'tcp');
      d.given.add('port').add('port_to');
    } else {
      d.port = parsePort(a, 'tcp');
      d.given.add('port');
    }
  }),
  from: kw(['from'], 'port', true, (d, a) => {
    d.port = parsePort(a, 'tcp');
    d.given.add('port');
  }),
  to: kw(['to'], 'port_to', true, (d, a) => {
    d.portTo = parsePort(a, 'tcp');
    d.given.add('port_to');
  }),
  nomatch: flag(['nomatch'], 'nomatch', (d) => { d.nomatch = true; }),
  wildcard: flag(['wildcard'], 'wildcard', (d) => { d.wildcard = true; }),
  packets: numeric('packets', 0, Number.MAX_SAFE_INTEGER),
  bytes: numeric('bytes', 0, Number.MAX_SAFE_INTEGER),
  adtComment: kw(['comment'], 'comment', true, (d, a) => {
    if (a.length > 255) throw syntaxErr(`comment is longer than the maximum allowed 255 characters`);
    d.comment = a;
    d.given.add('comment');
  }),
  skbmark: kw(['skbmark'], 'skbmark', true, (d, a) => parseSkbmark(d, a)),
  skbprio: kw(['skbprio'], 'skbprio', true, (d, a) => parseSkbprio(d, a)),
  skbqueue: numeric('skbqueue', 0, 65535),
};

const HASH_CREATE = [K.family, K.inet, K.inet6, K.hashsize, K.maxelem, K.timeout, K.counters, K.comment,
  K.forceadd, K.skbinfo, K.bucketsize, K.initval, K.probes, K.resize, K.gc];
const ADD_EXT = [K.timeout, K.packets, K.bytes, K.adtComment, K.skbmark, K.skbprio, K.skbqueue];

/** struct ipset_type (userspace). */
export interface UserType {
  name: string;
  /** The revision this ipset speaks (and the kernel has). */
  revision: number;
  /** 'unspec': family neutral (bitmap:port); 'ipv46': inet and inet6. */
  family: 'unspec' | 'ipv46';
  dimension: number;
  /** Parses dimension `i` of an element into `d`. */
  elem(d: IpsetData, i: number, str: string, family: number): void;
  create: Keyword[];
  add: Keyword[];
  del: Keyword[];
  test: Keyword[];
  /** The options that must be given (by opt name). */
  need: { create: string[]; add: string[]; del: string[]; test: string[] };
  /** The element options each command accepts (IPSET_OPT_CIDR and IP_TO checks), per family. */
  ranges(cmd: 'add' | 'del' | 'test', family: number): string[];
  /** The element as ipset prints it. */
  printElem(a: IpSetAttrs, family: number): string;
}

// --- printing of element parts (print.c) --------------------------------------------------

export function fmtIp(b: Uint8Array): string {
  return b.length === 4 ? `${b[0]}.${b[1]}.${b[2]}.${b[3]}` : formatIPv6(b);
}

/** ipset_print_ip(): the address, with /CIDR unless it is a host. */
function printIp(a: IpSetAttrs): string {
  let s = fmtIp(a.ip!);
  const host = a.ip!.length === 4 ? 32 : 128;
  if (a.ipTo) s += `-${fmtIp(a.ipTo)}`;
  else if (a.cidr !== undefined && a.cidr !== host) s += `/${a.cidr}`;
  return s;
}

/** ipset_print_proto() */
export function protoName(p: number): string {
  if (p === 6) return 'tcp';
  if (p === 17) return 'udp';
  if (p === 132) return 'sctp';
  if (p === 136) return 'udplite';
  if (p === 1) return 'icmp';
  if (p === 58) return 'icmpv6';
  return Object.entries(PROTOCOLS).find((e) => e[1] === p)?.[0] ?? String(p);
}

/** ipset_print_proto_port() */
function printProtoPort(a: IpSetAttrs): string {
  const p = a.proto ?? 6;
  const name = protoName(p);
  const port = a.port ?? 0;
  if (p === 1 || p === 58) {
    const t = port >> 8, c = port & 0xff;
    const n = (p === 1 ? ICMP_NAMES : ICMPV6_NAMES).find((x) => x[1] === t && x[2] === c);
    return `${name}:${n ? n[0] : `${t}/${c}`}`;
  }
  return `${name}:${port}${a.portTo !== undefined && a.portTo !== port ? `-${a.portTo}` : ''}`;
}

/** ipset_print_iface() */
function printIface(a: IpSetAttrs): string {
  return `${(a.cadtFlags ?? 0) & 2 ? 'physdev:' : ''}${a.iface}`;
}

function ipRanges(v4: string[]): UserType['ranges'] {
  return (_cmd, family) => (family === NFPROTO_IPV4 ? v4 : []);
}

// --- the types ---------------------------------------------------------------------------

const hashIp: UserType = {
  name: 'hash:ip',
  revision: 6,
  family: 'ipv46',
  dimension: 1,
  elem(d, _i, str, family) {
    parseIp(d, str, family, family === NFPROTO_IPV4 ? 'any' : 'plain');
  },
  create: [...HASH_CREATE, K.netmask],
  add: ADD_EXT,
  del: [],
  test: [],
  need: { create: [], add: ['ip'], del: ['ip'], test: ['ip'] },
  ranges: ipRanges(['ip_to', 'cidr']),
  printElem: (a) => printIp(a),
};

const hashNet: UserType = {
  name: 'hash:net',
  revision: 7,
  family: 'ipv46',
  dimension: 1,
  elem(d, _i, str, family) {
    parseIp(d, str, family, 'net');
  },
  create: HASH_CREATE,
  add: [K.timeout, K.nomatch, K.packets, K.bytes, K.adtComment, K.skbmark, K.skbprio, K.skbqueue],
  del: [],
  test: [K.nomatch],
  need: { create: [], add: ['ip'], del: ['ip'], test: ['ip'] },
  ranges: (cmd, family) => (family === NFPROTO_IPV4 ? (cmd === 'test' ? ['cidr'] : ['ip_to', 'cidr']) : ['cidr']),
  printElem: (a) => printIp(a),
};

const hashIpPort: UserType = {
  name: 'hash:ip,port',
  revision: 7,
  family: 'ipv46',
  dimension: 2,
  elem(d, i, str, family) {
    if (i === 0) parseIp(d, str, family, family === NFPROTO_IPV4 ? 'any' : 'plain');
    else parseProtoPort(d, str, family);
  },
  create: [...HASH_CREATE, K.netmask],
  add: ADD_EXT,
  del: [],
  test: [],
  need: { create: [], add: ['ip', 'port'], del: ['ip', 'port'], test: ['ip', 'port'] },
  ranges: (cmd, family) => (cmd === 'test' ? [] : family === NFPROTO_IPV4 ? ['ip_to', 'cidr', 'port_to'] : ['port_to']),
  printElem: (a) => `${printIp(a)},${printProtoPort(a)}`,
};

const hashNetIface: UserType = {
  name: 'hash:net,iface',
  revision: 8,
  family: 'ipv46',
  dimension: 2,
  elem(d, i, str, family) {
    if (i === 0) parseIp(d, str, family, 'net');
    else parseIface(d, str);
  },
  create: HASH_CREATE,
  add: [K.timeout, K.nomatch, K.wildcard, K.packets, K.bytes, K.adtComment, K.skbmark, K.skbprio, K.skbqueue],
  del: [],
  test: [K.nomatch],
  need: { create: [], add: ['ip', 'iface'], del: ['ip', 'iface'], test: ['ip', 'iface'] },
  ranges: (cmd, family) => (family === NFPROTO_IPV4 ? (cmd === 'test' ? ['cidr'] : ['ip_to', 'cidr']) : ['cidr']),
  printElem: (a) => `${printIp(a)},${printIface(a)}`,
};

/** ipset_parse_tcp_udp_port(): bitmap:port's element, [PROTO:]PORT or FROM-TO. */
function parseBitmapPort(d: IpsetData, str: string): void {
  let proto = 'tcp';
  let s = str;
  const colon = str.indexOf(':');
  if (colon > 0 && colon < str.length - 1) {
    const p = str.slice(0, colon);
    if (p === 'tcp' || p === 'udp') {
      proto = p;
      s = str.slice(colon + 1);
    }
  }
  const dash = s.indexOf('-');
  if (dash > 0) {
    d.port = parsePort(s.slice(0, dash), proto);
    d.portTo = parsePort(s.slice(dash + 1), proto);
    d.given.add('port').add('port_to');
    return;
  }
  d.port = parsePort(s, proto);
  d.given.add('port');
}

const bitmapPort: UserType = {
  name: 'bitmap:port',
  revision: 3,
  family: 'unspec',
  dimension: 1,
  elem(d, _i, str) {
    parseBitmapPort(d, str);
  },
  create: [K.range, K.timeout, K.counters, K.comment, K.skbinfo, K.from, K.to],
  add: ADD_EXT,
  del: [],
  test: [],
  need: { create: ['port', 'port_to'], add: ['port'], del: ['port'], test: ['port'] },
  ranges: (cmd) => (cmd === 'test' ? [] : ['port_to']),
  printElem: (a) => String(a.port),
};

export const USER_TYPES: UserType[] = [hashIp, hashNet, hashIpPort, hashNetIface, bitmapPort];

/** Old names still accepted (ipset_match_typename() with the type's alias list). */
const ALIASES: Record<string, string> = { iphash: 'hash:ip', nethash: 'hash:net', ipporthash: 'hash:ip,port', portmap: 'bitmap:port' };

export function findUserType(name: string): UserType | undefined {
  const n = ALIASES[name] ?? name;
  return USER_TYPES.find((t) => t.name === n);
}
