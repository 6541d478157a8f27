// iptables-restore 1.8.9 (nf_tables): reads iptables-save's format from stdin. Each table is
// built aside and installed atomically at its COMMIT; an error leaves the old ruleset in force.
import type { Process, Tool } from '../process.js';
import { splitWords } from '../../kernel/kernel.js';
import {
  xtFindTable, xtNewTable, xtCloneTable, xtReplaceTable, type XtTable,
} from '../../kernel/netfilter/x_tables.js';
import { runCommand, ParamError, type RunCtx } from './main.js';

const PROG = 'iptables-restore v1.8.9 (nf_tables)';
const TRY = "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n";

class RestoreError extends Error {
  constructor(readonly text: string, readonly status: number) {
    super(text);
  }
}

export const iptablesRestore: Tool = async (p: Process) => {
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
      p.stderr(`${PROG}: unknown option "${a}"\n${TRY}`);
      return 2;
    }
  }
  const lines = (await p.readStdin()).split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  let cur: XtTable | undefined;
  let pending: { chain: string }[] = [];
  let lineNo = 0;
  const paramErr = (e: ParamError, n: number): RestoreError => {
    if (e.kernel) return new RestoreError(`iptables-restore: line ${n} failed: ${e.text.replace(" Run `dmesg' for more information.", '')}\n`, 1);
    return new RestoreError(`${e.format(PROG)}\nError occurred at line: ${n}\n${e.hint ? TRY : ''}`, e.status);
  };
  try {
    for (const raw of lines) {
      lineNo++;
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('*')) {
        const name = line.slice(1);
        const fresh = xtNewTable(name);
        if (!fresh) {
          throw new RestoreError(`${PROG}: iptables-restore: line ${lineNo} table name '${name}' invalid\nError occurred at line: ${lineNo}\n${TRY}`, 2);
        }
        const old = noflush ? xtFindTable(p.netns, name) : undefined;
        cur = old ? xtCloneTable(old) : fresh;
        pending = [];
        continue;
      }
      if (!cur) throw new RestoreError(`${PROG}: no command specified\nError occurred at line: ${lineNo}\n${TRY}`, 2);
      if (line === 'COMMIT') {
        for (const j of pending) {
          if (!cur.chains.has(j.chain)) throw paramErr(new ParamError(`\u0000: Chain '${j.chain}' does not exist`), lineNo);
        }
        if (!test) xtReplaceTable(p.netns, cur);
        cur = undefined;
        continue;
      }
      if (line.startsWith(':')) {
        const m = /^:(\S+)\s+(\S+)(?:\s+\[(\d+):(\d+)\])?/.exec(line);
        if (!m) throw paramErr(new ParamError(`\u0000: iptables-restore: line ${lineNo} chain name invalid`), lineNo);
        const [, name, pol, pc, bc] = m;
        const c = cur.chains.get(name!);
        if (pol === '-') {
          if (c && !c.policy) c.rules = [];
          else if (!c) cur.chains.set(name!, { name: name!, pcnt: 0, bcnt: 0, rules: [] });
        } else {
          if (!c || !c.policy) throw paramErr(new ParamError('Bad built-in chain name.', 1, false, true), lineNo);
          if (pol !== 'ACCEPT' && pol !== 'DROP') throw paramErr(new ParamError('Bad policy name.', 1, false, true), lineNo);
          c.policy = pol;
          if (counters && pc !== undefined) {
            c.pcnt = Number(pc);
            c.bcnt = Number(bc);
          }
        }
        continue;
      }
      let words = splitWords(line);
      let cnt: [number, number] | undefined;
      const cm = /^\[(\d+):(\d+)\]$/.exec(words[0] ?? '');
      if (cm) {
        cnt = [Number(cm[1]), Number(cm[2])];
        words = words.slice(1);
      }
      const table = cur;
      const ctx: RunCtx = { table: (name) => (name === table.name ? table : undefined), pending };
      try {
        runCommand(['iptables', '-t', table.name, ...words], ctx);
      } catch (e) {
        if (e instanceof ParamError) throw paramErr(e, lineNo);
        throw e;
      }
      if (counters && cnt && (words[0] === '-A' || words[0] === '-I')) {
        const c = table.chains.get(words[1]!);
        const r = words[0] === '-A' ? c?.rules[c.rules.length - 1] : c?.rules[/^\d+$/.test(words[2] ?? '') ? Number(words[2]) - 1 : 0];
        if (r) [r.pcnt, r.bcnt] = cnt;
      }
    }
    if (cur) throw new RestoreError(`iptables-restore: COMMIT expected at line ${lineNo + 1}\n`, 1);
  } catch (e) {
    if (e instanceof RestoreError) {
      p.stderr(e.text);
      return e.status;
    }
    throw e;
  }
  return 0;
};
