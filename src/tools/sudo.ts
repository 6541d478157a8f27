// sudo: scripts written for a root shell often say `sudo ip ...`. netsim's user already acts
// as root in the emulated kernel, so sudo runs its command as is (options are accepted and
// ignored, as with a NOPASSWD root rule).
import type { Tool } from './process.js';

export const sudo: Tool = async (p) => {
  const args = p.argv.slice(1);
  let i = 0;
  while (i < args.length && args[i]!.startsWith('-')) {
    const o = args[i++]!;
    if (o === '--') break;
    if (['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U'].includes(o)) i++;
  }
  const cmd = args.slice(i);
  if (cmd.length === 0) {
    p.stderr('usage: sudo -h | -K | -k | -V\n');
    return 1;
  }
  try {
    return await p.exec(cmd, {});
  } catch (e) {
    p.stderr(`sudo: ${cmd[0]}: command not found\n`);
    return 1;
  }
};
