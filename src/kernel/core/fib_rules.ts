// net/core/fib_rules.c: policy routing rules, shared by IPv4 and IPv6. A family supplies its
// fib_rules_ops (address match, the table lookup action, configure/compare); this file keeps
// the ordered rule list, the RTM_NEWRULE/RTM_DELRULE/dump requests with the kernel's checks
// and messages, and fib_rules_lookup()'s walk (goto, nop, suppressors, EAGAIN continuing).
import type { Netns } from '../net_namespace.js';
import {
  FR_ACT_GOTO, FR_ACT_NOP, FR_ACT_TO_TBL, FIB_RULE_INVERT, FIB_RULE_UNRESOLVED, FIB_RULE_IIF_DETACHED,
  FIB_RULE_OIF_DETACHED, FIB_RULE_PERMANENT, RTPROT_KERNEL, RT_TABLE_COMPAT, type InetAddr,
} from '../ipv4/route_types.js';
import { EAFNOSUPPORT, EAGAIN, EEXIST, EINVAL, ENOENT, EPERM, ESRCH, KernelError } from '../errno.js';

/** struct fib_rule, with the family part (fib4_rule / fib6_rule) folded in. */
export interface FibRule {
  pref: number;
  table: number;
  action: number;
  /** FIB_RULE_INVERT (and FIB_RULE_PERMANENT); the DETACHED/UNRESOLVED bits are derived. */
  flags: number;
  iifname: string;
  oifname: string;
  mark: number;
  markMask: number;
  /** -1 when unset */
  suppressPrefixlen: number;
  suppressIfgroup: number;
  /** FRA_GOTO target priority (0 = none) */
  target: number;
  proto: number;
  uidRange: [number, number] | undefined;
  ipProto: number;
  sport: [number, number] | undefined;
  dport: [number, number] | undefined;
  tunId: number;
  l3mdev: number;
  // family part
  src: InetAddr | undefined;
  srcLen: number;
  dst: InetAddr | undefined;
  dstLen: number;
  /** the dsfield byte (fib4: dscp << 2; fib6: tclass) */
  tos: number;
  /** FRA_FLOW (realms) */
  flow: number;
}

/** struct fib_rule_hdr + FRA_* attributes: a rule request or a dump entry. */
export interface RuleMsg {
  family: number;
  dstLen: number;
  srcLen: number;
  tos: number;
  /** frh->table (RT_TABLE_COMPAT for ids >= 256 in dumps) */
  table: number;
  action: number;
  flags: number;
  src?: InetAddr;
  dst?: InetAddr;
  priority?: number;
  iifname?: string;
  oifname?: string;
  fwmark?: number;
  fwmask?: number;
  goto?: number;
  /** FRA_TABLE */
  tableId?: number;
  suppressPrefixlen?: number;
  suppressIfgroup?: number;
  protocol?: number;
  flow?: number;
  l3mdev?: number;
  uidRange?: [number, number];
  ipProto?: number;
  sport?: [number, number];
  dport?: [number, number];
  tunId?: number;
  /** RTA_GATEWAY of the deprecated "nat" action: accepted and dropped. */
  gateway?: InetAddr;
}

/** The common part of a flow that fib_rule_match() looks at. */
export interface RuleFlow {
  iif: number;
  oif: number;
  mark: number;
  uid: number;
}

/** struct fib_rules_ops: what a family provides. */
export interface FibRulesOps {
  family: number;
  /** ops->addr_size in bits */
  addrBits: number;
  rules: FibRule[];
  /** ops->configure(): family checks and fields (throws KernelError). */
  configure(ns: Netns, rule: FibRule, m: RuleMsg): void;
  /** ops->delete() */
  onDelete?(ns: Netns, rule: FibRule): void;
  /** ops->compare() */
  compare(rule: FibRule, m: RuleMsg): boolean;
}

export function newRule(o: Partial<FibRule> = {}): FibRule {
  return {
    pref: 0, table: 0, action: FR_ACT_TO_TBL, flags: 0, iifname: '', oifname: '', mark: 0, markMask: 0,
    suppressPrefixlen: -1, suppressIfgroup: -1, target: 0, proto: 0, uidRange: undefined, ipProto: 0,
    sport: undefined, dport: undefined, tunId: 0, l3mdev: 0, src: undefined, srcLen: 0, dst: undefined, dstLen: 0,
    tos: 0, flow: 0, ...o,
  };
}

