// Standard input and output for programs that relay bytes while they run (nc, socat, curl):
// stdin piece by piece as it arrives, stdout as raw bytes. Runners without the streaming
// calls (library tests) get all of stdin as one piece and text output.
import type { Process } from '../process.js';

/** A reader of standard input: next() resolves the next piece, or null at end of file. */
export function stdinReader(p: Process): { next(): Promise<Uint8Array | null> } {
  if (p.readStdinChunk) return { next: () => p.readStdinChunk!() };
  let done = false;
  return {
    async next() {
      if (done) return null;
      done = true;
      const all = await p.readStdin();
      return all ? new TextEncoder().encode(all) : null;
    },
  };
}

/** Writes bytes to standard output unchanged. */
export function writeStdout(p: Process, data: Uint8Array): void {
  if (data.length === 0) return;
  if (p.stdoutBytes) p.stdoutBytes(data);
  else p.stdout(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
}
