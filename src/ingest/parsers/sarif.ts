// SARIF 2.1.0 from any tool. Both readers (the whole document parsed at once, and the streaming
// one for files too big for one string) feed the same SarifCollector, so they cannot disagree.
import type { Severity } from '../../domain/enums.js';
import { badInput } from '../../domain/errors.js';
import { normalizePath } from '../paths.js';
import type { ParseOptions, ParseResult, RawFinding } from '../types.js';
import {
  type SarifBases,
  type SarifResult,
  type SarifRule,
  type SarifTool,
  sarifBasesSchema,
  sarifResultSchema,
  sarifToolSchema,
} from './sarif-model.js';
import { isWellFormedResult } from './sarif-fast.js';
import { describeIssue } from './zod-message.js';

/** How many distinct rules, levels or paths are kept as shared strings at once. */
const SHARED_MAX = 50_000;

/** Results that are not problems (SARIF §3.27.9: kind other than fail/open/review). */
const NOT_A_PROBLEM = new Set(['pass', 'notApplicable', 'informational']);

interface RunState {
  tool?: SarifTool;
  ruleById?: Map<string, SarifRule>;
  bases?: SarifBases;
  /** Results read before their run's tool: converted at the end. */
  pending: SarifResult[];
  /**
   * Findings (also in `findings`, in report order) whose path names a URI base the run has not
   * given yet: bases may follow the results, and many tools name %SRCROOT% and never give it.
   * Converted at once, only the path resolved at the end: holding the parsed results instead
   * kept every result's whole object tree alive to the end of the file (hundreds of MB at
   * 1,000,000 results), and put those findings after the others.
   */
  unresolved: Unresolved[];
  findings: RawFinding[];
}

interface Unresolved {
  finding: RawFinding;
  uri: string;
  base: string;
}

export const toolName = (driver: string): string =>
  driver.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'sarif';

export class SarifCollector {
  private readonly runs = new Map<number, RunState>();
  private count = 0;
  /**
   * One string for each rule, level and path however many results repeat it (JSON.parse makes a
   * copy per result): a million results name a few hundred rules and files. Cleared when full,
   * so a report where every path differs costs no more than before.
   */
  private readonly shared = new Map<string, string>();
  private readonly paths = new Map<string, string>();

  constructor(private readonly options: ParseOptions) {}

  private run(index: number): RunState {
    let state = this.runs.get(index);
    if (state === undefined) {
      state = { pending: [], unresolved: [], findings: [] };
      this.runs.set(index, state);
    }
    return state;
  }

  addTool(runIndex: number, value: unknown): void {
    const parsed = sarifToolSchema.safeParse(value);
    if (!parsed.success) throw badInput(`SARIF runs[${runIndex}].tool: ${describeIssue(parsed.error)}`);
    const state = this.run(runIndex);
    state.tool = parsed.data;
    state.ruleById = new Map();
    for (const rule of parsed.data.driver.rules ?? []) if (rule.id !== undefined) state.ruleById.set(rule.id, rule);
  }

  addBases(runIndex: number, value: unknown): void {
    const parsed = sarifBasesSchema.safeParse(value);
    if (!parsed.success) throw badInput(`SARIF runs[${runIndex}].originalUriBaseIds: ${describeIssue(parsed.error)}`);
    this.run(runIndex).bases = parsed.data;
  }

  addResult(runIndex: number, value: unknown): void {
    let result: SarifResult;
    if (isWellFormedResult(value)) result = value;
    else {
      const parsed = sarifResultSchema.safeParse(value);
      if (!parsed.success) throw badInput(`SARIF runs[${runIndex}].results[${this.count}]: ${describeIssue(parsed.error)}`);
      result = parsed.data;
    }
    this.count += 1;
    // Convert at once when the run's rules are known, so a big report is not held twice; rules
    // and URI bases may also come after the results in a file: those wait for the end.
    const state = this.run(runIndex);
    if (state.tool === undefined || state.ruleById === undefined) {
      state.pending.push(result);
      return;
    }
    const artifact = result.locations?.[0]?.physicalLocation?.artifactLocation;
    const deferPath = artifact?.uriBaseId !== undefined && artifact.uri !== undefined && state.bases === undefined;
    const finding = this.toFinding(result, state.tool.driver.rules ?? [], state.ruleById, state.bases, deferPath);
    if (finding === null) return;
    state.findings.push(finding);
    if (deferPath) state.unresolved.push({ finding, uri: artifact.uri as string, base: artifact.uriBaseId as string });
  }

  finish(): ParseResult[] {
    const byTool = new Map<string, RawFinding[]>();
    for (const [index, state] of [...this.runs.entries()].sort((a, b) => a[0] - b[0])) {
      if (state.tool === undefined) throw badInput(`SARIF runs[${index}] has no tool.driver`);
      const tool = toolName(state.tool.driver.name);
      const findings = byTool.get(tool) ?? [];
      const rules = state.tool.driver.rules ?? [];
      const ruleById = state.ruleById ?? new Map<string, SarifRule>();
      for (const { finding, uri, base } of state.unresolved) finding.file = this.path(uri, base, state.bases);
      state.unresolved = [];
      for (const finding of state.findings) findings.push(finding);
      state.findings = [];
      for (const result of state.pending) {
        const finding = this.toFinding(result, rules, ruleById, state.bases);
        if (finding !== null) findings.push(finding);
      }
      state.pending = [];
      byTool.set(tool, findings);
    }
    if (byTool.size === 0) throw badInput('SARIF: the file has no runs');
    return [...byTool].map(([tool, findings]) => ({ format: 'sarif', tool, findings }));
  }

