// The day and instant as zod schemas, for the API's and the services' input schemas. Kept out of
// dates.ts so a command that only needs "today" does not load zod.
import { z } from 'zod';
import { dayProblem, instantProblem } from './dates.js';

// Days and date-times of documents, API bodies and services: zod's formats (so the JSON Schema
// says what they are), with the refusal worded by the shared reader in dates.ts, as on the CLI
// (`"2026-02-30" is not a day: 2026-02 has 28 days, not 30`). Not a string: zod's own message.
export const dayField = z.iso.date({ error: (issue) => (typeof issue.input === 'string' ? (dayProblem(issue.input) ?? undefined) : undefined) });
export const instantField = z.iso.datetime({
  offset: true,
  error: (issue) => (typeof issue.input === 'string' ? (instantProblem(issue.input) ?? undefined) : undefined),
});

export const daySchema = dayField;
export const instantSchema = instantField;
