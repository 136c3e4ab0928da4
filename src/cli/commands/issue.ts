import { type Command, Option } from 'commander';
import { SEVERITIES, SEVERITY_LABEL, STATUSES } from '../../domain/enums.js';
import { formatEstimate, parseEstimate } from '../../domain/estimate.js';
import { badInput } from '../../domain/errors.js';
import type { Issue, IssueFilter } from '../../domain/model.js';
import { parseSeverity, parseStatus } from '../../domain/vocabulary.js';
import type { IssueInput, Transition } from '../../services/issues.js';
import type { CliContext } from '../context.js';
import type { Column } from '../output.js';

const TABLE_LIMIT = 200;

// The issue services (zod schemas, snapshots) load with the first sub-command that needs them:
// `issue list` reads the register only and does not pay for them at start-up.
const services = () => import('../../services/issues.js');

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const csv = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

interface FieldOptions {
  title?: string;
  severity?: string;
  status?: string;
  owner?: string;
  eta?: string;
  file?: string[];
  phase?: string;
  label?: string[];
  link?: string[];
  description?: string;
  due?: string;
}

const none = (v: string): boolean => v === '-' || v === '';

/** Reads the text options of add/update into typed fields; only options given are set. */
function readFields(o: FieldOptions): IssueInput {
  const f: IssueInput = {};
  if (o.title !== undefined) f.title = o.title;
  if (o.severity !== undefined) f.severity = parseSeverity(o.severity, '--severity');
  if (o.status !== undefined) f.status = parseStatus(o.status, '--status');
  if (o.owner !== undefined) f.owner = none(o.owner) ? null : o.owner;
  if (o.eta !== undefined) f.estimateMinutes = parseEstimate(o.eta);
  if (o.file !== undefined) f.files = csv(o.file);
  if (o.phase !== undefined) f.phase = none(o.phase) ? null : o.phase;
  if (o.label !== undefined) f.labels = csv(o.label);
  if (o.link !== undefined) f.links = o.link;
  if (o.description !== undefined) f.description = o.description;
  if (o.due !== undefined) f.dueDate = none(o.due) ? null : o.due;
  return f;
}

function fieldOptions(cmd: Command): Command {
  return cmd
    .option('--severity <severity>', `${SEVERITIES.join(' | ')} (or P1..P4, blocker)`)
    .option('--status <status>', STATUSES.join(' | '))
    .option('--owner <owner>', 'a person or a team ("-" for nobody)')
    .option('--eta <estimate>', 'estimate: 30min, 2hrs, 1.5h, 1d (8h), 1w (5d), or -')
    .option('--file <path>', 'a file or location (repeatable, or comma-separated)', collect)
    .option('--phase <phase>', 'the phase key')
    .option('--label <label>', 'a label (repeatable, or comma-separated)', collect)
    .option('--link <url>', 'a branch, PR or commit link (repeatable)', collect)
    .option('--description <text>', 'longer description')
    .option('--due <date>', 'due date, YYYY-MM-DD');
}

export const issueColumns: Column<Issue>[] = [
  { header: 'KEY', value: (i) => i.key },
  { header: 'SEVERITY', value: (i) => SEVERITY_LABEL[i.severity] },
  { header: 'STATUS', value: (i) => i.status },
  { header: 'TITLE', value: (i) => i.title, max: 60 },
  { header: 'OWNER', value: (i) => i.owner, max: 20 },
  { header: 'ETA', value: (i) => (i.estimateMinutes === null ? null : formatEstimate(i.estimateMinutes)), align: 'right' },
  { header: 'FILE', value: (i) => i.files.join(', '), max: 40 },
];

