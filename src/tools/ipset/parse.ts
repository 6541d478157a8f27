// libipset's parse.c: the parsers of element parts and option values (ipset_parse_ip,
// ipset_parse_ipnet, ipset_parse_proto_port, ipset_parse_iface, ipset_parse_timeout, ...) with
// the messages they leave in the session when they fail.
import { PROTOCOLS, serviceByName } from '../iptables/names.js';
import { parseIPv6 } from '../../wire/inet.js';

export const NFPROTO_IPV4 = 2, NFPROTO_IPV6 = 10, NFPROTO_UNSPEC = 0;

/** A failed parse: the session error text (ipset_err()), printed as "ipset v7.17: TEXT". */
export class SessionError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}
export const syntaxErr = (s: string) => new SessionError(`Syntax error: ${s}`);

/** The session data a command accumulates (struct ipset_data). */
export interface IpsetData {
  setname?: string;
  setname2?: string;
  typename?: string;
  family?: number;
  ip?: Uint8Array;
  ipTo?: Uint8Array;
  cidr?: number;
  port?: number;
  portTo?: number;
  proto?: number;
  iface?: string;
  physdev?: boolean;
  nomatch?: boolean;
  wildcard?: boolean;
  hashsize?: number;
  maxelem?: number;
  netmask?: number;
  timeout?: number;
  counters?: boolean;
  comment?: string;
  withComment?: boolean;
  skbinfo?: boolean;
  forceadd?: boolean;
  bucketsize?: number;
  initval?: number;
  packets?: number;
  bytes?: number;
  skbmark?: number;
  skbmarkmask?: number;
  skbprio?: number;
  skbqueue?: number;
  /** Which options were given (IPSET_OPT_* flags), by name. */
  given: Set<string>;
}

export function newData(): IpsetData {
  return { given: new Set() };
}

/** string_to_number_ll(): a decimal, octal or hex number in [min, max]. */
export function stringToNumber(str: string, min: number, max: number): number {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(str);
  if (!m || str === '') throw syntaxErr(`'${str}' is invalid as number`);
  const t = m[2]!;
  let n = /^0[xX]/.test(t) ? parseInt(t.slice(2), 16) : t.length > 1 && t[0] === '0' ? parseInt(t, 8) : parseInt(t, 10);
  if (m[1] === '-') n = -n;
  if (n < min || n > max) throw syntaxErr(`'${str}' is out of range ${min}-${max}`);
  return n;
}

/** inet_aton() (what getaddrinfo(AF_INET) accepts as a number): 1 to 4 parts, the last one
 *  filling the remaining bytes ("1.2.3" is 1.2.0.3). */
function inetAton(s: string): number | undefined {
  if (!/^[0-9a-fA-FxX.]+$/.test(s)) return undefined;
  const parts = s.split('.');
  if (parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) n = parseInt(p, 10);
    else return undefined;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255)) return undefined;
  const lastMax = 2 ** (8 * (4 - nums.length)) - 1;
  if (last > lastMax) return undefined;
  let v = 0;
  for (let i = 0; i < nums.length; i++) v = v * 256 + nums[i]!;
  return (v * 2 ** (8 * (4 - nums.length)) + last) >>> 0;
}

