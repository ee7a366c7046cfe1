import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { TenantScopeError } from '../db/tenant-guard.ts';

describe('durable jobs', () => {
  const t = useTestApp();

  it('runs a job only once its transaction has committed, and never after a rollback', async () => {
    const seen: string[] = [];
    t.services.jobs.register('test.note', async (p: { text: string }) => {
      seen.push(p.text);
    });
    await t.services.db
      .transaction()
      .execute(async (tx) => {
        await t.services.jobs.enqueue(tx, 'test.note', { text: 'rolled back' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await t.services.db
      .transaction()
      .execute((tx) => t.services.jobs.enqueue(tx, 'test.note', { text: 'kept' }));
    await t.runJobs();
    expect(seen).toEqual(['kept']);
  });

  it('retries a failing job later, with backoff, and records the error', async () => {
    let calls = 0;
    t.services.jobs.register('test.flaky', async () => {
      calls++;
      if (calls === 1) throw new Error('SMTP server busy');
    });
    await t.services.jobs.enqueue(t.services.db, 'test.flaky', {});
    await t.runJobs();
    expect(calls).toBe(1);
    const row = await t.services.db
      .selectFrom('job')
      .selectAll()
      .where('kind', '=', 'test.flaky')
      .executeTakeFirstOrThrow();
    expect(row.lastError).toContain('SMTP server busy');
    expect(row.doneAt).toBeNull();
    await t.runJobs(); // not due yet
    expect(calls).toBe(1);
    t.clock.advance(60);
    await t.runJobs();
    expect(calls).toBe(2);
  });

  it('sends mail through SMTP from a job', async () => {
    await t.services.jobs.enqueue(t.services.db, 'mail.send', {
      to: 'ana@example.org',
      subject: 'Hola',
      text: 'Buenos días',
    });
    await t.runJobs();
    expect(t.mailbox.to('ana@example.org')).toEqual([
      expect.objectContaining({ subject: 'Hola', text: expect.stringContaining('Buenos días') }),
    ]);
  });
});

describe('the tenant guard (tests only)', () => {
  const t = useTestApp();

  it('refuses a query on a community table without a community_id condition', async () => {
    await expect(t.services.db.selectFrom('membership').selectAll().execute()).rejects.toThrow(
      TenantScopeError,
    );
    const { community } = await t.community();
    const rows = await t.services.db
      .selectFrom('membership')
      .selectAll()
      .where('communityId', '=', community.id)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
