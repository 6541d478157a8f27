// The library entry point: an emulated kernel with every protocol and tool loaded.
//   const k = new Kernel({ seed: 1 });
//   const { stdout, status } = await k.exec('ip link add veth0 type veth peer name veth1');
import './kernel/modules.js';
import './tools/index.js';

export { Kernel, type KernelOptions, type ExecResult, type SpawnOptions } from './kernel/kernel.js';
export { addNic, plug, unplug, EtherNic } from './kernel/drivers/ether.js';
export { Clock } from './kernel/clock.js';
