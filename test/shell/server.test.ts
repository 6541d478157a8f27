// The session server spoken to directly over its protocol, without a shim.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { Kernel } from '../../src/index.js';
import { SessionServer } from '../../src/shell/server.js';
import { FrameReader, MAGIC, T, frame, int32Frame, packStrings, unpackStrings } from '../../src/shell/protocol.js';
import { tools } from '../../src/tools/index.js';
import { addTestTools } from './helpers.js';

let undo: () => void;
before(() => { undo = addTestTools(); });
after(() => undo());

interface Frame { type: number; payload: Buffer }

/** Sends a request, then answers the server as `onFrame` says; resolves every frame received. */
function talk(port: number, token: string, argv: string[], onFrame: (f: Frame, send: (b: Buffer) => void) => void = () => {}, env: string[] = []): Promise<Frame[]> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: '127.0.0.1', port });
    const reader = new FrameReader();
    const got: Frame[] = [];
    sock.on('error', reject);
    sock.on('data', (d: Buffer) => {
      for (const f of reader.push(d)) {
        got.push(f);
        onFrame(f, (b) => sock.write(b));
      }
    });
    sock.on('close', () => resolve(got));
    sock.write(frame(T.Request, packStrings([MAGIC, token, '/', '0', '0', String(argv.length), ...argv, ...env])));
  });
}

const text = (fs: Frame[], type: number) => fs.filter((f) => f.type === type).map((f) => f.payload.toString()).join('');
const exitOf = (fs: Frame[]) => fs.find((f) => f.type === T.Exit)?.payload.readInt32BE(0);

test('a wrong token is refused before anything runs', async () => {
  const k = new Kernel({ seed: 1 });
  const srv = await SessionServer.start(k);
  try {
    const fs = await talk(srv.port, 'not-the-token', ['say', 'o:secret']);
    assert.equal(text(fs, T.Stdout), '');
    assert.equal(text(fs, T.Stderr), 'netsim: session refused: bad token\n');
    assert.equal(exitOf(fs), 126);
    // A connection that does not start with a request is refused too.
    const bad = await new Promise<Frame[]>((resolve) => {
      const sock = connect({ host: '127.0.0.1', port: srv.port });
      const reader = new FrameReader();
      const got: Frame[] = [];
      sock.on('data', (d: Buffer) => got.push(...reader.push(d)));
      sock.on('close', () => resolve(got));
      sock.write(frame(T.Stdin, Buffer.from('x')));
    });
    assert.equal(exitOf(bad), 126);
  } finally {
    await srv.close();
  }
});

test('output, exit status, lazy stdin and exec over the protocol', async () => {
  const k = new Kernel({ seed: 1 });
  const srv = await SessionServer.start(k);
  try {
    const fs = await talk(srv.port, srv.token, ['say', 'o:out', 'e:err', 'x:3']);
    assert.deepEqual(fs.map((f) => String.fromCharCode(f.type)), ['O', 'E', 'X']);
    assert.equal(exitOf(fs), 3);

    // No stdin is asked for unless the tool reads it; `upper` does.
    const up = await talk(srv.port, srv.token, ['upper'], (f, send) => {
      if (f.type === T.ReadStdin) {
        send(frame(T.Stdin, Buffer.from('ab')));
        send(frame(T.Stdin, Buffer.from('c\n')));
        send(frame(T.Stdin));
      }
    });
    assert.equal(text(up, T.Stdout), 'ABC\n');
    assert.equal(exitOf(up), 0);

    // exec: the 'C' frame carries argv and the environment additions; a failure goes back as 'F'.
    let execFrame: string[] = [];
    const ex = await talk(srv.port, srv.token, ['nsexec', 'blue', 'prog', 'arg'], (f, send) => {
      if (f.type === T.Exec) {
        execFrame = unpackStrings(f.payload);
        const p = Buffer.alloc(4);
        p.writeInt32BE(2, 0); // ENOENT
        send(frame(T.ExecFailed, Buffer.concat([p, Buffer.from('No such file or directory')])));
      }
    });
    assert.deepEqual(execFrame, ['2', 'prog', 'arg', 'NETSIM_NETNS=blue']);
    assert.equal(text(ex, T.Stderr), 'exec of "prog" failed: No such file or directory\n');
    assert.equal(exitOf(ex), 255);
  } finally {
    await srv.close();
  }
});

test('a signal aborts the tool with the signal name; 128+n becomes a signal death', async () => {
  const k = new Kernel({ seed: 1 });
  const srv = await SessionServer.start(k, { graceMs: 200 });
  try {
    let sent = false;
    const fs = await talk(srv.port, srv.token, ['ticker', '100000'], (f, send) => {
      if (f.type === T.Stdout && !sent) {
        sent = true;
        send(int32Frame(T.Signal, 15));
      }
    });
    assert.equal(text(fs, T.Stderr), 'stopped by SIGTERM\n');
    assert.equal(exitOf(fs), -15);

    // A tool that ignores its AbortSignal counts as killed once the grace time is over.
    let sent2 = false;
    const st = await talk(srv.port, srv.token, ['stubborn'], (f, send) => {
      if (f.type === T.Stdout && !sent2) {
        sent2 = true;
        send(int32Frame(T.Signal, 2));
      }
    });
    assert.equal(exitOf(st), -2);

    // A signal that was ignored at the shim's start (mask bit 1<<2) is dropped for most tools.
    const tk = new Promise<Frame[]>((resolve) => {
      const sock = connect({ host: '127.0.0.1', port: srv.port });
      const reader = new FrameReader();
      const got: Frame[] = [];
      sock.on('data', (d: Buffer) => {
        for (const f of reader.push(d)) {
          got.push(f);
          const ticks = got.filter((g) => g.type === T.Stdout).length;
          if (ticks === 1) sock.write(int32Frame(T.Signal, 2));
          if (ticks === 5) sock.write(int32Frame(T.Signal, 15));
        }
      });
      sock.on('close', () => resolve(got));
      sock.write(frame(T.Request, packStrings([MAGIC, srv.token, '/', '0', String(1 << 2), '2', 'ticker', '100000'])));
    });
    const fs2 = await tk;
    assert.equal(text(fs2, T.Stderr), 'stopped by SIGTERM\n');
    assert.equal(exitOf(fs2), -15);
  } finally {
    await srv.close();
  }
});

test('a shim that goes away aborts its tool with SIGKILL', async () => {
  const k = new Kernel({ seed: 1 });
  const srv = await SessionServer.start(k);
  let done: (r: unknown) => void = () => {};
  const reason = new Promise<unknown>((r) => { done = r; });
  tools.probe = (p) => new Promise<number>((resolve) => {
    p.stdout('started\n');
    p.signal.addEventListener('abort', () => { done(p.signal.reason); resolve(1); });
  });
  try {
    const sock = connect({ host: '127.0.0.1', port: srv.port });
    sock.on('data', () => sock.destroy());
    sock.on('error', () => {});
    sock.write(frame(T.Request, packStrings([MAGIC, srv.token, '/', '0', '0', '1', 'probe'])));
    assert.equal(await reason, 'SIGKILL');
  } finally {
    delete tools.probe;
    await srv.close();
  }
});
