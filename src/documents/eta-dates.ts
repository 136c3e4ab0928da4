// ETA dates as authors write them ("2026-12-18", "Dec 18", "18 Dec 2026", "11 décembre 2026") and
// a forecast's date written back the same way, so a changed ETA reads like the one it replaces.

/** Month names per language and length, January first: a date is written back in its author's list. */
const MONTHS: ReadonlyArray<readonly string[]> = [
  'jan feb mar apr may jun jul aug sep oct nov dec',
  'january february march april may june july august september october november december',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'janv févr mars avr mai juin juil août sept oct nov déc',
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'ene feb mar abr may jun jul ago sep oct nov dic',
  'januar februar märz april mai juni juli august september oktober november dezember',
  'jan feb mär apr mai jun jul aug sep okt nov dez',
  'jan feb mar apr may jun jul aug sept oct nov dec',
].map((l) => l.split(' '));

function monthIn(word: string): { list: readonly string[]; month: number } | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  for (const list of MONTHS) {
    const i = list.indexOf(w);
    if (i >= 0) return { list, month: i + 1 };
  }
  return null;
}

const monthOf = (word: string): number | null => monthIn(word)?.month ?? null;

const pad = (n: number) => String(n).padStart(2, '0');
const valid = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

interface Read {
  day: string;
  /** How it was written: iso, "18 Dec 2026" (dmy), "Dec 18, 2026" / "Dec 18" (mdy), with the month word and whether a year was given. */
  form: 'iso' | 'dmy' | 'mdy';
  month: string | null;
  year: boolean;
}

function read(text: string, thisYear: number): Read | null {
  const t = text.trim().replace(/^_live: (.*)_$/, '$1');
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (iso) return valid(+iso[1]!, +iso[2]!, +iso[3]!) ? { day: t, form: 'iso', month: null, year: true } : null;
  const dmy = /^(\d{1,2})(?:er)?\.?\s+(\p{L}+\.?)(?:,?\s+(\d{4}))?$/u.exec(t);
  const mdy = /^(\p{L}+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$/u.exec(t);
  const [d, mw, y, form] = dmy ? [dmy[1]!, dmy[2]!, dmy[3], 'dmy' as const] : mdy ? [mdy[2]!, mdy[1]!, mdy[3], 'mdy' as const] : [];
  if (d === undefined || mw === undefined || form === undefined) return null;
  const m = monthOf(mw);
  const year = y === undefined ? thisYear : Number(y);
  if (m === null || !valid(year, m, Number(d))) return null;
  return { day: `${year}-${pad(m)}-${pad(Number(d))}`, form, month: mw, year: y !== undefined };
}

/** The day an ETA names (YYYY-MM-DD), or null when it is no date. A date without a year is taken in `year`. */
export function parseEtaDay(text: string, year = new Date().getUTCFullYear()): string | null {
  return read(text, year)?.day ?? null;
}

/** `day` written the way `written` was: ISO, "18 Dec 2026", "Dec 18" (the month in the author's word list). */
export function writeEtaLike(written: string, day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const was = read(written, y);
  if (!was || was.form === 'iso' || was.month === null) return day;
  let word = monthIn(was.month)!.list[m - 1]!;
  if (/^\p{Lu}/u.test(was.month)) word = word[0]!.toUpperCase() + word.slice(1);
  if (was.month.endsWith('.')) word += '.';
  const sameYear = was.year ? ` ${y}` : '';
  return was.form === 'dmy' ? `${d} ${word}${sameYear}` : `${word} ${d}${was.year ? `, ${y}` : ''}`;
}
