// `node --import dist/test/cli/preload.js bin/netsim ...`: adds the test-only tools to the tool
// table of that netsim process (a no-op test file when the test runner loads it on its own).
import { tools } from '../../src/tools/index.js';
import { sleep } from '../../src/tools/sleep.js';
import { testTools } from '../shell/testtools.js';

Object.assign(tools, testTools);
// Until tools/index.ts registers it.
if (!tools.sleep) tools.sleep = sleep;
