// The PostgreSQL change mark (migration 1200, postgres.ts): every table of the store moves it,
// and concurrent callers share a read only when it was sent after they asked.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { coalesced } from '../../src/store/postgres.js';
import { postgresFactory } from '../support/stores.js';

describe('coalesced change-mark reads', () => {
  it('gives a caller only a read sent after it asked, and shares it with every caller waiting', async () => {
    const sent: ((mark: string) => void)[] = [];
    const mark = coalesced(() => new Promise<string>((resolve) => sent.push(resolve)));
    const first = mark();
    const second = mark(); // asked while the first read is out: must not get it
    const third = mark();
    expect(sent).toHaveLength(1);
    sent[0]!('a');
    expect(await first).toBe('a');
    await new Promise((r) => setImmediate(r));
    expect(sent).toHaveLength(2); // one read for both waiting callers, sent after the first came back
    sent[1]!('b');
    expect([await second, await third]).toEqual(['b', 'b']);
    const fourth = mark(); // nothing out: a read of its own at once
    expect(sent).toHaveLength(3);
    sent[2]!('c');
    expect(await fourth).toBe('c');
  });

  it('passes a failed read to its callers and reads again for the next', async () => {
    let n = 0;
    const mark = coalesced(() => (++n === 1 ? Promise.reject(new Error('away')) : Promise.resolve(`m${n}`)));
    await expect(mark()).rejects.toThrow('away');
    expect(await mark()).toBe('m2');
  });
});

const pg = postgresFactory();
describe.skipIf(!pg)('the change mark on postgres', () => {
  it('is moved by a write to every table of the store', async () => {
    const store = await pg!.open();
    const { Kysely, PostgresDialect } = await import('kysely');
    const { default: pgDriver } = await import('pg');
    const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pgDriver.Pool({ connectionString: pg!.lastLocation(), max: 1 }) }) });
    try {
      const { rows } = await sql<{ name: string; triggers: number }>`
        select t.table_name as name, (select count(*) from information_schema.triggers g
          where g.event_object_table = t.table_name and g.trigger_name = t.table_name || '_changes')::int as triggers
        from information_schema.tables t
        where t.table_schema = current_schema() and t.table_type = 'BASE TABLE' and t.table_name not like 'kysely%'`.execute(db);
      expect(rows.length).toBeGreaterThan(10);
      // A table added later must call noteChanges (migrations/1200-change-mark.ts).
      expect(rows.filter((r) => r.triggers === 0).map((r) => r.name)).toEqual([]);
      const before = await store.changeMark();
      await sql`delete from account_events where false`.execute(db);
      expect(await store.changeMark()).not.toBe(before);
    } finally {
      await db.destroy();
      await store.close();
    }
  });
});