/** fib_default_rule_add() */
export function fibDefaultRuleAdd(ops: FibRulesOps, pref: number, table: number): void {
  ops.rules.push(newRule({ pref, table, action: FR_ACT_TO_TBL, proto: RTPROT_KERNEL }));
}

/** fib_default_rule_pref(): one below the second rule's priority. */
function defaultRulePref(ops: FibRulesOps): number {
  const second = ops.rules[1];
  if (second && second.pref) return second.pref - 1;
  return 0;
}

function addrBytes(a: InetAddr | undefined): number {
  return a === undefined ? 0 : typeof a === 'number' ? 4 : a.length;
}

/** fib_nl2rule(): a rule from a request, with the checks every family shares. */
function nl2rule(ops: FibRulesOps, m: RuleMsg): { rule: FibRule; userPriority: boolean } {
  if (m.srcLen && (m.src === undefined || m.srcLen > ops.addrBits || addrBytes(m.src) * 8 !== ops.addrBits)) {
    throw new KernelError(EINVAL, 'Invalid source address');
  }
  if (m.dstLen && (m.dst === undefined || m.dstLen > ops.addrBits || addrBytes(m.dst) * 8 !== ops.addrBits)) {
    throw new KernelError(EINVAL, 'Invalid dst address');
  }
  const rule = newRule({ action: m.action, flags: m.flags & (FIB_RULE_INVERT | FIB_RULE_PERMANENT) });
  const userPriority = m.priority !== undefined;
  rule.pref = m.priority ?? defaultRulePref(ops);
  rule.proto = m.protocol ?? 0;
  if (m.iifname !== undefined) rule.iifname = m.iifname.slice(0, 15);
  if (m.oifname !== undefined) rule.oifname = m.oifname.slice(0, 15);
  if (m.fwmark !== undefined) {
    rule.mark = m.fwmark >>> 0;
    if (rule.mark) rule.markMask = 0xffffffff;
  }
  if (m.fwmask !== undefined) rule.markMask = m.fwmask >>> 0;
  if (m.tunId !== undefined) rule.tunId = m.tunId;
  if (m.l3mdev !== undefined) {
    if (m.l3mdev !== 1) throw new KernelError(EINVAL, 'Invalid l3mdev attribute');
    throw new KernelError(EINVAL, 'l3mdev support is not enabled in kernel');
  }
  rule.table = m.tableId ?? m.table;
  rule.suppressPrefixlen = m.suppressPrefixlen ?? -1;
  rule.suppressIfgroup = m.suppressIfgroup ?? -1;
  if (m.goto !== undefined) {
    if (rule.action !== FR_ACT_GOTO) throw new KernelError(EINVAL, 'Unexpected goto');
    rule.target = m.goto >>> 0;
    if (rule.target <= rule.pref) throw new KernelError(EINVAL, 'Backward goto not supported');
  } else if (rule.action === FR_ACT_GOTO) {
    throw new KernelError(EINVAL, 'Missing goto target for action goto');
  }
  if (m.uidRange) {
    if (m.uidRange[0] > m.uidRange[1]) throw new KernelError(EINVAL, 'Invalid uid range');
    rule.uidRange = [m.uidRange[0], m.uidRange[1]];
  }
  if (m.ipProto !== undefined) rule.ipProto = m.ipProto;
  if (m.sport) {
    if (!portRangeValid(m.sport)) throw new KernelError(EINVAL, 'Invalid sport range');
    rule.sport = m.sport;
  }
  if (m.dport) {
    if (!portRangeValid(m.dport)) throw new KernelError(EINVAL, 'Invalid dport range');
    rule.dport = m.dport;
  }
  return { rule, userPriority };
}

function portRangeValid(r: [number, number]): boolean {
  return r[0] > 0 && r[1] > 0 && r[0] <= r[1] && r[1] <= 0xffff;
}

