import { test } from 'node:test';
import assert from 'node:assert/strict';
import { get16, toHex } from '../../src/wire/bytes.js';
import { ETH_P_8021AD, ETH_P_8021Q, ETH_P_ARP, parseEthernet } from '../../src/wire/ethernet.js';
import {
  VlanTag, emitVlan, innermostEthertypeOffset, isVlanEthertype, parseVlan, vlanInsertTag,
  vlanRemoveTag, vlanTci,
} from '../../src/wire/vlan.js';
import { parseArp } from '../../src/wire/arp.js';
import { qinqArpRequest, vlanArpRequest, arpRequest } from './fixtures.js';
import { ip4 } from './helpers.js';

test('802.1Q: vlan 10, p 0, ARP inside', () => {
  const eth = parseEthernet(vlanArpRequest)!;
  assert.equal(eth.ethertype, ETH_P_8021Q);
  assert.ok(isVlanEthertype(eth.ethertype));
  const tag = parseVlan(eth.payload)!;
  assert.deepEqual({ pcp: tag.pcp, dei: tag.dei, vid: tag.vid, ethertype: tag.ethertype },
    { pcp: 0, dei: false, vid: 10, ethertype: ETH_P_ARP });
  const arp = parseArp(tag.payload)!;
  assert.equal(arp.tpa, ip4('10.0.9.2'));
  assert.equal(toHex(emitVlan(tag)), toHex(eth.payload));
});

test('802.1ad QinQ: outer vid 100, inner vid 10 p 5', () => {
  const eth = parseEthernet(qinqArpRequest)!;
  assert.equal(eth.ethertype, ETH_P_8021AD);
  const outer = parseVlan(eth.payload)!;
  assert.equal(outer.vid, 100);
  assert.equal(outer.pcp, 0);
  assert.equal(outer.ethertype, ETH_P_8021Q);
  const inner = parseVlan(outer.payload)!;
  assert.equal(inner.vid, 10);
  assert.equal(inner.pcp, 5);
  assert.equal(inner.ethertype, ETH_P_ARP);
  assert.equal(innermostEthertypeOffset(qinqArpRequest), 20);
  assert.equal(get16(qinqArpRequest, 20), ETH_P_ARP);
  assert.equal(innermostEthertypeOffset(vlanArpRequest), 16);
  assert.equal(innermostEthertypeOffset(arpRequest), 12);
  assert.equal(innermostEthertypeOffset(qinqArpRequest.subarray(0, 19)), -1);
});

test('view getters and setters', () => {
  const buf = vlanArpRequest.slice();
  const t = new VlanTag(buf, 14);
  assert.ok(t.isValid);
  assert.equal(t.tci, 10);
  t.pcp = 5;
  t.dei = true;
  t.vid = 4095;
  assert.equal(t.tci, 0xbfff);
  assert.equal(t.pcp, 5);
  assert.equal(t.dei, true);
  t.vid = 10;
  t.dei = false;
  assert.equal(t.tci, 0xa00a);
  assert.equal(vlanTci({ pcp: 5, dei: false, vid: 10 }), 0xa00a);
  assert.equal(t.ethertype, ETH_P_ARP);
  assert.equal(VlanTag.check(buf, buf.length - 3), false);
  assert.equal(parseVlan(new Uint8Array(3)), undefined);
});

test('inserting the captured tag into the untagged frame gives the tagged frame', () => {
  const untagged = vlanRemoveTag(vlanArpRequest)!;
  assert.equal(untagged.length, vlanArpRequest.length - 4);
  assert.equal(get16(untagged, 12), ETH_P_ARP);
  assert.deepEqual(vlanInsertTag(untagged, ETH_P_8021Q, 10), vlanArpRequest);
  const qinq = vlanInsertTag(vlanInsertTag(untagged, ETH_P_8021Q, 0xa00a), ETH_P_8021AD, 100);
  assert.deepEqual(qinq, qinqArpRequest);
  assert.equal(vlanRemoveTag(arpRequest), undefined);
});
