// Prints one plain closing line from the JUnit report vitest writes in CI (.tmp/junit.xml):
// "tests: N passed, N failed, N skipped", which any CI log reader understands.
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';

const report = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync('.tmp/junit.xml', 'utf8'));
const suites = [report.testsuites?.testsuite ?? []].flat();
const sum = (attr) => suites.reduce((total, suite) => total + Number(suite[attr] ?? 0), 0);
const failed = sum('failures') + sum('errors');
const skipped = sum('skipped');
console.log(`tests: ${sum('tests') - failed - skipped} passed, ${failed} failed, ${skipped} skipped`);
