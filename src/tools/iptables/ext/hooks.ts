// The hooks a rule's chain runs at, for the kernel checkentry functions that refuse a rule in
// some hooks (par->hook_mask). A user chain is checked as reachable from no hook.
import {
  NF_INET_FORWARD, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING, NF_INET_PRE_ROUTING,
} from '../../../kernel/ipv4/ip_input.js';

const BUILTIN: Record<string, number> = {
  PREROUTING: NF_INET_PRE_ROUTING, INPUT: NF_INET_LOCAL_IN, FORWARD: NF_INET_FORWARD,
  OUTPUT: NF_INET_LOCAL_OUT, POSTROUTING: NF_INET_POST_ROUTING,
};

export function chainHooks(_table: string, chain: string): number[] {
  const h = BUILTIN[chain];
  return h === undefined ? [] : [h];
}
