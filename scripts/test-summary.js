// Prints one plain closing line from the JUnit reports written in CI — vitest's (.tmp/junit.xml)
// and the browser tests' (.tmp/junit-web.xml, Playwright): "tests: N passed, N failed, N
// skipped", which any CI log reader understands.
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
const reports = ['.tmp/junit.xml', '.tmp/junit-web.xml'].filter((file, i) => i === 0 || existsSync(file));
const suites = reports.flatMap((file) => [parser.parse(readFileSync(file, 'utf8')).testsuites?.testsuite ?? []].flat());
const sum = (attr) => suites.reduce((total, suite) => total + Number(suite[attr] ?? 0), 0);
const failed = sum('failures') + sum('errors');
const skipped = sum('skipped');
console.log(`tests: ${sum('tests') - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
