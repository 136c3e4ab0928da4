// From parse results to what reconciliation takes: results of one tool merged (several files
// of one tool are one run of it), fingerprinted, rated and grouped. Pure.
import type { GroupingPolicy, IngestConfig } from '../config/schema.js';
import { fingerprintFindings } from './fingerprint.js';
import { groupOf, policyFor } from './grouping.js';
import type { Incoming } from './reconcile.js';
import { severityDecider } from './severity.js';
import type { CoverageMetrics, ParseResult, TestMetrics } from './types.js';

export interface ToolBatch {
  tool: string;
  /** Overrides the request's scope (scan commands each name their own). */
  scope?: string;
  incoming: Incoming[];
  tests?: TestMetrics;
  coverage?: CoverageMetrics;
}

export function prepareBatches(results: ParseResult[], config: Pick<IngestConfig, 'grouping' | 'severity'>): ToolBatch[] {
  const byTool = new Map<string, ParseResult[]>();
  for (const result of results) byTool.set(result.tool, [...(byTool.get(result.tool) ?? []), result]);
  const decide = severityDecider(config.severity);
  return [...byTool].map(([tool, parts]) => {
    const raw = parts.flatMap((p) => p.findings);
    const findings = fingerprintFindings(tool, raw);
    const policies = new Map<string | null, GroupingPolicy>();
    // Groups and reasons repeat across findings: one string each, not one per finding (a group
    // of policy "finding" is its finding's own).
    const shared = new Map<string, string>();
    const share = (text: string): string => {
      const known = shared.get(text);
      if (known !== undefined) return known;
      shared.set(text, text);
      return text;
    };
    const incoming = findings.map((finding): Incoming => {
      const { severity, reason } = decide(finding, tool);
      let policy = policies.get(finding.rule);
      if (policy === undefined) {
        policy = policyFor(tool, finding.rule, config.grouping);
        policies.set(finding.rule, policy);
      }
      return { finding, severity, severityReason: share(reason), policy, group: policy === 'finding' ? groupOf(finding, policy) : share(groupOf(finding, policy)) };
    });
    const batch: ToolBatch = { tool, incoming };
    const tests = sumTests(parts);
    if (tests !== undefined) batch.tests = tests;
    const coverage = parts.findLast((p) => p.coverage !== undefined)?.coverage;
    if (coverage !== undefined) batch.coverage = coverage;
    return batch;
  });
}

function sumTests(parts: ParseResult[]): TestMetrics | undefined {
  const withTests = parts.filter((p) => p.tests !== undefined);
  if (withTests.length === 0) return undefined;
  return withTests.reduce<TestMetrics>(
    (acc, p) => ({
      passed: acc.passed + (p.tests?.passed ?? 0),
      failed: acc.failed + (p.tests?.failed ?? 0),
      skipped: acc.skipped + (p.tests?.skipped ?? 0),
      total: acc.total + (p.tests?.total ?? 0),
    }),
    { passed: 0, failed: 0, skipped: 0, total: 0 },
  );
}
