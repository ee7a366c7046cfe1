import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { createSession } from '../auth/sessions.ts';
import { newId } from '../db/ids.ts';
import { iso } from '../db/time.ts';
import { tidyEverySeconds } from './tidy.ts';

describe('tidying', () => {
  const t = useTestApp();

  it('every hour deletes ended sessions, old sign-in links and old finished jobs, and keeps the rest', async () => {
    const day = 86400;
    const account = await t.account();
    const at = (seconds: number) => iso(new Date(t.clock.now().getTime() + seconds * 1000));
    // Made now: in the future (after the clock moves) some have ended, some not.
    await createSession(t.services.db, t.clock, account.id);
    const link = (id: string, expiresIn: number) => ({
      id,
      tokenHash: newId(),
      email: account.email!,
      createdAt: at(0),
      expiresAt: at(expiresIn),
    });
    await t.services.db
      .insertInto('loginToken')
      .values([link('old-link', 60), link('fresh-link', 400 * day)])
      .execute();
    const job = (id: string, doneIn: number) => ({
      id,
      kind: 'test.done',
      payload: '{}',
      runAt: at(0),
      createdAt: at(0),
      doneAt: at(doneIn),
    });
    await t.services.db
      .insertInto('job')
      .values([job('old-job', 0), job('recent-job', 200 * day)])
      .execute();

    // 181 days on: the session (180 days) has ended, the first link too, the first job is old.
    t.clock.advance(181 * day);
    await t.runJobs();
    const ids = async (table: 'session' | 'loginToken' | 'job') =>
      (await t.services.db.selectFrom(table).select('id').execute()).map((r) => r.id).sort();
    expect(await ids('session')).toEqual([]);
    expect(await ids('loginToken')).toEqual(['fresh-link']);
    expect((await ids('job')).filter((id) => id.endsWith('-job'))).toEqual(['recent-job']);
    // The next run is queued an hour on, once.
    const next = await t.services.db
      .selectFrom('job')
      .select('runAt')
      .where('kind', '=', 'platform.tidy')
      .where('doneAt', 'is', null)
      .execute();
    expect(next).toHaveLength(1);
    expect(Date.parse(next[0].runAt) - t.clock.now().getTime()).toBeGreaterThan(
      (tidyEverySeconds - 60) * 1000,
    );
  });
});
