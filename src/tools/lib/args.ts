// iproute2's utils.c argument helpers: prefix matching and the standard complaints.

/** matches(): `arg` is a non-empty prefix of `word` (iproute2 accepts abbreviations). */
export function matches(arg: string | undefined, word: string): boolean {
  return arg !== undefined && arg.length > 0 && arg.length <= word.length && word.startsWith(arg);
}

/** An error that ends the command with a message on stderr and an exit status. */
export class UsageError extends Error {
  constructor(readonly text: string, readonly status = 1) {
    super(text);
  }
}

/** Walks argv the way iproute2's NEXT_ARG()/PREV_ARG() macros do. */
export class Args {
  i = 0;
  constructor(readonly argv: string[]) {}
  get done(): boolean {
    return this.i >= this.argv.length;
  }
  peek(o = 0): string | undefined {
    return this.argv[this.i + o];
  }
  take(): string {
    return this.argv[this.i++]!;
  }
  /** NEXT_ARG(): the value after a keyword, or "Command line is not complete". */
  next(): string {
    this.i++;
    if (this.i >= this.argv.length) throw incomplete();
    return this.argv[this.i]!;
  }
  rest(): string[] {
    return this.argv.slice(this.i);
  }
}

// iproute2 exits with -1 (255) from incomplete_command(), invarg() and duparg().
export function incomplete(): UsageError {
  return new UsageError('Command line is not complete. Try option "help"\n', 255);
}

/** invarg() */
export function invarg(msg: string, arg: string): UsageError {
  return new UsageError(`Error: argument "${arg}" is wrong: ${msg}\n`, 255);
}

/** duparg() */
export function duparg(key: string, arg: string): UsageError {
  return new UsageError(`Error: duplicate "${key}": "${arg}" is the second value.\n`, 255);
}

/** duparg2() */
export function duparg2(key: string, arg: string): UsageError {
  return new UsageError(`Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, 255);
}

/** get_unsigned()/get_u32(): decimal, 0x hex or 0 octal, as strtoul with base 0. */
export function parseUnsigned(s: string, max = 0xffffffff): number | undefined {
  if (!/^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(s)) return undefined;
  const v = s.startsWith('0x') || s.startsWith('0X') ? parseInt(s.slice(2), 16) : s.length > 1 && s[0] === '0' ? parseInt(s, 8) : parseInt(s, 10);
  return v > max ? undefined : v;
}

/** get_integer(): strtol base 0, signed. */
export function parseInteger(s: string): number | undefined {
  const neg = s.startsWith('-');
  const v = parseUnsigned(neg ? s.slice(1) : s, 0x7fffffff + (neg ? 1 : 0));
  return v === undefined ? undefined : neg ? -v : v;
}
