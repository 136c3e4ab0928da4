import { describe, expect, it } from 'vitest';
import { foldText, foldWords, MAX_QUERY_WORDS, MAX_WORD_LENGTH, queryWords } from './search-text.js';

describe('search text folding', () => {
  it('folds case, accents and compatibility forms, and splits on everything but letters and digits', () => {
    expect(foldText('Überweisung an Émile (straße)')).toBe('uberweisung an emile strasse');
    expect(foldText('src/m42.ts:10 — ﬁx ²')).toBe('src m42 ts 10 fix 2');
    expect(foldText('日本語のテキスト')).toBe('日本語のテキスト');
    expect(foldText('a\u0000b\u001b[31mc')).toBe('a b 31mc');
    expect(foldText(null)).toBe('');
  });

  it('cuts very long words, the same for text and query', () => {
    const long = 'x'.repeat(MAX_WORD_LENGTH + 50);
    expect(foldWords(long)[0]).toHaveLength(MAX_WORD_LENGTH);
    expect(queryWords(long)).toEqual(foldWords(long));
  });

  it('reads a query as distinct words; punctuation alone is no query', () => {
    expect(queryWords('"NEAR(migr* OR plan)":  migr')).toEqual(['near', 'migr', 'or', 'plan']);
    expect(queryWords('"*:')).toEqual([]);
    expect(queryWords(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_QUERY_WORDS);
  });
});

describe('foldWords on ASCII text', () => {
  // The general path, as written before the ASCII shortcut: the shortcut must give the same words.
  const general = (text: string) =>
    text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replaceAll('ß', 'ss').split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');

  it('gives the same words as the general path, for every ASCII character and random ASCII text', () => {
    const every = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)).join('');
    expect(foldWords(every)).toEqual(general(every));
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, () => String.fromCharCode(Math.floor(random() * 128))).join('');
      expect(foldWords(text), JSON.stringify(text)).toEqual(general(text));
    }
    expect(foldWords('Module 7 fails on `src/m7/f7.ts`')).toEqual(['module', '7', 'fails', 'on', 'src', 'm7', 'f7', 'ts']);
  });
});
