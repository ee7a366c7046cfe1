import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeStreet, moveClock } from '../../../test/support/shifts.ts';

const t = useTestApp();

describe('the guidelines’ pages, without JavaScript', () => {
  it('a newcomer sees the guidelines on joining and says they read them; a new version asks again, without blocking', async () => {
    moveClock(t, '2027-03-01T10:00:00Z');
    const { community, steward } = await t.community({ joinPolicy: 'open' });
    const asSteward = await t.as(steward);
    const c = `/c/${community.slug}`;

    // Before there are guidelines, joining goes straight in.
    const early = await (await t.as(await t.account())).post(`${c}/join`, {});
    expect(early.headers.location).toBe(c);
    expect((await (await t.as(await t.account())).get(`${c}/guidelines/welcome`)).statusCode).toBe(403);

    // The steward sets version 1 by the page's form (a review date in the past is refused, kept typed).
    const refused = await asSteward.post(`${c}/guidelines`, { body: 'Be kind.', reviewOn: '2027-02-01' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Choose a review date after today.');
    expect(refused.body).toContain('Be kind.');
    const set = await asSteward.post(`${c}/guidelines`, { body: 'Be kind.\n\nReturn tools clean.' });
    expect(set.statusCode, set.body).toBe(303);

    // A newcomer joins: the guidelines come first, to read and acknowledge, or to read later.
    const neighbor = await t.account({ displayName: 'Nadia', locale: 'es' });
    const asNeighbor = await t.as(neighbor);
    const joined = await asNeighbor.post(`${c}/join`, {});
    expect(joined.headers.location).toBe(`${c}/guidelines/welcome`);
    const welcome = await asNeighbor.get(`${c}/guidelines/welcome`);
    expect(welcome.statusCode).toBe(200);
    expect(welcome.body).toContain('Bienvenida: nuestras normas');
    expect(welcome.body).toContain('Return tools clean.');
    expect(welcome.body).toContain('Las he leído');
    expect(welcome.body).toContain(`href="${c}"`);
    // Not blocked: the community's pages open before acknowledging.
    expect((await asNeighbor.get(`${c}/gatherings`)).statusCode).toBe(200);
    // A `next` outside the community is not followed.
    const read = await asNeighbor.post(`${c}/guidelines/acknowledge`, { number: '1', next: '/c/elsewhere' });
    expect(read.headers.location).toBe(`${c}/guidelines`);
    const page = await asNeighbor.get(`${c}/guidelines`);
    expect(page.body).toContain('Leíste la versión 1 el');
    expect(page.body).not.toContain('Las he leído');
    const done = (await asNeighbor.get(`${c}/guidelines/welcome`)).body;
    expect(done).not.toContain('Las he leído');
    expect(done).toContain('Ir a la comunidad');

    // A proposal by the page's form: the current text offered to edit, a deadline in the past refused.
    const form = await asNeighbor.get(`${c}/proposals/new`);
    expect(form.body).toContain('Return tools clean.');
    const past = await asNeighbor.post(`${c}/proposals`, {
      title: 'Ladder rule',
      change: 'amend',
      guidelineText: 'The ladder comes back the same day.',
      deadline: '2027-02-27T18:00',
    });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('Elige un plazo posterior a ahora.');
    expect(past.body).toContain('The ladder comes back the same day.');
    // Left unchanged with no change chosen, the offered text is no text.
    const plain = await asNeighbor.post(`${c}/proposals`, {
      title: 'Tea at the shed',
      change: 'none',
      guidelineText: 'Be kind.\n\nReturn tools clean.',
      deadline: '2027-03-04T18:00',
    });
    expect(plain.statusCode, plain.body).toBe(303);
    const made = await asNeighbor.post(`${c}/proposals`, {
      title: 'Ladder rule',
      change: 'amend',
      guidelineText: 'The ladder comes back the same day.',
      deadline: '2027-03-03T18:00',
    });
    expect(made.statusCode).toBe(303);
    const at = made.headers.location as string;

    // The proposal's page: the difference it would make (said in words, not only shown), the rule.
    const shown = await asSteward.get(at);
    expect(shown.body).toContain('<ins><span class="visually-hidden">[added: </span>');
    expect(shown.body).toContain('The ladder comes back the same day.');
    expect(shown.body).toContain('if you choose again, your new position replaces the one you gave');
    // A block without a reason: said beside the field; a second position replaces the first.
    const noReason = await asSteward.post(`${at}/position`, { stance: 'block' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('A block must say why. Write your reason.');
    expect(
      (await asSteward.post(`${at}/position`, { stance: 'block', reason: 'Same day is too soon.' }))
        .statusCode,
    ).toBe(303);
    expect((await asSteward.get(at)).body).toContain('A block stands');
    expect((await asSteward.post(`${at}/position`, { stance: 'agree' })).statusCode).toBe(303);
    const after = (await asSteward.get(at)).body;
    expect(after).toContain('Your position now: Agree.');
    expect(after).not.toContain('Same day is too soon.');
    expect(
      (await asNeighbor.post(`${at}/comments`, { body: 'Thanks for changing your mind!' })).statusCode,
    ).toBe(303);
    expect((await asSteward.get(at)).body).toContain('Thanks for changing your mind!');

    // The deadline passes: a position is refused with a clear message; the job closes it.
    moveClock(t, '2027-03-04T00:00:01Z');
    const late = await asNeighbor.post(`${at}/position`, { stance: 'agree' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('El plazo ha terminado: ya no se pueden dar ni cambiar posturas.');
    await t.runJobs();
    const closed = (await asNeighbor.get(at)).body;
    expect(closed).toContain('Aprobada');
    expect(closed).toContain('Creó la versión 2 de las normas.');

    // Version 2 asks the steward to read again (its proposer has); they still use Porch meanwhile.
    expect((await asNeighbor.get(`${c}/guidelines`)).body).toContain('Leíste la versión 2');
    const again = (await asSteward.get(`${c}/guidelines`)).body;
    expect(again).toContain('You read version 1 on');
    expect(again).toContain('A new version was agreed since you last read them.');
    expect(again).toContain('I have read these');
    expect((await asSteward.get(`${c}/gatherings`)).statusCode).toBe(200);
    const history = (await asNeighbor.get(`${c}/guidelines/compare?from=1&to=2`)).body;
    expect(history).toContain('<ins><span class="visually-hidden">[añadido: </span>');
    expect((await asNeighbor.get(`${c}/guidelines/versions/2`)).body).toContain(
      'The ladder comes back the same day.',
    );
    expect((await asNeighbor.get(`${c}/guidelines/versions/3`)).statusCode).toBe(404);

    // The outcome statement, by the proposer.
    const statement = await asNeighbor.post(`${at}/outcome`, {
      statement: 'The ladder now comes back the same day.',
    });
    expect(statement.statusCode).toBe(303);
    expect((await asSteward.get(`${c}/proposals`)).body).toContain('Ladder rule');
  });

  it('a blocked proposal is revised by its proposer with a new deadline', async () => {
    moveClock(t, '2027-04-01T10:00:00Z');
    const s = await makeStreet(t);
    const c = `/c/${s.slug}`;
    const made = await s.asBeto.post(`${c}/proposals`, {
      title: 'Quiet hours',
      body: 'No drilling after 20:00.',
      deadline: '2027-04-03T20:00',
    });
    expect(made.statusCode).toBe(303);
    const at = made.headers.location as string;
    await s.asAna.post(`${at}/position`, { stance: 'block', reason: 'I work nights; make it 22:00.' });
    moveClock(t, '2027-04-04T10:00:00Z');
    await t.runJobs();
    expect((await s.asBeto.get(at)).body).toContain('Blocked');
    const form = await s.asBeto.get(`${at}/revise`);
    expect(form.body).toContain('This proposal was blocked.');
    expect((await s.asAna.get(`${at}/revise`)).statusCode).toBe(403);
    const revised = await s.asBeto.post(`${at}/revise`, {
      title: 'Quiet hours',
      body: 'No drilling after 22:00.',
      change: 'none',
      deadline: '2027-04-06T20:00',
    });
    expect(revised.statusCode, revised.body).toBe(303);
    const page = (await s.asAna.get(at)).body;
    expect(page).toContain('Revised 1 time');
    expect(page).toContain('No drilling after 22:00.');
    expect(page).toContain('Nobody has taken a position yet.');
  });
});
