// Turns measurable targets written in prose ("0 critical issues remaining", "80%+ test coverage",
// "100% CI/CD pipeline success rate") into a CEL rule and, when the measure is not something the
// store already knows (issue counts, tests, coverage), a KPI that people record values for.
// Pure: the Markdown importer and `punchlist kpi` both call it.
import type { Comparator } from '../domain/enums.js';

export interface ParsedTarget {
  rule: string;
  kpi: { key: string; name: string; unit: string | null; target: number; comparator: Comparator } | null;
}

type Sev = 'critical' | 'major' | 'medium' | 'minor';

const SEVERITY_WORDS: ReadonlyArray<[RegExp, Sev]> = [
  [/\b(critical|blockers?|p0|p1|showstoppers?|urgent|highest|bloquantes?|critiques?)\b/, 'critical'],
  [/\b(major|high|p2|majeures?|majeurs?)\b/, 'major'],
  [/\b(medium|moderate|p3)\b/, 'medium'],
  [/\b(minor|low|p4|trivial|mineures?|mineurs?)\b/, 'minor'],
];

const ISSUE_NOUN = /\b(issues?|bugs?|blockers?|defects?|problems?|vulnerabilit(?:y|ies)|findings?|p[0-4]s?|anomalies?|bogues?|incidents?)\b/;
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;
const UNIT = String.raw`(%|ms|milliseconds?|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|x|kb|mb|gb)?`;

/** Words between a comparator and a number, longest first so "less than or equal to" wins. */
const COMPARATOR_WORDS: ReadonlyArray<[string, Comparator]> = [
  ['less than or equal to', '<='],
  ['greater than or equal to', '>='],
  ['no more than', '<='],
  ['not more than', '<='],
  ['no less than', '>='],
  ['at most', '<='],
  // French.
  ['inférieur ou égal à', '<='],
  ['supérieur ou égal à', '>='],
  ['inférieure à', '<'],
  ['inférieur à', '<'],
  ['supérieure à', '>'],
  ['supérieur à', '>'],
  ['au moins', '>='],
  ['au plus', '<='],
  ['moins de', '<'],
  ['at least', '>='],
  ['less than', '<'],
  ['fewer than', '<'],
  ['more than', '>'],
  ['greater than', '>'],
  ['under', '<'],
  ['below', '<'],
  ['within', '<='],
  ['over', '>'],
  ['above', '>'],
  ['exceeding', '>'],
  ['<=', '<='],
  ['≤', '<='],
  ['>=', '>='],
  ['≥', '>='],
  ['<', '<'],
  ['>', '>'],
  ['=', '=='],
];
const COMPARATOR_RE = COMPARATOR_WORDS.map(([w]) => w.replace(/[<>=]/g, (c) => `\\${c}`)).join('|');

const KEY_STOPWORDS = new Set(['the', 'a', 'an', 'of', 'pipeline', 'overall', 'rate_of']);

export function parseTarget(text: string): ParsedTarget | null {
  const t = normalise(text);
  if (t === '') return null;
  return testsTarget(t) ?? coverageTarget(t) ?? issuesTarget(t) ?? kpiTarget(t, cleanName(text));
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/\bci\s*\/\s*cd\b/g, 'ci')
    .replace(/[^\p{L}\p{N}%<>=≤≥.,/+\-\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '')
    .trim();
}

function testsTarget(t: string): ParsedTarget | null {
  const passing =
    /\ball (unit |integration |e2e |end to end )?tests? (are )?(passing|pass|green)\b/.test(t) ||
    /\b(full |whole |entire )?test suite (is )?(green|passing|passes)\b/.test(t) ||
    /\b100% (of )?tests? (passing|pass|green)\b/.test(t) ||
    /\b(0|zero|no) (failing|failed|broken|red) tests?\b/.test(t) ||
    /\bno test failures?\b/.test(t) ||
    /\b(test )?pass rate (of |at |= ?)?100 ?%|\b100 ?% (test )?pass rate\b/.test(t);
  return passing ? { rule: 'tests.failed == 0', kpi: null } : null;
}

function coverageTarget(t: string): ParsedTarget | null {
  if (!/\bcoverage\b/.test(t)) return null;
  const kind = /\bbranch(es)?\b/.test(t)
    ? 'branches'
    : /\bfunctions?\b/.test(t)
      ? 'functions'
      : /\bstatements?\b/.test(t)
        ? 'statements'
        : 'lines';
  const pct = new RegExp(`${NUMBER}\\s*%`).exec(t);
  if (!pct?.[1]) return null;
  const value = toNumber(pct[1]);
  const cmp = comparatorIn(t) ?? '>=';
  return { rule: `coverage.${kind} ${cmp} ${celDouble(value)}`, kpi: null };
}

