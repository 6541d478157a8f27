// net/netfilter/nf_conncount.c: counting connections per key (a masked address) for
// connlimit. Each key keeps the original tuples of the connections seen with it; a count
// first forgets the tuples whose connection is gone or closed (find_or_evict(),
// already_closed()), at most once per jiffy, then adds the packet's own connection.
import type { Netns } from '../net_namespace.js';
import { nfConntrackFind } from './nf_conntrack_core.js';
import { tupleKey, TCP_CONNTRACK_TIME_WAIT, TCP_CONNTRACK_CLOSE, type Tuple } from './nf_conntrack.js';

/** struct nf_conncount_tuple */
interface ConncountTuple {
  tuple: Tuple;
  key: string;
  /** When it was added (jiffies), for the "about to be confirmed" grace of find_or_evict(). */
  jiffies32: number;
}

/** struct nf_conncount_list */
interface ConncountList {
  head: ConncountTuple[];
  lastGc: number;
}

/** struct nf_conncount_data: the lists by key (the kernel's rbtree). */
export type ConncountData = Map<number, ConncountList>;

export function nfConncountInitData(): ConncountData {
  return new Map();
}

/** __nf_conncount_add(): gc the list, then add `tuple` unless it is already there. */
function conncountAdd(ns: Netns, list: ConncountList, tuple: Tuple, now: number): void {
  const key = tupleKey(tuple);
  if (now !== list.lastGc) {
    const keep: ConncountTuple[] = [];
    let dup = false;
    for (const conn of list.head) {
      const found = nfConntrackFind(ns, conn.tuple);
      if (!found) {
        // find_or_evict(): not confirmed yet within two jiffies of being added: kept.
        if (now - conn.jiffies32 < 2) {
          keep.push(conn);
          if (conn.key === key) dup = true;
        }
        continue;
      }
      if (conn.key === key) dup = true;
      else {
        const tcp = found.ct.tcp;
        // already_closed()
        if (tcp && (tcp.state === TCP_CONNTRACK_TIME_WAIT || tcp.state === TCP_CONNTRACK_CLOSE)) continue;
      }
      keep.push(conn);
    }
    list.head = keep;
    if (dup) return;
  }
  list.head.push({ tuple, key, jiffies32: now });
  list.lastGc = now;
}

/** nf_conncount_count() (count_tree()): the connections of `key` with this one. */
export function nfConncountCount(ns: Netns, data: ConncountData, key: number, tuple: Tuple): number {
  const now = ns.kernel.clock.jiffies();
  let list = data.get(key);
  if (!list) {
    // insert_tree(): a new key starts with this connection.
    list = { head: [], lastGc: now };
    data.set(key, list);
    list.head.push({ tuple, key: tupleKey(tuple), jiffies32: now });
    return 1;
  }
  conncountAdd(ns, list, tuple, now);
  return list.head.length;
}
