// Shared by the shell tests: a wall-time kernel with the test tools, a session, and a real bash.
import { spawn } from 'node:child_process';
import { Kernel } from '../../src/index.js';
import { installTools } from '../../src/kernel/kernel.js';
import { tools } from '../../src/tools/index.js';
import type { Tool } from '../../src/tools/process.js';
import { Session, type SessionOptions } from '../../src/shell/session.js';
import { testTools } from './testtools.js';

/** Adds the test tools to the real table (the server looks there for Tool.catches); undo() restores it. */
export function addTestTools(): () => void {
  const saved: Record<string, Tool | undefined> = {};
  for (const k of Object.keys(testTools)) saved[k] = tools[k];
  Object.assign(tools, testTools);
  installTools(tools);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v) tools[k] = v;
      else delete tools[k];
    }
    installTools(tools);
  };
}

export interface Result {
  stdout: string;
  stderr: string;
  status: number | null;
  signal: NodeJS.Signals | null;
}

export function runBash(session: Session, script: string, opts: { stdin?: string; env?: Record<string, string> } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { env: { ...session.env(), ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ stdout, stderr, status, signal }));
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
  });
}

export async function withSession<T>(fn: (s: Session, k: Kernel) => Promise<T>, opts: SessionOptions = {}): Promise<T> {
  const kernel = new Kernel({ seed: 1, time: 'wall' });
  const session = await Session.start(kernel, opts);
  try {
    return await fn(session, kernel);
  } finally {
    await session.close();
  }
}
