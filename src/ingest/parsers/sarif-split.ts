// The streaming SARIF reader's tokenizer: walks the bytes of a SARIF file chunk by chunk, checks
// the JSON of its skeleton (the top object, `runs`, each run, each `results` array) itself, and
// hands every other value to JSON.parse as one slice — a run's `tool`, its URI bases, and the
// results, many at a time. So a file is never held whole (memory: one chunk plus the values in
// flight), and the heavy lifting is V8's JSON.parse rather than a JavaScript parser: it reads
// about as fast as JSON.parse of the whole text (see bench/RESULTS.md) at a fraction of its memory.
import { badInput } from '../../domain/errors.js';

export interface SplitHandlers {
  tool(run: number, value: unknown): void;
  bases(run: number, value: unknown): void;
  results(run: number, values: unknown[]): void;
}

const Ch = {
  Tab: 0x09,
  Lf: 0x0a,
  Cr: 0x0d,
  Space: 0x20,
  Quote: 0x22,
  Comma: 0x2c,
  Colon: 0x3a,
  OpenBracket: 0x5b,
  Backslash: 0x5c,
  CloseBracket: 0x5d,
  OpenBrace: 0x7b,
  CloseBrace: 0x7d,
} as const;

/** Where a container of the skeleton is: the top object, the runs array, a run, its results. */
type Level = 'top' | 'runs' | 'run' | 'results';
/** What may come next inside a container. */
type Expect = 'keyOrEnd' | 'key' | 'colon' | 'value' | 'commaOrEnd' | 'valueOrEnd';

interface Frame {
  level: Level;
  expect: Expect;
  key: string | null;
  index: number;
}

/** A value (or key) being skipped over, possibly across chunks: enough state to resume. */
interface Leaf {
  kind: 'container' | 'string' | 'scalar';
  depth: number;
  inString: boolean;
  escaped: boolean;
  parts: Buffer[];
}

const BOM = [0xef, 0xbb, 0xbf];

const isSpace = (b: number): boolean => b === Ch.Space || b === Ch.Lf || b === Ch.Cr || b === Ch.Tab;

const invalid = (detail: string): Error => badInput(`SARIF: not valid JSON (${detail})`);

function parseSlice(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw invalid(`${what}: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : 'invalid'}`.slice(0, 200));
  }
}

export class SarifSplitter {
  private readonly stack: Frame[] = [];
  private started = false;
  private done = false;
  private leaf: Leaf | null = null;
  private run = -1;
  private sawRuns = false;
  private offset = 0;
  private bom = 0;

  constructor(private readonly on: SplitHandlers) {}

  write(chunk: Buffer): void {
    let pos = 0;
    // A byte-order mark (EF BB BF) at the very start, however the chunks cut it.
    while (this.offset + pos < 3 && this.offset + pos === this.bom && chunk[pos] === BOM[this.bom]) {
      pos++;
      this.bom++;
    }
    if (this.leaf !== null) {
      const end = this.scanLeaf(this.leaf, chunk, 0);
      if (end < 0) {
        this.leaf.parts.push(chunk);
        this.offset += chunk.length;
        return;
      }
      const leaf = this.leaf;
      this.leaf = null;
      leaf.parts.push(chunk.subarray(0, end));
      this.value(Buffer.concat(leaf.parts).toString('utf8'));
      pos = end;
    }
    this.walk(chunk, pos);
    this.offset += chunk.length;
  }

  end(): void {
    if (!this.started) throw invalid('the file is empty');
    if (this.leaf !== null || this.stack.length > 0 || !this.done) throw invalid('unexpected end of the file');
    if (!this.sawRuns) throw badInput('SARIF: expected an object with a "runs" array');
  }

