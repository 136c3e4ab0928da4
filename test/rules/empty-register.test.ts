// "0 critical issues remaining" needs evidence (SPEC §7): a register that holds no issue and was
// never fed by a tool proves nothing, so the item is unknown with the reason, in `gate` and in
// `check list`, on both stores. Once tool output is ingested (a clean run) or issues exist, it passes.
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ROOT } from '../support/paths.js';
import { storeFactories } from '../support/stores.js';

const audit = '# Sum Library — Launch Audit\n\n## ✅ Definition of Done\n- [ ] 0 critical issues remaining\n- [ ] All issues resolved\n';
const REASON = 'the register is empty: no issues imported or added, and no tool output ingested, so there is nothing to judge by';

describe.each(storeFactories())('a count target on an empty register, on $name', (factory) => {
  async function fresh() {
    await (await factory.open()).close();
    const location = factory.lastLocation();
    const run = (...args: string[]) => runCli(['--db', location, '--as', 'tester', ...args]);
    const dir = mkdtempSync(join(tmpdir(), 'punchlist-empty-register-'));
    writeFileSync(join(dir, 'audit.md'), audit);
    expect((await run('import', join(dir, 'audit.md'))).code).toBe(0);
    return { run, dir };
  }

  it('is unknown, not passed, in the gate and in check list; --allow-unknown lets it through', async () => {
    const { run } = await fresh();
    const gate = await run('--json', 'gate', 'definition-of-done');
    expect(gate.code).toBe(1);
    const body = gate.json<{ passed: boolean; items: Array<{ text: string; status: string; reason: string }> }>();
    expect(body.passed).toBe(false);
    expect(body.items.map((i) => [i.text, i.status, i.reason])).toEqual([
      ['0 critical issues remaining', 'unknown', REASON],
      ['All issues resolved', 'unknown', REASON],
    ]);
    const human = await run('gate', 'definition-of-done');
    expect(human.code).toBe(1);
    expect(human.stdout).toContain('fix:  import the audit (punchlist import FILE) or ingest tool output (punchlist ingest FILE)');
    const check = (await run('--json', 'check', 'list')).json<Array<{ key: string; items: Array<{ status: string; reason: string }> }>>();
    expect(check.flatMap((c) => c.items.map((i) => [i.status, i.reason]))).toEqual([
      ['unknown', REASON],
      ['unknown', REASON],
    ]);
    expect((await run('gate', 'definition-of-done', '--allow-unknown')).code).toBe(0);
  });

  it('passes once tool output is recorded (the CI recipe\'s test run), or the register holds issues of other severities', async () => {
    const clean = await fresh();
    copyFileSync(join(ROOT, 'test/fixtures/ci-recipe/junit.xml'), join(clean.dir, 'junit.xml'));
    expect((await clean.run('ingest', join(clean.dir, 'junit.xml'))).code).toBe(0);
    expect((await clean.run('gate', 'definition-of-done')).code).toBe(0);

    // A clean lint run (no findings) is evidence too: its first ingest is recorded.
    const lint = await fresh();
    copyFileSync(join(ROOT, 'test/fixtures/ci-recipe/eslint.json'), join(lint.dir, 'eslint.json'));
    expect((await lint.run('ingest', join(lint.dir, 'eslint.json'))).code).toBe(0);
    expect((await lint.run('gate', 'definition-of-done')).code).toBe(0);

    const minor = await fresh();
    expect((await minor.run('issue', 'add', 'Typo', '--severity', 'minor')).code).toBe(0);
    const gate = (await minor.run('--json', 'gate', 'definition-of-done')).json<{ items: Array<{ status: string }> }>();
    expect(gate.items.map((i) => i.status)).toEqual(['pass', 'fail']);
  });
});
