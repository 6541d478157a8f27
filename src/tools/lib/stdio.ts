// How the iproute2 tools reach stdout and stderr: stdout is collected and written out before
// anything goes to stderr and at exit; a UsageError ends the command with its text and status.
import type { Process } from '../process.js';
import { UsageError } from './args.js';

export interface Stdio {
  out(text: string): void;
  err(text: string): void;
}

export async function withStdio(p: Process, body: (io: Stdio) => Promise<number>): Promise<number> {
  let buf = '';
  const flush = () => {
    if (buf) p.stdout(buf);
    buf = '';
  };
  const io: Stdio = {
    out: (t) => { buf += t; },
    err: (t) => { flush(); p.stderr(t); },
  };
  try {
    const status = await body(io);
    flush();
    return status;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(e.text);
    return e.status;
  }
}