  /** The skeleton: one byte at a time until a value to skip starts, then the leaf scanner. */
  private walk(buf: Buffer, from: number): void {
    let pos = from;
    // Results batched per chunk: one JSON.parse for all the complete results of a chunk.
    let batchStart = -1;
    let batchEnd = -1;
    let batchCount = 0;
    const flush = (): void => {
      if (batchCount === 0) return;
      const values = parseSlice(`[${buf.toString('utf8', batchStart, batchEnd)}]`, `runs[${this.run}].results`) as unknown[];
      batchCount = 0;
      batchStart = -1;
      this.on.results(this.run, values);
    };
    while (pos < buf.length) {
      const b = buf[pos] as number;
      if (isSpace(b)) {
        pos++;
        continue;
      }
      const frame = this.stack.at(-1);
      if (frame === undefined) {
        if (this.done) throw invalid(`unexpected data after the end at byte ${this.offset + pos}`);
        if (b !== Ch.OpenBrace) throw badInput('SARIF: expected an object with a "runs" array');
        this.started = true;
        this.stack.push({ level: 'top', expect: 'keyOrEnd', key: null, index: 0 });
        pos++;
        continue;
      }
      switch (frame.expect) {
        case 'keyOrEnd':
        case 'key': {
          if (b === Ch.CloseBrace && frame.expect === 'keyOrEnd') {
            pos = this.close(pos);
            continue;
          }
          if (b !== Ch.Quote) throw invalid(`expected a key at byte ${this.offset + pos}`);
          const end = this.startLeaf(buf, pos, 'string');
          if (end < 0) return;
          this.value(buf.toString('utf8', pos, end));
          pos = end;
          continue;
        }
        case 'colon':
          if (b !== Ch.Colon) throw invalid(`expected ":" at byte ${this.offset + pos}`);
          frame.expect = 'value';
          pos++;
          continue;
        case 'commaOrEnd':
          if (b === Ch.Comma) {
            frame.expect = frame.level === 'runs' || frame.level === 'results' ? 'value' : 'key';
            pos++;
            continue;
          }
          if (b === (frame.level === 'runs' || frame.level === 'results' ? Ch.CloseBracket : Ch.CloseBrace)) {
            if (frame.level === 'results') flush();
            pos = this.close(pos);
            continue;
          }
          throw invalid(`expected "," or the end of ${frame.level === 'top' ? 'the document' : frame.level} at byte ${this.offset + pos}`);
        case 'valueOrEnd':
        case 'value': {
          if (b === Ch.CloseBracket && frame.expect === 'valueOrEnd') {
            pos = this.close(pos);
            continue;
          }
          const opens = this.opensSkeleton(frame, b);
          if (opens !== null) {
            this.stack.push({ level: opens, expect: opens === 'run' ? 'keyOrEnd' : 'valueOrEnd', key: null, index: 0 });
            if (opens === 'run') this.run = frame.index;
            pos++;
            continue;
          }
          const kind = b === Ch.OpenBrace || b === Ch.OpenBracket ? 'container' : b === Ch.Quote ? 'string' : 'scalar';
          const end = this.startLeaf(buf, pos, kind);
          if (end < 0) {
            if (frame.level === 'results') flush();
            return;
          }
          if (frame.level === 'results') {
            if (batchCount === 0) batchStart = pos;
            batchEnd = end;
            batchCount++;
            frame.index++;
            frame.expect = 'commaOrEnd';
          } else this.value(buf.toString('utf8', pos, end));
          pos = end;
          continue;
        }
      }
    }
    flush();
  }

  /** `runs` holds runs, a run holds `results`: those are walked, everything else is a leaf. */
  private opensSkeleton(frame: Frame, b: number): Level | null {
    if (frame.level === 'top' && frame.key === 'runs') {
      if (b !== Ch.OpenBracket) throw badInput('SARIF: expected an object with a "runs" array');
      this.sawRuns = true;
      return 'runs';
    }
    if (frame.level === 'runs') {
      if (b !== Ch.OpenBrace) throw badInput(`SARIF runs[${frame.index}]: expected an object`);
      return 'run';
    }
    if (frame.level === 'run' && frame.key === 'results' && b === Ch.OpenBracket) return 'results';
    return null;
  }

