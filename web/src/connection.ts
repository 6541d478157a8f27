// The page's one WebSocket to the server: the token comes from the page's own URL.
import type { ClientMessage, ServerMessage } from '../../src/cli/ui/protocol.js';

export class Connection {
  private ws: WebSocket;

  constructor(onMessage: (m: ServerMessage) => void, onStatus: (s: 'open' | 'closed') => void, onOpen: () => void) {
    const token = new URLSearchParams(location.search).get('token') ?? '';
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.ws = new WebSocket(`${proto}//${location.host}/ws?token=${encodeURIComponent(token)}`);
    this.ws.onopen = () => {
      onStatus('open');
      onOpen();
    };
    this.ws.onclose = () => onStatus('closed');
    this.ws.onmessage = (e) => {
      if (typeof e.data === 'string') onMessage(JSON.parse(e.data) as ServerMessage);
    };
  }

  send(m: ClientMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(m));
  }
}