function issuesTarget(t: string): ParsedTarget | null {
  if (!ISSUE_NOUN.test(t)) return null;
  const severities = SEVERITY_WORDS.filter(([re]) => re.test(t)).map(([, s]) => s);
  const arg = severities.length === 0 ? '' : `[${severities.map((s) => `"${s}"`).join(', ')}]`;
  const open = `issues.open(${arg})`;

  if (/^(all|every)\b/.test(t) && /\b(resolved|fixed|closed|done|addressed|remediated|accepted)\b/.test(t)) {
    // "All 60 issues resolved" is judged against 60: a register holding fewer cannot prove it.
    const named = /^(?:all|every)\s+(?:of\s+(?:the\s+)?)?(\d+)\b/.exec(t)?.[1];
    if (named !== undefined) {
      const count = `issues.atLeast(${Number(named)}${arg ? `, ${arg}` : ''})`;
      return { rule: `${count} && ${open} == 0`, kpi: null };
    }
    return { rule: `${open} == 0`, kpi: null };
  }
  if (/^(0|zero|no|none)\b/.test(t) || /\b(0|zero|no) (open|remaining|outstanding)\b/.test(t)) {
    return { rule: `${open} == 0`, kpi: null };
  }
  const bound = new RegExp(`^(${COMPARATOR_RE})\\s*(\\d+)\\b`).exec(t);
  if (bound?.[1] && bound[2]) {
    return { rule: `${open} ${comparatorOf(bound[1])} ${Number(bound[2])}`, kpi: null };
  }
  return null;
}

/** "<name> under 800 ms", "p95 < 200ms", "100% CI success rate", "95%+ uptime". */
function kpiTarget(t: string, original: string): ParsedTarget | null {
  const after = new RegExp(`^(.+?)\\s*(${COMPARATOR_RE})\\s*${NUMBER}\\s*${UNIT}(?=\\s|$)(.*)$`).exec(t);
  if (after?.[1] && after[2] && after[3]) {
    const name = nameBefore(original, after[1]);
    return kpi(name, comparatorOf(after[2]), toNumber(after[3]), unitOf(after[4]));
  }
  // "Lighthouse score 90+", "Availability 99.9%": a bare figure after a measure's name.
  const bare = new RegExp(`^(.+?)\\s*:?\\s+${NUMBER}\\s*${UNIT}\\s*(\\+)?$`).exec(t);
  if (bare?.[1] && bare[2] && (bare[4] || /\b(rate|score|ratio|uptime|availability|percentage|index)$/.test(bare[1]))) {
    return kpi(nameBefore(original, bare[1]), '>=', toNumber(bare[2]), unitOf(bare[3]));
  }
  const before = new RegExp(`^(${COMPARATOR_RE})?\\s*${NUMBER}\\s*${UNIT}\\s*(\\+|or more|or better|or less)?\\s+(.+)$`).exec(t);
  if (before?.[2] && before[5] && /\p{L}/u.test(before[5])) {
    const tail = before[4];
    const cmp: Comparator = before[1]
      ? comparatorOf(before[1])
      : tail === 'or less'
        ? '<='
        : '>=';
    const name = nameAfter(original, before[5]);
    return kpi(name, cmp, toNumber(before[2]), unitOf(before[3]));
  }
  return null;
}

function kpi(name: string, comparator: Comparator, target: number, unit: string | null): ParsedTarget | null {
  const key = kpiKey(name);
  if (key === '' || !Number.isFinite(target)) return null;
  return {
    rule: `kpi("${key}") ${comparator} ${celDouble(target)}`,
    kpi: { key, name, unit, target, comparator },
  };
}

/** A stable key for a KPI name: "CI/CD pipeline success rate" → "ci_success_rate". */
export function kpiKey(name: string): string {
  return normalise(name)
    .replace(/%/g, ' pct ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !KEY_STOPWORDS.has(w))
    .join('_');
}

function cleanName(text: string): string {
  return text
    .replace(/[*_`~]/g, '')
    .replace(/[^\p{L}\p{N}%<>=≤≥.,/+\-\s()]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// The name is taken from the original text so it keeps its capitals ("CI/CD pipeline success
// rate"); qualifiers after the number ("for 7 days") are dropped from the name.
function nameBefore(original: string, normalisedHead: string): string {
  const words = normalisedHead.split(' ').length;
  return tidyName(original.split(' ').slice(0, words).join(' '));
}

function nameAfter(original: string, normalisedTail: string): string {
  const words = normalisedTail.split(' ').length;
  const all = original.split(' ');
  return tidyName(all.slice(all.length - words).join(' '));
}

function tidyName(name: string): string {
  return name
    .replace(/^of\s+/i, '')
    .replace(/\s+(for|over|across|during|in|on)\s+(the\s+)?(last\s+)?\d+.*$/i, '')
    .replace(/[.,;:]+$/, '')
    .trim();
}

function comparatorIn(t: string): Comparator | null {
  if (/%\s*\+|\bor (more|better|higher)\b|\bat least\b|≥|>=/.test(t)) return '>=';
  const m = new RegExp(`(${COMPARATOR_RE})\\s*${NUMBER}`).exec(t);
  return m?.[1] ? comparatorOf(m[1]) : null;
}

function comparatorOf(word: string): Comparator {
  return COMPARATOR_WORDS.find(([w]) => w === word)?.[1] ?? '>=';
}

function unitOf(raw: string | undefined): string | null {
  if (!raw) return null;
  if (raw === '%') return '%';
  if (/^(ms|milliseconds?)$/.test(raw)) return 'ms';
  if (/^(s|secs?|seconds?)$/.test(raw)) return 's';
  if (/^(mins?|minutes?)$/.test(raw)) return 'min';
  if (/^(h|hrs?|hours?)$/.test(raw)) return 'h';
  if (/^days?$/.test(raw)) return 'days';
  if (/^[kmg]b$/.test(raw)) return raw.toUpperCase();
  return raw;
}

function toNumber(raw: string): number {
  return Number(raw.replace(',', '.'));
}

/** CEL does not compare an int literal with a double value: always write doubles. */
export function celDouble(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}
