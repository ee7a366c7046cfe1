import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/** The hourly tidying finds ended sessions and sign-in links by their end, not by reading them all. */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema.createIndex('session_expires_idx').on('session').column('expires_at').execute();
  await db.schema.createIndex('login_token_expires_idx').on('login_token').column('expires_at').execute();
}
