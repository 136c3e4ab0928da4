// How text is compared when people search or filter: one folding, done here in JavaScript, so
// SQLite and PostgreSQL see the same already-folded words and cannot disagree (their own case
// and accent rules differ: SQLite's lower() is ASCII-only, PostgreSQL's follows the server's
// locale and strips no accents without an extension).
//
// A word is a run of letters and digits. Folding lower-cases (with ß → ss), strips accents and
// other combining marks after compatibility decomposition (É → e, ﬁ → fi, ² → 2), and treats
// everything else — punctuation, symbols, spaces, control characters — as a separator. So
// `Überweisung`, `uberweisung` and `UBERWEISUNG` are the same word, and `src/m42.ts` is the
// words `src m42 ts`.

/** Longer words are cut here: PostgreSQL does not index a word over 2,047 bytes. */
export const MAX_WORD_LENGTH = 200;
/** A query uses at most this many words (each one narrows; more add nothing but cost). */
export const MAX_QUERY_WORDS = 16;

const MARKS = /\p{M}+/gu;
const SEPARATORS = /[^\p{L}\p{N}]+/u;
/** No code unit above 0x7f (an astral character is two such units). */
const ASCII = /^[^\u0080-\uffff]*$/;
/** In ASCII, the letters and digits are these. */
const ASCII_SEPARATORS = /[^a-z0-9]+/;

/** The words of a text, folded, in order (repeats kept: they weigh in ranking). */
export function foldWords(text: string | null | undefined): string[] {
  if (!text) return [];
  // ASCII text (most titles, owners and paths) has nothing to decompose or strip: the same words, cheaper.
  const ascii = ASCII.test(text);
  const folded = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(MARKS, '').toLowerCase().replaceAll('ß', 'ss');
  const words: string[] = [];
  for (const word of folded.split(ascii ? ASCII_SEPARATORS : SEPARATORS)) {
    if (word !== '') words.push(word.length > MAX_WORD_LENGTH ? word.slice(0, MAX_WORD_LENGTH) : word);
  }
  return words;
}

/** A text as the store keeps it for search: its folded words separated by single spaces. */
export const foldText = (text: string | null | undefined): string => foldWords(text).join(' ');

/**
 * The words of a search query: folded like the text searched, without repeats. None (an empty
 * query, or only punctuation such as `"*:`) means "no text condition".
 */
export function queryWords(query: string | null | undefined): string[] {
  return [...new Set(foldWords(query))].slice(0, MAX_QUERY_WORDS);
}
