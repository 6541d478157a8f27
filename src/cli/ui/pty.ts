// A program under a pseudo-terminal without a native module: python3's pty module holds the
// master side and relays it over pipes; window sizes come in on fd 3 as "ROWS COLS\n" lines.
// Without python3, util-linux's `script` gives a pty (at a fixed size).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Writable } from 'node:stream';

const RELAY = String.raw`
import fcntl, os, pty, select, signal, struct, sys, termios
rows, cols = int(sys.argv[1]), int(sys.argv[2])
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
    os.execvp(sys.argv[3], sys.argv[3:])
def resize(line):
    try:
        r, c = (int(x) for x in line.split())
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))
    except (ValueError, OSError):
        pass
inputs, ctl = [0, fd, 3], b''
while True:
    try:
        ready = select.select(inputs, [], [])[0]
    except InterruptedError:
        continue
    if fd in ready:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b''
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            os.kill(pid, signal.SIGHUP)
            inputs.remove(0)
        else:
            os.write(fd, data)
    if 3 in ready:
        data = os.read(3, 4096)
        if not data:
            inputs.remove(3)
        ctl += data
        while b'\n' in ctl:
            line, ctl = ctl.split(b'\n', 1)
            resize(line.decode())
_, status = os.waitpid(pid, 0)
sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
`;

export interface PtyOptions {
  argv: string[];
  env: Record<string, string>;
  cwd?: string;
  cols: number;
  rows: number;
}

let python: string | null | undefined;

/** python3 when it has a working pty module, else null. */
function findPython(): string | null {
  if (python === undefined) {
    const r = spawnSync('python3', ['-c', 'import pty, termios, fcntl'], { stdio: 'ignore' });
    python = r.status === 0 ? 'python3' : null;
  }
  return python;
}

function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export class Pty {
  private child: ChildProcess;
  private ctl: Writable | undefined;
  private decoder = new StringDecoder('utf8');
  private exited = false;

  constructor(o: PtyOptions, onData: (text: string) => void, onExit: (code: number) => void) {
    const size = (n: number, dflt: number) => (Number.isInteger(n) && n > 0 && n < 1000 ? n : dflt);
    const rows = size(o.rows, 24), cols = size(o.cols, 80);
    const py = findPython();
    if (py) {
      this.child = spawn(py, ['-c', RELAY, String(rows), String(cols), ...o.argv], {
        env: o.env, cwd: o.cwd, stdio: ['pipe', 'pipe', 'inherit', 'pipe'],
      });
      this.ctl = this.child.stdio[3] as Writable;
      this.ctl.on('error', () => { /* the relay has gone */ });
    } else {
      const cmd = `stty rows ${rows} cols ${cols}; exec ${o.argv.map(shq).join(' ')}`;
      this.child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: o.env, cwd: o.cwd, stdio: ['pipe', 'pipe', 'inherit'] });
    }
    this.child.stdin!.on('error', () => { /* the relay has gone */ });
    this.child.stdout!.on('data', (b: Buffer) => onData(this.decoder.write(b)));
    this.child.once('error', (e) => {
      if (this.exited) return;
      this.exited = true;
      onData(`netsim ui: cannot start a terminal: ${e.message}\r\n`);
      onExit(127);
    });
    this.child.once('close', (code, signal) => {
      if (this.exited) return;
      this.exited = true;
      const rest = this.decoder.end();
      if (rest) onData(rest);
      onExit(signal ? 128 : code ?? 1);
    });
  }

  write(data: string): void {
    if (!this.exited) this.child.stdin!.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.exited || !this.ctl) return;
    if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 1 || rows < 1 || cols > 999 || rows > 999) return;
    this.ctl.write(`${rows} ${cols}\n`);
  }

  /** Hangs up: the shell gets SIGHUP, as when a terminal window closes. */
  kill(): void {
    if (this.exited) return;
    this.child.stdin!.end();
    const t = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    t.unref();
    this.child.once('close', () => clearTimeout(t));
  }
}
