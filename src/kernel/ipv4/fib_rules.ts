// net/ipv4/fib_rules.c: the IPv4 policy rules (fib4_rules_ops) and fib_lookup(), the lookup
// every IPv4 route decision goes through: with no custom rules, table main (which shares
// its trie with table local) and then table default; otherwise the rules in order.
import type { Netns } from '../net_namespace.js';
import {
  FR_ACT_TO_TBL, FR_ACT_UNREACHABLE, FR_ACT_PROHIBIT, RT_TABLE_LOCAL, RT_TABLE_MAIN, RT_TABLE_DEFAULT,
  RT_TABLE_UNSPEC,
} from './route_types.js';
import {
  fibDefaultRuleAdd, fibRulesLookup, type FibRule, type FibRulesOps, type RuleMsg,
} from '../core/fib_rules.js';
import { fibOf, fibGetTable, fibTableLookup, fibEmptyTable, type Flowi4, type FibResult } from './fib.js';
import { prefixMask } from '../../wire/inet.js';
import { EACCES, EAGAIN, EINVAL, ENETUNREACH, ENOBUFS, ESRCH, KernelError } from '../errno.js';

export const AF_INET = 2;

/** fib4_rules_init(): the three default rules. */
export function fib4RulesOps(ns: Netns): FibRulesOps {
  let ops = ns.proto.rules4 as FibRulesOps | undefined;
  if (!ops) {
    ops = {
      family: AF_INET,
      addrBits: 32,
      rules: [],
      configure: fib4RuleConfigure,
      onDelete: (n) => { fibOf(n).hasCustomRules = true; },
      compare: fib4RuleCompare,
    };
    fibDefaultRuleAdd(ops, 0, RT_TABLE_LOCAL);
    fibDefaultRuleAdd(ops, 0x7ffe, RT_TABLE_MAIN);
    fibDefaultRuleAdd(ops, 0x7fff, RT_TABLE_DEFAULT);
    ns.proto.rules4 = ops;
  }
  return ops;
}

/** fib4_rule_configure() */
function fib4RuleConfigure(ns: Netns, rule: FibRule, m: RuleMsg): void {
  if (m.tos & 3) throw new KernelError(EINVAL, 'Invalid dsfield (tos): ECN bits must be 0');
  if (m.tos & ~0x1e) throw new KernelError(EINVAL, 'Invalid tos');
  rule.tos = m.tos;
  // fib_unmerge(): local and main become separate tables for good.
  const f = fibOf(ns);
  f.hasCustomRules = true;
  if (rule.table === RT_TABLE_UNSPEC && rule.action === FR_ACT_TO_TBL) {
    const t = fibEmptyTable(ns);
    if (!t) throw new KernelError(ENOBUFS);
    rule.table = t.id;
  }
  if (m.srcLen) rule.src = m.src as number;
  if (m.dstLen) rule.dst = m.dst as number;
  rule.srcLen = m.srcLen;
  rule.dstLen = m.dstLen;
  if (m.flow !== undefined) rule.flow = m.flow;
}

/** fib4_rule_compare() */
function fib4RuleCompare(rule: FibRule, m: RuleMsg): boolean {
  if (m.srcLen && rule.srcLen !== m.srcLen) return false;
  if (m.dstLen && rule.dstLen !== m.dstLen) return false;
  if (m.tos && rule.tos !== m.tos) return false;
  if (m.flow !== undefined && rule.flow !== m.flow) return false;
  if (m.srcLen && rule.src !== m.src) return false;
  if (m.dstLen && rule.dst !== m.dst) return false;
  return true;
}

/** fib4_rule_match() */
function fib4RuleMatch(r: FibRule, fl: Flowi4): boolean {
  if (r.srcLen && (((fl.saddr ^ (r.src as number)) & prefixMask(r.srcLen)) >>> 0) !== 0) return false;
  if (r.dstLen && (((fl.daddr ^ (r.dst as number)) & prefixMask(r.dstLen)) >>> 0) !== 0) return false;
  if (r.tos && r.tos !== (fl.tos & 0xfc)) return false;
  if (r.ipProto && r.ipProto !== fl.proto) return false;
  if (r.sport && (fl.sport < r.sport[0] || fl.sport > r.sport[1])) return false;
  if (r.dport && (fl.dport < r.dport[0] || fl.dport > r.dport[1])) return false;
  return true;
}

/** What a lookup can tell a tracer: the rule that decided (when rules are in use). */
export interface FibLookupTrace {
  rule?: FibRule;
  /** Every rule whose action ran, with the errno it gave (0 = result). */
  tried?: { rule: FibRule; err: number }[];
}

/** __fib_lookup(): through the rules. */
function fibRulesLookup4(ns: Netns, fl: Flowi4, flags: number, trace?: FibLookupTrace): FibResult | number {
  const ops = fib4RulesOps(ns);
  const r = fibRulesLookup<FibResult>(ns, ops, fl,
    (rule) => fib4RuleMatch(rule, fl),
    (rule) => {
      switch (rule.action) {
        case FR_ACT_TO_TBL: break;
        case FR_ACT_UNREACHABLE: return ENETUNREACH;
        case FR_ACT_PROHIBIT: return EACCES;
        default: return EINVAL; // FR_ACT_BLACKHOLE and the rest
      }
      const tbl = fibGetTable(ns, rule.table);
      if (!tbl) return EAGAIN;
      return fibTableLookup(tbl, fl, flags);
    },
    (rule, res) => {
      // fib4_rule_suppress()
      if (res.prefixlen <= rule.suppressPrefixlen) return true;
      const dev = res.fi?.nhs[0]?.dev;
      if (rule.suppressIfgroup !== -1 && dev && dev.group === rule.suppressIfgroup) return true;
      return false;
    },
    trace ? (rule, err) => { (trace.tried ??= []).push({ rule, err }); } : undefined);
  if (typeof r === 'number') return r === ESRCH ? ENETUNREACH : r;
  if (trace) trace.rule = r.rule;
  return r.res;
}

/** fib_lookup(): the route for a flow, or the positive errno (ENETUNREACH, EHOSTUNREACH,
 *  EACCES, EINVAL, ...). */
export function fibLookup(ns: Netns, fl: Flowi4, flags = 0, trace?: FibLookupTrace): FibResult | number {
  const f = fibOf(ns);
  if (f.hasCustomRules) return fibRulesLookup4(ns, fl, flags, trace);
  let err: FibResult | number = ENETUNREACH;
  const main = f.tables.get(RT_TABLE_MAIN);
  if (main) err = fibTableLookup(main, fl, flags);
  if (typeof err !== 'number') return err;
  const dflt = f.tables.get(RT_TABLE_DEFAULT);
  if (dflt) err = fibTableLookup(dflt, fl, flags);
  if (err === EAGAIN) err = ENETUNREACH;
  return err;
}

/** fib4_has_custom_rules() */
export function fib4HasCustomRules(ns: Netns): boolean {
  return fibOf(ns).hasCustomRules;
}
