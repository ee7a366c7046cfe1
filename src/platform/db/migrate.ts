/**
 * Runs the numbered migrations in `migrations/` in order. Kysely hides the dialect from a
 * migration by design, so this provider passes it: each migration exports `up(db, dialect)`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Dialect } from '../../../migrations/_columns.ts';

const dir = fileURLToPath(new URL('../../../migrations/', import.meta.url));

class DialectMigrationProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of readdirSync(dir).sort()) {
      if (!/^\d{4}_.+\.ts$/.test(file)) continue;
      const mod = await import(pathToFileURL(dir + file).href);
      migrations[file.replace(/\.ts$/, '')] = {
        up: (db) => mod.up(db, this.dialect),
        down: mod.down ? (db) => mod.down(db, this.dialect) : undefined,
      };
    }
    return migrations;
  }
}

/**
 * Brings the schema up to date. Returns the names of the migrations it applied.
 * Throws the migration's own error (nothing of a failed migration stays: each runs in a transaction).
 */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new DialectMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
