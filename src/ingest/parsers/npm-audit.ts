// `npm audit --json`, report version 2 (npm 7+): one entry per vulnerable package; `via` holds
// advisories (objects) or the names of vulnerable dependencies it is affected through (strings).
// One finding per (package, advisory); a package vulnerable only through others gets one finding
// naming them, so fixing the root cause fixes both.
import { z } from 'zod';
import { badInput } from '../../domain/errors.js';
import type { ParseResult, RawFinding } from '../types.js';
import { describeIssue } from './zod-message.js';

const NPM_SEVERITY = { critical: 'critical', high: 'major', moderate: 'medium', low: 'minor', info: 'minor' } as const;
const npmSeverity = z.enum(['critical', 'high', 'moderate', 'low', 'info']);

const advisory = z.looseObject({
  source: z.union([z.number(), z.string()]),
  name: z.string(),
  title: z.string(),
  url: z.string().optional(),
  severity: npmSeverity,
  range: z.string().optional(),
});

const auditSchema = z.looseObject({
  auditReportVersion: z.literal(2),
  vulnerabilities: z.record(
    z.string(),
    z.looseObject({
      name: z.string(),
      severity: npmSeverity,
      isDirect: z.boolean().optional(),
      via: z.array(z.union([z.string(), advisory])),
      range: z.string().optional(),
      nodes: z.array(z.string()).optional(),
      fixAvailable: z.union([z.boolean(), z.looseObject({ name: z.string(), version: z.string() })]).optional(),
    }),
  ),
});

export const isNpmAudit = (doc: unknown): boolean =>
  typeof doc === 'object' && doc !== null && 'auditReportVersion' in doc;

export function parseNpmAudit(doc: unknown): ParseResult[] {
  if (typeof doc === 'object' && doc !== null && 'advisories' in doc && !('auditReportVersion' in doc)) {
    throw badInput('npm audit: this is the npm 6 (v1) report; run npm 7 or later for auditReportVersion 2');
  }
  const parsed = auditSchema.safeParse(doc);
  if (!parsed.success) throw badInput(`npm audit: ${describeIssue(parsed.error)}`);
  const findings: RawFinding[] = [];
  for (const vuln of Object.values(parsed.data.vulnerabilities)) {
    const file = vuln.nodes?.[0] ?? `node_modules/${vuln.name}`;
    const fix = fixText(vuln.fixAvailable);
    const advisories = vuln.via.filter((v): v is z.infer<typeof advisory> => typeof v !== 'string');
    for (const adv of advisories) {
      const id = adv.url?.match(/GHSA-[a-z0-9-]+/i)?.[0] ?? String(adv.source);
      findings.push({
        rule: id,
        level: adv.severity,
        message: `${vuln.name} ${adv.range ?? ''}: ${adv.title}${fix}`.replace(/\s+:/, ':'),
        file,
        line: null,
        col: null,
        toolFingerprint: `${vuln.name}\u0000${id}`,
        severityHint: NPM_SEVERITY[adv.severity],
        data: { package: vuln.name, advisory: adv.url ?? null, direct: vuln.isDirect ?? null },
      });
    }
    if (advisories.length === 0) {
      const through = vuln.via.filter((v): v is string => typeof v === 'string');
      findings.push({
        rule: 'vulnerable-dependency',
        level: vuln.severity,
        message: `${vuln.name} is vulnerable through ${through.join(', ')}${fix}`,
        file,
        line: null,
        col: null,
        toolFingerprint: `${vuln.name}\u0000via`,
        severityHint: NPM_SEVERITY[vuln.severity],
        data: { package: vuln.name, via: through, direct: vuln.isDirect ?? null },
      });
    }
  }
  return [{ format: 'npm-audit', tool: 'npm-audit', findings }];
}

function fixText(fix: z.infer<typeof auditSchema>['vulnerabilities'][string]['fixAvailable']): string {
  if (fix === undefined || fix === false) return ' (no fix available)';
  if (fix === true) return ' (fix: npm audit fix)';
  return ` (fix: ${fix.name}@${fix.version})`;
}
