// Counts for monitoring (/metrics): each one GROUP BY over an index, never a scan of rows in
// JavaScript, so scraping stays cheap at a million issues.
import type { Severity } from './enums.js';

export interface AgeBuckets {
  severity: Severity;
  /** Open issues at most `bounds[i]` seconds old, cumulative like Prometheus buckets. */
  cumulative: number[];
  count: number;
  sumSeconds: number;
}

export interface StatsRepo {
  openIssueAges(projectId: number, now: string, boundsSeconds: readonly number[]): Promise<AgeBuckets[]>;
  runsByTool(projectId: number): Promise<{ tool: string; runs: number }[]>;
  findingsByState(projectId: number): Promise<{ tool: string; state: string; count: number }[]>;
}
