// tcpdump's netdissect.h/.c, addrtoname.c and util-print.c, the parts the printers share:
// the options (struct netdissect_options), bounds-checked reads that end a packet's
// decoding with "[|proto]" when the capture stops short, tok2str() tables, and the names
// of addresses and ports (numeric with -n).
import { readFileSync } from 'node:fs';
import { getservbyport } from '../etc_services.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../../wire/inet.js';
import { internetChecksum } from '../../wire/checksum.js';

export interface Ndo {
  /** -e */
  eflag: boolean;
  /** -n count */
  nflag: number;
  /** -q */
  qflag: boolean;
  /** -v count */
  vflag: number;
  /** -S: absolute TCP sequence numbers */
  Sflag: boolean;
  /** -x/-X/-A count and kind */
  xflag: number;
  Xflag: number;
  Aflag: boolean;
  /** -K: don't verify checksums */
  Kflag: boolean;
  /** The name of the protocol being printed (ndo_protocol), for "[|proto]". */
  protocol: string;
  /** Text of the line being built. */
  out: string;
  /** Interface names by ifindex (if_indextoname()), for the cooked headers. */
  ifname: (ifindex: number) => string | undefined;
  /** Per-conversation initial sequence numbers (tcp_seq_hash). */
  tcpSeq: Map<string, { seq: number; ack: number }>;
}

export function newNdo(): Ndo {
  return {
    eflag: false, nflag: 0, qflag: false, vflag: 0, Sflag: false, xflag: 0, Xflag: 0, Aflag: false,
    Kflag: false, protocol: '', out: '', ifname: () => undefined, tcpSeq: new Map(),
  };
}

/** Thrown when a read passes the captured bytes (nd_trunc_longjmp()). */
export class Trunc extends Error {}

/** A view of one packet's bytes: reads past the end throw Trunc. */
export class Buf {
  constructor(readonly b: Uint8Array, readonly off = 0, readonly end = b.length) {}

  get length(): number {
    return Math.max(0, this.end - this.off);
  }

  /** The view from `n` bytes on. */
  sub(n: number, len?: number): Buf {
    const o = this.off + n;
    const e = len === undefined ? this.end : Math.min(this.end, o + len);
    return new Buf(this.b, Math.min(o, this.end), Math.max(Math.min(o, this.end), e));
  }

  has(o: number, n: number): boolean {
    return o >= 0 && this.off + o + n <= this.end;
  }

  u8(o: number): number {
    if (!this.has(o, 1)) throw new Trunc();
    return this.b[this.off + o]!;
  }

  u16(o: number): number {
    if (!this.has(o, 2)) throw new Trunc();
    const i = this.off + o;
    return (this.b[i]! << 8) | this.b[i + 1]!;
  }

  u24(o: number): number {
    return (this.u8(o) << 16) | this.u16(o + 1);
  }

  u32(o: number): number {
    if (!this.has(o, 4)) throw new Trunc();
    const i = this.off + o;
    return ((this.b[i]! << 24) | (this.b[i + 1]! << 16) | (this.b[i + 2]! << 8) | this.b[i + 3]!) >>> 0;
  }

  bytes(o: number, n: number): Uint8Array {
    if (!this.has(o, n)) throw new Trunc();
    return this.b.subarray(this.off + o, this.off + o + n);
  }
}

/** tok2str() */
export function tok2str(t: Record<number, string>, fmt: string, v: number): string {
  return t[v] ?? fmt.replace('%u', String(v)).replace('%x', v.toString(16)).replace('%04x', v.toString(16).padStart(4, '0'));
}

/** bittok2str(): the names of the bits set, joined by ", " (none: `none`). */
export function bittok2str(t: [number, string][], none: string, v: number, sep = ', '): string {
  const names = t.filter(([bit]) => (v & bit) !== 0).map(([, n]) => n);
  return names.length ? names.join(sep) : none;
}

export function hex(v: number, w = 0): string {
  return v.toString(16).padStart(w, '0');
}

// --- addresses (addrtoname.c) ------------------------------------------------------------

let hostsCache: Map<string, string> | undefined;

