// glibc getopt() (short options only, no long options): clusters, "-oARG" and "-o ARG",
// argument permutation (options may follow operands unless POSIXLY_CORRECT or a leading
// '+'), "--" ends the options, a lone "-" is an operand. Without long options "--help" is a
// cluster whose first letter is '-'. Diagnostics are glibc's, prefixed with argv[0] as given.

/**
 * Yields [letter, optarg] for each option in turn, or ['?', undefined] after reporting an
 * error through `err`; pushes the operands onto `operands` (complete once exhausted).
 */
export function* getopt(argv0: string, args: string[], optstring: string, err: (text: string) => void,
  operands: string[], posixlyCorrect = false): Generator<[string, string | undefined]> {
  let permute = !posixlyCorrect;
  if (optstring.startsWith('+')) {
    permute = false;
    optstring = optstring.slice(1);
  }
  /** -1 unknown, 0 flag, 1 takes an argument */
  const kind = (c: string): number => {
    const i = optstring.indexOf(c);
    if (i < 0 || c === ':') return -1;
    return optstring[i + 1] === ':' ? 1 : 0;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      return;
    }
    if (!a.startsWith('-') || a === '-') {
      if (!permute) {
        operands.push(...args.slice(i));
        return;
      }
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const k = kind(c);
      if (k < 0) {
        err(`${argv0}: invalid option -- '${c}'\n`);
        yield ['?', undefined];
        continue;
      }
      if (k === 0) {
        yield [c, undefined];
        continue;
      }
      const rest = a.slice(j + 1);
      if (rest) yield [c, rest];
      else if (i + 1 < args.length) yield [c, args[++i]!];
      else {
        err(`${argv0}: option requires an argument -- '${c}'\n`);
        yield ['?', undefined];
      }
      break;
    }
  }
}
