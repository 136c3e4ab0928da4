// `npm start`: a real tour of punchlist on a throwaway embedded store. It imports the example
// audit a team wrote by hand, then shows the live register, a standup and a release gate.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const store = join(mkdtempSync(join(tmpdir(), 'punchlist-demo-')), 'punchlist.db');
const env = { ...process.env, PUNCHLIST_DB: store, PUNCHLIST_USER: 'demo' };

function step(title, args) {
  process.stdout.write(`\n\x1b[1m$ punchlist ${args.join(' ')}\x1b[0m   # ${title}\n`);
  const r = spawnSync(process.execPath, [join(root, 'bin/punchlist.js'), ...args], { stdio: 'inherit', env, cwd: root });
  if (r.status !== 0 && r.status !== 1) process.exit(r.status ?? 1);
}

console.log(`punchlist demo — store: ${store}`);
step('import the hand-written audit (Markdown, as teams write it today)', ['import', 'examples/audit.md']);
step('the register, most severe first', ['issue', 'list']);
step('move an issue along', ['issue', 'resolve', 'B001']);
step('feed it real tool output: a compiler run, a linter run (SARIF) and a test run (JUnit)', [
  'ingest', 'test/fixtures/ingest/tsc-plain.txt', 'test/fixtures/ingest/eslint.sarif', 'test/fixtures/ingest/vitest-junit.xml',
  // The fixtures were produced in /tmp/fixture-work: paths in them are made relative to it.
  '--root', '/tmp/fixture-work', '--commit', 'demo',
]);
step('what the tools found joins the register (compiler errors are critical, failing tests major)', ['issue', 'list', '--open', '--severity', 'critical,major']);
step("today's standup, per tier", ['report', 'standup']);
step('checklists with their live rules', ['check', 'list']);
step('the release gate CI would run (exit 1 while blockers are open)', ['gate', 'go-live-checklist']);
console.log(`\nTry more with: PUNCHLIST_DB=${store} npx punchlist --help`);
