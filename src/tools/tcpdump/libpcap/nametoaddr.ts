// libpcap's nametoaddr.c: names in filter expressions. Ports come from /etc/services
// (getservbyname() for tcp, then udp), IP protocols from /etc/protocols, ethernet
// protocols from libpcap's own table, host names from /etc/hosts.
import { readFileSync } from 'node:fs';
import { getservbyname } from '../../etc_services.js';
import { PROTOCOLS } from '../../iptables/names.js';
import { parseIPv4, parseIPv6 } from '../../../wire/inet.js';
import { PROTO_UNDEF } from './gencode.js';

const IPPROTO_TCP = 6, IPPROTO_UDP = 17;

/** pcap_nametoport(): the port of a service name and the protocol it belongs to
 *  (PROTO_UNDEF when TCP and UDP both have it on the same port). */
export function nameToPort(name: string): { port: number; proto: number } | undefined {
  const tcp = getservbyname(name, 'tcp');
  const udp = getservbyname(name, 'udp');
  if (tcp !== undefined) return { port: tcp, proto: udp === tcp ? PROTO_UNDEF : IPPROTO_TCP };
  if (udp !== undefined) return { port: udp, proto: IPPROTO_UDP };
  return undefined;
}

/** pcap_nametoportrange(): "N-M" or "name-name". */
export function nameToPortRange(name: string): { p1: number; p2: number; proto: number } | undefined {
  const m = /^\s*([+-]?\d+)-([+-]?\d+)/.exec(name);
  if (m) return { p1: Number(m[1]), p2: Number(m[2]), proto: PROTO_UNDEF };
  const dash = name.indexOf('-');
  if (dash < 0) return undefined;
  const a = nameToPort(name.slice(0, dash));
  if (!a) return undefined;
  const b = nameToPort(name.slice(dash + 1));
  if (!b) return undefined;
  return { p1: a.port, p2: b.port, proto: a.proto === b.proto ? b.proto : PROTO_UNDEF };
}

/** pcap_nametoproto(): getprotobyname(). */
export function nameToProto(name: string): number | undefined {
  return PROTOCOLS[name];
}

/** pcap_nametoeproto(): libpcap's eproto_db. */
const EPROTO: Record<string, number> = {
  aarp: 0x80f3, arp: 0x0806, atalk: 0x809b, decnet: 0x6003, ip: 0x0800, ip6: 0x86dd, lat: 0x6004,
  loopback: 0x9000, mopdl: 0x6001, moprc: 0x6002, rarp: 0x8035, sca: 0x6007,
};
/** pcap_nametollc(): LLC SAPs. */
const LLC: Record<string, number> = { iso: 0xfe, stp: 0x42, ipx: 0xe0, netbeui: 0xf0 };

export function nameToEproto(name: string): number | undefined {
  return EPROTO[name] ?? LLC[name];
}

/** pcap_nametoaddrinfo(): the addresses /etc/hosts gives a name, in file order. */
export function nameToAddrs(name: string): (number | Uint8Array)[] {
  let text = '127.0.0.1 localhost\n';
  try {
    text = readFileSync('/etc/hosts', 'utf8');
  } catch { /* no /etc/hosts: localhost only */ }
  const out: (number | Uint8Array)[] = [];
  for (const line of text.split('\n')) {
    const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (!addr || !names.includes(name)) continue;
    const v4 = parseIPv4(addr);
    if (v4 !== undefined) out.push(v4);
    else {
      const v6 = parseIPv6(addr);
      if (v6) out.push(v6);
    }
  }
  return out;
}

/** __pcap_atoin(): a dotted IPv4 address of 1 to 4 parts and its length in bits, or -1. */
export function atoin(s: string): { addr: number; len: number } {
  let addr = 0, len = 0, i = 0;
  for (;;) {
    let n = 0;
    while (i < s.length && s[i] !== '.') {
      if (n > 25) return { addr: 0, len: -1 };
      n = n * 10 + s.charCodeAt(i++) - 48;
    }
    if (n > 255) return { addr: 0, len: -1 };
    addr = ((addr << 8) | (n & 0xff)) >>> 0;
    len += 8;
    if (i >= s.length) return { addr, len };
    i++;
  }
}

/** pcap_ether_aton(): "aa:bb:cc:dd:ee:ff", "aa-bb-...", "aabb.ccdd.eeff", ... */
export function etherAton(s: string): Uint8Array {
  const hex = s.replace(/[:.-]/g, '');
  const parts = /[:.-]/.test(s) && !/^[0-9A-Fa-f]{4}\./.test(s)
    ? s.split(/[:.-]/).map((h) => parseInt(h, 16))
    : (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) out[i] = parts[i] ?? 0;
  return out;
}