function sameRange(a: [number, number] | undefined, b: [number, number] | undefined): boolean {
  if (!a || !b) return a === b;
  return a[0] === b[0] && a[1] === b[1];
}

/** rule_exists() */
function ruleExists(ops: FibRulesOps, m: RuleMsg, rule: FibRule): boolean {
  return ops.rules.some((r) => r.action === rule.action && r.table === rule.table && r.pref === rule.pref &&
    r.iifname === rule.iifname && r.oifname === rule.oifname && r.mark === rule.mark &&
    r.suppressIfgroup === rule.suppressIfgroup && r.suppressPrefixlen === rule.suppressPrefixlen &&
    r.markMask === rule.markMask && r.tunId === rule.tunId && r.l3mdev === rule.l3mdev &&
    sameRange(r.uidRange, rule.uidRange) && r.ipProto === rule.ipProto && sameRange(r.sport, rule.sport) &&
    sameRange(r.dport, rule.dport) && ops.compare(r, m));
}

/** rule_find(): the first rule matching every attribute the request gives. */
function ruleFind(ops: FibRulesOps, m: RuleMsg, rule: FibRule, userPriority: boolean): FibRule | undefined {
  return ops.rules.find((r) => {
    if (rule.action && r.action !== rule.action) return false;
    if (rule.table && r.table !== rule.table) return false;
    if (userPriority && r.pref !== rule.pref) return false;
    if (rule.iifname && r.iifname !== rule.iifname) return false;
    if (rule.oifname && r.oifname !== rule.oifname) return false;
    if (rule.mark && r.mark !== rule.mark) return false;
    if (rule.suppressIfgroup !== -1 && r.suppressIfgroup !== rule.suppressIfgroup) return false;
    if (rule.suppressPrefixlen !== -1 && r.suppressPrefixlen !== rule.suppressPrefixlen) return false;
    if (rule.markMask && r.markMask !== rule.markMask) return false;
    if (rule.tunId && r.tunId !== rule.tunId) return false;
    if (rule.uidRange && !sameRange(r.uidRange, rule.uidRange)) return false;
    if (rule.ipProto && r.ipProto !== rule.ipProto) return false;
    if (rule.proto && r.proto !== rule.proto) return false;
    if (rule.sport && !sameRange(r.sport, rule.sport)) return false;
    if (rule.dport && !sameRange(r.dport, rule.dport)) return false;
    return ops.compare(r, m);
  });
}

/** fib_nl_newrule() */
export function fibNlNewrule(ns: Netns, ops: FibRulesOps | undefined, m: RuleMsg, excl: boolean): void {
  if (!ops) throw new KernelError(EAFNOSUPPORT, 'Rule family not supported');
  const { rule } = nl2rule(ops, m);
  if (excl && ruleExists(ops, m, rule)) throw new KernelError(EEXIST);
  ops.configure(ns, rule, m);
  let at = 0;
  for (let i = 0; i < ops.rules.length; i++) {
    if (ops.rules[i]!.pref > rule.pref) break;
    at = i + 1;
  }
  ops.rules.splice(at, 0, rule);
}

/** fib_nl_delrule() */
export function fibNlDelrule(ns: Netns, ops: FibRulesOps | undefined, m: RuleMsg): void {
  if (!ops) throw new KernelError(EAFNOSUPPORT, 'Rule family not supported');
  const { rule, userPriority } = nl2rule(ops, m);
  const r = ruleFind(ops, m, rule, userPriority);
  if (!r) throw new KernelError(ENOENT);
  if (r.flags & FIB_RULE_PERMANENT) throw new KernelError(EPERM);
  ops.onDelete?.(ns, r);
  ops.rules.splice(ops.rules.indexOf(r), 1);
}

/** The goto target a rule resolves to (rule->ctarget): the first rule with that priority. */
export function ruleTarget(ops: FibRulesOps, r: FibRule): FibRule | undefined {
  if (r.action !== FR_ACT_GOTO) return undefined;
  return ops.rules.find((x) => x.pref === r.target);
}

