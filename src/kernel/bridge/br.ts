// net/bridge/br.c: the bridge module — its netdevice notifier (br_device_event), through which
// ports follow their devices (up/down, carrier, MTU, address, unregistration), and the
// registration of the "bridge" link kind. Importing this file loads the whole bridge.
import { registerNetdeviceNotifier } from '../core/notifier.js';
import { Bridge } from './br_device.js';
import { brDelIf, brDevDelete, brMtuAutoAdjust, brPortCarrierCheck } from './br_if.js';
import { brFdbChangeaddr, brFdbChangeMacAddress } from './br_fdb.js';
import { brPortOf, macEq } from './br_private.js';
import { brNotifyChangeAddr, brStpChangeBridgeId, brStpDisablePort, brStpEnablePort, brStpRecalculateBridgeId, netifOperUp } from './br_stp_if.js';
import './br_netlink.js';
import './br_sysfs_if.js';
import './br_sysfs_br.js';

registerNetdeviceNotifier((event, dev) => {
  if (dev instanceof Bridge) {
    if (event === 'REGISTER') {
      // The bridge's own address is a local FDB entry from the start.
      brFdbChangeMacAddress(dev, dev.addr, dev.addr);
      return;
    }
    if (event === 'UNREGISTER') {
      brDevDelete(dev);
      return;
    }
    if (event === 'CHANGEADDR' && !macEq(dev.addr, dev.ownAddr)) {
      // br_set_mac_address(): a user-chosen address becomes the bridge id.
      brStpChangeBridgeId(dev, dev.addr.slice());
      return;
    }
  }
  const p = brPortOf(dev);
  if (!p) return;
  const br = p.br;
  switch (event) {
    case 'CHANGEMTU':
      brMtuAutoAdjust(br);
      break;
    case 'CHANGEADDR':
      brFdbChangeaddr(p, dev.addr);
      if (brStpRecalculateBridgeId(br)) brNotifyChangeAddr(br);
      break;
    case 'CHANGE':
      brPortCarrierCheck(p);
      break;
    case 'DOWN':
      if (br.isUp) brStpDisablePort(p);
      break;
    case 'UP':
      if (br.isUp && netifOperUp(p)) brStpEnablePort(p);
      break;
    case 'UNREGISTER':
      brDelIf(br, dev);
      break;
    default:
      break;
  }
});
