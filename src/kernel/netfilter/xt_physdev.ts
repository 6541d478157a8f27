// net/netfilter/xt_physdev.c: the bridge ports of a bridged IPv4 packet, from the
// nf_bridge_info br_netfilter attached to it (physdev_mt()). A packet without one (not
// bridged, or br_netfilter not calling iptables) matches only inverted tests.
import { xtRegisterMatch } from './x_tables.js';
import type { NetDevice } from '../core/netdevice.js';

export const XT_PHYSDEV_OP_IN = 0x01, XT_PHYSDEV_OP_OUT = 0x02, XT_PHYSDEV_OP_BRIDGED = 0x04,
  XT_PHYSDEV_OP_ISIN = 0x08, XT_PHYSDEV_OP_ISOUT = 0x10, XT_PHYSDEV_OP_MASK = 0x1f;

/** struct xt_physdev_info (a name ending in '+' is a prefix: what in_mask/out_mask say). */
export interface PhysdevInfo {
  physindev: string;
  physoutdev: string;
  bitmask: number;
  invert: number;
}

/** The part of skb->nf_bridge the match reads. */
interface NfBridgePorts {
  physindev: NetDevice | undefined;
  physoutdev: NetDevice | undefined;
}

/** ifname_compare_aligned() under the mask xtables_parse_interface() built. */
function nameMatch(rule: string, name: string): boolean {
  return rule.endsWith('+') ? name.startsWith(rule.slice(0, -1)) : name === rule;
}

xtRegisterMatch<PhysdevInfo>({
  name: 'physdev',
  match(p, info) {
    const nb = p.skb.nfBridge as NfBridgePorts | undefined;
    const inv = (op: number) => (info.invert & op) !== 0;
    const has = (op: number) => (info.bitmask & op) !== 0;
    if (!nb) {
      // Not bridged, or no information yet: only inverted options match.
      for (const op of [XT_PHYSDEV_OP_BRIDGED, XT_PHYSDEV_OP_ISIN, XT_PHYSDEV_OP_ISOUT, XT_PHYSDEV_OP_IN, XT_PHYSDEV_OP_OUT]) {
        if (has(op) && !inv(op)) return false;
      }
      return true;
    }
    const outdev = nb.physoutdev?.name;
    // Only FORWARD and POSTROUTING know the out port.
    if (has(XT_PHYSDEV_OP_BRIDGED) && (outdev !== undefined) === inv(XT_PHYSDEV_OP_BRIDGED)) return false;
    const indev = nb.physindev?.name;
    if (has(XT_PHYSDEV_OP_ISIN) && (indev === undefined) !== inv(XT_PHYSDEV_OP_ISIN)) return false;
    if (has(XT_PHYSDEV_OP_ISOUT) && (outdev === undefined) !== inv(XT_PHYSDEV_OP_ISOUT)) return false;
    if (has(XT_PHYSDEV_OP_IN) && indev !== undefined && nameMatch(info.physindev, indev) === inv(XT_PHYSDEV_OP_IN)) return false;
    if (!has(XT_PHYSDEV_OP_OUT)) return true;
    if (outdev === undefined) return false;
    return nameMatch(info.physoutdev, outdev) !== inv(XT_PHYSDEV_OP_OUT);
  },
});
