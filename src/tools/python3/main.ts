// python3: `python3 [flags] -m http.server ...` serves over the emulated network; every other
// invocation is the real interpreter, run unchanged (it does not touch the emulated network).
import type { Process, Tool } from '../process.js';
import { httpServer } from './http_server.js';

/** Interpreter flags that may come before -m without changing what http.server does. */
const HARMLESS = 'bBdEiIOqsSuv';

/** The module and its arguments when the command line is `[flags] -m module ...` with only
 *  harmless flags before -m (Python's own option parsing: "-um", "-m mod", "-mmod"). */
export function moduleInvocation(argv: string[]): { module: string; args: string[]; unbuffered: boolean } | undefined {
  let unbuffered = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-' || a.startsWith('--')) return undefined;
    for (let j = 1; j < a.length; j++) {
      const f = a[j]!;
      if (f === 'm') {
        const rest = a.slice(j + 1);
        const module = rest || argv[i + 1];
        if (module === undefined) return undefined;
        return { module, args: argv.slice(rest ? i + 1 : i + 2), unbuffered };
      }
      if (!HARMLESS.includes(f)) return undefined;
      if (f === 'u') unbuffered = true;
    }
  }
  return undefined;
}

export const python3: Tool = async (p: Process): Promise<number> => {
  const m = moduleInvocation(p.argv);
  if (m?.module === 'http.server') {
    // -u, PYTHONUNBUFFERED or a terminal (line buffered) write "Serving HTTP ..." at once.
    const unbuffered = m.unbuffered || (p.env.PYTHONUNBUFFERED ?? '') !== '' || p.fdKind?.(1) === 'tty';
    return httpServer(p, m.args, unbuffered);
  }
  try {
    return await p.exec(p.argv, { NETSIM_REAL: '1' });
  } catch (e) {
    p.stderr(`${p.argv[0]}: ${(e as Error).message}\n`);
    return 127;
  }
};
