// ip rule without -4/-6: iproute2 6.1 leaves frh.family unspecified while parsing and makes
// it AF_INET at the end, so an IPv6 selector goes out as an AF_INET rule with a 16-byte
// address, which fib_nl2rule() refuses. Expected texts recorded on the real kernel
// (test/conformance/scenarios/073-rule-errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from './run.js';

test('an IPv6 prefix without -6 is an AF_INET rule the kernel refuses', async () => {
  assert.equal(await scenario(`
ip rule add from 2001:db8::/32 table 5
ip -6 rule add from 10.0.0.0/8 table 5
ip -6 rule add from 2001:db8::/32 table 5
ip -6 rule
`), `+ ip rule add from 2001:db8::/32 table 5
Error: Invalid source address.
[exit 2]
+ ip -6 rule add from 10.0.0.0/8 table 5
Error: inet6 prefix is expected rather than "10.0.0.0/8".
[exit 1]
+ ip -6 rule add from 2001:db8::/32 table 5
+ ip -6 rule
0:	from all lookup local
32765:	from 2001:db8::/32 lookup 5
32766:	from all lookup main
`);
});
