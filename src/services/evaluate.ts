// Read → compute: loads what rules need from the store and evaluates every item and KPI of a
// project. The report renderer, `check list`, `gate` and `kpi list` all start here.
import type { Project } from '../domain/model.js';
import type { Sections, StoreSession } from '../domain/ports.js';
import type { IssueQuery } from '../domain/tracking-port.js';
import { RuleError } from '../rules/compile.js';
import { type RuleContext, SUMMARY_QUERIES } from '../rules/context.js';
import { KEY_SAMPLE, counterFromFacts, counterFromResults, queryId } from '../rules/issue-query.js';
import { type ItemEvaluation, compileCached } from '../rules/evaluate-rule.js';
import { type ProjectEvaluation, type RuleList, evaluateLists, projectRuleContext } from '../rules/project.js';

export type { ItemEvaluation } from '../rules/evaluate-rule.js';
export type { KpiStatus, ProjectEvaluation } from '../rules/project.js';
export type { RuleContextSummary } from '../rules/context.js';

export function ruleLists(sections: Pick<Sections, 'phases' | 'checklists'>): RuleList[] {
  return [
    ...sections.checklists.map((c): RuleList => ({ listType: 'checklist', key: c.key, title: c.title, items: c.items })),
    ...sections.phases.map((p): RuleList => ({ listType: 'phase', key: p.key, title: p.name, items: p.items })),
  ];
}

export interface RuleWorld {
  sections: Sections;
  lists: RuleList[];
  ctx: RuleContext;
  evaluateList: (list: RuleList) => ItemEvaluation[];
}

/**
 * How rules will learn about issues. Loading the whole register is the costly read on a large
 * project, so when every issues.* call has literal arguments (nearly always) the store answers
 * exactly those questions in SQL; otherwise the facts are loaded and counted here.
 */
async function issueSource(session: StoreSession, project: Project, lists: readonly RuleList[], summary: boolean) {
  const queries = new Map<string, IssueQuery>(summary ? SUMMARY_QUERIES.map((q) => [queryId(q), q]) : []);
  let dynamic = false;
  for (const list of lists) {
    for (const item of list.items) {
      if (!item.rule || dynamic) continue;
      const rule = compileCached(item.rule);
      if (rule instanceof RuleError) continue; // an invalid rule asks nothing
      if (rule.issueQueries === null) dynamic = true;
      else for (const q of rule.issueQueries) queries.set(queryId(q), q);
    }
  }
  if (dynamic) {
    return counterFromFacts(await session.tracking.issueFacts(project.id));
  }
  const asked = [...queries.values()];
  const answers = await session.tracking.countIssues(project.id, asked, KEY_SAMPLE);
  return counterFromResults(new Map(asked.map((q, i) => [queryId(q), answers[i] ?? { count: 0, keys: [] }])));
}

/** Whether any rule asks sla.breached(): only then are the breaches read. */
function asksSla(lists: readonly RuleList[]): boolean {
  return lists.some((l) =>
    l.items.some((item) => {
      if (!item.rule) return false;
      const rule = compileCached(item.rule);
      return !(rule instanceof RuleError) && rule.usesSla;
    }),
  );
}

async function loadInputs(session: StoreSession, project: Project, summary: boolean, extra: readonly RuleList[] = []) {
  const sections = await session.sections.load(project.id);
  const lists = ruleLists(sections);
  const asked = [...lists, ...extra];
  const [issues, metrics, kpiValues, sla] = await Promise.all([
    issueSource(session, project, asked, summary),
    session.tracking.latestMetrics(project.id),
    session.tracking.latestKpiValues(project.id),
    asksSla(asked) ? session.escalations.breaches(project.id) : Promise.resolve(null),
  ]);
  return { sections, lists, issues, metrics, kpiValues, sla };
}

/** `extra`: lists that are not stored (a rule being tried) whose questions must be answered too. */
export async function loadRuleWorld(session: StoreSession, project: Project, extra: readonly RuleList[] = []): Promise<RuleWorld> {
  const { sections, lists, issues, metrics, kpiValues, sla } = await loadInputs(session, project, false, extra);
  return { sections, lists, ...projectRuleContext(lists, issues, metrics, kpiValues, sla) };
}

export async function evaluateProject(session: StoreSession, project: Project): Promise<ProjectEvaluation> {
  const { sections, lists, issues, metrics, kpiValues, sla } = await loadInputs(session, project, true);
  return evaluateLists(lists, sections.kpis, issues, metrics, kpiValues, sla);
}
