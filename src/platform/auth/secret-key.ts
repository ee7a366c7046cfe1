/**
 * One secret key for every process of a server (README, `SECRET_KEY`): it signs cookies, forms and
 * unsubscribe links, and derives the personal links of drills and alerts, whose hash alone the
 * database keeps — a link mailed by a process with another key opens nothing. So the database
 * keeps a fingerprint of the key (an HMAC-SHA-256 of a fixed text under it, which tells nothing of
 * the key), written by the first process to start; a process started with another key finds a
 * different fingerprint and refuses to start, rather than mail links that are dead on arrival.
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../db/database.ts';

const setting = 'secret_key_fingerprint';

/** The fingerprint of `secretKey`: base64url HMAC-SHA-256 of a fixed text under it. */
export function keyFingerprint(secretKey: string): string {
  return createHmac('sha256', secretKey).update('porch secret key fingerprint').digest('base64url');
}

/**
 * Whether `secretKey` is the key the database knows: the first key checked is recorded (processes
 * starting together record one, the others compare with it). `adopt`: record this key in place of
 * any other (a deliberate change of key), and answer true.
 */
export async function isServerKey(db: Db, secretKey: string, adopt = false): Promise<boolean> {
  const mine = keyFingerprint(secretKey);
  if (adopt) {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('setting').where('key', '=', setting).execute();
      await tx.insertInto('setting').values({ key: setting, value: mine }).execute();
    });
    return true;
  }
  await db
    .insertInto('setting')
    .values({ key: setting, value: mine })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('setting').select('value').where('key', '=', setting).executeTakeFirst();
  return row?.value === mine;
}
