// The ingest use case: read → prepare → reconcile → apply, one (tool, scope) after another,
// all inside ONE store transaction, so an ingest lands whole or not at all. A re-ingest that
// changes nothing writes nothing: no run, no event, no metric.
import { phaseLinker } from '../domain/phase-links.js';
import type { IngestConfig } from '../config/schema.js';
import { notFound } from '../domain/errors.js';
import { GROUP_SEPARATOR } from '../ingest/grouping.js';
import type { GroupIssue, Metric } from '../domain/findings-port.js';
import type { Project } from '../domain/model.js';
import type { IssueBulkUpdate, Store, StoreSession } from '../domain/ports.js';
import { type ToolBatch, prepareBatches } from '../ingest/prepare.js';
import { incomingDigest } from '../ingest/digest.js';
import { readReport } from '../ingest/read-report.js';
import { type ReportSpec, parseReportSpec } from '../ingest/report-spec.js';
import { type FindingInsert, type IngestCounts, type IssueRef, type IssueUpdate, isEmptyPlan, type Plan, rebaseIssueUpdate, reconcile } from '../ingest/reconcile.js';
import { severityDecider } from '../ingest/severity.js';
import type { Severity } from '../domain/enums.js';
import type { CoverageMetrics, Finding, Format, ParseResult } from '../ingest/types.js';
import { takeSnapshot } from './snapshots.js';

export interface IngestRequest {
  files: string[];
  tool: Format | 'auto';
  scope?: string;
  commit?: string | null;
  root: string;
  actor: string;
  dryRun?: boolean;
  config: IngestConfig;
  at?: string;
  /** Bytes read so far of the total; for a progress line on a TTY. */
  onProgress?: (done: number, total: number) => void;
  /** How long each step took, in ms: for the bench and for finding where a slow ingest goes. */
  onStep?: (step: 'read' | 'prepare' | 'plan' | 'apply' | 'commit', ms: number) => void;
}

const clock = (): (() => number) => {
  const start = performance.now();
  return () => performance.now() - start;
};

export type IngestReport = { tool: string; scope: string } & IngestCounts;

export interface IngestOutcome {
  reports: IngestReport[];
  /** False when nothing changed (or on a dry run): the store was not written. */
  written: boolean;
}

/** Each file is a path read as `request.tool`, `TOOL:PATH` (`tsc:tsc.txt`), or a spec already parsed. */
export async function readReports(
  files: ReadonlyArray<string | ReportSpec>,
  request: Pick<IngestRequest, 'tool' | 'root' | 'config' | 'onProgress'>,
  sizes: number[] = [],
): Promise<ParseResult[]> {
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  const results: ParseResult[] = [];
  for (const file of files) {
    const spec = typeof file === 'string' ? parseReportSpec(file, request.tool) : file;
    results.push(
      ...(await readReport(spec.path, {
        tool: spec.tool,
        root: request.root,
        streamThresholdBytes: request.config.streamThresholdMB * 1024 * 1024,
        maxBytes: request.config.maxFileMB * 1024 * 1024,
        onBytes: (bytes) => {
          done += bytes;
          request.onProgress?.(done, total);
        },
      })),
    );
  }
  return results;
}

export async function ingest(store: Store, project: Project, request: IngestRequest, sizes: number[] = []): Promise<IngestOutcome> {
  let elapsed = clock();
  const results = await readReports(request.files, request, sizes);
  request.onStep?.('read', elapsed());
  elapsed = clock();
  const batches = prepareBatches(results, request.config);
  request.onStep?.('prepare', elapsed());
  return ingestBatches(store, project, batches, request);
}

