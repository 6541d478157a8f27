// `netsim ui`'s server: on 127.0.0.1 at a random port, the built front end over HTTP and one
// WebSocket per page at /ws that streams the world (feed.ts) and carries the page's terminal
// (terminal.ts). Everything without the token is refused with 403.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WorldFeed } from './feed.js';
import { UiAuth, sameOrigin } from './auth.js';
import { serveStatic } from './static.js';
import { Terminal, type TerminalContext } from './terminal.js';
import { ScenarioSession } from './scenario-session.js';
import type { UiWorld } from './world.js';
import type { ClientMessage, ServerMessage } from './protocol.js';

export interface UiServerOptions {
  feed: WorldFeed;
  world: UiWorld;
  terminal: TerminalContext;
  /** The script `netsim ui` ran first: the Scenarios view offers it. */
  script?: string;
  /** The built front end. */
  webRoot: string;
  token?: string;
}

export class UiServer {
  readonly auth: UiAuth;
  private http: Server;
  private wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  private _port = 0;

  private constructor(private o: UiServerOptions) {
    this.auth = new UiAuth(o.token);
    this.http = createServer((req, res) => this.request(req, res));
    this.http.on('upgrade', (req, sock: Duplex, head) => this.upgrade(req, sock, head));
    this.wss.on('connection', (ws) => this.connection(ws));
  }

  static async start(o: UiServerOptions): Promise<UiServer> {
    const s = new UiServer(o);
    await new Promise<void>((resolve, reject) => {
      s.http.once('error', reject);
      s.http.listen({ host: '127.0.0.1', port: 0 }, () => {
        s.http.off('error', reject);
        resolve();
      });
    });
    const addr = s.http.address();
    s._port = typeof addr === 'object' && addr ? addr.port : 0;
    return s;
  }

  get port(): number {
    return this._port;
  }

  get url(): string {
    return `http://127.0.0.1:${this._port}/?token=${this.auth.token}`;
  }

  private parse(req: IncomingMessage): URL {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    const url = this.parse(req);
    if (!this.auth.allows(req, url, this._port)) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('netsim ui: forbidden (open the URL netsim ui printed, with its token)\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    if (this.auth.byQuery(url)) res.setHeader('set-cookie', this.auth.setCookie(this._port));
    serveStatic(this.o.webRoot, url.pathname, req, res);
  }

  private upgrade(req: IncomingMessage, sock: Duplex, head: Buffer): void {
    const url = this.parse(req);
    if (url.pathname !== '/ws' || !this.auth.byQuery(url) || !sameOrigin(req)) {
      sock.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, sock, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private connection(ws: WebSocket): void {
    const send = (m: ServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    send(this.o.script !== undefined ? { type: 'hello', script: this.o.script } : { type: 'hello' });
    const sub = this.o.feed.subscribe(send);
    const term = new Terminal(this.o.terminal, (data) => send({ type: 'term-data', data }), (code) => send({ type: 'term-exit', code }));
    const scenario = new ScenarioSession(this.o.world, this.o.terminal.cwd, send);
    const offReset = this.o.world.onReset(() => scenario.worldReset());
    ws.on('message', (raw, isBinary) => {
      if (isBinary) return;
      let m: ClientMessage;
      try {
        m = JSON.parse(String(raw)) as ClientMessage;
      } catch {
        return;
      }
      this.message(m, { term, scenario, sub, send });
    });
    ws.on('close', () => {
      sub.close();
      offReset();
      term.stop();
      scenario.close();
    });
    ws.on('error', () => { /* 'close' follows */ });
  }

  private message(m: ClientMessage, c: { term: Terminal; scenario: ScenarioSession; sub: ReturnType<WorldFeed['subscribe']>; send: (m: ServerMessage) => void }): void {
    switch (m?.type) {
      case 'term-start':
        c.term.start(typeof m.netns === 'string' ? m.netns : undefined, Number(m.cols), Number(m.rows));
        break;
      case 'term-input':
        if (typeof m.data === 'string') c.term.write(m.data);
        break;
      case 'term-resize':
        c.term.resize(Number(m.cols), Number(m.rows));
        break;
      case 'details':
        c.sub.watch(typeof m.ns === 'string' ? m.ns : null);
        break;
      case 'scenario-open':
        void c.scenario.open({ path: typeof m.path === 'string' ? m.path : undefined, text: typeof m.text === 'string' ? m.text : undefined });
        break;
      case 'scenario-step':
        void c.scenario.step();
        break;
      case 'scenario-run':
        void c.scenario.runAll();
        break;
      case 'scenario-stop':
        c.scenario.stop();
        break;
      case 'world-reset':
        void this.o.world.reset().catch((e: Error) => c.send({ type: 'scenario-error', message: `reset failed: ${e.message}` }));
        break;
    }
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
