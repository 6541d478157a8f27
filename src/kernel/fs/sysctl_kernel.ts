// The per-machine part of /proc/sys a network script touches: kernel.hostname and
// domainname (the UTS namespace, one per emulated machine), kernel.random.boot_id/uuid,
// the kernel's identity, and a few fs/vm limits. Values not tied to the emulation are
// those of the machine the corpus was recorded on.
import { randomUUID } from 'node:crypto';
import { release, version } from 'node:os';
import { registerTable, registerSysctl, customFile, parseString, kernelStore, type Row } from './sysctl_core.js';

const RW = 0o644, RO = 0o444;

/** __NEW_UTS_LEN + 1 */
const UTS_LEN = 65;

// proc_do_uts_string(): kernel.hostname / kernel.domainname.
registerSysctl('kernel', function* (ctx) {
  const k = ctx.kernel;
  yield ['hostname', customFile(RW, () => `${k.hostname}\n`, (t) => { k.hostname = parseString(t, UTS_LEN); })];
  const store = kernelStore(k);
  yield ['domainname', customFile(RW, () => `${(store.get('kernel/domainname') as string | undefined) ?? '(none)'}\n`, (t) => {
    store.set('kernel/domainname', parseString(t, UTS_LEN));
  })];
  yield ['osrelease', customFile(RO, () => `${release()}\n`, () => {})];
  yield ['ostype', customFile(RO, () => 'Linux\n', () => {})];
  yield ['version', customFile(RO, () => `${version()}\n`, () => {})];
});

// drivers/char/random.c
registerSysctl('kernel/random', function* (ctx) {
  yield ['boot_id', customFile(RO, () => `${ctx.kernel.bootId}\n`, () => {})];
  yield ['uuid', customFile(RO, () => `${randomUUID()}\n`, () => {})];
});

registerTable('kernel/random', 'kernel', [
  ['entropy_avail', RO, 'i', 256],
  ['poolsize', RO, 'i', 256],
  ['urandom_min_reseed_secs', RW, 'i', 60],
  ['write_wakeup_threshold', RW, 'i', 256],
]);

const KERNEL_ROWS: Row[] = [
  ['core_pattern', RW, 's:128', 'core'],
  ['ngroups_max', RO, 'i', 65536],
  ['overflowgid', RW, 'i:0:65535', 65534],
  ['overflowuid', RW, 'i:0:65535', 65534],
  ['panic', RW, 'i', 1],
  ['pid_max', RW, 'i:301:4194304', 32768],
  ['printk', RW, 'v4', [4, 4, 1, 7]],
  ['randomize_va_space', RW, 'i', 2],
  ['threads-max', RW, 'i:20:1073741823', 192730],
];
registerTable('kernel', 'kernel', KERNEL_ROWS);

registerTable('vm', 'kernel', [
  ['dirty_ratio', RW, 'i:0:100', 20],
  ['max_map_count', RW, 'i:0:2147483647', 65530],
  ['overcommit_memory', RW, 'i:0:2', 0],
  ['overcommit_ratio', RW, 'i', 50],
  ['swappiness', RW, 'i:0:200', 60],
]);

registerTable('fs', 'kernel', [
  ['file-max', RW, 'ul', 2466171n],
  ['nr_open', RW, 'i:0:1073741816', 1048576],
]);

registerTable('fs/inotify', 'kernel', [
  ['max_queued_events', RW, 'i:0:2147483647', 16384],
  ['max_user_instances', RW, 'i:0:2147483647', 128],
  ['max_user_watches', RW, 'i:0:2147483647', 192536],
]);
