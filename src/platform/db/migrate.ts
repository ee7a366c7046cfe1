/**
 * Runs the numbered migrations in `migrations/` in order. Kysely hides the dialect from a
 * migration by design, so this provider passes it: each migration exports `up(db, dialect)`.
 * From the build, they are the compiled files of the same names in `dist/migrations/`.
 */
import { readdirSync } from 'node:fs';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect } from '../../../migrations/_columns.ts';
import { buildFile, fromBuild, projectFile } from '../files.ts';

const dir = fromBuild ? buildFile('migrations/') : projectFile('migrations/');
const migrationFile = fromBuild ? /^(\d{4}_.+)\.mjs$/ : /^(\d{4}_.+)\.ts$/;

/** The migrations' names (their file names without extension) and files, in the order they run. */
export function migrationNames(): Map<string, URL> {
  const names = new Map<string, URL>();
  for (const file of readdirSync(dir).sort()) {
    const name = migrationFile.exec(file)?.[1];
    if (name) names.set(name, new URL(file, dir));
  }
  return names;
}

class DialectMigrationProvider implements MigrationProvider {
  constructor(
    private readonly dialect: Dialect,
    private readonly files: Map<string, URL>,
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const [name, file] of this.files) {
      // Loaded only when it runs (Porch migrates forward only).
      migrations[name] = { up: async (db) => (await import(file.href)).up(db, this.dialect) };
    }
    return migrations;
  }
}

/**
 * Whether the database has run exactly the migrations `names` (read from Kysely's own table);
 * false when that table does not exist yet.
 */
async function upToDate(db: Kysely<any>, names: string[]): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const done = new Set(rows.map((r) => r.name));
    return done.size === names.length && names.every((n) => done.has(n));
  } catch {
    return false;
  }
}

/**
 * Brings the schema up to date. Returns the names of the migrations it applied.
 * Throws the migration's own error (nothing of a failed migration stays: each runs in a transaction).
 */
export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const files = migrationNames();
  // Most starts find nothing to do: one query instead of the migrator's table checks and lock.
  if (await upToDate(db, [...files.keys()])) return [];
  // Numbers are handed out ahead to work landing at once: 0032 may land after 0036 has run on a
  // server, and must still run there (each migration stands on its own).
  const migrator = new Migrator({
    db,
    provider: new DialectMigrationProvider(dialect, files),
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
