import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { Client, useTestApp } from '../../../test/support/app.ts';
import { createPost } from '../../../test/support/posts.ts';
import { cleaning, makeStreet, moveClock, type Street } from '../../../test/support/shifts.ts';
import { findCommunityContext } from '../../platform/context.ts';
import { closeIfDue } from '../guidelines/service.ts';
import { compileDueIssues, compileIssue } from './service.ts';

const t = useTestApp();
const setClock = (instant: string) => moveClock(t, instant);
/** Text as people read it: without the invisible marks that isolate names for bidi. */
const plain = (s: string) => s.replace(/[\u2068\u2069]/g, '');

/**
 * A street whose February is generated: six neighbors join (one on paper, without email, one
 * reading Spanish), a request is fulfilled with a thank-you, a seed swap on 12 February that Ana
 * says went well (quotable), a proposal of shed guidelines agreed on 20 February, a weekly fridge
 * cleaning needing two from 6 March with one volunteer on its first date, and a potluck on 13
 * March. Then the clock is at 1 March, 12:00 UTC.
 */
async function generatedMonth(): Promise<Street & { paper: string; rosa: { email: string } }> {
  setClock('2027-02-10T12:00:00Z');
  const s = await makeStreet(t);
  await t.member(s.community, 'member', { displayName: 'Carmen' });
  const rosa = await t.member(s.community, 'member', { displayName: 'Rosa', locale: 'es' });
  const paper = await t.member(s.community, 'member', { displayName: 'Don Luis', email: null });
  const post = await createPost(t, s.community, s.ana);
  const done = await s.asAna.api('POST', `${s.api}/posts/${post.id}/fulfill`, {
    thanks: 'Beto drove me, thank you!',
    helperId: s.beto.id,
  });
  expect(done.statusCode, done.body).toBeLessThan(300);
  const series = await s.asSteward.api(
    'POST',
    `${s.api}/shift-series`,
    cleaning(s.fridge, { startDate: '2027-03-06' }),
  );
  expect(series.statusCode, series.body).toBe(201);
  const signed = await s.asAna.api(
    'POST',
    `${s.api}/shift-series/${series.json().id}/occurrences/2027-03-06T08:00/sign-up`,
  );
  expect(signed.statusCode, signed.body).toBeLessThan(300);
  const potluck = await s.asSteward.api('POST', `${s.api}/gatherings`, {
    kind: 'potluck',
    title: 'Shed potluck',
    address: '12 Elm Street',
    startDate: '2027-03-13',
    startTime: '18:00',
    endTime: '20:00',
    repeat: 'once',
    isPublic: true,
  });
  expect(potluck.statusCode, potluck.body).toBe(201);
  // Members only, at someone's home: never in what a public issue shows.
  const supper = await s.asBeto.api('POST', `${s.api}/gatherings`, {
    title: 'Neighbors’ supper',
    address: '4 Oak Lane',
    startDate: '2027-03-20',
    startTime: '19:00',
    endTime: '21:00',
    repeat: 'once',
  });
  expect(supper.statusCode, supper.body).toBe(201);
  const swap = await s.asBeto.api('POST', `${s.api}/gatherings`, {
    title: 'Seed swap',
    address: 'The library',
    startDate: '2027-02-12',
    startTime: '18:00',
    endTime: '20:00',
    repeat: 'once',
  });
  const at = `${s.api}/gatherings/${swap.json().id}/occurrences/2027-02-12T18:00`;
  expect((await s.asAna.api('PUT', `${at}/rsvp`, { answer: 'yes' })).statusCode).toBe(200);
  const proposal = await s.asSteward.api('POST', `${s.api}/proposals`, {
    title: 'Tool shed guidelines',
    body: 'How we lend the shed’s tools.',
    change: 'replace',
    guidelineText: 'Bring tools back clean within a week.',
    deadline: '2027-02-20T18:00',
  });
  expect(proposal.statusCode, proposal.body).toBe(201);
  for (const c of [s.asSteward, s.asAna, s.asBeto])
    expect(
      (await c.api('PUT', `${s.api}/proposals/${proposal.json().id}/position`, { stance: 'agree' }))
        .statusCode,
    ).toBe(200);
  const pilot = await s.asSteward.api('POST', `${s.api}/pilots`, {
    title: 'Tool shed',
    need: 'Neighbors want to borrow tools.',
    hypothesis: 'A shared shed lends ten tools a week.',
    measure: 'Loans per week',
    startsOn: '2027-02-11',
    endsOn: '2027-02-20',
    team: [s.ana.id],
  });
  expect(pilot.statusCode, pilot.body).toBe(201);
  const pilotAt = `${s.api}/pilots/${pilot.json().id}`;
  expect((await s.asAna.api('POST', `${pilotAt}/launch`)).statusCode).toBe(200);
  setClock('2027-02-21T10:00:00Z');
  const retro = await s.asAna.api('PUT', `${pilotAt}/retrospective`, {
    worked: 'Twelve loans a week.',
    didNotWork: 'Opening hours.',
    decision: 'continue',
  });
  expect(retro.statusCode, retro.body).toBe(200);
  const community = await findCommunityContext(t.services, s.community.id);
  if (!community) throw new Error('no community');
  expect(await closeIfDue(t.services, community, proposal.json().id)).toBe('passed');
  const occurrence = await t.services.db
    .selectFrom('gatheringOccurrence')
    .select('id')
    .where('communityId', '=', s.community.id)
    .where('gatheringId', '=', swap.json().id)
    .executeTakeFirstOrThrow();
  const said = await s.asAna.api('PUT', `${s.api}/feedback/gathering/${occurrence.id}`, {
    rating: 'went_well',
    comment: 'Lovely evening, and I came home with tomato seeds.',
    quotable: true,
  });
  expect(said.statusCode, said.body).toBe(200);
  setClock('2027-03-01T12:00:00Z');
  return { ...s, paper: paper.id, rosa: { email: rosa.email as string } };
}

