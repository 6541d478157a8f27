// A bash script cut into its top-level commands, for running a scenario one step at a time:
// a step ends at a newline outside quotes, brackets, compound commands (if/fi, case/esac,
// for/while/until ... done, { }, ( )), here-document bodies and line continuations. It reads
// enough of bash's grammar to find those ends; bash itself still parses and runs each step.

/** Words that open or close a compound command when they start a command. */
const OPENERS: Record<string, string> = { if: 'fi', case: 'esac', for: 'done', while: 'done', until: 'done', select: 'done', '{': '}' };
const CLOSERS = new Set(['fi', 'esac', 'done', '}']);
/** Words after which the next word starts a command again. */
const LEADERS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'time']);

interface Heredoc {
  word: string;
  strip: boolean;
}

export function splitScript(text: string): string[] {
  const steps: string[] = [];
  const stack: string[] = [];
  const pending: Heredoc[] = [];
  let start = 0;
  let i = 0;
  let cmdStart = true;
  /** The line so far ends with an operator that wants more (&&, ||, |). */
  let wantsMore = false;
  const n = text.length;

  const finish = (end: number) => {
    const step = text.slice(start, end).trim();
    if (step && !/^(#[^\n]*\n?\s*)*$/.test(step)) steps.push(step);
    start = end;
  };

  /** Skips a quoted string starting at i (at the quote); returns the index after it. */
  const skipQuoted = (j: number): number => {
    const q = text[j]!;
    j++;
    while (j < n && text[j] !== q) {
      if (text[j] === '\\' && q !== "'") j++;
      j++;
    }
    return j + 1;
  };

  /** Reads here-document bodies after the newline at i; returns the index after them. */
  const skipHeredocs = (j: number): number => {
    for (const h of pending) {
      for (;;) {
        if (j >= n) return n;
        const eol = text.indexOf('\n', j);
        const end = eol < 0 ? n : eol;
        const line = text.slice(j, end);
        j = end + 1;
        if ((h.strip ? line.replace(/^\t+/, '') : line) === h.word) break;
      }
    }
    pending.length = 0;
    return Math.min(j, n);
  };

  while (i < n) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      cmdStart = false;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(i);
      cmdStart = false;
      wantsMore = false;
      continue;
    }
    if (c === '#' && (i === 0 || /\s|[;&|()]/.test(text[i - 1]!))) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      i++;
      if (pending.length) i = skipHeredocs(i);
      if (!stack.length && !wantsMore) {
        finish(i);
        cmdStart = true;
      } else if (!wantsMore) cmdStart = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      // <<WORD, <<-WORD, <<'WORD', <<"WORD"
      let j = i + 2;
      const strip = text[j] === '-';
      if (strip) j++;
      while (text[j] === ' ' || text[j] === '\t') j++;
      let word = '';
      while (j < n && !/[\s;&|()<>]/.test(text[j]!)) {
        if (text[j] === "'" || text[j] === '"') {
          const e = skipQuoted(j);
          word += text.slice(j + 1, e - 1);
          j = e;
        } else if (text[j] === '\\') {
          word += text[j + 1] ?? '';
          j += 2;
        } else word += text[j++];
      }
      if (word) pending.push({ word, strip });
      i = j;
      cmdStart = false;
      wantsMore = false;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      stack.push(')');
      i += 2;
      cmdStart = true;
      continue;
    }
    if (c === '(') {
      stack.push(')');
      i++;
      cmdStart = true;
      continue;
    }
    if (c === ')') {
      // In a case, a pattern's ")" closes nothing.
      if (stack.at(-1) === ')') stack.pop();
      i++;
      cmdStart = true;
      wantsMore = false;
      continue;
    }
    if (c === ';' || c === '&' || c === '|') {
      const two = text.slice(i, i + 2);
      const op = two === '&&' || two === '||' || two === ';;' || two === ';&' ? two : c;
      i += op.length;
      cmdStart = true;
      wantsMore = op === '&&' || op === '||' || op === '|';
      continue;
    }
    if (c === '<' || c === '>') {
      i++;
      continue;
    }
    // A word.
    let j = i;
    while (j < n && !/[\s;&|()<>'"`\\]/.test(text[j]!)) {
      if (text[j] === '$' && text[j + 1] === '(') break;
      j++;
    }
    if (j === i) j++;
    const word = text.slice(i, j);
    const continues = j < n && /['"`\\]/.test(text[j]!);
    wantsMore = false;
    if (cmdStart && !continues) {
      if (word in OPENERS) stack.push(OPENERS[word]!);
      else if (CLOSERS.has(word) && stack.at(-1) === word) stack.pop();
      cmdStart = LEADERS.has(word) || word in OPENERS && word !== 'for' && word !== 'case' && word !== 'select';
      // "for x in ...", "case WORD in": their words are not commands until do / a pattern.
      if (word === '{') cmdStart = true;
    } else {
      cmdStart = false;
    }
    i = j;
  }
  finish(n);
  return steps;
}