/** The first name /etc/hosts gives an address (what getnameinfo() finds without DNS). */
function hostByAddr(key: string): string | undefined {
  if (!hostsCache) {
    hostsCache = new Map();
    let text = '';
    try {
      text = readFileSync('/etc/hosts', 'utf8');
    } catch { /* none */ }
    for (const line of text.split('\n')) {
      const [addr, name] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (!addr || !name) continue;
      const v4 = parseIPv4(addr);
      const k = v4 !== undefined ? formatIPv4(v4) : parseIPv6(addr) ? formatIPv6(parseIPv6(addr)!) : undefined;
      if (k && !hostsCache.has(k)) hostsCache.set(k, name);
    }
  }
  return hostsCache.get(key);
}

/** ipaddr_string() */
export function ipaddrString(ndo: Ndo, a: number): string {
  const s = formatIPv4(a);
  if (ndo.nflag) return s;
  return hostByAddr(s) ?? s;
}

/** ip6addr_string() */
export function ip6addrString(ndo: Ndo, a: Uint8Array): string {
  const s = formatIPv6(a);
  if (ndo.nflag) return s;
  return hostByAddr(s) ?? s;
}

export function macString(a: Uint8Array): string {
  let s = '';
  for (let i = 0; i < a.length; i++) s += (i ? ':' : '') + a[i]!.toString(16).padStart(2, '0');
  return s;
}

/** etheraddr_string(): without -n, the broadcast address is "Broadcast" and others carry
 *  their OUI's name (none of the emulated world's are registered). */
export function etheraddrString(ndo: Ndo, a: Uint8Array): string {
  const s = macString(a);
  if (ndo.nflag) return s;
  if (a.every((x) => x === 0xff)) return 'Broadcast';
  return `${s} (oui Unknown)`;
}

/** tcpport_string() / udpport_string() */
export function portString(ndo: Ndo, port: number, proto: 'tcp' | 'udp'): string {
  if (ndo.nflag) return String(port);
  return getservbyport(port, proto) ?? String(port);
}

// --- ipproto_values, ethertype_values ------------------------------------------------------

export const IPPROTO_NAMES: Record<number, string> = {
  0: 'Options', 1: 'ICMP', 2: 'IGMP', 4: 'IPIP', 6: 'TCP', 8: 'EGP', 9: 'IGRP', 17: 'UDP', 33: 'DCCP',
  41: 'IPv6', 43: 'Routing', 44: 'Fragment', 46: 'RSVP', 47: 'GRE', 50: 'ESP', 51: 'AH', 55: 'Mobile IP',
  58: 'ICMPv6', 59: 'none', 60: 'Destination Options', 62: 'Mobile IP (old)', 88: 'EIGRP', 89: 'OSPF',
  103: 'PIM', 108: 'Compressed IP', 112: 'VRRP', 113: 'PGM', 132: 'SCTP', 135: 'Mobility', 143: 'Ethernet',
};

export const ETHERTYPE_NAMES: Record<number, string> = {
  0x0800: 'IPv4', 0x0806: 'ARP', 0x8035: 'Reverse ARP', 0x86dd: 'IPv6', 0x8100: '802.1Q', 0x88a8: '802.1Q-QinQ',
  0x9100: '802.1Q-QinQ', 0x8847: 'MPLS unicast', 0x8848: 'MPLS multicast', 0x8863: 'PPPoE D', 0x8864: 'PPPoE S',
  0x88cc: 'LLDP', 0x888e: 'EAPOL', 0x9000: 'Loopback', 0x809b: 'Appletalk', 0x80f3: 'Appletalk ARP',
  0x6003: 'DN', 0x6004: 'LAT', 0x6007: 'SCA', 0x6001: 'MOP DL', 0x6002: 'MOP RC', 0x8137: 'IPX',
  0x88f7: 'PTP', 0x8809: 'Slow Protocols', 0x88e5: 'MACsec', 0x894f: 'NSH',
};

/** in_cksum(): 0 when the bytes (with the pseudo-header sum `initial`) carry a correct
 *  checksum. */
export function inCksum(b: Uint8Array, initial = 0): number {
  return internetChecksum(b, 0, b.length, initial);
}

/** in_cksum_shouldbe(): the value the checksum field should have held. */
export function inCksumShouldbe(sum: number, computed: number): number {
  let s = sum + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}