/** The March issue of `s` as its steward reads it through the API. */
async function marchIssue(s: Street) {
  const list = await s.asSteward.api('GET', `${s.api}/newsletters`);
  expect(list.statusCode, list.body).toBe(200);
  const issue = list.json().newsletters.find((n: { month: string }) => n.month === '2027-03');
  expect(issue).toBeDefined();
  return issue as {
    id: string;
    status: string;
    coversUntil: string;
    editions: {
      locale: string;
      title: string;
      sections: { id: string; kind: string; heading: string; body: string }[];
    }[];
  };
}

describe('compiling the monthly draft', () => {
  it('the job compiles one draft per community and month, from what happened and what is coming', async () => {
    const s = await generatedMonth();
    await compileDueIssues(t.services);
    await compileDueIssues(t.services);
    const community = await findCommunityContext(t.services, s.community.id);
    if (!community) throw new Error('no community');
    // Two processes (or two runs) at once: still one issue.
    const both = await Promise.all([
      compileIssue(t.services, community, '2027-03'),
      compileIssue(t.services, community, '2027-03'),
    ]);
    expect(both.filter((b) => b.made)).toHaveLength(0);
    const all = (await s.asSteward.api('GET', `${s.api}/newsletters`)).json().newsletters;
    expect(all.map((n: { month: string }) => n.month)).toEqual(['2027-03']);

    const issue = await marchIssue(s);
    expect(issue.status).toBe('draft');
    expect(issue.editions.map((e) => e.locale)).toEqual(['en', 'es']);
    const [en, es] = issue.editions;
    expect(en.sections.map((x) => x.kind)).toEqual([
      'thanks',
      'feedback',
      'new_members',
      'pilots',
      'decisions',
      'gatherings',
      'member_gatherings',
      'shifts',
    ]);
    const body = (kind: string, edition = en) =>
      plain(edition.sections.find((x) => x.kind === kind)?.body ?? '');
    expect(body('thanks')).toBe('1 thank-you was left on the gratitude wall, for:\n\n- Ride to the clinic');
    // Seven joined (the steward, Ana, Beto, Carmen, Rosa, Don Luis): named by none.
    expect(body('feedback')).toBe(
      'In February 2027, 1 neighbor told us how a loan, a shift or a gathering went: 1 said it went well.\n\n- “Lovely evening, and I came home with tomato seeds.”',
    );
    expect(body('pilots')).toBe(
      'Tool shed\nFinished — it goes on.\nWhat worked: Twelve loans a week.\nWhat did not: Opening hours.',
    );
    expect(body('decisions')).toBe('- Tool shed guidelines — agreed: the guidelines are now at version 1');
    expect(body('new_members')).toMatch(/^6 neighbors joined us\./);
    expect(body('new_members')).not.toContain('Carmen');
    expect(body('gatherings')).toBe('- Shed potluck — Saturday, March 13, 2027, 18:00 — 12 Elm Street');
    expect(body('member_gatherings')).toBe(
      '- Neighbors’ supper — Saturday, March 20, 2027, 19:00 — 4 Oak Lane',
    );
    // Five Saturdays within 35 days (6 March to 3 April), each still short of people.
    const shifts = body('shifts').split('\n');
    expect(shifts[0]).toBe('5 shifts still need people. Can you help?');
    expect(shifts.slice(2)).toEqual([
      '- Clean the fridge — Saturday, March 6, 2027, 08:00 — Elm Street fridge — 1 place open',
      '- Clean the fridge — Saturday, March 13, 2027, 08:00 — Elm Street fridge — 2 places open',
      '- Clean the fridge — Saturday, March 20, 2027, 08:00 — Elm Street fridge — 2 places open',
      '- Clean the fridge — Saturday, March 27, 2027, 08:00 — Elm Street fridge — 2 places open',
      '- Clean the fridge — Saturday, April 3, 2027, 08:00 — Elm Street fridge — 2 places open',
    ]);
    expect(body('new_members', es)).toMatch(/^Se unieron 6 vecinos y vecinas\./);
    expect(body('gatherings', es)).toContain('sábado, 13 de marzo de 2027, 18:00');
    expect(plain(es.title)).toBe(`Boletín de ${s.community.name} — marzo de 2027`);

    // The next month's issue starts where this one ended: what was already told is not told again.
    setClock('2027-04-01T12:00:00Z');
    await compileDueIssues(t.services);
    const april = (await s.asSteward.api('GET', `${s.api}/newsletters`)).json().newsletters[0];
    expect(april.month).toBe('2027-04');
    expect(april.coversFrom).toBe(issue.coversUntil);
    expect(april.editions[0].sections.map((x: { kind: string }) => x.kind)).toEqual(['shifts']);
  });
});

