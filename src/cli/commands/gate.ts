import type { Command } from 'commander';
import { type GateItem, type GateResult, gateJson } from '../../rules/gate.js';
import { runGate } from '../../services/checks.js';
import type { CliContext } from '../context.js';

const MARK: Record<GateItem['status'], string> = { pass: '✓', fail: '✗', unknown: '?' };

/** The text CI logs show: the verdict first, then every item that holds the gate shut. */
export function renderGate(g: GateResult): string {
  const { pass, fail, unknown } = g.counts;
  const total = g.items.length;
  const verdict = g.passed ? 'PASSED' : 'FAILED';
  const parts = [`${pass}/${total} pass`, fail ? `${fail} failing` : '', unknown ? `${unknown} without data` : ''].filter(Boolean);
  const lines = [`Gate ${g.gate} — ${g.title}: ${verdict} (${parts.join(', ')})`];
  if (total === 0) lines.push('', '  (the checklist has no items)');
  const blocking = g.items.filter((i) => i.status !== 'pass');
  if (blocking.length) lines.push('');
  for (const i of blocking) {
    lines.push(`  ${MARK[i.status]} ${i.index + 1}. ${i.text}${i.status === 'unknown' ? '  [no data]' : ''}`);
    if (i.rule) lines.push(`       rule: ${i.rule}`);
    if (i.reason) lines.push(`       why:  ${i.reason}`);
    if (i.fix) lines.push(`       fix:  ${i.fix}`);
  }
  const passing = g.items.filter((i) => i.status === 'pass');
  if (passing.length) {
    lines.push('');
    for (const i of passing) lines.push(`  ✓ ${i.index + 1}. ${i.text}${i.reason ? `  (${i.reason})` : ''}`);
  }
  if (unknown && !fail) lines.push('', 'Items without data count as not passing: feed the data (see fix) and run the gate again.');
  return lines.join('\n');
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('gate')
    .argument('<checklist>', 'a checklist or phase key')
    .description('evaluate a checklist as a release gate: exit 0 when every item passes, 1 otherwise')
    .action(async (key: string) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const result = await runGate(store, project, key);
      if (!result.passed) ctx.exitCode = 1;
      if (ctx.json) return ctx.out.json(gateJson(result));
      ctx.out.print(renderGate(result));
    });
}
