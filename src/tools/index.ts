// The programs netsim's userspace provides, by the name they are invoked as.
import { installTools } from '../kernel/kernel.js';
import type { Tool } from './process.js';
import { ip } from './ip/main.js';
import { sleep } from './sleep.js';
import { bridge } from './bridge/main.js';
import { sudo } from './sudo.js';

export const tools: Record<string, Tool> = {
  ip,
  bridge,
  sleep,
  sudo,
};

installTools(tools);