  private close(pos: number): number {
    this.stack.pop();
    const parent = this.stack.at(-1);
    if (parent === undefined) this.done = true;
    else this.finishValue(parent);
    return pos + 1;
  }

  private finishValue(frame: Frame): void {
    if (frame.level === 'runs' || frame.level === 'results') frame.index++;
    frame.expect = 'commaOrEnd';
    frame.key = frame.level === 'runs' || frame.level === 'results' ? null : frame.key;
  }

  /** A complete key or skipped value, as text: keys set the frame's key, values are checked and routed. */
  private value(text: string): void {
    const frame = this.stack.at(-1);
    if (frame === undefined) throw invalid('expected an object');
    if (frame.expect === 'key' || frame.expect === 'keyOrEnd') {
      const key = parseSlice(text, 'a key');
      if (typeof key !== 'string') throw invalid('expected a key');
      if (frame.level === 'top' && key === 'runs' && this.sawRuns) throw badInput('SARIF: "runs" appears twice');
      frame.key = key;
      frame.expect = 'colon';
      return;
    }
    const parsed = parseSlice(text, frame.key ?? 'a value');
    if (frame.level === 'top' && frame.key === 'runs') throw badInput('SARIF: expected an object with a "runs" array');
    if (frame.level === 'results') this.on.results(this.run, [parsed]);
    else if (frame.level === 'run') {
      if (frame.key === 'tool') this.on.tool(this.run, parsed);
      else if (frame.key === 'originalUriBaseIds') this.on.bases(this.run, parsed);
      else if (frame.key === 'results' && parsed !== null) throw badInput(`SARIF runs[${this.run}].results: expected an array`);
    }
    this.finishValue(frame);
  }

  /** Scans a value from `pos`: its end (exclusive), or -1 with `this.leaf` set to resume. */
  private startLeaf(buf: Buffer, pos: number, kind: Leaf['kind']): number {
    const leaf: Leaf = { kind, depth: 0, inString: false, escaped: false, parts: [] };
    const end = this.scanLeaf(leaf, buf, pos);
    if (end === pos) throw invalid(`expected a value at byte ${this.offset + pos}`);
    if (end < 0) {
      leaf.parts.push(buf.subarray(pos));
      this.leaf = leaf;
    }
    return end;
  }

  private scanLeaf(leaf: Leaf, buf: Buffer, from: number): number {
    let pos = from;
    const length = buf.length;
    if (leaf.kind === 'scalar') {
      while (pos < length) {
        const b = buf[pos] as number;
        if (b === Ch.Comma || b === Ch.CloseBrace || b === Ch.CloseBracket || isSpace(b)) return pos;
        pos++;
      }
      return -1;
    }
    let { depth, inString, escaped } = leaf;
    if (leaf.kind === 'string' && leaf.parts.length === 0 && !inString) {
      inString = true;
      pos++;
    }
    while (pos < length) {
      if (inString) {
        if (escaped) {
          escaped = false;
          pos++;
          continue;
        }
        // Jump to the next quote (strings are most of a SARIF file), then see whether it is escaped.
        const quote = buf.indexOf(Ch.Quote, pos);
        const stop = quote < 0 ? length : quote;
        let slashes = 0;
        for (let i = stop - 1; i >= pos && buf[i] === Ch.Backslash; i--) slashes++;
        if (quote < 0) {
          escaped = slashes % 2 === 1;
          pos = length;
          break;
        }
        pos = quote + 1;
        if (slashes % 2 === 1) continue;
        inString = false;
        if (leaf.kind === 'string') return pos;
        continue;
      }
      const b = buf[pos] as number;
      if (b === Ch.Quote) inString = true;
      else if (b === Ch.OpenBrace || b === Ch.OpenBracket) depth++;
      else if (b === Ch.CloseBrace || b === Ch.CloseBracket) {
        depth--;
        if (depth === 0) return pos + 1;
      }
      pos++;
    }
    leaf.depth = depth;
    leaf.inString = inString;
    leaf.escaped = escaped;
    return -1;
  }
}
