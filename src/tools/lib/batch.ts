// `-batch FILE` of ip and bridge (lib/utils.c do_batch()): one command per line ("-" reads
// stdin), "#" starts a comment, a failing line is reported as "Command failed FILE:N" and
// ends the batch unless -force.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Process } from '../process.js';
import { splitWords } from '../../kernel/kernel.js';
import { UsageError } from './args.js';

export async function runBatch(p: Process, err: (t: string) => void, file: string, force: boolean,
  cannotOpenStatus: number, runLine: (words: string[]) => number | Promise<number>): Promise<number> {
  let text: string;
  if (file === '-') text = await p.readStdin();
  else {
    try {
      text = readFileSync(resolve(p.cwd, file), 'utf8');
    } catch {
      err(`Cannot open file "${file}" for reading: No such file or directory\n`);
      return cannotOpenStatus;
    }
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let status = 0;
  for (let n = 0; n < lines.length; n++) {
    const words = splitWords(lines[n]!.replace(/#.*/, ''));
    if (words.length === 0) continue;
    let r: number;
    try {
      r = await runLine(words);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      err(e.text);
      r = e.status;
    }
    if (r !== 0) {
      err(`Command failed ${file}:${n + 1}\n`);
      status = 1;
      if (!force) break;
    }
  }
  return status;
}
