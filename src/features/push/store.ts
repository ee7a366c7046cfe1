/** Push subscriptions' SQL beyond what sending reads (`platform/notify/push.ts`). */
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

/** A device's subscription to keep. */
export interface NewSubscription {
  accountId: string;
  sessionId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
  createdAt: string;
}

/** Whether `endpoint` is among `accountId`'s devices. */
export async function hasEndpoint(db: Db, accountId: string, endpoint: string): Promise<boolean> {
  const row = await db
    .selectFrom('pushSubscription')
    .select('id')
    .where('accountId', '=', accountId)
    .where('endpoint', '=', endpoint)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many devices `accountId` has push on for. */
export async function countOf(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('pushSubscription')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('accountId', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Keeps `s`; an existing row for its endpoint (the same browser, maybe with someone else signed
 * in) becomes this one, with the new keys and owner. Returns the row's id.
 */
export async function saveSubscription(db: Db, s: NewSubscription): Promise<string> {
  const row = await db
    .insertInto('pushSubscription')
    .values({ id: newId(), ...s, lastSentAt: null })
    .onConflict((oc) =>
      oc.column('endpoint').doUpdateSet({
        accountId: s.accountId,
        sessionId: s.sessionId,
        p256dh: s.p256dh,
        auth: s.auth,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastSentAt: null,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes `accountId`'s device `id`; false when the account has no such device. */
export async function deleteSubscription(db: Db, accountId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('pushSubscription')
    .where('accountId', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The id of `accountId`'s live session with the token hashed as `tokenHash`, if any. */
export async function sessionIdOf(db: Db, accountId: string, tokenHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('session')
    .select('id')
    .where('tokenHash', '=', tokenHash)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return row?.id;
}

/** Locks `accountId`'s row until the transaction ends: its devices are counted, then added to. */
export async function lockAccount(db: Db, accountId: string): Promise<void> {
  await db.selectFrom('account').select('id').where('id', '=', accountId).forUpdate().execute();
}
