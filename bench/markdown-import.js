// Markdown import at scale (SPEC §11: a 10 MB document, ~100k register rows, in under 10 s and
// 1 GB). Run after `npm run build`:  node bench/markdown-import.js   (BENCH_SIZE=small in CI)
// The floor, measured in the same run: read the text and split every row into its cells with a
// bare string split — what any reader of the same rows must at least do.
import { parseAuditMarkdown } from '../dist/documents/parse-audit-markdown.js';
import { benchSize, mb, secs, timed } from './sizes.js';

const N = benchSize(100_000, 2_000);
const SEV = ['🔴 CRITICAL (Priority 1)', '🟠 MAJOR (Priority 2)', '🟡 MEDIUM (Priority 3)', '🟢 MINOR (Priority 4)'];
const ST = ['🔄 IN PROGRESS', '✅ RESOLVED', '📋 PLANNED', '⛔ BLOCKED', '📋 BACKLOG'];

const lines = ['# BENCH AUDIT - REGISTER', '**Owner**: Bench', ''];
for (let s = 0; s < 4; s++) {
  lines.push(`## ${SEV[s]}`, '', '| ID | Issue | File | Status | Owner | ETA |', '|----|-------|------|--------|-------|-----|');
  for (let i = s; i < N; i += 4) {
    lines.push(`| X${i} | Something is wrong in module ${i % 700} when the input is large | \`src/m${i % 700}/f${i}.ts\` | ${ST[i % 5]} | Team ${i % 12} | ${(i % 8) + 1}hrs |`);
  }
  lines.push('');
}
const text = lines.join('\n');

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const floor = await timed(() => text.split('\n').reduce((n, l) => n + l.split('|').length, 0));
const run = await timed(() => parseAuditMarkdown(text));
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(`${N} rows, ${mb(Buffer.byteLength(text))} of Markdown: import ${secs(run.ms)} (${(run.ms / N).toFixed(2)} ms/row), floor ${floor.ms.toFixed(1)} ms, ratio ${(run.ms / Math.max(floor.ms, 0.01)).toFixed(0)}x; peak RSS ${mb(peak)}; ${run.result.document.issues.length} issues`);
