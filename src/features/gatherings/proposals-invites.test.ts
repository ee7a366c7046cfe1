import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeStreet, moveClock } from '../../../test/support/shifts.ts';
import { contextFor } from '../../platform/context.ts';
import { proposeWorkshop } from './workshops.ts';

const t = useTestApp();
const setClock = (instant: string) => moveClock(t, instant);

/** A weekly Saturday gathering from 2027-03-20, 18:00–20:00 in the community's zone. */
const weekly = (more: Record<string, unknown> = {}) => ({
  title: 'Open shed day',
  address: '12 Elm Street, the shed',
  startDate: '2027-03-20',
  startTime: '18:00',
  endTime: '20:00',
  repeat: 'weekly',
  ...more,
});

describe('a public gathering’s flyer and invite page', () => {
  it('the flyer says when in each of the community’s languages; a called-off gathering’s invite says so, and when', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    const g = (await s.asSteward.api('POST', `${s.api}/gatherings`, weekly({ isPublic: true }))).json();
    const closed = (
      await s.asSteward.api('POST', `${s.api}/gatherings`, weekly({ title: 'Members only' }))
    ).json();
    const page = `/c/${s.slug}/gatherings/${g.id}/2027-03-27T18:00`;

    const flyer = await s.asSteward.get(`${page}/flyer`);
    expect(flyer.statusCode).toBe(200);
    // The reader's language first, then every other language of the community.
    expect(flyer.body).toMatch(/<p class="lead" lang="en">Mar 27, 2027, 6:00\sPM to 8:00\sPM<\/p>/);
    expect(flyer.body).toContain('<p class="lead" lang="es">27 mar 2027, de 18:00 a 20:00</p>');

    const visitor = t.visitor();
    expect((await visitor.get(`${page}/invite`)).statusCode).toBe(200);
    setClock('2027-03-10T09:30:00Z');
    expect((await s.asSteward.api('POST', `${s.api}/gatherings/${g.id}/cancel`)).statusCode).toBe(204);
    expect((await s.asSteward.api('POST', `${s.api}/gatherings/${closed.id}/cancel`)).statusCode).toBe(204);

    const gone = await visitor.get(`${page}/invite`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('Open shed day');
    expect(gone.body).toMatch(
      /This gathering was called off on Mar 10, 2027, 10:30\sAM\. It will not take place\./,
    );
    expect(gone.body).toMatch(/Mar 27, 2027, 6:00\sPM to 8:00\sPM/);
    expect(gone.body).not.toContain('Are you coming?');
    // Answering it anyway (a page opened before) is answered with the same news, and nothing is stored.
    const late = await visitor.post(`${page}/invite`, { name: 'Rosa', answer: 'yes' });
    expect(late.statusCode).toBe(410);
    expect(late.body).toContain('This gathering was called off on');
    const stored = await t.services.db
      .selectFrom('gatheringRsvp')
      .select('id')
      .where('communityId', '=', s.community.id)
      .execute();
    expect(stored).toEqual([]);
    // A date it never had, and a gathering that was never public, are still unknown.
    expect((await visitor.get(`/c/${s.slug}/gatherings/${g.id}/2027-03-28T18:00/invite`)).statusCode).toBe(
      404,
    );
    expect(
      (await visitor.get(`/c/${s.slug}/gatherings/${closed.id}/2027-03-27T18:00/invite`)).statusCode,
    ).toBe(404);
    // Another community's address does not find it.
    const other = await t.community();
    expect(
      (await visitor.get(`/c/${other.community.slug}/gatherings/${g.id}/2027-03-27T18:00/invite`)).statusCode,
    ).toBe(404);
  });
});

