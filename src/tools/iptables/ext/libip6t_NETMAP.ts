// libip6t_NETMAP.c: ip6tables' NETMAP, --to ADDR[/MASK] (XTTYPE_HOSTMASK), kept as the range
// from the masked address to its last address; listed as the network and its prefix length.
import type { NatInfo } from '../../../kernel/netfilter/xt_nat.js';
import { NF_NAT_RANGE_MAP_IPS, NF_NAT_RANGE_NETMAP, natRange } from '../../../kernel/netfilter/nf_nat_core.js';
import {
  NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING,
} from '../../../kernel/ipv6/netfilter.js';
import { NFPROTO_IPV6 } from '../../../kernel/netfilter/core.js';
import { formatIPv6 } from '../../../wire/inet.js';
import { registerTarget } from './index.js';
import { xtExt, parseHostmask } from './xtopt.js';
import { xtCheck } from './hooks.js';

/** netmask2bits(): the prefix length of ~(min ^ max), or -1. */
function netmaskBits(m: Uint8Array): number {
  let n = 0;
  while (n < 128 && m[n >> 3]! & (0x80 >> (n & 7))) n++;
  for (let k = n; k < 128; k++) if (m[k >> 3]! & (0x80 >> (k & 7))) return -1;
  return n;
}

/** __NETMAP_print() */
function netStr(i: NatInfo): string {
  const min = i.range.min6!, max = i.range.max6!;
  const mask = new Uint8Array(16);
  for (let k = 0; k < 16; k++) mask[k] = ~(min[k]! ^ max[k]!) & 0xff;
  const bits = netmaskBits(mask);
  return `${formatIPv6(min)}/${bits < 0 ? formatIPv6(mask) : bits}`;
}

registerTarget(xtExt<NatInfo>({
  name: 'NETMAP',
  family: NFPROTO_IPV6,
  options: [{ name: 'to', mand: true }],
  init: () => ({ range: natRange(0, 0, 0, undefined, undefined, 0, 0) }),
  parse(opt, arg, _inv, info, ctx) {
    // NETMAP_parse(): min = addr & mask, max = min | ~mask.
    const h = parseHostmask('NETMAP', opt, arg, ctx);
    const min = new Uint8Array(16), max = new Uint8Array(16);
    for (let k = 0; k < 16; k++) {
      min[k] = h.addr6![k]! & h.mask6![k]!;
      max[k] = min[k]! | (~h.mask6![k]! & 0xff);
    }
    info.range.flags |= NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_NETMAP;
    info.range.min6 = min;
    info.range.max6 = max;
  },
  print: (i) => ` to:${netStr(i)}`,
  save: (i) => ` --to ${netStr(i)}`,
  check: (_i, c) => xtCheck.table(c.family, 'NETMAP target', 'nat', c.table) ??
    xtCheck.hooks(c.family, 'NETMAP target', c.table, c.chain, [NF_INET_PRE_ROUTING, NF_INET_POST_ROUTING, NF_INET_LOCAL_OUT, NF_INET_LOCAL_IN]),
}));
