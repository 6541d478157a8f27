// iptables-restore and ip6tables-restore 1.8.9 (nf_tables): read iptables-save's format from
// stdin into the tables of the program's family. Each table is
// built aside and sent to the kernel as one batch at its COMMIT: what the kernel refuses
// (a rule's checkentry, a jump loop) is reported then, for every refused line, and leaves the
// old ruleset in force.
import type { Process, Tool } from '../process.js';
import {
  xtFindTable, xtNewTable, xtCloneTable, xtReplaceTable, xtTableChanged, xtTableHasLoop, xtJumpMakesLoop, xtUserChain,
  type XtTable, type XtChain, type IptEntry,
} from '../../kernel/netfilter/x_tables.js';
import { nfCtNetnsSync } from '../../kernel/netfilter/nf_conntrack_core.js';
import { commandRunner, ParamError, progName, toolPid, type RunCtx } from './main.js';
import { nftChainAdd, nftChainUpdate, nftCommit, nftRulesFlush, nftTableDel } from '../../kernel/netfilter/nf_tables_api.js';
import { NFPROTO_IPV6 } from '../../kernel/netfilter/core.js';
import { tryHelp, type NftFamilyOps } from './xshared.js';
import { nftIpv4 } from './nft-ipv4.js';
import { nftIpv6 } from './nft-ipv6.js';

class RestoreError extends Error {
  constructor(readonly text: string, readonly status: number) {
    super(text);
  }
}

/** add_param_to_argv() (iptables/xshared.c): words split at blanks; "..." quotes (the
 *  closing quote ends the word), and inside quotes a backslash takes the next character as
 *  is. Single quotes and backslashes outside quotes are ordinary characters. `line` comes
 *  without its newline; `newline`: fgets() read one (an unterminated quote keeps it). The
 *  words are appended to `out`. */
export function restoreWords(line: string, newline = true, out: string[] = []): string[] {
  out.length = wordsIn(line, 0, line.length, newline, out, out.length);
  return out;
}

/** "-X" for each printable ASCII X, made once. */
const DASH_WORDS: string[] = [];
for (let c = 33; c < 127; c++) DASH_WORDS[c] = `-${String.fromCharCode(c)}`;
const dashWord = (c: number): string | undefined => DASH_WORDS[c];

/** restoreWords() of line[from, n): a line of the whole input, read in place. The words go to
 *  out[at], out[at + 1] ...; returns the index after the last. */
function wordsIn(line: string, from: number, n: number, newline: boolean, out: string[], at: number): number {
  let i = from;
  while (i < n) {
    let c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10) {
      i++;
      continue;
    }
    let w = '';
    let s = i;
    for (; i < n; i++) {
      c = line.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 34) break;
    }
    // "-A", "-m", "-j" ...: one string each instead of a new one per rule line.
    w = i - s === 2 && line.charCodeAt(s) === 45 ? dashWord(line.charCodeAt(s + 1)) ?? line.slice(s, i) : line.slice(s, i);
    if (c === 34 && i < n) {
      // A quote: up to the closing quote, which ends the word.
      s = ++i;
      let closed = false;
      for (; i < n; i++) {
        c = line.charCodeAt(i);
        if (c === 34) {
          w += line.slice(s, i++);
          closed = true;
          break;
        }
        if (c === 92) {
          w += line.slice(s, i++);
          if (i < n) w += line[i];
          else if (newline) {
            w += '\n';
            newline = false;
          }
          s = i + 1;
        }
      }
      if (!closed) {
        if (s < n) w += line.slice(s, n);
        if (newline) w += '\n';
        if (!w) break;
      }
    }
    out[at++] = w;
  }
  return at;
}

/** What a character of a chain line is to chainDecl(): 1 printable ASCII (\S), 2 a space or a
 *  tab (\s), 0 anything else. */
function charKind(text: string, k: number): number {
  const c = text.charCodeAt(k);
  return c > 32 && c < 127 ? 1 : c === 32 || c === 9 ? 2 : 0;
}

