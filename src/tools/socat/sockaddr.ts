// Socket addresses as socat reads and prints them: sockaddr_info() ("AF=2 10.0.0.2:80"),
// the name and service resolution of xiogetaddrinfo() with its error lines, parseport() of
// the UDP listeners, and xioparsenetwork_ip4() for range=. There is no DNS in a network
// namespace of its own: numeric addresses (inet_aton() forms) and "localhost" resolve.
import type { Diag } from './diag.js';
import { strtoul } from './opts.js';
import { formatIPv4, prefixMask } from '../../wire/inet.js';
import { getservbyname } from '../etc_services.js';
import type { SockAddr } from '../../kernel/socket.js';

export const AF_INET = 2;
export const SOCK_STREAM = 1, SOCK_DGRAM = 2;
export const IPPROTO_TCP = 6, IPPROTO_UDP = 17;

/** sockaddr_info() for AF_INET. */
export function sockaddrInfo(a: SockAddr): string {
  return `AF=2 ${formatIPv4(a.addr)}:${a.port}`;
}

/** inet_aton(): "a", "a.b", "a.b.c" and "a.b.c.d", each part a C number (0x.., 0..). */
export function inetAton(s: string): number | undefined {
  const parts = s.replace(/[ \t\n]+$/, '').split('.');
  if (parts.length > 4 || parts.some((p) => p === '')) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]/.test(p)) return undefined;
    const r = strtoul(p);
    if (r.end !== p.length) return undefined;
    nums.push(r.value);
  }
  const last = nums[nums.length - 1]!;
  const max = [0xffffffff, 0xffffff, 0xffff, 0xff][nums.length - 1]!;
  if (last > max || nums.slice(0, -1).some((n) => n > 255)) return undefined;
  let v = 0;
  nums.slice(0, -1).forEach((n, i) => { v += n * 2 ** (24 - 8 * i); });
  return (v + last) >>> 0;
}

/** What getaddrinfo() is asked for: {flags, family, socktype, protocol} as socat prints them. */
export interface AiHints {
  family: number;
  socktype: number;
  protocol: number;
}

/** The host part of xiogetaddrinfo(): an IPv4 address, or the error line and exit. */
export function resolveHost(diag: Diag, host: string, h: AiHints): number {
  const a = host === 'localhost' || host === 'localhost.localdomain' ? 0x7f000001 : inetAton(host);
  if (a !== undefined && h.family !== 10) return a;
  // No resolver answers inside the namespace: a name is a lookup that cannot be made.
  const why = h.family === 10 && a !== undefined ? 'Address family for hostname not supported'
    : host === '' || h.family === AF_INET ? 'Name or service not known' : 'Temporary failure in name resolution';
  diag.error(`getaddrinfo("${host}", "NULL", {1,${h.family},${h.socktype},${h.protocol}}, {}): ${why}`);
  return 0;
}

/** The service part of xiogetaddrinfo(): a port number (a leading number, cut to 16 bits, as
 *  socat reads it) or a name of /etc/services for this protocol. */
export function resolveService(diag: Diag, node: string | undefined, service: string, h: AiHints): number {
  if (service === '') {
    diag.error('empty port/service');
    return 0;
  }
  if (/^[0-9]/.test(service)) return strtoul(service).value & 0xffff;
  const port = getservbyname(service, h.socktype === SOCK_DGRAM ? 'udp' : 'tcp');
  if (port !== undefined) return port;
  diag.error(`getaddrinfo"${node ?? 'NULL'}", "${service}", {1,${h.family},${h.socktype},0}, {}): Servname not supported for ai_socktype`);
  return 0;
}

/** parseport() of the UDP listeners. */
export function parsePort(diag: Diag, s: string, proto: number): number {
  if (/^[0-9]/.test(s)) {
    const r = strtoul(s, 10);
    if (r.end < s.length) diag.error(`parseport("${s}", ${proto}): extra trailing data "${s.slice(r.end)}"`);
    return r.value & 0xffff;
  }
  const port = s === '' ? undefined : getservbyname(s, proto === IPPROTO_UDP ? 'udp' : 'tcp');
  if (port === undefined) diag.error(`cannot resolve service "${s}/${proto}"`);
  return port ?? 0;
}

/** An IPv4 network of range=: address and mask. */
export interface Range {
  addr: number;
  mask: number;
}

/** xioparsenetwork_ip4(): "a.b.c.d/bits" or "a.b.c.d:mask". */
export function parseRange(diag: Diag, s: string): Range {
  const i = s.search(/[/:]/);
  if (i < 0) {
    diag.error(`xioparsenetwork_ip4("${s}",,): missing netmask delimiter`);
    return { addr: 0, mask: 0 };
  }
  const host = s.slice(0, i), rest = s.slice(i + 1);
  const addr = resolveHost(diag, host, { family: AF_INET, socktype: 0, protocol: 0 });
  let mask: number;
  if (s[i] === '/') {
    const r = strtoul(rest, 10);
    if (r.end === 0 || r.end < rest.length || r.value > 32) diag.error(`xioparsenetwork_ip4("${s}",,): netmask "${rest}" is not a valid prefix length`);
    mask = prefixMask(Math.min(32, Math.max(0, r.value)));
  } else {
    mask = resolveHost(diag, rest, { family: AF_INET, socktype: 0, protocol: 0 });
  }
  return { addr: (addr & mask) >>> 0, mask };
}

/** xiocheckrange(): whether a peer lies in the range. */
export function inRange(r: Range, addr: number): boolean {
  return ((addr & r.mask) >>> 0) === r.addr;
}
