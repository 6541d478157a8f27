// getaddrinfo(), getnameinfo() and gai_strerror() as glibc answers nc inside a network
// namespace: numbers-and-dots (inet_aton()) and IPv6 literals, names from the emulated
// /etc/hosts, services from /etc/services. No DNS server can be reached, so any other name
// (and the reverse lookup of an address /etc/hosts does not list) is a temporary failure.
import type { Process } from '../process.js';
import { getservbyname } from '../etc_services.js';
import { formatIPv4, formatIPv6, parseIPv6 } from '../../wire/inet.js';
import { AF_INET, AF_INET6, AF_UNSPEC } from './options.js';
import { hostsEntries } from '../lib/hosts.js';

export const EAI_NONAME = -2, EAI_AGAIN = -3, EAI_FAMILY = -6, EAI_SERVICE = -8, EAI_ADDRFAMILY = -9;

const GAI_TEXT: Record<number, string> = {
  [EAI_NONAME]: 'Name or service not known',
  [EAI_AGAIN]: 'Temporary failure in name resolution',
  [EAI_FAMILY]: 'ai_family not supported',
  [EAI_SERVICE]: 'Servname not supported for ai_socktype',
  [EAI_ADDRFAMILY]: 'Address family for hostname not supported',
};

export function gaiStrerror(e: number): string {
  return GAI_TEXT[e] ?? 'Unknown error';
}

/** One struct addrinfo: an IPv4 address (host order) or an IPv6 one, and the port. */
export interface AddrInfo {
  family: number;
  addr: number;
  addr6?: Uint8Array;
  port: number;
}

export interface Hints {
  family: number;
  /** 'tcp', 'udp' or 'dccp': which services apply */
  proto: string;
  numericHost?: boolean;
  passive?: boolean;
}

/** inet_aton(): one to four parts, each decimal, 0-octal or 0x-hex, the last filling the
 *  remaining bytes ("127.1" is 127.0.0.1); whitespace may follow. */
export function inetAton(s: string): number | undefined {
  const m = /^([^\s]*)(\s.*)?$/s.exec(s);
  const parts = m![1]!.split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return undefined;
  const vals: number[] = [];
  for (const p of parts) {
    let v: number;
    if (/^0[xX][0-9a-fA-F]*$/.test(p)) v = p.length > 2 ? parseInt(p.slice(2), 16) : 0;
    else if (/^0[0-7]*$/.test(p)) v = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) v = Number(p);
    else return undefined;
    vals.push(v);
  }
  const last = vals.pop()!;
  for (const v of vals) if (v > 255) return undefined;
  if (last >= 2 ** (8 * (4 - vals.length))) return undefined;
  let a = 0;
  vals.forEach((v, i) => { a += v * 2 ** (8 * (3 - i)); });
  return (a + last) >>> 0;
}

/** The port of a service operand: a number (strtoul, cut to 16 bits) or a service name. */
function servicePort(service: string | undefined, proto: string): number | undefined {
  if (service === undefined) return 0;
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(service);
  if (m) {
    const v = BigInt(m[2]!);
    const n = m[1] === '-' ? -v : v;
    return Number(BigInt.asUintN(16, n));
  }
  return getservbyname(service, proto);
}

/** getaddrinfo(): the addresses in the order nc tries them, or an EAI_* code. */
export function getaddrinfo(p: Process, host: string | undefined, service: string | undefined, h: Hints): AddrInfo[] | number {
  const port = servicePort(service, h.proto);
  if (port === undefined) return EAI_SERVICE;
  if (host === undefined) {
    if (h.family === AF_INET6) return [{ family: AF_INET6, addr: 0, addr6: new Uint8Array(16), port }];
    // AI_PASSIVE without a node: the wildcard; without AI_PASSIVE the loopback.
    return [{ family: AF_INET, addr: h.passive ? 0 : 0x7f000001, port }];
  }
  const v4 = inetAton(host);
  if (v4 !== undefined) {
    if (h.family === AF_INET6) return EAI_ADDRFAMILY;
    return [{ family: AF_INET, addr: v4, port }];
  }
  const v6 = parseIPv6(host.replace(/%.*$/, ''));
  if (v6) {
    if (h.family === AF_INET) return EAI_ADDRFAMILY;
    return [{ family: AF_INET6, addr: 0, addr6: v6, port }];
  }
  if (h.numericHost) return EAI_NONAME;
  const out: AddrInfo[] = [];
  const lname = host.toLowerCase();
  for (const e of hostsEntries(p.kernel)) {
    if (!e.names.some((n) => n.toLowerCase() === lname)) continue;
    const a4 = inetAton(e.addr);
    const a6 = a4 === undefined ? parseIPv6(e.addr) : undefined;
    if (a4 !== undefined && h.family !== AF_INET6) out.push({ family: AF_INET, addr: a4, port });
    else if (a6 && h.family !== AF_INET) out.push({ family: AF_INET6, addr: 0, addr6: a6, port });
  }
  if (out.length === 0) return EAI_AGAIN;
  // RFC 3484 ordering as glibc applies it: IPv6 first for a name that has both.
  if (h.family === AF_UNSPEC) out.sort((a, b) => (a.family === b.family ? 0 : a.family === AF_INET6 ? -1 : 1));
  return out;
}

/** The numeric text of an address (NI_NUMERICHOST). */
export function numericHost(a: AddrInfo): string {
  return a.family === AF_INET6 ? formatIPv6(a.addr6!) : formatIPv4(a.addr);
}

/** getnameinfo() with NI_NUMERICSERV: the host's name from /etc/hosts, or its numbers with
 *  NI_NUMERICHOST; an address nothing names needs DNS, which fails. */
export function getnameinfo(p: Process, a: AddrInfo, numeric: boolean): { host: string; port: string } | number {
  const num = numericHost(a);
  const port = String(a.port);
  if (numeric) return { host: num, port };
  for (const e of hostsEntries(p.kernel)) {
    const a4 = inetAton(e.addr);
    const same = a.family === AF_INET ? a4 === a.addr && !e.addr.includes(':')
      : a4 === undefined && parseIPv6(e.addr) !== undefined && formatIPv6(parseIPv6(e.addr)!) === num;
    if (same) return { host: e.names[0]!, port };
  }
  return EAI_AGAIN;
}
