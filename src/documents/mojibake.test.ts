import { describe, expect, it } from 'vitest';
import { repairMojibake } from './mojibake.js';

// Spells UTF-8 bytes the way a Mac Roman or Windows-1252 reader shows them, with the platform's
// own decoders, so the tests do not share a table with the code under test.
const asMacRoman = (text: string) => new TextDecoder('macintosh').decode(Buffer.from(text, 'utf8'));
const asWindows1252 = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((b) => (b < 0x80 ? String.fromCharCode(b) : Buffer.from([b]).toString('latin1'))).join('');

describe('repairMojibake', () => {
  it('restores emoji read as Mac Roman, including the Apple-logo lead byte', () => {
    expect(repairMojibake('## üéØ FIRST 72 HOURS')).toBe('## 🎯 FIRST 72 HOURS');
    expect(repairMojibake('## üõ†Ô∏è PHASE 2')).toBe('## 🛠️ PHASE 2');
    expect(repairMojibake(asMacRoman('🚀 RISKS — “quoted” ✅'))).toBe('🚀 RISKS — “quoted” ✅');
  });

  it('restores emoji and punctuation read as Windows-1252 or Latin-1', () => {
    expect(repairMojibake('ðŸ”´ CRITICAL')).toBe('🔴 CRITICAL');
    expect(repairMojibake('itâ€™s done â€” really')).toBe('it’s done — really');
    expect(repairMojibake(asWindows1252('🟢 MINOR · café'))).toBe('🟢 MINOR · café');
  });

  it('leaves correct text alone: real accents, real emoji, plain ASCII', () => {
    for (const text of ['café déjà vu', 'Größe Ärger', '🔴 BLOCKERS', 'plain ascii | table', '√2 ≈ 1.414', '']) {
      expect(repairMojibake(text)).toBe(text);
    }
  });

  it('repairs mixed lines and keeps what is not a valid sequence', () => {
    expect(repairMojibake('ok 🎯 and üéØ and é')).toBe('ok 🎯 and 🎯 and é');
    expect(repairMojibake('Ã')).toBe('Ã');
  });
});