  private share(text: string): string {
    const known = this.shared.get(text);
    if (known !== undefined) return known;
    if (this.shared.size >= SHARED_MAX) this.shared.clear();
    this.shared.set(text, text);
    return text;
  }

  private path(uri: string, base: string | undefined, bases: SarifBases | undefined): string {
    // Runs may give one base id different URIs: the key holds what the id resolves to.
    const key = base === undefined ? uri : `${bases?.[base]?.uri ?? '\u0001'}\u0000${base}\u0000${uri}`;
    const known = this.paths.get(key);
    if (known !== undefined) return known;
    const path = normalizePath(resolveUri(uri, base, bases), this.options.root);
    if (this.paths.size >= SHARED_MAX) this.paths.clear();
    this.paths.set(key, path);
    return path;
  }

  private toFinding(
    result: SarifResult,
    rules: SarifRule[],
    ruleById: Map<string, SarifRule>,
    bases: SarifBases | undefined,
    deferPath = false,
  ): RawFinding | null {
    if (result.kind !== undefined && NOT_A_PROBLEM.has(result.kind)) return null;
    const index = result.ruleIndex ?? result.rule?.index;
    const ruleId = result.ruleId ?? result.rule?.id ?? null;
    const rule = (index !== undefined ? rules[index] : undefined) ?? (ruleId !== null ? ruleById.get(ruleId) : undefined);
    const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
    if (level === 'none') return null;
    const physical = result.locations?.[0]?.physicalLocation;
    const uri = physical?.artifactLocation?.uri;
    const base = physical?.artifactLocation?.uriBaseId;
    const ruleName = ruleId ?? rule?.id ?? null;
    const finding: RawFinding = {
      rule: ruleName === null ? null : this.share(ruleName),
      level: this.share(level),
      message: messageText(result, rule),
      file: uri === undefined || deferPath ? null : this.path(uri, base, bases),
      line: physical?.region?.startLine ?? null,
      col: physical?.region?.startColumn ?? null,
    };
    const own = toolFingerprint(result);
    if (own !== undefined) finding.toolFingerprint = own;
    if (isSuppressed(result)) finding.suppressed = true;
    const hint = securitySeverity(result.properties?.['security-severity'] ?? rule?.properties?.['security-severity']);
    if (hint !== undefined) finding.severityHint = hint;
    return finding;
  }
}

function resolveUri(uri: string, baseId: string | undefined, bases: SarifBases | undefined): string {
  if (baseId === undefined || /^[a-z]+:/i.test(uri)) return uri;
  const base = bases?.[baseId]?.uri;
  if (base === undefined) return uri;
  return `${base.replace(/\/?$/, '/')}${uri.replace(/^\//, '')}`;
}

function messageText(result: SarifResult, rule: SarifRule | undefined): string {
  const direct = result.message.text ?? result.message.markdown;
  if (direct !== undefined) return direct;
  const id = result.message.id;
  const template = id !== undefined ? rule?.messageStrings?.[id]?.text : undefined;
  if (template === undefined) return rule?.shortDescription?.text ?? result.ruleId ?? '(no message)';
  const args = result.message.arguments ?? [];
  return template.replace(/\{(\d+)\}/g, (whole, n: string) => args[Number(n)] ?? whole);
}

/** All of a result's fingerprints, in a stable order: any of them changing is a new finding. */
function toolFingerprint(result: SarifResult): string | undefined {
  const prints = result.fingerprints ?? result.partialFingerprints;
  if (prints === undefined) return undefined;
  const keys = Object.keys(prints).sort();
  if (keys.length === 0) return undefined;
  return keys.map((key) => `${key}=${prints[key]}`).join('|');
}

/** Suppressed unless every suppression is still under review or was rejected (SARIF §3.35). */
function isSuppressed(result: SarifResult): boolean {
  const list = result.suppressions ?? [];
  return list.some((s) => s.status === undefined || s.status === 'accepted');
}

/** GitHub's convention: a CVSS-like score as a string or number in `security-severity`. */
export function securitySeverity(value: unknown): Severity | undefined {
  const score = typeof value === 'string' ? Number.parseFloat(value) : typeof value === 'number' ? value : Number.NaN;
  if (!Number.isFinite(score)) return undefined;
  if (score >= 9) return 'critical';
  if (score >= 7) return 'major';
  if (score >= 4) return 'medium';
  return 'minor';
}

/** The whole-document reader, for files small enough to hold as one string. */
export function parseSarifDocument(document: unknown, options: ParseOptions): ParseResult[] {
  if (typeof document !== 'object' || document === null || !Array.isArray((document as { runs?: unknown }).runs)) {
    throw badInput('SARIF: expected an object with a "runs" array');
  }
  const collector = new SarifCollector(options);
  (document as { runs: unknown[] }).runs.forEach((run, index) => {
    if (typeof run !== 'object' || run === null) throw badInput(`SARIF runs[${index}]: expected an object`);
    const { tool, originalUriBaseIds, results } = run as Record<string, unknown>;
    collector.addTool(index, tool);
    if (originalUriBaseIds !== undefined) collector.addBases(index, originalUriBaseIds);
    if (results !== undefined && results !== null) {
      if (!Array.isArray(results)) throw badInput(`SARIF runs[${index}].results: expected an array`);
      for (const result of results) collector.addResult(index, result);
    }
  });
  return collector.finish();
}
