// The hooks a rule's chain runs at, for the kernel checkentry functions that refuse a rule in
// some hooks (par->hook_mask). A user chain is checked as reachable from no hook.
import {
  NF_INET_FORWARD, NF_INET_LOCAL_IN, NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING, NF_INET_PRE_ROUTING,
} from '../../../kernel/ipv4/ip_input.js';

/** The built-in chains' names, by hook number. */
export const HOOK_NAMES = ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'];

/** The hooks of each built-in chain (a Map: chain names come fresh from each command line,
 *  which an object's [] would intern), one shared array each. */
const BUILTIN = new Map<string, readonly number[]>([
  ['PREROUTING', [NF_INET_PRE_ROUTING]], ['INPUT', [NF_INET_LOCAL_IN]], ['FORWARD', [NF_INET_FORWARD]],
  ['OUTPUT', [NF_INET_LOCAL_OUT]], ['POSTROUTING', [NF_INET_POST_ROUTING]],
]);
const NO_HOOKS: readonly number[] = [];

export function chainHooks(_table: string, chain: string): readonly number[] {
  return BUILTIN.get(chain) ?? NO_HOOKS;
}

/** What a kernel checkentry refuses a rule with: strerror() of its errno, and the line it
 *  writes to the kernel log. */
export interface Refusal {
  errno: string;
  log?: string;
}

/** xt_check_match()/xt_check_target()'s refusals and their pr_info_ratelimited() lines:
 *  "x_tables: ip_tables: TTL target: only valid in mangle table, not filter". */
export const xtCheck = {
  table(family: number, what: string, wanted: string, table: string): Refusal | undefined {
    if (table === wanted) return undefined;
    return { errno: 'Invalid argument', log: `${xtPrefix(family)}${what}: only valid in ${wanted} table, not ${table}` };
  },
  /** `allowed`: the hooks the extension may be used from; `kind` decides the kernel's wording
   *  (matches are "valid", targets "usable"). */
  hooks(family: number, what: string, table: string, chain: string, allowed: readonly number[]): Refusal | undefined {
    const used = chainHooks(table, chain);
    if (used.every((h) => allowed.includes(h))) return undefined;
    const names = (hs: readonly number[]) => [...hs].sort((a, b) => a - b).map((h) => HOOK_NAMES[h]).join('/');
    const verb = what.endsWith(' match') ? 'valid' : 'usable';
    return { errno: 'Invalid argument', log: `${xtPrefix(family)}${what}: used from hooks ${names(used)}, but only ${verb} from ${names(allowed)}` };
  },
};

/** pr_fmt "x_tables: " and xt_prefix[family] "_tables: ". */
function xtPrefix(family: number): string {
  return `x_tables: ${family === 10 ? 'ip6' : 'ip'}_tables: `;
}
