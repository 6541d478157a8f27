// The netdevice notifier chain (register_netdevice_notifier): protocols learn of device
// events here — IPv4 adds/removes its routes, IPv6 runs addrconf, bridges track ports.
import type { NetDevice } from './netdevice.js';

export type NetdevEvent =
  | 'REGISTER' | 'UNREGISTER' | 'UP' | 'GOING_DOWN' | 'DOWN' | 'CHANGE' | 'CHANGEMTU'
  | 'CHANGEADDR' | 'CHANGENAME' | 'CHANGEUPPER';

type Listener = (event: NetdevEvent, dev: NetDevice) => void;
const chain: Listener[] = [];

export function registerNetdeviceNotifier(l: Listener): void {
  chain.push(l);
}

/** call_netdevice_notifiers() */
export function callNetdeviceNotifiers(event: NetdevEvent, dev: NetDevice): void {
  for (const l of chain) l(event, dev);
}
