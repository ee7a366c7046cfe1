import type { Kysely } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * A visitor answering a public gathering is no longer asked for an email: nothing used it (no
 * page showed it to the organizers, no one was told of a change by it, nothing deleted it), and
 * what is not used is not collected. Those given so far are deleted with the column.
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await db.schema.alterTable('gathering_rsvp').dropColumn('visitor_email').execute();
}