/** Writes the batches; each one's `incoming` is emptied once planned (the batches are consumed). */
export async function ingestBatches(store: Store, project: Project, batches: ToolBatch[], request: Omit<IngestRequest, 'files'>): Promise<IngestOutcome> {
  const scopeOf = (batch: ToolBatch): string => batch.scope ?? request.scope ?? request.config.scope;
  const at = request.at ?? new Date().toISOString();
  if (request.dryRun === true) {
    const reports: IngestReport[] = [];
    for (const batch of batches) reports.push(report((await planFor(store, project, batch, scopeOf(batch), request.config)).plan));
    return { reports, written: false };
  }
  let inside = clock();
  const outcome = await store.write(async (tx) => {
    const reports: IngestReport[] = [];
    let written = false;
    for (const batch of batches) {
      const scope = scopeOf(batch);
      // Fresh output of a tool is evidence again, whatever a crashed scan of it said before.
      await tx.tracking.clearToolFailures(project.id, { tool: batch.tool, scope });
      let elapsed = clock();
      const metrics = await changedMetrics(tx, project, batch, scope, at);
      // The fast path of an unchanged re-ingest: the same input onto the same store state as the
      // last writing ingest left it plans nothing, so neither the stored findings nor the plan
      // need to be built (see ingest/digest.ts, FindingRepo.storeDigest).
      const inputDigest = incomingDigest(batch.tool, scope, batch.incoming, request.config.overwrite, (item) => findingData(item.finding));
      const known = await tx.findings.ingestState(project.id, batch.tool, scope);
      if (metrics.length === 0 && known?.inputDigest === inputDigest && known.storeDigest === (await tx.findings.storeDigest(project.id, batch.tool, scope))) {
        reports.push(unchangedReport(batch, scope));
        request.onStep?.('plan', elapsed());
        continue;
      }
      const { plan, issues } = await planFor(tx, project, batch, scope, request.config);
      // The plan holds what is left to write: the batch lets its findings go, so that apply can
      // release each slice once written (see apply) instead of a million staying to the end.
      batch.incoming = [];
      request.onStep?.('plan', elapsed());
      // The first output of a tool in a scope is recorded even when it changes nothing (a clean
      // run): the register then rests on evidence (rules/functions.ts: an empty register is not).
      if (isEmptyPlan(plan) && metrics.length === 0 && known !== null) {
        reports.push(report(plan));
        continue;
      }
      written = true;
      elapsed = clock();
      const { counts, runId } = await apply(tx, project, plan, issues, metrics, { at, actor: request.actor, commit: request.commit ?? null });
      reports.push({ tool: plan.tool, scope: plan.scope, ...counts });
      const storeDigest = await tx.findings.storeDigest(project.id, batch.tool, scope);
      await tx.findings.saveIngestState(project.id, batch.tool, scope, { inputDigest, storeDigest, runId });
      request.onStep?.('apply', elapsed());
    }
    // Standups and forecasts read the daily counts: keep today's in step with what landed.
    if (written) await takeSnapshot(tx, project, at);
    inside = clock();
    return { reports, written };
  });
  request.onStep?.('commit', inside());
  return outcome;
}

interface Planned {
  plan: Plan;
  /** The issues the plan read, by id: what its updates are based on. */
  issues: Map<number, GroupIssue>;
}

async function planFor(session: StoreSession, project: Project, batch: ToolBatch, scope: string, config: IngestConfig): Promise<Planned> {
  const { findings, issues } = await session.findings.snapshot(project.id, batch.tool, scope);
  const plan = reconcile({ tool: batch.tool, scope, existing: findings, issues, incoming: batch.incoming, overwrite: config.overwrite });
  return { plan, issues: new Map(issues.map((i) => [i.id, i])) };
}

const report = (plan: Plan): IngestReport => ({ tool: plan.tool, scope: plan.scope, ...plan.counts });

/** What reconcile would report for input it has already applied: every finding known, none changed. */
const unchangedReport = (batch: ToolBatch, scope: string): IngestReport => ({
  tool: batch.tool,
  scope,
  findings: batch.incoming.length,
  new: 0,
  unchanged: new Set(batch.incoming.map((i) => i.finding.fingerprint)).size,
  fixed: 0,
  reopened: 0,
  issuesCreated: 0,
  issuesResolved: 0,
  issuesReopened: 0,
});