/** fib_nl_fill_rule() (+ ops->fill()) */
export function fibRuleFill(ns: Netns, ops: FibRulesOps, r: FibRule): RuleMsg {
  const m: RuleMsg = {
    family: ops.family, dstLen: r.dstLen, srcLen: r.srcLen, tos: r.tos, table: r.table < 256 ? r.table : RT_TABLE_COMPAT,
    action: r.action, flags: r.flags, tableId: r.table, suppressPrefixlen: r.suppressPrefixlen, protocol: r.proto,
  };
  if (r.action === FR_ACT_GOTO && !ruleTarget(ops, r)) m.flags |= FIB_RULE_UNRESOLVED;
  if (r.iifname) {
    m.iifname = r.iifname;
    if (!ns.devByName(r.iifname)) m.flags |= FIB_RULE_IIF_DETACHED;
  }
  if (r.oifname) {
    m.oifname = r.oifname;
    if (!ns.devByName(r.oifname)) m.flags |= FIB_RULE_OIF_DETACHED;
  }
  if (r.pref) m.priority = r.pref;
  if (r.mark) m.fwmark = r.mark;
  if (r.markMask || r.mark) m.fwmask = r.markMask;
  if (r.target) m.goto = r.target;
  if (r.tunId) m.tunId = r.tunId;
  if (r.uidRange) m.uidRange = r.uidRange;
  if (r.sport) m.sport = r.sport;
  if (r.dport) m.dport = r.dport;
  if (r.ipProto) m.ipProto = r.ipProto;
  if (r.suppressIfgroup !== -1) m.suppressIfgroup = r.suppressIfgroup;
  if (r.dstLen) m.dst = r.dst;
  if (r.srcLen) m.src = r.src;
  if (r.flow) m.flow = r.flow;
  return m;
}

/** RTM_GETRULE dump */
export function fibRulesDump(ns: Netns, ops: FibRulesOps | undefined): RuleMsg[] {
  if (!ops) return [];
  return ops.rules.map((r) => fibRuleFill(ns, ops, r));
}

/** fib_rule_match(): the family-independent selectors, then the family's. */
function ruleMatch(ns: Netns, r: FibRule, fl: RuleFlow, familyMatch: (r: FibRule) => boolean): boolean {
  let ret = false;
  check: {
    if (r.iifname) {
      const d = ns.devByName(r.iifname);
      if ((d ? d.ifindex : -1) !== fl.iif) break check;
    }
    if (r.oifname) {
      const d = ns.devByName(r.oifname);
      if ((d ? d.ifindex : -1) !== fl.oif) break check;
    }
    if (((r.mark ^ fl.mark) & r.markMask) !== 0) break check;
    if (r.tunId) break check;
    if (r.uidRange && (fl.uid < r.uidRange[0] || fl.uid > r.uidRange[1])) break check;
    ret = familyMatch(r);
  }
  return r.flags & FIB_RULE_INVERT ? !ret : ret;
}

/** What a lookup through the rules ends with. */
export interface RulesLookupResult<R> {
  rule: FibRule;
  res: R;
}

/** fib_rules_lookup(): walks the rules in order; `action` returns the result or a positive
 *  errno (EAGAIN continues with the next rule); ESRCH when no rule decided. */
export function fibRulesLookup<R>(ns: Netns, ops: FibRulesOps, fl: RuleFlow,
  familyMatch: (r: FibRule) => boolean,
  action: (r: FibRule) => R | number,
  suppress?: (r: FibRule, res: R) => boolean,
  onRule?: (r: FibRule, err: number) => void): RulesLookupResult<R> | number {
  const rules = ops.rules;
  for (let i = 0; i < rules.length; i++) {
    let rule = rules[i]!;
    for (;;) {
      if (!ruleMatch(ns, rule, fl, familyMatch)) break;
      if (rule.action === FR_ACT_GOTO) {
        const t = ruleTarget(ops, rule);
        if (!t) break;
        rule = t;
        i = rules.indexOf(t);
        continue;
      }
      if (rule.action === FR_ACT_NOP) break;
      const r = action(rule);
      onRule?.(rule, typeof r === 'number' ? r : 0);
      if (typeof r !== 'number') {
        if (suppress && suppress(rule, r)) break;
        return { rule, res: r };
      }
      if (r !== EAGAIN) return r;
      break;
    }
  }
  return ESRCH;
}