export function register(program: Command, ctx: CliContext): void {
  const issue = program.command('issue').description('add, list, show and change issues');

  fieldOptions(issue.command('add').argument('<title>', 'what is wrong'))
    .description('add an issue to the register')
    .option('--key <key>', 'keep an existing key such as B001 (default: <PROJECT>-<n>)')
    .action(async (title: string, o: FieldOptions & { key?: string }) => {
      if (o.severity === undefined) throw badInput('--severity: required (critical, major, medium or minor)');
      const store = await ctx.store();
      const project = await ctx.project(store);
      const fields = readFields({ ...o, title });
      const { addIssue } = await services();
      const created = await addIssue(store, project, { ...fields, title, severity: fields.severity!, ...(o.key ? { key: o.key } : {}) }, { actor: ctx.actor() });
      if (ctx.json) ctx.out.json(created);
      else ctx.out.print(`Added ${created.key}: ${created.title} (${created.severity})`);
    });

  issue
    .command('list')
    .description('list issues, most severe and oldest first')
    .option('--severity <list>', 'only these severities (comma-separated)')
    .option('--status <list>', 'only these statuses (comma-separated)')
    .option('--owner <owner>', 'only this owner (ignoring case, accents and punctuation)')
    .option('--phase <phase>', 'only this phase')
    .option('--label <label>', 'only issues with this label')
    .option('--text <words>', 'full-text search: issues with words starting with each of these (key, title, owner, labels, files, description), best matches first')
    .option('--open', 'only issues not resolved or won\'t fix')
    .addOption(new Option('--limit <n>', `at most n issues (default ${TABLE_LIMIT} in a table, all with --json)`).argParser((v) => positiveInt(v, '--limit')))
    .option('--all', 'every matching issue, however many')
    .action(async (o: { severity?: string; status?: string; owner?: string; phase?: string; label?: string; text?: string; open?: boolean; limit?: number; all?: boolean }) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const filter: IssueFilter = {
        ...(o.severity ? { severity: csv([o.severity]).map((s) => parseSeverity(s, '--severity')) } : {}),
        ...(o.status ? { status: csv([o.status]).map((s) => parseStatus(s, '--status')) } : {}),
        ...(o.owner !== undefined ? { owner: o.owner } : {}),
        ...(o.phase !== undefined ? { phase: o.phase } : {}),
        ...(o.label !== undefined ? { label: o.label } : {}),
        ...(o.text !== undefined ? { text: o.text } : {}),
        ...(o.open ? { open: true } : {}),
      };
      // A table of 100,000 rows helps nobody: tables stop at a page unless asked for more.
      const limit = o.all ? undefined : (o.limit ?? (ctx.json ? undefined : TABLE_LIMIT));
      const issues = await store.issues.list(project.id, { ...filter, ...(limit !== undefined ? { limit } : {}) });
      if (ctx.json) return ctx.out.json(issues);
      if (issues.length === 0) return ctx.out.print('No issues match.');
      ctx.out.table(issues, issueColumns);
      if (limit !== undefined && issues.length === limit) {
        const total = await store.issues.count(project.id, filter);
        if (total > limit) ctx.out.print(`… showing ${limit} of ${total.toLocaleString('en')}; narrow the filter, or use --limit N or --all`);
      }
    });

  issue
    .command('show')
    .argument('<key>')
    .description('one issue with its comments and history')
    .action(async (key: string) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const { requireIssue } = await services();
      const found = await requireIssue(store, project, key);
      const [comments, history] = await Promise.all([
        store.issues.comments(found.id),
        store.events.list(project.id, { entityKey: key }),
      ]);
      // Loaded here only: the clock needs the calendar and CEL-free escalation code, not every command.
      const { clockOf, clockLines } = await import('../escalation-clock.js');
      const clock = await clockOf(store, project, key, ctx.out);
      if (ctx.json) return ctx.out.json({ ...found, comments, history, escalation: clock && { clocks: clock.clocks, escalations: clock.escalations } });
      const lines = [
        `${found.key}  ${found.title}`,
        `  severity  ${SEVERITY_LABEL[found.severity]}    status  ${found.status}    version  ${found.version}`,
        `  owner     ${found.owner ?? '-'}    estimate  ${formatEstimate(found.estimateMinutes)}    due  ${found.dueDate ?? '-'}`,
        `  phase     ${found.phase ?? '-'}    labels  ${found.labels.join(', ') || '-'}    source  ${found.source}`,
        `  files     ${found.files.join(', ') || '-'}`,
        ...(found.links.length ? [`  links     ${found.links.join(', ')}`] : []),
        ...Object.entries(found.extra).map(([k, v]) => `  ${k}: ${v}`),
        `  created   ${found.createdAt}${found.startedAt ? `    started ${found.startedAt}` : ''}${found.resolvedAt ? `    resolved ${found.resolvedAt}` : ''}`,
        ...clockLines(clock),
        ...(found.description ? ['', found.description] : []),
        ...(comments.length ? ['', 'Comments:', ...comments.map((c) => `  ${c.at}  ${c.author}: ${c.body}`)] : []),
        ...(history.length ? ['', 'History:', ...history.map((e) => `  ${e.at}  ${e.actor}  ${describeEvent(e.action, e.data)}`)] : []),
      ];
      ctx.out.print(lines.join('\n'));
    });

  fieldOptions(issue.command('update').argument('<key>'))
    .description('change fields of an issue')
    .option('--title <title>', 'new title')
    .addOption(new Option('--if-version <n>', 'refuse unless the issue is still at this version').argParser((v) => positiveInt(v, '--if-version')))
    .action(async (key: string, o: FieldOptions & { ifVersion?: number }) => {
      const fields = readFields(o);
      if (Object.keys(fields).length === 0) throw badInput('update: nothing to change (give e.g. --status, --owner, --severity)');
      const store = await ctx.store();
      const project = await ctx.project(store);
      const { updateIssue } = await services();
      const updated = await updateIssue(store, project, key, fields, {
        actor: ctx.actor(),
        ...(o.ifVersion !== undefined ? { expectedVersion: o.ifVersion } : {}),
      });
      if (ctx.json) ctx.out.json(updated);
      else ctx.out.print(`Updated ${updated.key} (version ${updated.version})`);
    });

  const transitions: [Transition, string][] = [
    ['start', 'mark in progress'],
    ['resolve', 'mark resolved'],
    ['block', 'mark blocked (say why with --reason)'],
    ['reopen', 'reopen a resolved issue'],
    ['wontfix', "close as won't fix"],
  ];
  for (const [name, description] of transitions) {
    issue
      .command(name)
      .argument('<key>')
      .description(description)
      .option('--reason <text>', 'why (kept as a comment)')
      .action(async (key: string, o: { reason?: string }) => {
        const store = await ctx.store();
        const project = await ctx.project(store);
        const { transitionIssue } = await services();
        const updated = await transitionIssue(store, project, key, name, { actor: ctx.actor(), ...(o.reason ? { reason: o.reason } : {}) });
        if (ctx.json) ctx.out.json(updated);
        else ctx.out.print(`${updated.key} is ${updated.status}`);
      });
  }

  issue
    .command('comment')
    .argument('<key>')
    .argument('<text>')
    .description('add a comment')
    .action(async (key: string, text: string) => {
      const store = await ctx.store();
      const project = await ctx.project(store);
      const { commentIssue } = await services();
      const comment = await commentIssue(store, project, key, text, { actor: ctx.actor() });
      if (ctx.json) ctx.out.json(comment);
      else ctx.out.print(`Commented on ${key}`);
    });
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badInput(`${flag}: "${value}" is not a whole number`);
  return n;
}

export function describeEvent(action: string, data: Record<string, unknown>): string {
  const changes = data.changes as Record<string, [unknown, unknown]> | undefined;
  const parts = changes
    ? Object.entries(changes).map(([field, [before, after]]) => `${field}: ${show(before)} → ${show(after)}`)
    : [];
  if (typeof data.comment === 'string') parts.push(`"${data.comment}"`);
  return [action, ...parts].join('  ');
}

const show = (v: unknown): string => (v === null || v === undefined ? '-' : typeof v === 'string' ? v : JSON.stringify(v));
