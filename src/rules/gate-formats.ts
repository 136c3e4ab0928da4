// A gate's result for CI systems: Markdown for a job summary, JUnit XML so each item shows as a
// test case (a failing item is a failure; an item without evidence is a failure while it holds
// the gate shut, a skip when the gate was run with --allow-unknown). Pure.
import { XMLBuilder } from 'fast-xml-parser';
import type { GateItem, GateResult } from './gate.js';

const ICON: Record<GateItem['status'], string> = { pass: '✅', fail: '❌', unknown: '❔' };

/** One table cell: no line breaks, no column breaks, no markup from the data. */
function cell(text: string | null): string {
  if (text === null || text === '') return '';
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

const code = (text: string | null): string => (text ? `<code>${cell(text)}</code>` : '');

export function summaryLine(g: GateResult): string {
  const { pass, fail, unknown } = g.counts;
  const parts = [`${pass}/${g.items.length} pass`, fail ? `${fail} failing` : '', unknown ? `${unknown} without data${g.allowUnknown ? ' (allowed)' : ''}` : ''];
  return parts.filter(Boolean).join(', ');
}

export function gateMarkdown(g: GateResult): string {
  const verdict = g.passed ? 'PASSED' : 'FAILED';
  const lines = [`### ${g.passed ? '✅' : '❌'} Gate \`${g.gate}\` — ${cell(g.title)}: ${verdict}`, '', summaryLine(g)];
  if (g.reason) lines.push('', `> ${cell(g.reason)}`);
  if (g.items.length > 0) {
    lines.push('', '| | # | Item | Status | Why | Fix |', '|---|---|---|---|---|---|');
    for (const i of g.items) {
      lines.push(`| ${ICON[i.status]} | ${i.index + 1} | ${cell(i.text)} | ${i.status} | ${cell(i.reason)} | ${code(i.fix)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// XML 1.0 cannot carry most control characters, not even escaped.
// eslint-disable-next-line no-control-regex
const xmlText = (text: string): string => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');

function detail(i: GateItem): string {
  return [i.reason, i.rule ? `rule: ${i.rule}` : null, i.fix ? `fix: ${i.fix}` : null].filter((x): x is string => x !== null).join('\n');
}

export function gateJunit(g: GateResult): string {
  const holdsShut = (status: GateItem['status']): boolean => status === 'fail' || (status === 'unknown' && !g.allowUnknown);
  const cases: Record<string, unknown>[] = g.items.map((i) => {
    const testcase: Record<string, unknown> = { '@_classname': xmlText(`punchlist.gate.${g.gate}`), '@_name': xmlText(`${i.index + 1}. ${i.text}`) };
    if (i.status !== 'pass') {
      const body = { '@_message': xmlText(i.reason ?? (i.status === 'unknown' ? 'no data' : 'failed')), '@_type': i.status, '#text': xmlText(detail(i)) };
      if (holdsShut(i.status)) testcase.failure = body;
      else testcase.skipped = { '@_message': body['@_message'] };
    }
    return testcase;
  });
  if (g.reason) {
    const body = { '@_message': xmlText(g.reason), '@_type': 'unknown' };
    cases.push({ '@_classname': xmlText(`punchlist.gate.${g.gate}`), '@_name': '(no items)', ...(g.allowUnknown ? { skipped: body } : { failure: body }) });
  }
  const failures = cases.filter((c) => 'failure' in c).length;
  const skipped = cases.filter((c) => 'skipped' in c).length;
  const counts = { '@_tests': cases.length, '@_failures': failures, '@_errors': 0, '@_skipped': skipped };
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': 'punchlist gates',
      ...counts,
      testsuite: { '@_name': xmlText(`gate ${g.gate}: ${g.title}`), ...counts, testcase: cases },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, processEntities: true });
  return builder.build(doc);
}
