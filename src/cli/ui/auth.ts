// The UI's one secret: a random token printed in the URL. A request proves it knows the token
// by the URL's ?token= or by the cookie the first such page load sets (so the page's scripts
// and styles load without it); the WebSocket, which drives a shell, takes the URL only.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export class UiAuth {
  readonly token: string;

  constructor(token?: string) {
    this.token = token ?? randomBytes(24).toString('base64url');
  }

  /** The cookie's name: one per port, so two UIs on one host keep their own. */
  cookieName(port: number): string {
    return `netsim_ui_${port}`;
  }

  matches(t: string | null | undefined): boolean {
    if (!t) return false;
    const a = Buffer.from(t);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Whether the URL carries the token. */
  byQuery(url: URL): boolean {
    return this.matches(url.searchParams.get('token'));
  }

  /** Whether the request carries the token in the URL or in this port's cookie. */
  allows(req: IncomingMessage, url: URL, port: number): boolean {
    return this.byQuery(url) || this.matches(cookie(req, this.cookieName(port)));
  }

  setCookie(port: number): string {
    return `${this.cookieName(port)}=${this.token}; Path=/; HttpOnly; SameSite=Strict`;
  }
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** A WebSocket from a page of another origin (another local site) is refused even with the
 *  token; browsers always send Origin, other clients may leave it out. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