/** Test and coverage figures, recorded only when they differ from the last ones of the scope. */
async function changedMetrics(session: StoreSession, project: Project, batch: ToolBatch, scope: string, at: string): Promise<Metric[]> {
  const wanted: Metric[] = [];
  if (batch.tests !== undefined) wanted.push({ kind: 'tests', scope, runId: null, at, data: { ...batch.tests } });
  if (batch.coverage !== undefined) wanted.push({ kind: 'coverage', scope, runId: null, at, data: coverageData(batch.coverage) });
  const changed: Metric[] = [];
  for (const metric of wanted) {
    const last = await session.findings.latestMetric(project.id, metric.kind, scope);
    if (last === null || JSON.stringify(last.data) !== JSON.stringify(metric.data)) changed.push(metric);
  }
  return changed;
}

/** Percentages and, beside them, the counts (`linesCovered`, `linesTotal`, ...) that let scopes combine. */
function coverageData(coverage: CoverageMetrics): Record<string, number | null> {
  const { counts, ...figures } = coverage;
  const data: Record<string, number | null> = { ...figures };
  for (const [field, c] of Object.entries(counts ?? {})) {
    data[`${field}Covered`] = c.covered;
    data[`${field}Total`] = c.total;
  }
  return data;
}

function findingData(finding: Finding): string {
  const { severityHint, data } = finding;
  if (severityHint === undefined && data === undefined) return '{}';
  return JSON.stringify({ ...(severityHint !== undefined ? { hint: severityHint } : {}), ...(data ?? {}) });
}

/** Findings handed to the store per call: the store's PostgreSQL batch, so no extra statements. */
const INSERT_SLICE = 5_000;

interface RunContext {
  at: string;
  actor: string;
  commit: string | null;
}