describe('who may do what', () => {
  it('stewards edit and publish; members read published issues; others get 404; another community 404', async () => {
    const s = await generatedMonth();
    const draft = await (await s.asSteward.api('POST', `${s.api}/newsletters`)).json();
    expect(draft.month).toBe('2027-03');
    const coordinator = await t.as(await t.member(s.community, 'coordinator'));
    const outsider = await t.as(await t.account());
    const visitor = t.visitor();
    const url = `${s.api}/newsletters/${draft.id}`;
    const edit = { title: 'March news', sections: [] };

    const read = async (c: Client) => (await c.api('GET', url)).statusCode;
    expect([await read(visitor), await read(outsider), await read(s.asAna), await read(coordinator)]).toEqual(
      [404, 404, 404, 404],
    );
    expect(await read(s.asSteward)).toBe(200);
    const put = async (c: Client) => (await c.api('PUT', `${url}/editions/en`, edit)).statusCode;
    expect([await put(visitor), await put(outsider), await put(s.asAna), await put(coordinator)]).toEqual([
      401, 403, 403, 403,
    ]);
    const publish = async (c: Client) => (await c.api('POST', `${url}/publish`, {})).statusCode;
    expect([
      await publish(visitor),
      await publish(outsider),
      await publish(s.asAna),
      await publish(coordinator),
    ]).toEqual([401, 403, 403, 403]);
    expect((await s.asAna.api('POST', `${s.api}/newsletters`)).statusCode).toBe(403);
    expect((await s.asAna.get(`/c/${s.slug}/newsletters/${draft.id}`)).statusCode).toBe(404);

    // Another community's steward, naming this issue in their own community: 404, nothing changed.
    const other = await t.community();
    const asOther = await t.as(other.steward);
    const elsewhere = `/api/v1/communities/${other.community.slug}/newsletters/${draft.id}`;
    expect((await asOther.api('GET', elsewhere)).statusCode).toBe(404);
    expect((await asOther.api('PUT', `${elsewhere}/editions/en`, edit)).statusCode).toBe(404);
    expect((await asOther.api('POST', `${elsewhere}/compile`)).statusCode).toBe(404);
    expect((await asOther.api('POST', `${elsewhere}/publish`, {})).statusCode).toBe(404);
    expect((await asOther.get(`/c/${other.community.slug}/newsletters/${draft.id}/sheet`)).statusCode).toBe(
      404,
    );

    // Published (members only): members read it, visitors still do not.
    expect((await s.asSteward.api('POST', `${url}/publish`, {})).statusCode).toBe(200);
    expect([await read(visitor), await read(outsider), await read(s.asAna), await read(coordinator)]).toEqual(
      [404, 404, 200, 200],
    );
    expect((await s.asAna.get(`/c/${s.slug}/newsletters/${draft.id}/sheet`)).statusCode).toBe(200);
    expect((await visitor.get(`/c/${s.slug}/newsletters/${draft.id}/sheet`)).statusCode).toBe(404);
  });
});

