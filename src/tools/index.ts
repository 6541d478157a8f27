// The programs netsim's userspace provides, by the name they are invoked as.
import { installTools } from '../kernel/kernel.js';
import type { Tool } from './process.js';

export const tools: Record<string, Tool> = {};

installTools(tools);
