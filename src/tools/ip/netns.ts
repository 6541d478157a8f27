// `ip netns`: iproute2's ip/ipnetns.c. Named namespaces are the entries of /run/netns
// (kept by the kernel object here); `exec` replaces the tool with the command, run in
// the namespace.
import type { IpContext } from './context.js';
import { Args, matches, invarg } from '../lib/args.js';
import { USAGE } from '../usage_text.js';
import type { Netns } from '../../kernel/net_namespace.js';
import { netnsAdd, netnsDelete, netnsSetId } from '../../kernel/netns_files.js';
import { PRINT_ANY } from '../lib/json_print.js';
import { rtnlError } from './errors.js';

function usage(ctx: IpContext): number {
  ctx.err(USAGE['ip netns']!);
  return 255;
}

/** netns_switch() for `ip -n NAME`. */
export function netnsSwitch(ctx: IpContext, name: string): Netns | undefined {
  const ns = ctx.p.kernel.namedNetns.get(name);
  if (!ns) ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
  return ns;
}

/** Names as readdir(/run/netns) returns them on tmpfs: newest first. */
function names(ctx: IpContext): string[] {
  return [...ctx.p.kernel.namedNetns.keys()].reverse();
}

function list(ctx: IpContext): number {
  const p = ctx.printer();
  p.openDump();
  for (const name of names(ctx)) {
    const ns = ctx.p.kernel.namedNetns.get(name)!;
    const id = ctx.ns.idFor(ns, false);
    p.openObject();
    p.string(PRINT_ANY, 'name', '%s', name);
    if (id >= 0) p.number(PRINT_ANY, 'id', ' (id: %d)', id);
    p.text('\n');
    p.closeObject();
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

function listId(ctx: IpContext): number {
  const p = ctx.printer();
  p.openDump();
  const ids = [...ctx.ns.netnsIds.entries()].sort((a, b) => a[1] - b[1]);
  for (const [ns, id] of ids) {
    p.openObject();
    p.number(PRINT_ANY, 'nsid', 'nsid %u ', id);
    const name = [...ctx.p.kernel.namedNetns.entries()].find(([, n]) => n === ns)?.[0];
    if (name) p.string(PRINT_ANY, 'name', '(iproute2 netns name: %s)', name);
    p.text('\n');
    p.closeObject();
  }
  p.closeDump();
  ctx.out(p.out);
  return 0;
}

function validName(name: string): boolean {
  return name.length > 0 && !name.includes('/') && name !== '.' && name !== '..';
}

async function exec(ctx: IpContext, a: Args): Promise<number> {
  const k = ctx.p.kernel;
  if (ctx.opts.all) {
    const cmd = a.rest();
    if (cmd.length === 0) {
      ctx.err('No command specified\n');
      return 1;
    }
    // netns_foreach(): "netns: NAME" and the command in each namespace; the statuses are
    // not collected. The loop runs in a shell so that any program can be the command.
    const all = names(ctx);
    const loop = 'n=$1; shift; ns=("${@:1:n}"); shift "$n"; for x in "${ns[@]}"; do ' +
      'printf "\\nnetns: %s\\n" "$x"; NETSIM_NETNS="$x" "$@"; done; exit 0';
    try {
      return await ctx.p.exec(['bash', '-c', loop, 'ip', String(all.length), ...all, ...cmd], {});
    } catch {
      // Without a shell (the library API) only netsim's own programs can run.
      for (const name of all) {
        ctx.p.stdout(`\nnetns: ${name}\n`);
        await ctx.p.kernel.spawn({
          argv: cmd, netns: name, cwd: ctx.p.cwd, env: ctx.p.env,
          stdout: ctx.p.stdout, stderr: ctx.p.stderr, signal: ctx.p.signal, exec: ctx.p.exec,
        });
      }
      return 0;
    }
  }
  if (a.done) {
    ctx.err('No netns name specified\n');
    return 1;
  }
  const name = a.take();
  if (!k.namedNetns.has(name)) {
    ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
    return 255;
  }
  const cmd = a.rest();
  if (cmd.length === 0) {
    ctx.err('No command specified\n');
    return 1;
  }
  try {
    return await ctx.p.exec(cmd, { NETSIM_NETNS: name });
  } catch (e) {
    ctx.err(`exec of "${cmd[0]}" failed: ${(e as Error).message}\n`);
    return 1;
  }
}

export async function doIpnetns(ctx: IpContext, a: Args): Promise<number> {
  const k = ctx.p.kernel;
  if (a.done) return list(ctx);
  const cmd = a.take();
  if (matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return list(ctx);
  if (matches(cmd, 'list-id')) return listId(ctx);
  if (matches(cmd, 'help')) return usage(ctx);
  if (matches(cmd, 'add')) {
    if (a.done) {
      ctx.err('No netns name specified\n');
      return 1;
    }
    const name = a.take();
    if (!validName(name)) {
      ctx.err(`Invalid netns name "${name}"\n`);
      return 255;
    }
    if (k.namedNetns.has(name)) {
      ctx.err(`Cannot create namespace file "/run/netns/${name}": File exists\n`);
      return 1;
    }
    netnsAdd(k, name);
    return 0;
  }
  if (matches(cmd, 'attach')) {
    ctx.err('ip netns attach: netsim processes cannot be attached\n');
    return 1;
  }
  if (matches(cmd, 'delete')) {
    if (ctx.opts.all) {
      for (const name of names(ctx)) netnsDelete(k, name);
      return 0;
    }
    if (a.done) {
      ctx.err('No netns name specified\n');
      return 1;
    }
    const name = a.take();
    if (!k.namedNetns.has(name)) {
      ctx.err(`Cannot remove namespace file "/run/netns/${name}": No such file or directory\n`);
      return 1;
    }
    netnsDelete(k, name);
    return 0;
  }
  if (matches(cmd, 'set')) {
    if (a.rest().length < 2) {
      ctx.err('No netns name specified\n');
      return 1;
    }
    const name = a.take();
    const v = a.take();
    let id = -1;
    if (v !== 'auto') {
      if (!/^-?\d+$/.test(v)) throw invarg('Invalid "netnsid" value', v);
      id = Number(v);
      if (id < 0) throw invarg('"netnsid" value should be >= 0', v);
    }
    const ns = k.namedNetns.get(name);
    if (!ns) {
      ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
      return 1;
    }
    try {
      netnsSetId(ctx.ns, ns, id);
    } catch (e) {
      return rtnlError(ctx, e);
    }
    return 0;
  }
  if (matches(cmd, 'identify')) {
    // The caller is this process; its namespace is named when it is one of /run/netns.
    const pid = a.done ? undefined : a.take();
    if (pid !== undefined && !/^\d+$/.test(pid)) {
      ctx.err(`Invalid pid "${pid}"\n`);
      return 255;
    }
    const name = [...k.namedNetns.entries()].find(([, ns]) => ns === ctx.p.netns)?.[0];
    ctx.out(`${name ?? ''}\n`);
    return 0;
  }
  if (matches(cmd, 'pids')) {
    if (a.done) {
      ctx.err('No netns name specified\n');
      return 1;
    }
    const name = a.take();
    if (!k.namedNetns.has(name)) {
      ctx.err(`Cannot open network namespace "${name}": No such file or directory\n`);
      return 255;
    }
    return 0;
  }
  if (matches(cmd, 'exec')) return exec(ctx, a);
  if (matches(cmd, 'monitor')) {
    ctx.err('ip netns monitor: not emulated by netsim\n');
    return 1;
  }
  ctx.err(`Command "${cmd}" is unknown, try "ip netns help".\n`);
  return 255;
}