/** The end of the decimal digits at text[k, eol). */
function digitsEnd(text: string, k: number, eol: number): number {
  while (k < eol) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) break;
    k++;
  }
  return k;
}

/** A chain line, text[start, eol) (starting with ':'), as /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/
 *  reads it: [name, policy, packets, bytes], read in place (a kube-proxy ruleset declares
 *  tens of thousands of chains). Only what is printable ASCII with blanks of spaces and tabs
 *  is read here: undefined for anything else (and for a line the expression refuses), which
 *  the expression itself then reads. */
function chainDecl(text: string, start: number, eol: number): [string, string, string | undefined, string | undefined] | undefined {
  let k = start + 1;
  const nameAt = k;
  while (k < eol && charKind(text, k) === 1) k++;
  if (k === nameAt || k === eol || charKind(text, k) !== 2) return undefined;
  const name = text.slice(nameAt, k);
  while (k < eol && charKind(text, k) === 2) k++;
  const polAt = k;
  while (k < eol && charKind(text, k) === 1) k++;
  if (k === polAt || (k < eol && charKind(text, k) !== 2)) return undefined;
  const pol = text.slice(polAt, k);
  // The counters: blanks, then "[digits:digits]". After the blanks, a '[' that does not
  // start them, or any other printable character, means none.
  while (k < eol && charKind(text, k) === 2) k++;
  if (k === eol) return [name, pol, undefined, undefined];
  if (text.charCodeAt(k) !== 91 /* [ */) return charKind(text, k) === 0 ? undefined : [name, pol, undefined, undefined];
  const pcAt = k + 1, pcEnd = digitsEnd(text, pcAt, eol);
  if (pcEnd === pcAt || text.charCodeAt(pcEnd) !== 58 /* : */) return [name, pol, undefined, undefined];
  const bcAt = pcEnd + 1, bcEnd = digitsEnd(text, bcAt, eol);
  if (bcEnd === bcAt || bcEnd === eol || text.charCodeAt(bcEnd) !== 93 /* ] */) return [name, pol, undefined, undefined];
  return [name, pol, text.slice(pcAt, pcEnd), text.slice(bcAt, bcEnd)];
}

/** The rules the batch adds, in order (for the loop check at COMMIT): one array per field,
 *  so that a 100,000-rule batch keeps no extra object per rule alive. */
interface Added { line: number[]; op: string[]; chain: XtChain[]; entry: IptEntry[] }
const noneAdded = (): Added => ({ line: [], op: [], chain: [], entry: [] });

/** The kernel's answer to a batch that leaves a jump loop reachable from a built-in chain:
 *  nf_tables validates the table again for every rule of the replayed batch once it is
 *  marked for validation, so the rule that closes the loop and every rule after it fail with
 *  ELOOP. The rules are replayed in order onto the table as it was before the batch. */
function loopErrors(t: XtTable, added: Added): string {
  const mine = new Set<IptEntry>(added.entry);
  const shadow: XtTable = { name: t.name, chains: new Map() };
  const of = new Map<XtChain, XtChain>();
  for (const [k, c] of t.chains) {
    const s: XtChain = { ...c, rules: c.rules.filter((r) => !mine.has(r)), index: undefined };
    shadow.chains.set(k, s);
    of.set(c, s);
  }
  let out = '';
  let failing = false;
  for (let k = 0; k < added.entry.length; k++) {
    const e = added.entry[k]!, c = added.chain[k]!;
    const s = of.get(c);
    if (!failing && s) {
      s.rules.push(e);
      failing = e.target.kind === 'jump' && xtJumpMakesLoop(shadow, s.name, e.target.chain);
    }
    if (failing) out += `line ${added.line[k]}: ${added.op[k]} failed (Too many links): rule in chain ${c.name}\n`;
  }
  return out;
}

