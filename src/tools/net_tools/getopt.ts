// glibc getopt_long(): short options with clusters and (optional) arguments, long options
// with unique-prefix abbreviations, argument permutation (options may follow operands
// unless POSIXLY_CORRECT or a leading '+'), "--" and the exact diagnostics glibc prints.

export interface LongOpt {
  name: string;
  /** 0 no argument, 1 required, 2 optional (only as --name=value). */
  hasArg: 0 | 1 | 2;
  /** What getopt returns for it (a short option letter or any token). */
  val: string;
}

/**
 * Parses `args` (argv without argv[0]) one option at a time, as a loop around
 * getopt_long() does: yields [val, optarg] (val '?' after an error, already reported to
 * `err` with glibc's text prefixed by `prog`), and pushes operands onto `operands` (all of
 * them are there once the generator is exhausted).
 */
export function* getoptLong(prog: string, args: string[], optstring: string, longopts: LongOpt[],
  err: (text: string) => void, operands: string[], posixly = false): Generator<[string, string | undefined]> {
  let permute = !posixly;
  if (optstring.startsWith('+')) {
    permute = false;
    optstring = optstring.slice(1);
  }
  const shortArg = (c: string): number => {
    const i = optstring.indexOf(c);
    if (i < 0 || c === ':') return -1;
    if (optstring[i + 1] !== ':') return 0;
    return optstring[i + 2] === ':' ? 2 : 1;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (!permute) {
        operands.push(...args.slice(i));
        break;
      }
      operands.push(a);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const exact = longopts.find((o) => o.name === name);
      const cands = exact ? [exact] : longopts.filter((o) => o.name.startsWith(name));
      // Candidates that all mean the same thing are not ambiguous.
      const distinct = cands.filter((o, k) => cands.findIndex((p) => p.val === o.val && p.hasArg === o.hasArg) === k);
      if (cands.length === 0) {
        err(`${prog}: unrecognized option '${a.slice(0, eq >= 0 ? eq : undefined)}'\n`);
        yield (['?', undefined]);
        continue;
      }
      if (distinct.length > 1) {
        err(`${prog}: option '${a.slice(0, eq >= 0 ? eq : undefined)}' is ambiguous; possibilities:${cands.map((o) => ` '--${o.name}'`).join('')}\n`);
        yield (['?', undefined]);
        continue;
      }
      const o = cands[0]!;
      if (o.hasArg === 0) {
        if (eq >= 0) {
          err(`${prog}: option '--${o.name}' doesn't allow an argument\n`);
          yield (['?', undefined]);
        } else yield ([o.val, undefined]);
      } else if (o.hasArg === 1) {
        if (eq >= 0) yield ([o.val, a.slice(eq + 1)]);
        else if (i + 1 < args.length) yield ([o.val, args[++i]!]);
        else {
          err(`${prog}: option '--${o.name}' requires an argument\n`);
          yield (['?', undefined]);
        }
      } else {
        yield ([o.val, eq >= 0 ? a.slice(eq + 1) : undefined]);
      }
      continue;
    }
    // A cluster of short options.
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const kind = shortArg(c);
      if (kind < 0) {
        err(`${prog}: invalid option -- '${c}'\n`);
        yield (['?', undefined]);
        continue;
      }
      if (kind === 0) {
        yield ([c, undefined]);
        continue;
      }
      const rest = a.slice(j + 1);
      if (kind === 2) {
        yield ([c, rest || undefined]);
      } else if (rest) {
        yield ([c, rest]);
      } else if (i + 1 < args.length) {
        yield ([c, args[++i]!]);
      } else {
        err(`${prog}: option requires an argument -- '${c}'\n`);
        yield (['?', undefined]);
      }
      break;
    }
  }
}
