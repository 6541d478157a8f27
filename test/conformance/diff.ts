// A small line diff (LCS), printed as a unified diff. No dependency.

/** A unified diff of two texts, line by line, with `context` lines around changes. */
export function unifiedDiff(expected: string, actual: string, labels = ['recorded', 'netsim'], context = 3): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Trim the common prefix and suffix, then an LCS table on the middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  type Op = { kind: ' ' | '-' | '+'; line: string; ai: number; bi: number };
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i]!, ai: i, bi: i });
  const n = am.length;
  const m = bm.length;
  if (n * m <= 25_000_000) {
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = am[i] === bm[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && am[i] === bm[j]) {
        ops.push({ kind: ' ', line: am[i]!, ai: pre + i, bi: pre + j });
        i++;
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        ops.push({ kind: '-', line: am[i]!, ai: pre + i, bi: pre + j });
        i++;
      } else {
        ops.push({ kind: '+', line: bm[j]!, ai: pre + i, bi: pre + j });
        j++;
      }
    }
  } else {
    am.forEach((line, k) => ops.push({ kind: '-', line, ai: pre + k, bi: pre }));
    bm.forEach((line, k) => ops.push({ kind: '+', line, ai: pre + n, bi: pre + k }));
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', line: a[a.length - suf + k]!, ai: a.length - suf + k, bi: b.length - suf + k });

  // Group the changes into hunks: changes closer than 2*context lines share one.
  const changed: number[] = [];
  ops.forEach((o, idx) => {
    if (o.kind !== ' ') changed.push(idx);
  });
  const out: string[] = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  let c = 0;
  while (c < changed.length) {
    let last = c;
    while (last + 1 < changed.length && changed[last + 1]! - changed[last]! <= 2 * context + 1) last++;
    const from = Math.max(0, changed[c]! - context);
    const to = Math.min(ops.length, changed[last]! + context + 1);
    const hunk = ops.slice(from, to);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    const aStart = hunk[0]!.ai + 1;
    const bStart = hunk[0]!.bi + 1;
    out.push(`@@ -${aLen ? aStart : aStart - 1},${aLen} +${bLen ? bStart : bStart - 1},${bLen} @@`);
    for (const o of hunk) out.push(o.kind + o.line);
    c = last + 1;
  }
  return out.join('\n');
}
