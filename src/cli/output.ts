// Everything the CLI prints goes through here, so --json and TTY handling live in one place.
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  align?: 'left' | 'right';
  /** Longest a cell may be before it is cut with an ellipsis (on a TTY only). */
  max?: number;
}

// Text from the data (titles, comments, owners, actors, tool messages) may carry terminal control
// sequences: an untrusted pull request's lint message could recolour, retitle or overwrite what the
// reader sees. Every human-readable line goes through neutralise(): C0 and C1 controls (all but the
// newline), DEL and the bidirectional overrides are shown as visible escapes (`\x1b`, `\u202e`),
// which also disarms every ESC/CSI/OSC sequence. --json and raw documents are written exactly.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function neutralise(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

export interface Progress {
  tick(done: number): void;
  done(): void;
}

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

export interface Output {
  readonly isTty: boolean;
  /** A human-readable line or block; control characters in it are neutralised. */
  print(text: string): void;
  /** Writes text exactly as given (documents, reports). */
  raw(text: string): void;
  json(value: unknown): void;
  table<T>(rows: readonly T[], columns: Column<T>[]): void;
  /** A progress line on a TTY's stderr; silent elsewhere. */
  progress(label: string, total: number): Progress;
  warn(text: string): void;
}

export function createOutput(stdout: NodeJS.WriteStream = process.stdout, stderr: NodeJS.WriteStream = process.stderr): Output {
  const isTty = Boolean(stdout.isTTY);
  return {
    isTty,
    print: (text) => void stdout.write(neutralise(text.endsWith('\n') ? text : `${text}\n`)),
    raw: (text) => void stdout.write(text),
    json: (value) => void stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => void stderr.write(`${neutralise(text)}\n`),
    table(rows, columns) {
      stdout.write(renderTable(rows, columns, isTty ? (stdout.columns ?? 120) : Infinity));
    },
    progress(label, total) {
      if (!stderr.isTTY) return { tick: () => undefined, done: () => undefined };
      let last = 0;
      const draw = (done: number) => {
        const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
        stderr.write(`\r${label} ${pct}% (${done}/${total})`);
      };
      return {
        tick(done) {
          const now = Date.now();
          if (now - last < 100) return;
          last = now;
          draw(done);
        },
        done() {
          draw(total);
          stderr.write('\n');
        },
      };
    },
  };
}

export function renderTable<T>(rows: readonly T[], columns: Column<T>[], width = Infinity): string {
  const cell = (c: Column<T>, row: T): string => {
    const v = c.value(row);
    const text = v === null || v === undefined || v === '' ? '-' : neutralise(String(v)).replace(/\s+/g, ' ');
    const max = Number.isFinite(width) ? (c.max ?? Infinity) : Infinity;
    return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
  };
  const cells = rows.map((r) => columns.map((c) => cell(c, r)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (columns[i]?.align === 'right' ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}
