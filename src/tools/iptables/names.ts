// The name tables iptables consults: /etc/protocols and /etc/services (all of Debian 12's
// netbase, in etc_services.ts). libxt_icmp's type names are in ext/libxt_icmp.ts.
import { getservbyname, getservbyport } from '../etc_services.js';

export const PROTOCOLS: Record<string, number> = {
  ip: 0, hopopt: 0, icmp: 1, igmp: 2, ggp: 3, ipencap: 4, st: 5, tcp: 6, egp: 8, igp: 9, pup: 12, udp: 17, hmp: 20,
  'xns-idp': 22, rdp: 27, 'iso-tp4': 29, dccp: 33, xtp: 36, ddp: 37, 'idpr-cmtp': 38, ipv6: 41,
  'ipv6-route': 43, 'ipv6-frag': 44, idrp: 45, rsvp: 46, gre: 47, esp: 50, ah: 51, skip: 57,
  'ipv6-icmp': 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60, rspf: 73, vmtp: 81, eigrp: 88, ospf: 89,
  'ax.25': 93, ipip: 94, etherip: 97, encap: 98, pim: 103, ipcomp: 108, vrrp: 112, l2tp: 115,
  isis: 124, sctp: 132, fc: 133, 'mobility-header': 135, udplite: 136, 'mpls-in-ip': 137,
  manet: 138, hip: 139, shim6: 140, wesp: 141, rohc: 142, ethernet: 143,
};

/** xtables_chain_protos[]: the names iptables itself accepts besides /etc/protocols'. */
const CHAIN_PROTOS: Record<string, number> = {
  tcp: 6, sctp: 132, udp: 17, udplite: 136, icmp: 1, 'ipv6-icmp': 58, icmpv6: 58, ipv6: 41, esp: 50, ah: 51,
  'ipv6-mh': 135, mh: 135, all: 0,
};

/** Both tables by name, xtables_chain_protos[] first (what -p looks up in every rule). */
const PROTO_BY_NAME = new Map([...Object.entries(PROTOCOLS), ...Object.entries(CHAIN_PROTOS)]);

export function protoByName(s: string): number | undefined {
  const exact = PROTO_BY_NAME.get(s);
  if (exact !== undefined) return exact;
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    return n <= 255 ? n : undefined;
  }
  return PROTO_BY_NAME.get(s.toLowerCase());
}

/** getprotobynumber(): the first /etc/protocols name of each number. */
const PROTO_BY_NUMBER: (string | undefined)[] = [];
for (const [n, v] of Object.entries(PROTOCOLS)) PROTO_BY_NUMBER[v] ??= n;

/** proto_to_name() as -L uses it (getprotobynumber() first). */
export function protoName(p: number): string | undefined {
  return p === 0 ? 'all' : PROTO_BY_NUMBER[p];
}

/** The save form's name for -p: /etc/protocols' (getprotobynumber(): 58 is "ipv6-icmp",
 *  135 "mobility-header"), else the number. */
export function protoSaveName(p: number): string {
  return protoName(p) ?? String(p);
}

export function serviceByName(name: string, proto: string): number | undefined {
  return getservbyname(name, proto);
}

export function serviceName(port: number, proto: string): string | undefined {
  return getservbyport(port, proto);
}
