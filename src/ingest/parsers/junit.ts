// JUnit XML as Jest (jest-junit), Vitest, Mocha (xunit / mocha-junit-reporter), pytest and Maven
// Surefire write it. Their quirks: suites nest (or not), the file is an attribute of the case,
// of the suite, or the classname itself (Vitest); <error> is an unexpected exception or a broken
// fixture, <failure> a failed assertion — both fail the test; <skipped> covers skip, todo,
// pending and pytest's xfail; Surefire's <flakyFailure>/<rerunFailure> passed on a retry.
// The suite's own counters are not trusted (Mocha's xunit counts a failed hook as an error but
// writes it as <failure>): everything is counted from the cases.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { badInput } from '../../domain/errors.js';
import { normalizePath } from '../paths.js';
import type { ParseOptions, ParseResult, RawFinding, TestMetrics } from '../types.js';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
  processEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
});

export const looksLikeJunit = (head: string): boolean => /<testsuites?[\s>]/.test(head);

export function parseJunit(text: string, options: ParseOptions): ParseResult[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw badInput(`JUnit XML, line ${valid.err.line}: ${valid.err.msg}`);
  let root: Node;
  try {
    root = parser.parse(text) as Node;
  } catch (error) {
    // The validator lets a few malformed documents through that the parser then rejects.
    throw badInput(`JUnit XML: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  const top = (root.testsuites ?? root) as Node;
  if (root.testsuites === undefined && root.testsuite === undefined) {
    throw badInput('JUnit XML: expected a <testsuites> or <testsuite> root element');
  }
  const findings: RawFinding[] = [];
  const tests: TestMetrics = { passed: 0, failed: 0, skipped: 0, total: 0 };
  const visit = (suite: Node, inheritedFile: string | null): void => {
    const file = attr(suite, 'file') ?? inheritedFile;
    for (const testcase of asArray(suite.testcase)) visitCase(testcase, file, options, findings, tests);
    for (const child of asArray(suite.testsuite)) visit(child, file);
  };
  for (const suite of asArray(top.testsuite)) visit(suite, null);
  // A bare <testsuites> holding cases directly is rare but valid enough to read.
  for (const testcase of asArray(top.testcase)) visitCase(testcase, null, options, findings, tests);
  return [{ format: 'junit', tool: 'junit', findings, tests }];
}

function visitCase(testcase: Node, suiteFile: string | null, options: ParseOptions, findings: RawFinding[], tests: TestMetrics): void {
  tests.total += 1;
  const failures = asArray(testcase.failure);
  const errors = asArray(testcase.error);
  if (failures.length === 0 && errors.length === 0) {
    if (testcase.skipped !== undefined) tests.skipped += 1;
    else tests.passed += 1;
    return;
  }
  tests.failed += 1;
  const name = attr(testcase, 'name') ?? '(unnamed test)';
  const classname = attr(testcase, 'classname') ?? '';
  const problem = failures[0] ?? errors[0] ?? {};
  const file = attr(testcase, 'file') ?? suiteFile ?? (looksLikePath(classname) ? classname : null);
  const line = Number(attr(testcase, 'line'));
  // jest-junit repeats the name as classname; say it once.
  const title = classname === '' || classname === name ? name : looksLikePath(classname) ? name : `${classname} › ${name}`;
  findings.push({
    rule: failures.length > 0 ? 'test-failure' : 'test-error',
    level: failures.length > 0 ? 'failure' : 'error',
    message: `${title}: ${summary(problem)}`,
    file: file === null ? null : normalizePath(file, options.root),
    line: Number.isInteger(line) && line > 0 ? line : null,
    col: null,
    // A test is the same test however its failure message changes from run to run.
    toolFingerprint: `${classname}\u0000${name}`,
    severityHint: 'major',
    data: { test: title },
  });
}

function summary(problem: Node): string {
  const message = attr(problem, 'message');
  const body = typeof problem['#text'] === 'string' ? problem['#text'] : '';
  const first = (message ?? body).split('\n').find((l) => l.trim() !== '') ?? '';
  const type = attr(problem, 'type');
  const text = first.trim() || type || 'failed';
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

const attr = (node: Node, name: string): string | null => {
  const value = node[`@${name}`];
  return typeof value === 'string' && value !== '' ? value : null;
};

function asArray(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  // <skipped/> parses to "" — still an element that was there.
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === 'object' && v !== null ? (v as Node) : {}));
}

const looksLikePath = (text: string): boolean => /[/\\]/.test(text) && /\.[a-z]{1,5}$/i.test(text);