function v4Bytes(n: number): Uint8Array {
  return new Uint8Array([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

/** get_addrinfo(): a numeric address of the family (no resolver here). */
export function resolveAddr(str: string, family: number): Uint8Array {
  if (family === NFPROTO_IPV4) {
    const v = inetAton(str);
    if (v === undefined) throw syntaxErr(`cannot parse ${str}: resolving to IPv4 address failed`);
    return v4Bytes(v);
  }
  const b = str.includes(':') ? parseIPv6(str) : undefined;
  if (!b) throw syntaxErr(`cannot parse ${str}: resolving to IPv6 address failed`);
  return b;
}

/** parse_ip(): "IP", "IP/CIDR" and (IPv4) "FROM-TO"; `plain` refuses both forms. */
export function parseIp(d: IpsetData, str: string, family: number, kind: 'any' | 'plain' | 'net'): void {
  const hostMask = family === NFPROTO_IPV4 ? 32 : 128;
  const slash = str.indexOf('/');
  const dash = family === NFPROTO_IPV4 ? str.indexOf('-') : -1;
  if (kind === 'plain' && (slash >= 0 || (family === NFPROTO_IPV6 ? str.includes('-') : dash >= 0))) {
    throw syntaxErr(`plain IP address must be supplied: ${str}`);
  }
  if (family === NFPROTO_IPV6 && kind === 'net' && str.includes('-')) {
    throw syntaxErr(`IP address or IP/cidr must be specified: ${str}`);
  }
  if (slash >= 0) {
    const addr = str.slice(0, slash);
    const c = str.slice(slash + 1);
    if (c === '') throw syntaxErr(`cannot parse ${str}: resolving to ${family === NFPROTO_IPV4 ? 'IPv4' : 'IPv6'} address failed`);
    const cidr = stringToNumber(c, 0, hostMask);
    d.ip = resolveAddr(addr, family);
    d.cidr = cidr;
    d.given.add('ip').add('cidr');
    return;
  }
  if (dash > 0 && dash < str.length - 1) {
    d.ip = resolveAddr(str.slice(0, dash), family);
    d.ipTo = resolveAddr(str.slice(dash + 1), family);
    d.given.add('ip').add('ip_to');
    return;
  }
  d.ip = resolveAddr(str, family);
  d.given.add('ip');
}

const PORT_PROTOS: Record<string, number> = { tcp: 6, udp: 17, sctp: 132, udplite: 136 };

/** ipset_parse_port() as ipset_parse_tcpudp_port() calls it: a number or a service name of
 *  `proto`; the three messages a failure leaves are what ipset prints. */
export function parsePort(str: string, proto: string): number {
  const tail = `\nSyntax error: '${proto}' is invalid as number\ncannot parse '${str}' as a ${proto} port`;
  if (/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(str)) {
    try {
      return stringToNumber(str, 0, 65535);
    } catch (e) {
      throw new SessionError(`${(e as SessionError).text}${tail}`);
    }
  }
  const p = serviceByName(str, proto);
  if (p !== undefined) return p;
  throw new SessionError(`Syntax error: '${str}' is invalid as number${tail}`);
}

function portOrRange(d: IpsetData, str: string, proto: string): void {
  const dash = str.indexOf('-');
  if (dash > 0) {
    d.port = parsePort(str.slice(0, dash), proto);
    d.portTo = parsePort(str.slice(dash + 1), proto);
    d.given.add('port').add('port_to');
    return;
  }
  d.port = parsePort(str, proto);
  d.given.add('port');
}

/** ipset's icmp.c / icmpv6.c name tables. */
export const ICMP_NAMES: [string, number, number][] = [
  ['echo-reply', 0, 0], ['pong', 0, 0], ['network-unreachable', 3, 0], ['host-unreachable', 3, 1],
  ['protocol-unreachable', 3, 2], ['port-unreachable', 3, 3], ['fragmentation-needed', 3, 4],
  ['source-route-failed', 3, 5], ['network-unknown', 3, 6], ['host-unknown', 3, 7],
  ['network-prohibited', 3, 9], ['host-prohibited', 3, 10], ['TOS-network-unreachable', 3, 11],
  ['TOS-host-unreachable', 3, 12], ['communication-prohibited', 3, 13],
  ['host-precedence-violation', 3, 14], ['precedence-cutoff', 3, 15], ['source-quench', 4, 0],
  ['network-redirect', 5, 0], ['host-redirect', 5, 1], ['TOS-network-redirect', 5, 2],
  ['TOS-host-redirect', 5, 3], ['echo-request', 8, 0], ['ping', 8, 0], ['router-advertisement', 9, 0],
  ['router-solicitation', 10, 0], ['ttl-zero-during-transit', 11, 0], ['ttl-zero-during-reassembly', 11, 1],
  ['ip-header-bad', 12, 0], ['required-option-missing', 12, 1], ['timestamp-request', 13, 0],
  ['timestamp-reply', 14, 0], ['address-mask-request', 17, 0], ['address-mask-reply', 18, 0],
];
export const ICMPV6_NAMES: [string, number, number][] = [
  ['no-route', 1, 0], ['communication-prohibited', 1, 1], ['address-unreachable', 1, 3],
  ['port-unreachable', 1, 4], ['packet-too-big', 2, 0], ['ttl-zero-during-transit', 3, 0],
  ['ttl-zero-during-reassembly', 3, 1], ['bad-header', 4, 0], ['unknown-header-type', 4, 1],
  ['unknown-option', 4, 2], ['echo-request', 128, 0], ['ping', 128, 0], ['echo-reply', 129, 0],
  ['pong', 129, 0], ['router-solicitation', 133, 0], ['router-advertisement', 134, 0],
  ['neighbour-solicitation', 135, 0], ['neigbour-solicitation', 135, 0],
  ['neighbour-advertisement', 136, 0], ['neigbour-advertisement', 136, 0], ['redirect', 137, 0],
];

/** ipset_parse_icmp() / ipset_parse_icmpv6(): a codename (prefix) or TYPE/CODE. */
function parseIcmp(str: string, v6: boolean): number {
  const table = v6 ? ICMPV6_NAMES : ICMP_NAMES;
  const named = table.find((n) => n[0].startsWith(str) && str !== '');
  if (named) return (named[1] << 8) | named[2];
  const slash = str.indexOf('/');
  if (slash < 0) throw new SessionError(`Cannot parse ${str} as an ${v6 ? 'ICMPv6' : 'ICMP'} type/code.`);
  const t = stringToNumber(str.slice(0, slash), 0, 255);
  const c = stringToNumber(str.slice(slash + 1), 0, 255);
  return (t << 8) | c;
}

/** ipset_parse_proto_port(): [PROTO:]PORT (TCP when no protocol is given). */
export function parseProtoPort(d: IpsetData, str: string, family: number): void {
  const colon = str.indexOf(':');
  if (colon < 0 || colon === str.length - 1 || colon === 0) {
    d.proto = 6;
    d.given.add('proto');
    portOrRange(d, str, 'tcp');
    return;
  }
  const pname = str.slice(0, colon);
  const rest = str.slice(colon + 1);
  let proto: number | undefined;
  if (/^\d+$/.test(pname)) proto = Number(pname) <= 255 ? Number(pname) : undefined;
  else if (pname === 'icmpv6') proto = 58;
  else proto = PROTOCOLS[pname];
  if (proto === undefined) throw syntaxErr(`cannot parse '${pname}' as a protocol`);
  d.proto = proto;
  d.given.add('proto');
  if (proto === 1) {
    if (family !== NFPROTO_IPV4) throw syntaxErr('Protocol ICMP can be used with family inet only');
    d.port = parseIcmp(rest, false);
    d.given.add('port');
    return;
  }
  if (proto === 58) {
    if (family !== NFPROTO_IPV6) {
      throw new SessionError('Syntax error: Protocol ICMPv6 can be used with family inet6 only\n' +
        'Invalid add command: missing setname');
    }
    d.port = parseIcmp(rest, true);
    d.given.add('port');
    return;
  }
  const name = Object.keys(PORT_PROTOS).find((k) => PORT_PROTOS[k] === proto);
  if (name) {
    portOrRange(d, rest, name);
    return;
  }
  const p = stringToNumber(rest, 0, 65535);
  if (p !== 0) {
    const pn = Object.entries(PROTOCOLS).find((e) => e[1] === proto)?.[0] ?? String(proto);
    throw syntaxErr(`Protocol ${pn} can be used with pseudo port value 0 only.`);
  }
  d.port = 0;
  d.given.add('port');
}

/** ipset_parse_iface(): [physdev:]IFACE, at most 15 characters. */
export function parseIface(d: IpsetData, str: string): void {
  let s = str;
  if (s.startsWith('physdev:')) {
    s = s.slice(8);
    d.physdev = true;
    d.given.add('physdev');
  }
  if (s.length > 15) throw syntaxErr(`interface name '${s}' is longer than 15 characters`);
  d.iface = s;
  d.given.add('iface');
}

/** ipset_parse_timeout(): seconds, at most (UINT_MAX >> 1) / 1000. */
export function parseTimeout(str: string): number {
  return stringToNumber(str, 0, Math.floor((0xffffffff >>> 1) / 1000));
}

/** ipset_parse_skbmark(): MARK or MARK/MASK, hexadecimal with 0x. */
export function parseSkbmark(d: IpsetData, str: string): void {
  const m = /^(0x[0-9a-fA-F]+)(?:\/(0x[0-9a-fA-F]+))?$/.exec(str);
  if (!m) throw syntaxErr('Invalid skbmark format, it should be:  MARK/MASK or MARK (see manpage)');
  d.skbmark = parseInt(m[1]!.slice(2), 16) >>> 0;
  d.skbmarkmask = m[2] !== undefined ? parseInt(m[2].slice(2), 16) >>> 0 : 0xffffffff;
  d.given.add('skbmark');
}

/** ipset_parse_skbprio(): MAJOR:MINOR, hexadecimal. */
export function parseSkbprio(d: IpsetData, str: string): void {
  const m = /^([0-9a-fA-F]+):([0-9a-fA-F]+)$/.exec(str);
  if (!m) throw syntaxErr('Invalid skbprio format, it should be:MAJOR:MINOR (see manpage)');
  d.skbprio = ((parseInt(m[1]!, 16) << 16) | parseInt(m[2]!, 16)) >>> 0;
  d.given.add('skbprio');
}
