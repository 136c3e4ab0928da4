// Repairs text that was UTF-8 but got decoded as Mac Roman or Windows-1252 somewhere on its way
// (a mail client, an old editor): `üéØ` for 🎯, `ðŸ”´` for 🔴, `â€™` for ’. Each suspicious run is
// turned back into the bytes that codepage would have produced and decoded again as UTF-8; a run
// that is not valid UTF-8 that way is left exactly as it was, so genuine accents survive.

// Characters for bytes 0x80..0xFF, in byte order.
const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

// Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; decoders pass them through as
// the C1 control of the same number, so those map back to themselves.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function reverseTable(high: string): Map<string, number> {
  const table = new Map<string, number>();
  [...high].forEach((char, i) => table.set(char, 0x80 + i));
  return table;
}

const MAC_ROMAN = reverseTable(MAC_ROMAN_HIGH);
const WINDOWS_1252 = (() => {
  const table = reverseTable(WINDOWS_1252_C1);
  // Latin-1 decoders (no 1252 table) leave every C1 byte as its control character.
  for (let byte = 0x80; byte <= 0x9f; byte++) table.set(String.fromCharCode(byte), byte);
  for (let byte = 0xa0; byte <= 0xff; byte++) table.set(String.fromCharCode(byte), byte);
  return table;
})();
const CODEPAGES = [MAC_ROMAN, WINDOWS_1252];

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** How many bytes a UTF-8 sequence starting with this lead byte has (0: not a lead byte). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Decodes one UTF-8 sequence spelled as codepage characters at `chars[at]`, or null. */
function decodeAt(chars: readonly string[], at: number, table: Map<string, number>): string | null {
  const lead = table.get(chars[at] ?? '');
  if (lead === undefined) return null;
  const length = sequenceLength(lead);
  if (length === 0 || at + length > chars.length) return null;
  const bytes = new Uint8Array(length);
  bytes[0] = lead;
  for (let i = 1; i < length; i++) {
    const byte = table.get(chars[at + i] ?? '');
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return null;
    bytes[i] = byte;
  }
  try {
    const decoded = utf8.decode(bytes);
    return plausible(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

// Two codepages can both yield valid UTF-8 (`Ã©` is é in Windows-1252 but a lone combining mark
// in Mac Roman); only characters people write count as a repair.
const IMPLAUSIBLE = /^[\p{Cc}\p{Co}\p{Cn}\p{Cs}]$|^(?!\uFE0F|\u200D|\u20E3)\p{M}$/u;
const plausible = (char: string): boolean => !IMPLAUSIBLE.test(char);

/**
 * Some copies lose the Mac Roman Apple logo (0xF0, a private-use character) in front of an emoji,
 * leaving `üéØ` for 🎯: three continuation bytes starting with 0x9F. Put the lead byte back.
 */
function decodeHeadless(chars: readonly string[], at: number, table: Map<string, number>): string | null {
  if (table.get(chars[at] ?? '') !== 0x9f || at + 3 > chars.length) return null;
  const bytes = new Uint8Array([0xf0, 0x9f, 0, 0]);
  for (let i = 1; i < 3; i++) {
    const byte = table.get(chars[at + i] ?? '');
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return null;
    bytes[i + 1] = byte;
  }
  try {
    const decoded = utf8.decode(bytes);
    return /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/u.test(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

// Cheap pre-check: every mis-decoded sequence contains at least one of these characters.
const SUSPECT = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6-\u02dd\u03a9\u03c0\u2013-\u2044\u20ac\u2122\u2202-\u2264\u25ca\uf8ff\ufb01\ufb02]/;

const table0x9f = (char: string | undefined): boolean => char === 'ü' || char === 'Ÿ' || char === '\u009f';

/** Returns `text` with mis-decoded UTF-8 sequences restored; everything else untouched. */
export function repairMojibake(text: string): string {
  if (!SUSPECT.test(text)) return text;
  const chars = [...text];
  let out = '';
  let changed = false;
  for (let i = 0; i < chars.length; ) {
    let repaired: string | null = null;
    let used = 0;
    for (const table of CODEPAGES) {
      const decoded = decodeAt(chars, i, table);
      if (decoded !== null) {
        repaired = decoded;
        used = sequenceLength(table.get(chars[i] ?? '') ?? 0);
        break;
      }
    }
    if (repaired === null && table0x9f(chars[i])) {
      for (const table of CODEPAGES) {
        const decoded = decodeHeadless(chars, i, table);
        if (decoded !== null) {
          repaired = decoded;
          used = 3;
          break;
        }
      }
    }
    if (repaired !== null) {
      out += repaired;
      i += used;
      changed = true;
    } else {
      out += chars[i];
      i += 1;
    }
  }
  return changed ? out : text;
}