describe('a workshop proposal before its host answers', () => {
  it('is asked in the same transaction it is made in; its proposer sees and withdraws it, a steward too, nobody else', async () => {
    setClock('2027-03-01T10:00:00Z');
    const s = await makeStreet(t);
    await s.asAna.api('PATCH', '/api/v1/me/profile', { skillsToShare: ['Bike repair'] });
    const workshop = {
      title: 'Fix your bike',
      skill: 'bike repair',
      hostId: s.ana.id,
      address: 'The shed',
      startDate: '2027-03-27',
      startTime: '10:00',
      endTime: '12:00',
      repeat: 'once' as const,
    };

    // Asking the host fails (the mail queue refuses): no proposal is left that nobody was asked about.
    const ctx = await contextFor(t.services, { accountId: s.beto.id, communityId: s.community.id });
    const failing = Object.assign({}, ctx, {
      jobs: new Proxy(ctx.jobs, {
        get: (jobs, key) =>
          key === 'enqueueMany'
            ? async () => {
                throw new Error('the queue is down');
              }
            : Reflect.get(jobs, key),
      }),
    });
    await expect(proposeWorkshop(failing, { ...workshop, title: 'Lost' })).rejects.toThrow(
      'the queue is down',
    );
    const lost = await t.services.db
      .selectFrom('gathering')
      .select('id')
      .where('communityId', '=', s.community.id)
      .where('title', '=', 'Lost')
      .execute();
    expect(lost).toEqual([]);

    const made = (await s.asBeto.api('POST', `${s.api}/workshops`, workshop)).json();
    expect(made.hostStatus).toBe('proposed');
    // The proposer finds it (it is not on the calendar yet): in the API and on the gatherings page.
    const mine = (await s.asBeto.api('GET', `${s.api}/workshops`)).json();
    expect(mine.proposals).toEqual([
      {
        id: made.id,
        title: 'Fix your bike',
        skill: 'bike repair',
        hostId: s.ana.id,
        hostStatus: 'proposed',
        startLocal: '2027-03-27T10:00',
      },
    ]);
    expect((await s.asAna.api('GET', `${s.api}/workshops`)).json().proposals).toEqual([]);
    const list = await s.asBeto.get(`/c/${s.slug}/gatherings`);
    expect(list.body).toContain('Your workshop proposals waiting for an answer');
    expect(list.body).toContain(`/c/${s.slug}/gatherings/workshops/${made.id}`);
    const own = await s.asBeto.get(`/c/${s.slug}/gatherings/workshops/${made.id}`);
    expect(own.body).toContain('Withdraw the proposal');
    expect((await s.asAna.get(`/c/${s.slug}/gatherings/workshops/${made.id}`)).body).not.toContain(
      'Withdraw the proposal',
    );

    // Per role: the host, another member → 403; another community's steward → 404.
    const withdraw = (id: string) => `${s.api}/workshops/${id}/withdraw`;
    const byAna = await s.asAna.api('POST', withdraw(made.id));
    expect(byAna.statusCode).toBe(403);
    expect(byAna.json().code).toBe('gatherings.only_proposer');
    const carla = await t.as(await t.member(s.community, 'member'));
    expect((await carla.api('POST', withdraw(made.id))).statusCode).toBe(403);
    const other = await t.community();
    const outsider = await t.as(other.steward);
    expect(
      (
        await outsider.api(
          'POST',
          `/api/v1/communities/${other.community.slug}/workshops/${made.id}/withdraw`,
        )
      ).statusCode,
    ).toBe(404);

    // The proposer withdraws it from its page: gone; the host's question settled, the host told.
    await t.runJobs();
    const gone = await s.asBeto.post(`/c/${s.slug}/gatherings/workshops/${made.id}/withdraw`);
    expect(gone.statusCode, gone.body).toBe(303);
    expect(gone.headers.location).toBe(`/c/${s.slug}/gatherings`);
    expect((await s.asBeto.api('GET', `${s.api}/workshops/${made.id}`)).statusCode).toBe(404);
    expect((await s.asBeto.api('GET', `${s.api}/workshops`)).json().proposals).toEqual([]);
    const open = await t.services.db
      .selectFrom('notification')
      .select('id')
      .where('communityId', '=', s.community.id)
      .where('accountId', '=', s.ana.id)
      .where('subjectId', '=', made.id)
      .where('task', 'is not', null)
      .where('doneAt', 'is', null)
      .execute();
    expect(open).toEqual([]);
    await t.runJobs();
    expect(t.mailbox.to(s.ana.email as string).map((m) => m.subject)).toContain(
      'Beto withdrew the workshop Fix your bike',
    );

    // A steward may withdraw another's; once the host answered, nobody can.
    const second = (
      await s.asBeto.api('POST', `${s.api}/workshops`, { ...workshop, title: 'Brakes' })
    ).json();
    expect((await s.asSteward.api('POST', withdraw(second.id))).statusCode).toBe(204);
    const third = (await s.asBeto.api('POST', `${s.api}/workshops`, { ...workshop, title: 'Gears' })).json();
    expect((await s.asAna.api('POST', `${s.api}/workshops/${third.id}/accept`)).statusCode).toBe(200);
    const answered = await s.asBeto.api('POST', withdraw(third.id));
    expect(answered.statusCode).toBe(409);
    expect(answered.json().code).toBe('gatherings.already_answered');
  });
});