describe('editing a draft', () => {
  it('a steward changes the title, a section’s text, removes one, by the form without JavaScript', async () => {
    const s = await generatedMonth();
    const draft = (await s.asSteward.api('POST', `${s.api}/newsletters`)).json();
    const en = draft.editions[0];
    const page = await s.asSteward.get(`/c/${s.slug}/newsletters/${draft.id}/edit/en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="heading"');
    type Section = { id: string; kind: string; heading: string; body: string };
    const [thanks, ...rest] = en.sections as Section[];
    const members = rest.find((x) => x.kind === 'new_members') as Section;
    const res = await s.asSteward.post(`/c/${s.slug}/newsletters/${draft.id}/edit/en`, {
      lang: 'en',
      title: 'Maple Street in March',
      intro: 'Spring is here.',
      section: en.sections.map((x: Section) => x.id),
      heading: ['Thanks, neighbors', ...rest.map((x) => x.heading)],
      body: ['Beto drove Ana to the clinic.', ...rest.map((x) => x.body)],
      remove: [members.id],
    });
    expect(res.statusCode, res.body).toBe(303);
    const after = (await s.asSteward.api('GET', `${s.api}/newsletters/${draft.id}`)).json().editions[0];
    expect(after.title).toBe('Maple Street in March');
    expect(after.intro).toBe('Spring is here.');
    expect(after.sections.map((x: { kind: string }) => x.kind)).toEqual([
      'thanks',
      'feedback',
      'pilots',
      'decisions',
      'gatherings',
      'member_gatherings',
      'shifts',
    ]);
    expect(after.sections[0]).toMatchObject({
      id: thanks.id,
      heading: 'Thanks, neighbors',
      body: 'Beto drove Ana to the clinic.',
    });
    // The Spanish edition is its own.
    expect(
      plain((await s.asSteward.api('GET', `${s.api}/newsletters/${draft.id}`)).json().editions[1].title),
    ).toContain('Boletín');
    const shown = await s.asSteward.get(`/c/${s.slug}/newsletters/${draft.id}`);
    expect(shown.body).toContain('<li>Shed potluck');
  });

  it('refuses bad input whole, with the field and a message', async () => {
    const s = await generatedMonth();
    const draft = (await s.asSteward.api('POST', `${s.api}/newsletters`)).json();
    const en = draft.editions[0];
    const url = `${s.api}/newsletters/${draft.id}/editions/en`;
    const keep = en.sections.map((x: { id: string; heading: string; body: string }) => ({
      id: x.id,
      heading: x.heading,
      body: x.body,
    }));
    const refused = async (body: unknown, lang = 'en') => {
      const res = await s.asSteward.api('PUT', url.replace('/en', `/${lang}`), body);
      expect(res.statusCode, res.body).toBe(422);
      return res.json().errors.map((e: { field: string; code: string }) => `${e.field} ${e.code}`);
    };
    expect(await refused({ title: '', sections: keep })).toEqual(['title validation.minLength']);
    expect(await refused({ title: 'x', sections: keep, colour: 'red' })).toEqual([
      'colour validation.additionalProperties',
    ]);
    expect(
      await refused({
        title: 'x',
        sections: [
          { ...keep[0], heading: 'Changed' },
          { ...keep[1], heading: ' ' },
        ],
      }),
    ).toEqual(['heading newsletter.heading_required']);
    const es = draft.editions[1].sections[0];
    expect(await refused({ title: 'x', sections: [{ id: es.id, heading: 'h', body: 'b' }] })).toEqual([
      'sections newsletter.unknown_section',
    ]);
    expect(
      (await s.asSteward.api('PUT', url.replace('/en', '/fr'), { title: 'x', sections: [] })).statusCode,
    ).toBe(404);
    // Nothing of a refused edit was written (the first section's heading above included).
    const after = (await s.asSteward.api('GET', `${s.api}/newsletters/${draft.id}`)).json();
    expect(after.editions[0]).toEqual(en);
    const form = await s.asSteward.post(`/c/${s.slug}/newsletters/${draft.id}/edit/en`, {
      lang: 'en',
      title: 'x',
      section: [keep[0].id, keep[1].id],
      heading: ['only one'],
      body: ['a', 'b'],
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Each section needs its heading and its text');
  });
});

describe('publishing and sending', () => {
  it('sends once to every member with an address, in their language, as plain text with an unsubscribe link', async () => {
    const s = await generatedMonth();
    const draft = (await s.asSteward.api('POST', `${s.api}/newsletters`)).json();
    const url = `${s.api}/newsletters/${draft.id}`;
    await t.runJobs(); // what February's activity sent
    const before = t.mailbox.messages.length;
    const sent = await s.asSteward.api('POST', `${url}/publish`, { isPublic: true });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().told).toBe(6);
    await t.runJobs();
    const mails = t.mailbox.messages.slice(before);
    // Five with an address (Don Luis has none: he gets the printed sheet).
    expect(mails).toHaveLength(5);
    const ana = t.mailbox.to(s.ana.email as string).at(-1);
    if (!ana) throw new Error('no mail to Ana');
    expect(plain(ana.subject)).toBe(`${s.community.name} newsletter — March 2027`);
    const text = plain(ana.text);
    expect(text).toContain('Thank you\n---------\n1 thank-you was left on the gratitude wall, for:');
    expect(text).toContain('- Shed potluck — Saturday, March 13, 2027, 18:00 — 12 Elm Street');
    expect(text).toContain(`http://porch.test/c/${s.slug}/newsletters/${draft.id}`);
    expect(ana.headers.get('list-unsubscribe')).toMatch(/^<http:\/\/porch\.test\/unsubscribe\//);
    const rosa = t.mailbox.to(s.rosa.email).at(-1);
    expect(plain(rosa?.subject ?? '')).toBe(`Boletín de ${s.community.name} — marzo de 2027`);
    expect(plain(rosa?.text ?? '')).toContain('Próximos encuentros');

    // Twice: refused, saying when it went; nothing more sent.
    const again = await s.asSteward.api('POST', `${url}/publish`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'newsletter.already_sent' });
    expect(plain(again.json().detail ?? again.json().title ?? '')).toContain('already sent on 2027-03-01');
    const page = await s.asSteward.post(`/c/${s.slug}/newsletters/${draft.id}/publish`, {});
    expect(page.statusCode).toBe(409);
    expect(plain(page.body)).toContain('This newsletter was already sent on 2027-03-01');
    // Published: no more edits.
    const edit = await s.asSteward.api('PUT', `${url}/editions/en`, { title: 'Late', sections: [] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('newsletter.already_published');
    await t.runJobs();
    expect(t.mailbox.messages.length - before).toBe(5);
  });

  it('two processes publishing at once send it once', async () => {
    const s = await generatedMonth();
    const draft = (await s.asSteward.api('POST', `${s.api}/newsletters`)).json();
    const second = await t.restarted();
    try {
      const elsewhere = new Client(second);
      for (const [k, v] of s.asSteward.cookies) elsewhere.cookies.set(k, v);
      const url = `${s.api}/newsletters/${draft.id}/publish`;
      await t.runJobs();
      const before = t.mailbox.messages.length;
      const answers = await Promise.all([s.asSteward.api('POST', url, {}), elsewhere.api('POST', url, {})]);
      expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
      await t.runJobs();
      expect(t.mailbox.messages.length - before).toBe(5);
    } finally {
      await second.close();
    }
  });
});

describe('the Atom feed and the sheet', () => {
  it('lists published issues (public ones to anyone), parsed back as Atom', async () => {
    const s = await generatedMonth();
    const march = (await s.asSteward.api('POST', `${s.api}/newsletters`)).json();
    // A steward's plain text with what looks like markup: shown as typed, never run as HTML.
    const typed = 'Tools & <b onmouseover="x()">drills</b> ]]> &amp;';
    const en = march.editions[0];
    const edited = await s.asSteward.api('PUT', `${s.api}/newsletters/${march.id}/editions/en`, {
      title: typed,
      intro: typed,
      sections: en.sections.map((x: { id: string; heading: string; body: string }) => ({
        id: x.id,
        heading: x.heading,
        body: x.body,
      })),
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(
      (await s.asSteward.api('POST', `${s.api}/newsletters/${march.id}/publish`, { isPublic: true }))
        .statusCode,
    ).toBe(200);
    setClock('2027-04-01T12:00:00Z');
    const april = (await s.asSteward.api('POST', `${s.api}/newsletters`)).json();
    expect((await s.asSteward.api('POST', `${s.api}/newsletters/${april.id}/publish`, {})).statusCode).toBe(
      200,
    );
    setClock('2027-05-01T12:00:00Z');
    await s.asSteward.api('POST', `${s.api}/newsletters`); // May: a draft, in no feed

    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const feedOf = async (c: Client) => {
      const res = await c.get(`/c/${s.slug}/newsletters.atom`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
      const doc = parser.parse(res.body);
      const entries = doc.feed.entry === undefined ? [] : [doc.feed.entry].flat();
      return { feed: doc.feed, entries };
    };
    const open = await feedOf(t.visitor());
    expect(open.feed.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(open.feed.id).toBe(`http://porch.test/c/${s.slug}/newsletters`);
    expect(plain(open.feed.author.name)).toBe(s.community.name);
    expect(open.entries).toHaveLength(1);
    const [entry] = open.entries;
    expect(entry.id).toBe(`http://porch.test/c/${s.slug}/newsletters/${march.id}?lang=en`);
    // Typed `html` by the library: the reader's HTML parser must give back exactly what was typed.
    expect(entry.title.type).toBe('html');
    const unescaped = (html: string) =>
      html.replace(
        /&lt;|&gt;|&quot;|&#39;|&amp;/g,
        (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e] as string,
      );
    expect(unescaped(entry.title['#text'])).toBe(typed);
    expect(unescaped(entry.summary['#text'])).toBe(typed);
    expect(entry.updated).toMatch(/^2027-03-01T12:00:\d\d\.\d{3}Z$/);
    expect([entry.link].flat()[0].href).toBe(entry.id);
    const content = entry.content['#text'] ?? entry.content;
    expect(content).toContain('<h2>Coming gatherings, everyone welcome</h2>');
    expect(content).toContain('<li>Shed potluck');
    // Someone without an account reads only the sections anyone may: no names, thanks, decisions,
    // members-only gatherings (at a home here), shifts or comments.
    for (const kept of [
      'Neighbors’ supper',
      '4 Oak Lane',
      'Ride to the clinic',
      'Lovely evening',
      'Tool shed guidelines',
      'Clean the fridge',
    ])
      expect(content).not.toContain(kept);
    const page = await t.visitor().get(`/c/${s.slug}/newsletters/${march.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Shed potluck');
    expect(page.body).not.toContain('4 Oak Lane');
    expect(page.body).not.toContain('Ride to the clinic');
    // A member reads the whole issue.
    expect((await s.asAna.get(`/c/${s.slug}/newsletters/${march.id}`)).body).toContain('4 Oak Lane');

    // In the language asked for, whatever the reader's; negotiated, it varies by language.
    const asked = await t.visitor().get(`/c/${s.slug}/newsletters.atom?lang=es`);
    expect(asked.body).toContain('Boletín');
    expect(asked.body).toContain(`newsletters/${march.id}?lang=es`);
    expect((await t.visitor().get(`/c/${s.slug}/newsletters.atom`)).headers.vary).toMatch(/Accept-Language/);
    const members = await feedOf(s.asAna);
    expect(members.entries.map((e: { id: string }) => e.id.split('/').at(-1))).toEqual([
      `${april.id}?lang=en`,
      `${march.id}?lang=en`,
    ]);

    // The sheet: the whole issue in large type, on A4 or Letter, with its address.
    const sheet = await t.visitor().get(`/c/${s.slug}/newsletters/${march.id}/sheet?paper=letter&lang=es`);
    expect(sheet.statusCode).toBe(200);
    expect(sheet.body).toContain('newsletter-sheet paper-letter');
    expect(sheet.body).toContain('lang="es"');
    expect(sheet.body).toContain(`http://porch.test/c/${s.slug}/newsletters/${march.id}`);
    expect(sheet.body).not.toContain('4 Oak Lane');
    expect((await t.visitor().get(`/c/${s.slug}/newsletters/${april.id}/sheet`)).statusCode).toBe(404);
  });
});
