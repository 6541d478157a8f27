// The NFNLGRP_NFTABLES notifications of iptables-nft's batches (nf_tables_api.ts): one
// message per transaction in batch order and NFT_MSG_NEWGEN per commit; nothing for a
// failed command nor for one that changes nothing (orders as the real kernel's, scenarios
// 387-389).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kernel } from '../../src/index.js';
import { ipt } from './helpers.js';
import { nsOf } from '../datapath/helpers.js';
import { nftEventListen, type NftEvent } from '../../src/kernel/netfilter/nf_tables_api.js';

/** An event as "type:table:chain-or-name[:policy]" (rules by their chain only). */
function show(m: NftEvent): string {
  switch (m.type) {
    case 16: return `gen:${m.genid}`;
    case 0: case 2: return `${m.type ? 'deltable' : 'newtable'}:${m.name}:use=${m.use}:handle=${m.handle}`;
    case 3: case 5: return `${m.type === 3 ? 'newchain' : 'delchain'}:${m.name}${m.hook ? `:policy=${m.hook.policy}:use=${m.use}` : ''}`;
    default: return `${m.type === 6 ? 'newrule' : 'delrule'}:${m.chain}`;
  }
}

test('events of commands and restores, in batch order; none for failures and reads', async () => {
  const k = new Kernel({ seed: 1 });
  const ns = nsOf(k);
  const seen: string[] = [];
  const leave = nftEventListen(ns, (m) => seen.push(show(m)));
  const run = async (cmd: string, stdin = '') => {
    const argv = cmd.split(' ');
    return (await ipt(k, ns, argv, stdin)).status;
  };
  try {
    assert.equal(await run('iptables -A INPUT -j ACCEPT'), 0);
    assert.deepEqual(seen.splice(0), ['newtable:filter:use=1:handle=1', 'newchain:INPUT:policy=1:use=1', 'newrule:INPUT', 'gen:2']);
    assert.equal(await run('iptables -N FOO'), 0);
    assert.equal(await run('iptables -A INPUT -j FOO'), 0);
    seen.splice(0);
    // A busy chain: the batch is aborted.
    assert.notEqual(await run('iptables -X FOO'), 0);
    assert.equal(await run('iptables -L -n'), 0);
    assert.deepEqual(seen.splice(0), []);
    // The base chains nf_tables has go again with zero counters; rules that counted nothing stay.
    assert.equal(await run('iptables -Z'), 0);
    assert.deepEqual(seen.splice(0), ['newchain:INPUT:policy=1:use=2', 'gen:5']);
    assert.equal(await run('iptables -P FORWARD DROP'), 0);
    assert.deepEqual(seen.splice(0), ['newchain:FORWARD:policy=1:use=0', 'newchain:FORWARD:policy=0:use=0', 'gen:6']);
    assert.equal(await run('iptables -P FORWARD ACCEPT'), 0);
    assert.equal(await run('iptables -F'), 0);
    assert.equal(await run('iptables -X'), 0);
    assert.deepEqual(seen.splice(0), [
      'newchain:FORWARD:policy=1:use=0', 'gen:7',
      'delrule:INPUT', 'delrule:INPUT', 'gen:8',
      'delchain:INPUT', 'delchain:FORWARD', 'delchain:FOO', 'gen:9',
    ]);
    // A restore of a table nf_tables has: deleted and made anew.
    assert.equal(await run('iptables -A OUTPUT -j ACCEPT'), 0);
    seen.splice(0);
    assert.equal(await run('iptables-restore', '*filter\n:INPUT DROP [0:0]\nCOMMIT\n'), 0);
    assert.deepEqual(seen.splice(0), [
      'delrule:OUTPUT', 'delchain:OUTPUT', 'deltable:filter:use=0:handle=1',
      'newtable:filter:use=1:handle=2', 'newchain:INPUT:policy=1:use=0', 'newchain:INPUT:policy=0:use=0', 'gen:11',
    ]);
  } finally {
    leave();
  }
});