/** The iptables-restore (or ip6tables-restore) program of a family. */
const xtablesRestore = (fam: NftFamilyOps): Tool => async (p: Process) => {
  const NAME = `${fam.prog}-restore`;
  const PROG = `${NAME} v1.8.9 (nf_tables)`;
  const TRY = tryHelp(NAME);
  const af = fam.af;
  let noflush = false, test = false, counters = false;
  for (const a of p.argv.slice(1)) {
    if (a === '-V' || a === '--version') {
      p.stdout(`${PROG}\n`);
      return 0;
    }
    if (a === '-n' || a === '--noflush') noflush = true;
    else if (a === '-t' || a === '--test') test = true;
    else if (a === '-c' || a === '--counters') counters = true;
    else if (a === '-w' || a.startsWith('--wait') || /^\d+$/.test(a)) continue;
    else {
      // getopt_long()'s messages.
      p.stderr(`${a.startsWith('--') ? `${NAME}: unrecognized option '${a}'` : `${NAME}: invalid option -- '${a[1]}'`}\n` +
        `Try \`${NAME} -h' for more information.\n`);
      return 1;
    }
  }
  const text = await p.readStdin();
  let cur: XtTable | undefined;
  let pending: { chain: string }[] = [];
  /** The rules of the current batch, and what the kernel will refuse of it. */
  let added = noneAdded();
  let refused = '';
  let lineNo = 0;
  let cnt: [number, number] | undefined;
  const ctx: RunCtx = {
    table: (name) => (cur && name === cur.name ? cur : undefined),
    pending,
    netns: p.netns,
    family: fam,
    warn: (t) => p.stderr(t),
    batch: {
      added(op, chain, entries) {
        for (const e of entries) {
          added.line.push(lineNo);
          added.op.push(op);
          added.chain.push(chain);
          added.entry.push(e);
          // ip6tables-restore 1.8.9 drops a rule's [packets:bytes] (only the IPv4 rule
          // builder copies them); chain policy counters are kept by both.
          if (cnt && af !== NFPROTO_IPV6) [e.pcnt, e.bcnt] = cnt;
        }
      },
    },
  };
  const paramErr = (e: ParamError, n: number): RestoreError => {
    if (e.kernel) return new RestoreError(`${NAME}: line ${n} failed: ${e.text.replace(" Run `dmesg' for more information.", '')}\n`, 1);
    return new RestoreError(`${e.format(PROG)}\nError occurred at line: ${n}\n${e.hint ? TRY : ''}`, e.status);
  };
  /** A ":CHAIN POLICY [PKTS:BYTES]" line: a built-in chain's policy (and counters), or a user
   *  chain, created or emptied. */
  const chainLine = (t: XtTable, name: string, pol: string, pc: string | undefined, bc: string | undefined): void => {
    let c = t.chains.get(name);
    // A policy given to a chain that is not built in is ignored: a user chain.
    if (pol === '-' || !c?.policy) {
      if (c && !c.policy) {
        nftRulesFlush(t, [c]);
        c.rules = [];
      } else if (!c) t.chains.set(name, (c = xtUserChain(name)));
    } else {
      if (pol !== 'ACCEPT' && pol !== 'DROP') throw paramErr(new ParamError('Bad policy name.', 1, false, true), lineNo);
      // The chain is made (policy ACCEPT) if nf_tables lacks it, then given the line's policy.
      nftChainAdd(t, c);
      c.policy = pol;
      c.counted = true;
      if (counters && pc !== undefined) {
        c.pcnt = Number(pc);
        c.bcnt = Number(bc);
      }
      nftChainUpdate(t, c);
    }
    xtTableChanged(t, c);
  };
  const run = commandRunner(ctx);
  /** Every rule line's words, "iptables -t TABLE" first (one array: a line's words are
   *  followed by what is left of longer lines before it). */
  const argv = ['iptables', '-t', ''];
  /** A rule line, text[from, eol), run as an iptables command on the table being built. */
  const ruleLine = (from: number, eol: number, newline: boolean): true => {
    try {
      argv[2] = cur!.name;
      const argc = wordsIn(text, from, eol, newline, argv, 3);
      // What a rule line prints (ip6tables' -p warning) goes out as it is parsed.
      const out = run(argv, argc);
      if (out) p.stdout(out);
    } catch (e) {
      if (!(e instanceof ParamError)) throw e;
      // What the kernel refuses goes with the batch: reported at COMMIT, every such line.
      if (e.status !== 4 || !e.text.startsWith('\u0000:  ')) throw paramErr(e, lineNo);
      refused += `line ${lineNo}: ${e.text.slice(4)}\n`;
    }
    return true;
  };
  try {
    for (let pos = 0; pos < text.length;) {
      // One line, [start, eol); a rule line is split into words in place.
      const start = pos;
      let eol = text.indexOf('\n', pos);
      const newline = eol >= 0;
      if (!newline) eol = text.length;
      pos = eol + 1;
      lineNo++;
      const first = text.charCodeAt(start);
      if (first === 45 /* - */ && cur) {
        if (ruleLine(start, eol, newline)) continue;
      }
      if (first === 58 /* : */ && cur) {
        const d = chainDecl(text, start, eol);
        if (d) {
          chainLine(cur, d[0], d[1], d[2], d[3]);
          continue;
        }
      }
      const raw = text.slice(start, eol);
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('*') && !cur) {
        const name = line.slice(1);
        const fresh = xtNewTable(name, af);
        if (!fresh) {
          throw new RestoreError(`${PROG}: ${NAME}: line ${lineNo} table name '${name}' invalid\nError occurred at line: ${lineNo}\n${TRY}`, 2);
        }
        const old = noflush ? xtFindTable(p.netns, name, true, af) : undefined;
        cur = old ? xtCloneTable(old) : fresh;
        pending = ctx.pending = [];
        added = noneAdded();
        refused = '';
        continue;
      }
      // Outside a table every line fails; inside, a stray "*table" is a rule's bad argument.
      if (!cur) throw new RestoreError(`${NAME}: line ${lineNo} failed\n`, 1);
      if (line.startsWith('*')) {
        ruleLine(start, eol, newline);
        continue;
      }
      if (line === 'COMMIT') {
        for (const j of pending) {
          if (!cur.chains.has(j.chain)) throw paramErr(new ParamError(`\u0000: Chain '${j.chain}' does not exist`), lineNo);
        }
        // The batch at the kernel: refused rules first; only a batch that would otherwise
        // commit is validated for loops (mark_source_chains(), once for the whole table).
        if (refused) throw new RestoreError(`${PROG}: \n${refused}`, 4);
        if (xtTableHasLoop(cur)) throw new RestoreError(`${PROG}: \n${loopErrors(cur, added)}`, 4);
        xtTableChanged(cur);
        if (!test) {
          // Without --noflush the table nf_tables has is deleted in the same batch.
          const old = noflush ? undefined : xtFindTable(p.netns, cur.name, false, af);
          const del = old ? nftTableDel(old) : undefined;
          xtReplaceTable(p.netns, cur);
          nftCommit(p.netns, [del, cur.batch], toolPid(), progName(p));
          nfCtNetnsSync(p.netns);
        }
        cur = undefined;
        added = noneAdded();
        continue;
      }
      if (line.startsWith(':')) {
        const m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/.exec(line);
        if (!m) throw paramErr(new ParamError(`\u0000: ${NAME}: line ${lineNo} chain name invalid`), lineNo);
        chainLine(cur, m[1]!, m[2]!, m[3], m[4]);
        continue;
      }
      let from = start;
      if (raw.charCodeAt(0) === 91 /* [ */) {
        const cm = /^\[(\d+):(\d+)\]\s*/.exec(raw);
        if (cm) {
          if (counters) cnt = [Number(cm[1]), Number(cm[2])];
          from += cm[0].length;
        }
      }
      ruleLine(from, eol, newline);
      cnt = undefined;
    }
    if (cur) throw new RestoreError(`${NAME}: COMMIT expected at line ${lineNo + 1}\n`, 1);
  } catch (e) {
    if (e instanceof RestoreError) {
      p.stderr(e.text);
      return e.status;
    }
    throw e;
  }
  return 0;
};

export const iptablesRestore: Tool = xtablesRestore(nftIpv4);
export const ip6tablesRestore: Tool = xtablesRestore(nftIpv6);
