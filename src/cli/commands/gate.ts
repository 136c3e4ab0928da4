import { type Command, Option } from 'commander';
import { type GateItem, type GateResult, gateJson } from '../../rules/gate.js';
import { gateJunit, gateMarkdown, summaryLine } from '../../rules/gate-formats.js';
import { runGate } from '../../services/checks.js';
import type { CliContext } from '../context.js';

const MARK: Record<GateItem['status'], string> = { pass: '✓', fail: '✗', unknown: '?' };

/** The text CI logs show: the verdict first, then every item that holds the gate shut. */
export function renderGate(g: GateResult): string {
  const { fail, unknown } = g.counts;
  const verdict = g.passed ? 'PASSED' : 'FAILED';
  const lines = [`Gate ${g.gate} — ${g.title}: ${verdict} (${summaryLine(g)})`];
  if (g.reason) lines.push('', `  ? ${g.reason}`);
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
  if ((unknown || g.reason) && !fail && !g.allowUnknown) {
    lines.push('', 'Items without data count as not passing: provide the evidence (see fix) and run the gate again, or run it with --allow-unknown.');
  }
  return lines.join('\n');
}

const FORMATS = ['text', 'json', 'md', 'junit'] as const;

export function register(program: Command, ctx: CliContext): void {
  program
    .command('gate')
    .argument('<checklist>', 'a checklist or phase key')
    .description('evaluate a checklist as a release gate: exit 0 when every item passes, 1 otherwise')
    .option('--allow-unknown', 'let items without data (no evidence yet) through; failing items still fail the gate')
    .addOption(new Option('--format <format>', 'text, json, md (a CI job summary) or junit (XML, one test case per item)').choices(FORMATS).default('text'))
    .action(async (key: string, o: { allowUnknown?: boolean; format: (typeof FORMATS)[number] }) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const result = await runGate(store, project, key, { allowUnknown: o.allowUnknown === true });
      if (!result.passed) ctx.exitCode = 1;
      const format = ctx.json ? 'json' : o.format;
      if (format === 'json') return ctx.out.json(gateJson(result));
      if (format === 'md') return ctx.out.raw(gateMarkdown(result));
      if (format === 'junit') return ctx.out.raw(gateJunit(result));
      ctx.out.print(renderGate(result));
    });
}
