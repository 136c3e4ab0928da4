// The day and instant as zod schemas, for the API's and the services' input schemas. Kept out of
// dates.ts so a command that only needs "today" does not load zod.
import { z } from 'zod';

export const daySchema = z.iso.date('a day like 2026-11-20');
export const instantSchema = z.iso.datetime({ offset: true });
