import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { addLot, addVariety, type SeedCommunity, seedCommunity } from '../../../test/support/seeds.ts';
import { addMonths, localMonth } from '../../platform/db/time.ts';
import { reminderTime } from './calendar.ts';

describe('seed lots', () => {
  const t = useTestApp();

  it('lets a member put donated seed on the shelf, grown by a member', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const res = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/lots`, {
      packets: 12,
      harvestYear: 2024,
      germinationRate: 85,
      grownBy: c.alma.id,
      notes: 'From the community garden bed 3.',
    });
    expect(res.statusCode).toBe(303);
    const { lots } = (await c.asAlma.api('GET', `${c.api}/${v.id}`)).json();
    expect(lots).toMatchObject([
      { packets: 12, harvestYear: 2024, germinationRate: 85, grownByName: 'Alma', source: 'donation' },
    ]);
    const page = (await c.asAlma.get(`/c/${c.slug}/seeds/${v.id}`)).body;
    expect(page).toContain('Harvest 2024');
    expect(page).toContain('85 %');
  });

  it('refuses zero packets, a harvest year out of range, a germination rate over 100 and a grower who is not a member', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const url = `${c.api}/${v.id}/lots`;
    const fields = async (body: Record<string, unknown>) => {
      const res = await c.asAlma.api('POST', url, { packets: 3, harvestYear: 2023, ...body });
      expect(res.statusCode).toBe(422);
      return res.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await fields({ packets: 0 })).toEqual(['packets']);
    expect(await fields({ harvestYear: 1949 })).toEqual(['harvestYear']);
    expect(await fields({ harvestYear: new Date().getUTCFullYear() + 1 })).toEqual(['harvestYear']);
    expect(await fields({ germinationRate: 101 })).toEqual(['germinationRate']);
    expect(await fields({ germinationRate: -1 })).toEqual(['germinationRate']);
    const stranger = await t.account();
    expect(await fields({ grownBy: stranger.id })).toEqual(['grownBy']);

    const page = await c.asAlma.post(
      `/c/${c.slug}/seeds/${v.id}/lots`,
      { packets: 3, harvestYear: new Date().getUTCFullYear() + 1 },
      { headers: { 'accept-language': 'es' } },
    );
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Escribe un año que no sea posterior a');
  });
});

describe('taking packets', () => {
  const t = useTestApp();
  const take = (
    c: SeedCommunity,
    client: SeedCommunity['asAlma'],
    varietyId: string,
    lotId: string,
    body: object,
  ) => client.api('POST', `${c.api}/${varietyId}/lots/${lotId}/take`, body);

  it('lets a member take packets, with no debt recorded, and thanks them on the page', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const lot = await addLot(c, c.asAlma, v.id, { packets: 5 });
    const res = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/lots/${lot.id}/take`, { packets: 2 });
    expect(res.statusCode).toBe(303);
    const page = await c.asBeto.get(res.headers.location as string);
    expect(page.body).toContain('You took 2 packets. Happy growing!');
    expect((await c.asBeto.api('GET', `${c.api}/${v.id}`)).json().lots[0].packets).toBe(3);
  });

  it('answers 409 when asking for more packets than are left, and re-renders the form saying how many', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const lot = await addLot(c, c.asAlma, v.id, { packets: 3 });
    const res = await take(c, c.asBeto, v.id, lot.id, { packets: 4 });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('seeds.not_enough_packets');
    const form = await c.asBeto.post(
      `/c/${c.slug}/seeds/${v.id}/lots/${lot.id}/take`,
      { packets: 4 },
      { headers: { 'accept-language': 'es' } },
    );
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('solo quedan 3 sobres');
    expect((await take(c, c.asBeto, v.id, lot.id, { packets: 0 })).statusCode).toBe(422);
    expect((await c.asBeto.api('GET', `${c.api}/${v.id}`)).json().lots[0].packets).toBe(3);
  });

  it('never goes below zero when two members take the last packet at once: exactly one succeeds', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const lot = await addLot(c, c.asAlma, v.id, { packets: 1 });
    const results = await Promise.all([
      take(c, c.asAlma, v.id, lot.id, { packets: 1 }),
      take(c, c.asBeto, v.id, lot.id, { packets: 1 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const row = await t.services.db
      .selectFrom('seedLot')
      .select('packets')
      .where('communityId', '=', c.community.id)
      .where('id', '=', lot.id)
      .executeTakeFirstOrThrow();
    expect(row.packets).toBe(0);
    // An empty lot leaves the shelf.
    expect((await c.asAlma.api('GET', `${c.api}/${v.id}`)).json().lots).toEqual([]);
  });

  it('hands out exactly what is there when many take at once', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const lot = await addLot(c, c.asAlma, v.id, { packets: 5 });
    const clients = [c.asAlma, c.asBeto, c.asSteward, c.asAlma, c.asBeto, c.asSteward];
    const results = await Promise.all(clients.map((client) => take(c, client, v.id, lot.id, { packets: 2 })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(2);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(4);
    const [line] = (await c.asAlma.api('GET', c.api)).json();
    expect(line.packetsAvailable).toBe(1);
  });
});

describe('pledges to bring seed back', () => {
  const t = useTestApp();
  const nextMonth = (c: SeedCommunity) => addMonths(localMonth(t.clock.now(), c.community.timeZone), 1);

  async function pledged(c: SeedCommunity, packets = 2) {
    const v = await addVariety(c, c.asAlma, { crop: 'Squash', name: 'Tromboncino' });
    const lot = await addLot(c, c.asAlma, v.id, { packets: 10 });
    const res = await c.asBeto.api('POST', `${c.api}/${v.id}/lots/${lot.id}/take`, {
      packets,
      pledge: true,
      expectedMonth: nextMonth(c),
    });
    expect(res.statusCode, res.body).toBe(200);
    return { v, lot, pledge: res.json().pledge as { id: string; status: string; expectedMonth: string } };
  }

  it('asks for a month from next month on when pledging', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const lot = await addLot(c, c.asAlma, v.id);
    const url = `${c.api}/${v.id}/lots/${lot.id}/take`;
    const noMonth = await c.asBeto.api('POST', url, { packets: 1, pledge: true });
    expect(noMonth.statusCode).toBe(422);
    expect(noMonth.json().errors[0]).toMatchObject({
      field: 'expectedMonth',
      code: 'seeds.pledge_month_required',
    });
    const thisMonth = await c.asBeto.api('POST', url, {
      packets: 1,
      pledge: true,
      expectedMonth: localMonth(t.clock.now(), c.community.timeZone),
    });
    expect(thisMonth.json().errors[0].code).toBe('seeds.pledge_month_range');
    const badForm = await c.asBeto.api('POST', url, { packets: 1, pledge: true, expectedMonth: '2027-13' });
    expect(badForm.statusCode).toBe(422);
    const declined = await c.asBeto.api('POST', url, { packets: 1, pledge: false });
    expect(declined.json().pledge).toBeNull();
    // A month chosen without ticking the box is a pledge all the same.
    const monthOnly = await c.asBeto.api('POST', url, {
      packets: 1,
      expectedMonth: addMonths(localMonth(t.clock.now(), c.community.timeZone), 3),
    });
    expect(monthOnly.json().pledge).toMatchObject({
      status: 'open',
      expectedMonth: addMonths(localMonth(t.clock.now(), c.community.timeZone), 3),
    });
    // Only the two accepted requests took packets.
    expect((await c.asBeto.api('GET', `${c.api}/${v.id}`)).json().lots[0].packets).toBe(3);
  });

  it('pledges through the form and lists the pledge for the member and the stewards only', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const lot = await addLot(c, c.asAlma, v.id);
    const res = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/lots/${lot.id}/take`, {
      packets: 1,
      pledge: 'true',
      expectedMonth: nextMonth(c),
    });
    expect(res.statusCode).toBe(303);
    expect((await c.asBeto.get(`/c/${c.slug}/seeds`)).body).toContain('Seed I plan to bring back');
    expect((await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`)).body).toContain(
      'You took 1 packet and plan to bring',
    );
    expect((await c.asSteward.get(`/c/${c.slug}/seeds/${v.id}`)).body).toContain('Beto took 1 packet');
    expect((await c.asAlma.api('GET', `${c.api}/${v.id}`)).json().pledges).toEqual([]);
  });

  it('takes a month chosen on the form without the box ticked as a pledge, and says so', async () => {
    const c = await seedCommunity(t);
    const v = await addVariety(c, c.asAlma);
    const lot = await addLot(c, c.asAlma, v.id);
    const res = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/lots/${lot.id}/take`, {
      packets: '1',
      expectedMonth: nextMonth(c),
    });
    expect(res.statusCode).toBe(303);
    expect((await c.asBeto.get(`/c/${c.slug}/seeds/${v.id}`)).body).toContain(
      'You took 1 packet and plan to bring',
    );
    const none = await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/lots/${lot.id}/take`, {
      packets: '1',
      expectedMonth: '',
    });
    expect(none.statusCode).toBe(303);
    expect((await c.asBeto.api('GET', `${c.api}/${v.id}`)).json().pledges).toHaveLength(1);
  });

  it('mails one gentle reminder in the expected month, re-checked when it runs', async () => {
    const c = await seedCommunity(t);
    const { v, pledge } = await pledged(c);
    await t.runJobs();
    expect(t.mailbox.to(c.beto.email as string)).toHaveLength(0);

    const wait =
      (reminderTime(pledge.expectedMonth, c.community.timeZone).getTime() - t.clock.now().getTime()) / 1000;
    t.clock.advance(wait + 60);
    await t.runJobs();
    const mails = t.mailbox.to(c.beto.email as string);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('A gentle reminder about the Squash seed');
    expect(mails[0].text).toContain('Tromboncino');
    expect(mails[0].text).toContain(`http://porch.test/c/${c.slug}/seeds/${v.id}`);
    await t.runJobs();
    expect(t.mailbox.to(c.beto.email as string)).toHaveLength(1);
  });

  it('sends no reminder for a pledge cancelled before its month', async () => {
    const c = await seedCommunity(t);
    const { v, pledge } = await pledged(c);
    const other = await c.asAlma.post(`/c/${c.slug}/seeds/${v.id}/pledges/${pledge.id}/cancel`);
    expect(other.statusCode).toBe(404);
    expect((await c.asBeto.post(`/c/${c.slug}/seeds/${v.id}/pledges/${pledge.id}/cancel`)).statusCode).toBe(
      303,
    );
    expect((await c.asBeto.api('POST', `${c.api}/${v.id}/pledges/${pledge.id}/done`, {})).statusCode).toBe(
      409,
    );
    t.clock.advance(
      (reminderTime(pledge.expectedMonth, c.community.timeZone).getTime() - t.clock.now().getTime()) / 1000 +
        60,
    );
    await t.runJobs();
    expect(t.mailbox.to(c.beto.email as string)).toHaveLength(0);
  });

  it('records returned seed as a new lot linked to the pledge, and closes the pledge', async () => {
    const c = await seedCommunity(t);
    const { v, pledge } = await pledged(c);
    const form = await c.asSteward.get(`/c/${c.slug}/seeds/${v.id}/pledges/${pledge.id}/return`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Seed saved by Beto');
    const res = await c.asSteward.post(`/c/${c.slug}/seeds/${v.id}/pledges/${pledge.id}/return`, {
      packets: 8,
      harvestYear: t.clock.now().getUTCFullYear(),
      germinationRate: 90,
    });
    expect(res.statusCode).toBe(303);
    const variety = (await c.asSteward.api('GET', `${c.api}/${v.id}`)).json();
    const returned = variety.lots.find((l: { source: string }) => l.source === 'return');
    expect(returned).toMatchObject({ packets: 8, grownByName: 'Beto', germinationRate: 90 });
    expect(variety.pledges).toEqual([]);
    const row = await t.services.db
      .selectFrom('seedPledge')
      .selectAll()
      .where('communityId', '=', c.community.id)
      .where('id', '=', pledge.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'returned', returnedLotId: returned.id });

    const again = await c.asBeto.api('POST', `${c.api}/${v.id}/pledges/${pledge.id}/return`, {
      packets: 1,
      harvestYear: 2024,
    });
    expect(again.statusCode).toBe(409);
    expect((await c.asSteward.api('GET', `${c.api}/${v.id}`)).json().lots).toHaveLength(2);
  });

  it.each([
    ['the member who pledged', 'beto', 204],
    ['a steward', 'steward', 204],
    ['another member', 'alma', 404],
  ] as const)('lets %s mark a pledge done (as %s: %i)', async (_who, who, status) => {
    const c = await seedCommunity(t);
    const { v, pledge } = await pledged(c);
    const client = { alma: c.asAlma, steward: c.asSteward, beto: c.asBeto }[who];
    const res = await client.api('POST', `${c.api}/${v.id}/pledges/${pledge.id}/done`, {});
    expect(res.statusCode).toBe(status);
  });
});
