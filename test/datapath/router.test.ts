// The IPv4 datapath against recordings of the real kernel (fixtures/*.out).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runScenario, fixture, blocks } from './scenario.js';

/** NUD states that depend on timing (random reachable time) are not compared. */
const anyNud = (_cmd: string, l: string) => l.replace(/ (REACHABLE|STALE|DELAY|PROBE) $/, ' NUD ');

test('router namespace: forwarding, TTL exceeded, unreachable routes, ICMP rate limit', async () => {
  const got = await runScenario(fixture('datapath/fixtures/router.sh'));
  assert.deepEqual(blocks(got, anyNud), blocks(fixture('datapath/fixtures/router.out'), anyNud));
});

test('rp_filter strict/loose, ping -I, broadcast pings, arp_ignore', async () => {
  const got = await runScenario(fixture('datapath/fixtures/rp_filter.sh'));
  assert.deepEqual(blocks(got, anyNud), blocks(fixture('datapath/fixtures/rp_filter.out'), anyNud));
});

test('path MTU: frag needed from the router, learned PMTU, ICMP rate limit burst', async () => {
  const got = await runScenario(fixture('datapath/fixtures/pmtu_ratelimit.sh'));
  assert.deepEqual(blocks(got), blocks(fixture('datapath/fixtures/pmtu_ratelimit.out')));
});

test('ICMP redirects from a router; gratuitous ARP with arp_notify', async () => {
  const got = await runScenario(fixture('datapath/fixtures/redirect_garp.sh'));
  assert.deepEqual(blocks(got), blocks(fixture('datapath/fixtures/redirect_garp.out')));
});