async function apply(tx: StoreSession, project: Project, plan: Plan, issues: Map<number, GroupIssue>, metrics: Metric[], run: RunContext): Promise<{ counts: IngestCounts; runId: number }> {
  const { at, actor, commit } = run;
  // Issue updates first, version-checked: what a person committed since the plan read these
  // issues is kept, and the counts the run records are what was done.
  const issueUpdates = await updateIssues(tx, plan.updateIssues, issues, at);
  const counts: IngestCounts = {
    ...plan.counts,
    issuesResolved: issueUpdates.filter((u) => u.change === 'resolved').length,
    issuesReopened: issueUpdates.filter((u) => u.change === 'reopened').length,
  };
  const runId = await tx.findings.insertRun(project.id, { tool: plan.tool, scope: plan.scope, commit, at, actor, stats: { ...counts } });
  for (const metric of metrics) await tx.findings.recordMetric(project.id, { ...metric, runId });

  let createdIds: number[] = [];
  const createdKeys: string[] = [];
  if (plan.createIssues.length > 0) {
    const first = await tx.projects.reserveIssueNumbers(project.id, plan.createIssues.length);
    plan.createIssues.forEach((_, i) => createdKeys.push(`${project.key}-${first + i}`));
    // A new issue joins the phase that names its folder or its tier, as one added by hand does.
    const linkPhase = phaseLinker(await tx.sections.phaseNames(project.id));
    const ids = await tx.issues.insertMany(
      project.id,
      plan.createIssues.map((issue, i) => ({
        key: createdKeys[i] as string,
        title: issue.title,
        severity: issue.severity,
        status: 'backlog',
        files: issue.files,
        phase: linkPhase({ severity: issue.severity, files: issue.files, labels: [] }),
        description: issue.description,
        source: plan.tool,
        groupKey: issue.groupKey,
        createdAt: at,
      })),
      at,
    );
    createdIds = createdKeys.map((key) => ids.get(key) ?? -1);
  }
  const issueId = (ref: IssueRef): number | null => (ref === null ? null : 'id' in ref ? ref.id : (createdIds[ref.create] ?? null));

  // In the order of their issues (stable, so a report's order within an issue), not the report's:
  // each row's foreign-key check then reads the issues' pages in order instead of at random, and
  // the findings_by_issue index grows at its end (200,000 findings: 2.2 s → 1.6 s of CPU on SQLite).
  const issueOrder = (insert: FindingInsert): number => issueId(insert.issue) ?? Number.MAX_SAFE_INTEGER;
  const inserts: Array<FindingInsert | undefined> = plan.inserts.slice().sort((a, b) => issueOrder(a) - issueOrder(b));
  plan.inserts = [];
  // A slice at a time (the size of one PostgreSQL batch), so the rows to write never all exist
  // at once beside the plan: at 1,000,000 findings that copy alone was hundreds of MB. Each
  // slice's findings are let go once written (the plan is consumed), so what is held shrinks as
  // the write goes on rather than peaking at its end.
  for (let start = 0; start < inserts.length; start += INSERT_SLICE) {
    const slice = inserts.slice(start, start + INSERT_SLICE) as FindingInsert[];
    inserts.fill(undefined, start, start + INSERT_SLICE);
    await tx.findings.insertFindings(
      project.id,
      plan.tool,
      plan.scope,
      runId,
      at,
      slice.map(({ finding, state, issue }) => ({
        fingerprint: finding.fingerprint,
        rule: finding.rule,
        level: finding.level,
        message: finding.message,
        file: finding.file,
        line: finding.line,
        col: finding.col,
        issueId: issueId(issue),
        state,
        // Only what cannot be recomputed from the row and punchlist.yaml: most rows store "{}".
        data: findingData(finding),
      })),
    );
  }
  await tx.findings.updateFindings(runId, at, plan.updates.map((u) => ({ ...u, issueId: issueId(u.issue) })));
  await tx.findings.fixFindings(runId, at, plan.fixes);

  const cite = { run: runId, commit, tool: plan.tool, scope: plan.scope };
  const commitText = commit !== null ? ` at commit ${commit}` : '';
  await tx.events.append(project.id, [
    { actor, at, action: 'ingest.run', entity: 'run', entityKey: null, data: { ...cite, ...counts } },
    ...plan.createIssues.map((issue, i) => ({
      actor,
      at,
      action: 'issue.created',
      entity: 'issue',
      entityKey: createdKeys[i] ?? null,
      data: { after: { title: issue.title, severity: issue.severity, status: 'backlog' }, ...cite },
    })),
    ...issueUpdates.map((u) => ({
      actor,
      at,
      action: `issue.${u.change}`,
      entity: 'issue',
      entityKey: u.key,
      data: {
        before: u.before,
        after: u.after,
        ...cite,
        ...(u.change === 'resolved' ? { reason: `all its ${plan.tool} findings were fixed in run #${runId}${commitText}` } : {}),
        ...(u.change === 'reopened' ? { reason: `regression: a fixed ${plan.tool} finding came back in run #${runId}${commitText}` } : {}),
      },
    })),
  ]);
  return { counts, runId };
}

/**
 * Writes the plan's issue updates in bulk, each only if the issue is still at the version the
 * plan read. Those another writer changed meanwhile are locked, re-read and rebased: the fields
 * that person changed are theirs, the rest still the ingest's. Returns the updates as applied.
 */
