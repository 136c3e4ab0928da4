import { describe, expect, it } from 'vitest';
import { formatEstimate, parseEstimate } from './estimate.js';

describe('estimates', () => {
  it.each([
    ['30min', 30], ['2hrs', 120], ['1.5h', 90], ['1d', 480], ['1w', 2400], ['1h 30m', 90], ['45 min', 45], ['3 hours', 180],
    ['-', null], ['', null], ['TBD', null],
  ])('reads %j as %j minutes', (text, minutes) => {
    expect(parseEstimate(text)).toBe(minutes);
  });

  it.each([['12'], ['3 parsecs'], ['soon'], ['1h and a bit']])('refuses %j with one line', (text) => {
    expect(() => parseEstimate(text)).toThrow(/^estimate: /);
  });

  it('writes the shortest faithful form back', () => {
    expect([45, 60, 90, 180, 480, 2400, null].map(formatEstimate)).toEqual(['45min', '1hr', '1.5hrs', '3hrs', '1d', '1w', '-']);
  });
});
