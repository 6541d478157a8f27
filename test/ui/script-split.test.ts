// Scenario scripts cut into top-level commands: compound commands, quotes, here-documents,
// continuations and comments stay inside the step they belong to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/shell/shims.js';
import { splitScript } from '../../src/cli/ui/script-split.js';

test('the steps of a script', () => {
  const cases: [string, string[]][] = [
    ['a\nb; c\n\n# only a comment\nd # trailing\n', ['a', 'b; c', 'd # trailing']],
    ['case $x in\n a) echo a;;\n (b) echo "b)";;\nesac\necho done\n', ['case $x in\n a) echo a;;\n (b) echo "b)";;\nesac', 'echo done']],
    ['if true\nthen\n  echo $(echo ")")\nfi\nx', ['if true\nthen\n  echo $(echo ")")\nfi', 'x']],
    ['a && \\\n b\nx |\n y\nm &&\n n', ['a && \\\n b', 'x |\n y', 'm &&\n n']],
    ['{ echo 1; }\n( cd /; ls\n)\nfor i in 1 2\ndo echo $i; done\n', ['{ echo 1; }', '( cd /; ls\n)', 'for i in 1 2\ndo echo $i; done']],
    ["cat <<-E1; echo z\n\tbody\n\tE1\ncat <<'E O'\nx\nE O\nn=$((n + 1))\necho ${p%%:*} ${p#*:}\n", ["cat <<-E1; echo z\n\tbody\n\tE1", "cat <<'E O'\nx\nE O", 'n=$((n + 1))', 'echo ${p%%:*} ${p#*:}']],
    ["echo 'it''s\n fi'\nwhile read l; do\n  echo \"$l\"\ndone < f\n", ["echo 'it''s\n fi'", 'while read l; do\n  echo "$l"\ndone < f']],
  ];
  for (const [script, steps] of cases) assert.deepEqual(splitScript(script), steps, script);
});

test('the kube-proxy example: its loop and its here-document are one step each', () => {
  const steps = splitScript(readFileSync(join(ROOT, 'examples', 'kube-proxy.sh'), 'utf8'));
  assert.match(steps[0]!, /^\( sysctl -n net\.bridge/);
  const loop = steps.find((s) => s.startsWith('for pod in'))!;
  assert.match(loop, /\n\tn=\$\(\(n \+ 1\)\)\ndone$/);
  const restore = steps.find((s) => s.includes('iptables-restore'))!;
  assert.match(restore, /^ip netns exec node iptables-restore --noflush <<'EOF'\n\*nat\n[^]*\nCOMMIT\nEOF$/);
  assert.equal(steps.at(-1), 'ip netns exec node conntrack -L 2>&1 | sort');
  assert.equal(steps.length, 20);
});
