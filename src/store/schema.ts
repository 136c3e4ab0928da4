// Table shapes as Kysely sees them. Both dialects store the same values: timestamps as ISO-8601
// text (UTC), booleans as 0/1 integers, lists and maps as JSON text. That keeps the SQL identical
// on SQLite and PostgreSQL except in the few places a dialect must differ (see dialect.ts).
import type { Generated } from 'kysely';

export interface ProjectsTable {
  id: Generated<number>;
  key: string;
  name: string;
  title: string | null;
  owner: string | null;
  date: string | null;
  status: string | null;
  summary: string | null;
  next_issue_number: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface IssuesTable {
  id: Generated<number>;
  project_id: number;
  key: string;
  title: string;
  description: string | null;
  severity: string;
  status: string;
  owner: string | null;
  estimate_minutes: number | null;
  due_date: string | null;
  files: string; // JSON string[]
  phase: string | null;
  labels: string; // JSON string[]
  links: string; // JSON string[]
  source: string;
  extra: string; // JSON Record<string,string>
  /** For scanner-fed issues: `${tool}\u0000${scope}\u0000${group}`; null for people's issues. */
  group_key: string | null;
  /** Fields a person set by hand; a re-ingest never overwrites them. JSON string[]. */
  manual_fields: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  resolved_at: string | null;
  version: number;
  /**
   * Folded twins of the searchable columns (search-columns.ts), written with them; the full-text
   * index (SQLite FTS5 table `issues_fts`, PostgreSQL column `search_vector`) is built from them.
   */
  fold_title: Generated<string>;
  fold_owner: Generated<string>;
  fold_labels: Generated<string>;
  fold_files: Generated<string>;
  fold_description: Generated<string>;
  /** When the escalation sweep must look at the issue next; null when nothing is scheduled. */
  sla_next_at: string | null;
  /** 1 when the issue changed since the sweep last looked (the default for new rows). */
  sla_dirty: Generated<number>;
}

export interface CommentsTable {
  id: Generated<number>;
  issue_id: number;
  author: string;
  body: string;
  at: string;
}

export interface EventsTable {
  id: Generated<number>;
  project_id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_key: string | null;
  data: string; // JSON { before?, after?, ...context }
}

export interface PhasesTable {
  id: Generated<number>;
  project_id: number;
  key: string;
  name: string;
  ord: number;
  state: string;
  label: string | null;
  window: string | null;
  branch: string | null;
  hours: number | null;
  deliverables: string; // JSON string[]
  parent: string | null;
}

export interface DocumentSourcesTable {
  project_id: number;
  format: string;
  body: string; // JSON: the skeleton without its format
}

export interface ChecklistsTable {
  id: Generated<number>;
  project_id: number;
  key: string;
  title: string;
  section: string | null;
  ord: number;
}

export interface CheckItemsTable {
  id: Generated<number>;
  project_id: number;
  list_type: 'phase' | 'checklist';
  list_key: string;
  ord: number;
  text: string;
  done: number;
  rule: string | null;
  done_by: string | null;
  done_at: string | null;
}

export interface KpisTable {
  id: Generated<number>;
  project_id: number;
  key: string;
  name: string;
  unit: string | null;
  target: number | null;
  comparator: string | null;
  phase: string | null;
}

export interface KpiValuesTable {
  id: Generated<number>;
  project_id: number;
  kpi_key: string;
  value: number;
  at: string;
  actor: string;
}

export interface RisksTable {
  id: Generated<number>;
  project_id: number;
  ord: number;
  title: string;
  category: string | null;
  mitigation: string | null;
  likelihood: string | null;
  impact: string | null;
  owner: string | null;
  status: string;
}

export interface TeamsTable {
  id: Generated<number>;
  project_id: number;
  ord: number;
  name: string;
  focus: string | null;
  members: string; // JSON string[]
  capacity_hours: number | null;
}

export interface EscalationLevelsTable {
  id: Generated<number>;
  project_id: number;
  level: number;
  after_minutes: number | null;
  scope: string | null;
  severities: string; // JSON Severity[]
  contacts: string; // JSON string[]
  resolution: string | null;
  business_hours: number; // 0/1
  phases: string; // JSON string[]
  labels: string; // JSON string[]
  owners: string; // JSON string[]
  channels: string; // JSON string[]
  repeat_minutes: number | null;
}

export interface ActionsTable {
  id: Generated<number>;
  project_id: number;
  ord: number;
  kind: string;
  title: string;
  estimate_minutes: number | null;
  snippet: string | null;
  snippet_lang: string | null;
}

export interface NotesTable {
  id: Generated<number>;
  project_id: number;
  ord: number;
  section: string;
  markdown: string;
}

export interface RunsTable {
  id: Generated<number>;
  project_id: number;
  tool: string;
  scope: string;
  commit_sha: string | null;
  at: string;
  actor: string;
  stats: string; // JSON
}

export interface FindingsTable {
  id: Generated<number>;
  project_id: number;
  tool: string;
  scope: string;
  fingerprint: string;
  rule: string | null;
  level: string | null;
  message: string;
  file: string | null;
  line: number | null;
  col: number | null;
  issue_id: number | null;
  state: 'open' | 'fixed' | 'suppressed';
  first_run_id: number;
  last_run_id: number;
  fixed_run_id: number | null;
  first_seen: string;
  last_seen: string;
  data: string; // JSON: tool-specific extras
}

export interface MetricsTable {
  id: Generated<number>;
  project_id: number;
  kind: string; // 'tests' | 'coverage'
  scope: string;
  run_id: number | null;
  at: string;
  data: string; // JSON
}

/** A scan command whose latest run crashed (cleared when it runs cleanly). */
export interface ToolFailuresTable {
  project_id: number;
  name: string;
  scope: string;
  tool: string;
  at: string;
  exit_code: number | null;
  reason: string;
}

export interface SnapshotsTable {
  project_id: number;
  day: string; // YYYY-MM-DD
  at: string;
  data: string; // JSON counts per severity × status
}

export interface SignoffsTable {
  id: Generated<number>;
  project_id: number;
  checklist_key: string;
  item_text: string;
  actor: string;
  at: string;
  state_hash: string;
  prev_hash: string | null;
  hash: string;
}

export interface UsersTable {
  id: Generated<number>;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  version: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  role: string;
  prefix: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface WebSessionsTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface EscalationsTable {
  id: Generated<number>;
  project_id: number;
  issue_id: number;
  issue_key: string;
  level: number;
  repeat: number;
  due_at: string;
  fired_at: string;
  reason: string;
  acked_at: string | null;
  acked_by: string | null;
  closed_at: string | null;
}

export interface EscalationDeliveriesTable {
  id: Generated<number>;
  project_id: number;
  escalation_id: number;
  channel: string;
  kind: string;
  state: 'pending' | 'retrying' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: string | null;
  lease_until: string | null;
  last_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  at: string;
  outcome: string;
  code: number | null;
  error: string | null;
  ms: number;
}

export interface EscalationPolicyTable {
  project_id: number;
  hash: string;
  at: string;
}

/** The digests of the last writing ingest per (tool, scope): see migrations/0650-ingest-states.ts. */
export interface IngestStatesTable {
  project_id: number;
  tool: string;
  scope: string;
  input_digest: string;
  store_digest: string;
  run_id: number;
}

/** Who changed which account (user or token), and when (migration 0850). */
export interface AccountEventsTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  subject: string;
  data: string;
}

export interface Database {
  account_events: AccountEventsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  web_sessions: WebSessionsTable;
  projects: ProjectsTable;
  issues: IssuesTable;
  comments: CommentsTable;
  events: EventsTable;
  phases: PhasesTable;
  checklists: ChecklistsTable;
  check_items: CheckItemsTable;
  kpis: KpisTable;
  kpi_values: KpiValuesTable;
  risks: RisksTable;
  teams: TeamsTable;
  escalation_levels: EscalationLevelsTable;
  actions: ActionsTable;
  notes: NotesTable;
  document_sources: DocumentSourcesTable;
  runs: RunsTable;
  findings: FindingsTable;
  metrics: MetricsTable;
  tool_failures: ToolFailuresTable;
  snapshots: SnapshotsTable;
  signoffs: SignoffsTable;
  escalations: EscalationsTable;
  escalation_deliveries: EscalationDeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  escalation_policy: EscalationPolicyTable;
  ingest_states: IngestStatesTable;
}