async function updateIssues(tx: StoreSession, updates: IssueUpdate[], issues: Map<number, GroupIssue>, at: string): Promise<IssueUpdate[]> {
  const row = (u: IssueUpdate, issue: Pick<GroupIssue, 'title' | 'severity' | 'status' | 'labels' | 'resolvedAt'>): IssueBulkUpdate => ({
    id: u.id,
    version: u.version,
    title: u.after.title ?? issue.title,
    severity: u.after.severity ?? issue.severity,
    status: u.after.status ?? issue.status,
    labels: u.after.labels ?? issue.labels,
    resolvedAt: u.change === 'resolved' ? at : u.change === 'reopened' ? null : issue.resolvedAt,
  });
  const planned = updates.filter((u) => issues.has(u.id));
  const stale = new Set(await tx.issues.updateMany(planned.map((u) => row(u, issues.get(u.id) as GroupIssue)), at));
  if (stale.size === 0) return planned;
  const current = new Map((await tx.issues.lockMany([...stale])).map((i) => [i.id, i]));
  const applied: IssueUpdate[] = [];
  for (const u of planned) {
    if (!stale.has(u.id)) {
      applied.push(u);
      continue;
    }
    const issue = current.get(u.id);
    const rebased = issue === undefined ? null : rebaseIssueUpdate(u, issue);
    if (issue === undefined || rebased === null) continue;
    const values = row(rebased, issue);
    await tx.issues.update(u.id, { title: values.title, severity: values.severity, status: values.status, labels: values.labels, resolvedAt: values.resolvedAt }, issue.version, at);
    applied.push(rebased);
  }
  return applied;
}

export interface Explanation {
  key: string;
  kind: 'issue' | 'finding';
  lines: string[];
  findings: Array<{ fingerprint: string; state: string; file: string | null; line: number | null; rule: string | null; message: string; data: Record<string, unknown> }>;
}

/** Why an issue holds the findings it holds (or, given a fingerprint, where a finding went). */
export async function explain(store: Store, project: Project, key: string, config: IngestConfig): Promise<Explanation> {
  const issue = await store.issues.get(project.id, key);
  const findings = issue !== null ? await store.findings.forIssue(issue.id) : await store.findings.byFingerprint(project.id, key);
  if (issue === null && findings.length === 0) throw notFound(`--explain: no issue or finding fingerprint "${key}" in project ${project.key}`);
  const lines: string[] = [];
  if (issue !== null) {
    lines.push(`${issue.key}: ${issue.title} (${issue.severity}, ${issue.status})`);
    if (issue.groupKey === null) lines.push('  not fed by a scanner: no group key; findings attached by hand only');
    else {
      const [tool, scope, group] = issue.groupKey.split(GROUP_SEPARATOR);
      const policy = group?.split(':')[0] ?? '?';
      lines.push(`  group: tool ${tool}, scope ${scope}, policy ${policy} → ${group?.slice(policy.length + 1) ?? ''}`);
    }
    const kept = issue.manualFields.filter((f) => (config.overwrite as readonly string[]).includes(f));
    lines.push(`  re-ingests may overwrite: ${config.overwrite.filter((f) => !kept.includes(f)).join(', ') || 'nothing'}${kept.length ? ` (kept as edited by a person: ${kept.join(', ')})` : ''}`);
  }
  const decide = severityDecider(config.severity);
  for (const f of findings) {
    const hint = typeof f.data.hint === 'string' ? (f.data.hint as Severity) : undefined;
    const { severity, reason } = decide({ rule: f.rule, level: f.level ?? '', message: f.message, file: f.file, line: f.line, col: f.col, ...(hint !== undefined ? { severityHint: hint } : {}) }, f.tool);
    lines.push(`  ${f.state.padEnd(10)} ${f.fingerprint}  ${f.file ?? '-'}${f.line !== null ? `:${f.line}` : ''}  ${f.rule ?? ''}  ${f.message.split('\n')[0]}`);
    lines.push(`             severity ${severity} (${reason}); seen in runs #${f.firstRunId}–#${f.lastRunId}${f.fixedRunId !== null ? `, fixed in #${f.fixedRunId}` : ''}`);
  }
  if (findings.length > 0) {
    lines.push("  fingerprints: the tool's own (SARIF fingerprints, a test's name, an advisory) when the report has one, else a hash of");
    lines.push('  tool, rule, path and message without line numbers, with an occurrence counter: moving code does not change them.');
  }
  return {
    key,
    kind: issue !== null ? 'issue' : 'finding',
    lines,
    findings: findings.map((f) => ({ fingerprint: f.fingerprint, state: f.state, file: f.file, line: f.line, rule: f.rule, message: f.message, data: f.data })),
  };
}
