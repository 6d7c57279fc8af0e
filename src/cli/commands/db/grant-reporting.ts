import { InputError, UsageError } from '../../../errors.js';
import type { CommandDef } from '../../command.js';

export const dbGrantReportingCommand: CommandDef = {
  name: 'db grant-reporting',
  summary: 'PostgreSQL: let an existing role read everything tthc stores (reports, lookups, audit verify) and write nothing',
  args: ['<role>'],
  formats: ['table'],
  examples: ['psql -c "CREATE ROLE tthc_report LOGIN PASSWORD \'…\'"', 'tthc db grant-reporting tthc_report --db postgres://tthc@db.local/tthc'],
  async run(ctx, [role]) {
    const name = String(role);
    if (!/^[a-z_][a-z0-9_$]{0,62}$/.test(name)) throw new UsageError(`role "${name}": expected a lower-case PostgreSQL name (letters, digits, _ and $)`);
    const { usingDb } = await import('../../../db/connect.js');
    const { migrateToLatest } = await import('../../../db/migrate.js');
    const { sql } = await import('kysely');
    await usingDb(ctx.db, ctx.io.cwd, async (d) => {
      if (d.engine !== 'postgres') throw new UsageError('db grant-reporting is for PostgreSQL; a SQLite database is one file: give readers a copy, or open it read-only');
      const exists = await sql<{ n: number }>`select count(*)::int as n from pg_roles where rolname = ${name}`.execute(d.db);
      if (exists.rows[0]!.n === 0) throw new InputError(`no role "${name}" on this server; create it first (CREATE ROLE ${name} LOGIN PASSWORD '…')`);
      const who = (await sql<{ me: string; owner: string | null; superuser: boolean }>`select current_user as me, (select tableowner from pg_tables where schemaname = 'public' and tablename = 'events') as owner, (select rolsuper from pg_roles where rolname = current_user) as superuser`.execute(d.db)).rows[0]!;
      if (who.owner !== null && who.owner !== who.me && !who.superuser) throw new UsageError(`db grant-reporting must run as the owner of tthc's tables (${who.owner}), not ${who.me}`);
      // Every table first, so that the grants cover them; then reading only, now and for tables
      // later migrations make.
      await migrateToLatest(d.db);
      const r = sql.id(name);
      const dbName = (await sql<{ name: string }>`select current_database() as name`.execute(d.db)).rows[0]!.name;
      await d.db.transaction().execute(async (trx) => {
        await sql`grant connect on database ${sql.id(dbName)} to ${r}`.execute(trx);
        await sql`grant usage on schema public to ${r}`.execute(trx);
        await sql`grant select on all tables in schema public to ${r}`.execute(trx);
        await sql`alter default privileges in schema public grant select on tables to ${r}`.execute(trx);
      });
    });
    ctx.io.out(`${name}: SELECT\n`);
    return 0;
  },
};
