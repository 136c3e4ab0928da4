import { describe, expect, it } from 'vitest';
import { daySchema, instantSchema } from './date-schemas.js';
import { isCalendarDay, isInstant, parseDay, parseInstant } from './dates.js';

// dates.ts checks days and instants without zod (start-up time); it must agree with the schemas.
const days = [
  '2026-11-20', '2026-02-28', '2026-02-29', '2024-02-29', '2000-02-29', '1900-02-29', '2026-04-31', '2026-13-01',
  '2026-00-10', '2026-1-01', '26-11-20', '2026-11-20T00:00:00Z', ' 2026-11-20', '', 'today', '２０２６-11-20',
];
const instants = [
  '2026-11-20T09:30:00Z', '2026-11-20T09:30:00.123Z', '2026-11-20T09:30:00+02:00', '2026-11-20T09:30:00-0200',
  '2026-11-20T09:30Z', '2026-11-20T24:00:00Z', '2026-02-30T09:30:00Z', '2026-11-20T09:30:00', '2026-11-20 09:30:00Z',
  '2026-11-20T09:30:60Z', '2026-11-20T09:30:00+24:00', '2026-11-20T09:30:00.Z', '',
];

describe('dates without zod', () => {
  it.each(days)('a day %j is judged as z.iso.date() judges it', (text) => {
    expect(isCalendarDay(text)).toBe(daySchema.safeParse(text).success);
  });
  it.each(instants)('an instant %j is judged as z.iso.datetime({ offset: true }) judges it', (text) => {
    expect(isInstant(text)).toBe(instantSchema.safeParse(text).success);
  });
  it('keeps the refusals naming the field', () => {
    expect(parseDay('2026-11-20', '--due')).toBe('2026-11-20');
    expect(() => parseDay('2026-02-30', '--due')).toThrow('--due: "2026-02-30" is not a day: 2026-02 has 28 days, not 30');
    expect(parseInstant('2026-11-20T09:30:00+02:00', '--at')).toBe('2026-11-20T07:30:00.000Z');
    expect(() => parseInstant('2026-11-20T25:00:00Z', '--at')).toThrow('--at:');
  });
});
