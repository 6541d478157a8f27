// What every `ip` subcommand receives: the process, the namespace it acts on (after -n),
// and the global options (ip.c's globals: -json, -pretty, -brief, -oneline, -stats, ...).
import type { Process } from '../process.js';
import type { Netns } from '../../kernel/net_namespace.js';
import { Printer } from '../lib/json_print.js';

export const AF_UNSPEC = 0, AF_INET = 2, AF_BRIDGE = 7, AF_INET6 = 10, AF_PACKET = 17, AF_MPLS = 28;

export interface IpOptions {
  family: number;
  json: boolean;
  pretty: boolean;
  brief: boolean;
  oneline: boolean;
  stats: number;
  details: number;
  color: boolean;
  resolve: boolean;
  force: boolean;
  batch?: string;
  /** -h(uman): human readable rates. */
  human: boolean;
  timestamp: boolean;
  numeric: boolean;
  all: boolean;
}

export interface IpContext {
  p: Process;
  ns: Netns;
  opts: IpOptions;
  out(text: string): void;
  err(text: string): void;
  printer(): Printer;
}

export function makePrinter(o: IpOptions): Printer {
  return new Printer(o.json, o.pretty, o.color && !o.json);
}
