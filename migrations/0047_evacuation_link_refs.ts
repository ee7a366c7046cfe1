import { type Kysely, sql } from 'kysely';
import type { Dialect } from './_columns.ts';

/**
 * A personal link of the ride network (issue 16) is no longer kept readable in the notification
 * that carried it: notifications now store a reference to the link, and its mail or push is sent
 * with the link rebuilt then. Notifications made before stored the link itself, token included:
 * they now lead to the member's own signed-in page of the network instead (their mail, already
 * sent, still carries the link, which works until its drill or alert ends).
 */
export async function up(db: Kysely<any>, _dialect: Dialect) {
  await sql`UPDATE notification SET path = '/evacuation'
    WHERE path LIKE '/evacuation/check-in/%' OR path LIKE '/evacuation/safe/%'`.execute(db);
}
