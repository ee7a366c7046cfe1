import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { addLot, addVariety, type SeedCommunity, seedCommunity } from '../../../test/support/seeds.ts';

describe('pledge months and reminders in the community’s time zone', () => {
  const t = useTestApp();
  /** Moves the test clock to `instant` (tests below go forward in time, each from its own start). */
  const setClock = (instant: string) =>
    t.clock.advance((Date.parse(instant) - t.clock.now().getTime()) / 1000);

  async function shelf(c: SeedCommunity) {
    const v = await addVariety(c, c.asAlma, { crop: 'Squash', name: 'Tromboncino' });
    const lot = await addLot(c, c.asAlma, v.id, { packets: 10, harvestYear: 2025 });
    const take = (expectedMonth: string) =>
      c.asBeto.api('POST', `${c.api}/${v.id}/lots/${lot.id}/take`, { packets: 1, expectedMonth });
    return { v, lot, take };
  }
  const mailsToBeto = (c: SeedCommunity) => t.mailbox.to(c.beto.email as string);

  it('in Auckland on 1 February (still January in UTC), offers March first and reminds at 10:00 on 1 March there', async () => {
    setClock('2030-01-31T12:00:00Z'); // 01:00 on 1 February in Auckland
    const c = await seedCommunity(t, { timeZone: 'Pacific/Auckland' });
    const { v, lot, take } = await shelf(c);
    const form = (await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}/lots/${lot.id}/take`)).body;
    expect(form).toContain('value="2030-03"');
    expect(form).not.toContain('value="2030-02"');
    const thisMonth = await take('2030-02');
    expect(thisMonth.statusCode).toBe(422);
    expect(thisMonth.json().errors[0]).toMatchObject({
      field: 'expectedMonth',
      code: 'seeds.pledge_month_range',
    });
    expect((await take('2030-03')).statusCode).toBe(200);

    setClock('2030-02-28T20:59:00Z'); // 09:59 on 1 March in Auckland
    await t.runJobs();
    expect(mailsToBeto(c)).toHaveLength(0);
    setClock('2030-02-28T21:01:00Z'); // 10:01
    await t.runJobs();
    const mails = mailsToBeto(c);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('A gentle reminder about the Squash seed');
    expect(mails[0].text).toContain('March 2030');
  });

  it('in Los Angeles on the evening of 28 February (already March in UTC), takes March as next month and reminds at 10:00 Pacific time', async () => {
    setClock('2031-03-01T05:00:00Z'); // 21:00 on 28 February in Los Angeles
    const c = await seedCommunity(t, { timeZone: 'America/Los_Angeles' });
    const { take } = await shelf(c);
    expect((await take('2031-02')).statusCode).toBe(422);
    const pledged = await take('2031-03');
    expect(pledged.statusCode, pledged.body).toBe(200);
    expect(pledged.json().pledge).toMatchObject({ expectedMonth: '2031-03', status: 'open' });

    setClock('2031-03-01T17:59:00Z'); // 09:59 PST on 1 March
    await t.runJobs();
    expect(mailsToBeto(c)).toHaveLength(0);
    setClock('2031-03-01T18:01:00Z');
    await t.runJobs();
    expect(mailsToBeto(c)).toHaveLength(1);
  });

  it('counts "this year" in the community’s time zone for harvests and memories', async () => {
    setClock('2031-12-31T12:00:00Z'); // 01:00 on 1 January 2032 in Auckland; 2031 elsewhere
    const auckland = await seedCommunity(t, { timeZone: 'Pacific/Auckland' });
    const v = await addVariety(auckland, auckland.asAlma);
    const form = (await auckland.asAlma.get(`/c/${auckland.slug}/seeds/${v.id}/lots/new`)).body;
    expect(form).toMatch(/name="harvestYear"[^>]*value="2032"|value="2032"[^>]*name="harvestYear"/);
    await addLot(auckland, auckland.asAlma, v.id, { harvestYear: 2032 });
    const memory = (memoryYear: number) =>
      auckland.asAlma.api('POST', `${auckland.api}/${v.id}/stories`, {
        kind: 'memory',
        body: 'New Year’s Day sowing.',
        memoryYear,
      });
    expect((await memory(2032)).statusCode).toBe(201);
    const later = await memory(2033);
    expect(later.statusCode).toBe(422);
    expect(later.json().errors[0]).toMatchObject({ field: 'memoryYear', code: 'seeds.year_in_future' });

    const chicago = await seedCommunity(t, { timeZone: 'America/Chicago' });
    const w = await addVariety(chicago, chicago.asAlma);
    const refused = await chicago.asAlma.api('POST', `${chicago.api}/${w.id}/lots`, {
      packets: 3,
      harvestYear: 2032,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ field: 'harvestYear', code: 'seeds.year_in_future' });
  });

  it('puts the reminder off when the community moved west, until the month begins there', async () => {
    setClock('2032-05-10T00:00:00Z');
    const c = await seedCommunity(t, { timeZone: 'Pacific/Auckland' });
    const { take } = await shelf(c);
    expect((await take('2032-06')).statusCode).toBe(200);
    await t.services.db
      .updateTable('community')
      .set({ timeZone: 'America/Los_Angeles' })
      .where('id', '=', c.community.id)
      .execute();

    setClock('2032-05-31T22:01:00Z'); // 10:01 on 1 June in Auckland; 15:01 on 31 May in Los Angeles
    await t.runJobs();
    expect(mailsToBeto(c)).toHaveLength(0);
    setClock('2032-06-01T17:01:00Z'); // 10:01 PDT on 1 June
    await t.runJobs();
    expect(mailsToBeto(c)).toHaveLength(1);
  });
});
