// iproute2's lib/rt_names.c: scope and protocol names as `ip` prints and parses them.

const SCOPES: Record<number, string> = { 0: 'global', 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };

/** rtnl_rtscope_n2a() */
export function scopeName(scope: number): string {
  return SCOPES[scope] ?? String(scope);
}

/** rtnl_rtscope_a2n(): names (also "universe") or a number 0..255. */
export function parseScope(s: string): number | undefined {
  if (s === 'universe') return 0;
  for (const [n, name] of Object.entries(SCOPES)) if (name === s) return Number(n);
  if (/^(0x[0-9a-fA-F]+|\d+)$/.test(s)) {
    const v = Number(s);
    return v <= 255 ? v : undefined;
  }
  return undefined;
}
