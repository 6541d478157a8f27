// The IPv6 and ICMPv6 MIB counters (/proc/net/snmp6: Ip6*, Icmp6*), per namespace.
import type { Netns } from '../net_namespace.js';

export interface Ip6Mib {
  InReceives: number; InHdrErrors: number; InTooBigErrors: number; InNoRoutes: number;
  InAddrErrors: number; InUnknownProtos: number; InTruncatedPkts: number; InDiscards: number;
  InDelivers: number; OutForwDatagrams: number; OutRequests: number; OutDiscards: number;
  OutNoRoutes: number; InMcastPkts: number; OutMcastPkts: number;
  Icmp6InMsgs: number; Icmp6InErrors: number; Icmp6OutMsgs: number; Icmp6OutErrors: number;
  Icmp6InCsumErrors: number;
  /** Icmp6InType<N> / Icmp6OutType<N> */
  icmpIn: Record<number, number>;
  icmpOut: Record<number, number>;
}

export function ip6Stats(ns: Netns): Ip6Mib {
  let s = ns.proto.ip6mib as Ip6Mib | undefined;
  if (!s) {
    s = {
      InReceives: 0, InHdrErrors: 0, InTooBigErrors: 0, InNoRoutes: 0, InAddrErrors: 0,
      InUnknownProtos: 0, InTruncatedPkts: 0, InDiscards: 0, InDelivers: 0, OutForwDatagrams: 0,
      OutRequests: 0, OutDiscards: 0, OutNoRoutes: 0, InMcastPkts: 0, OutMcastPkts: 0,
      Icmp6InMsgs: 0, Icmp6InErrors: 0, Icmp6OutMsgs: 0, Icmp6OutErrors: 0, Icmp6InCsumErrors: 0,
      icmpIn: {}, icmpOut: {},
    };
    ns.proto.ip6mib = s;
  }
  return s;
}
