/**
 * The demo community, loaded through each feature's own service so it obeys every rule a real
 * neighbor's action would: Maple Street with neighbors who joined by an invite link, profiles
 * and skills, a paper member, the shed and members' items, a loan, seed varieties with stories
 * and lots, a few open requests and offers, and its places (two fridges, the shed, a garden and
 * the church hall that serves as a shelter) with a few weeks of reports, and the emergency ride
 * network (40 households, 12 drivers, two shelters, a plan), and its gatherings (the
 * first-Saturday potluck, a bike-repair workshop, a conversation table), and its first steps (a
 * past needs survey and the tool-shed pilot it started, finished). Loading twice does nothing the
 * second time.
 */

import { type Ctx, contextFor, type Services } from '../../platform/context.ts';
import type { Community } from '../../platform/db/database.ts';
import { addDays, localDate, zonedInstant } from '../../platform/db/time.ts';
import { insertAccount, insertSignInToken, needsSetup } from '../accounts/service.ts';
import {
  addPaperMember,
  changeRole,
  createInvite,
  joinCommunity,
  slugTaken,
  startCommunity,
} from '../communities/service.ts';
import { answerBuddy, makePlan, saveDriver, saveHousehold, saveShelter } from '../evacuation/service.ts';
import {
  addGathering,
  answer,
  answerHosting,
  bringDish,
  proposeWorkshop,
  setDishNeeds,
} from '../gatherings/service.ts';
import { addItem, requestLoan, transitionLoan } from '../library/service.ts';
import { addPlace, reportPlace, setPlaceVolunteers } from '../places/service.ts';
import { createPost } from '../posts/service.ts';
import { updateMyProfile } from '../profiles/service.ts';
import { addLot, addStory, addVariety } from '../seeds/service.ts';
import { addSeries, completeShift, signUp } from '../shifts/service.ts';
import { demoCommunity, demoNeighbors, demoPaperMember } from './data.ts';
import { demoDrivers, demoHouseholds, demoSchoolShelter, demoShelterSettings } from './evacuation.ts';
import { loadFeedbackAndMilestones } from './feedback.ts';
import { demoConversation, demoPotluck, demoWorkshop } from './gatherings.ts';
import { loadGuidelines } from './guidelines.ts';
import { loadNewsletter } from './newsletter.ts';
import { demoPlaces, demoReports } from './places.ts';
import { demoItems, demoPosts, demoVarieties } from './sharing.ts';
import { demoChecks, demoCleaning } from './shifts.ts';
import { loadSurveyAndPilot } from './survey-pilot.ts';

/**
 * The day `days` days after today in `timeZone`, as `YYYY-MM-DD`. Loans are agreed in the
 * community's days: in UTC, a Chicago evening is already tomorrow, and the demo loan would start
 * "tomorrow" and fall due a day late.
 */
function dayFrom(s: Services, timeZone: string, days: number): string {
  return addDays(localDate(s.clock.now(), timeZone), days);
}

/**
 * Loads the demo community (slug `maple-street`) unless it exists. Returns a one-time sign-in
 * link for its steward (valid 24 hours), or undefined when the demo was already there.
 */
export async function loadDemo(s: Services): Promise<string | undefined> {
  if (await slugTaken(s, demoCommunity.slug)) return undefined;
  const [stewardData, ...others] = demoNeighbors;

  // The steward joins Porch first (as by a sign-in link), then starts the community. On a server
  // nobody has set up yet she runs it too: a demo is a set-up server, not one that tells every
  // neighbor it waits for its operator.
  const steward = await s.db.transaction().execute(async (tx) =>
    insertAccount(tx, s, {
      email: stewardData.email,
      displayName: stewardData.name,
      locale: stewardData.locale,
      operator: await needsSetup({ ...s, db: tx }),
    }),
  );
  const d = demoCommunity;
  // The demo may start its community wherever creation is restricted, as an operator could.
  const starter = await contextFor(s, { accountId: steward.id, locale: 'en' });
  const community: Community = await startCommunity(
    { ...starter, actor: { ...starter.actor, operator: true } },
    {
      name: d.name,
      slug: d.slug,
      description: d.description,
      languages: d.languages,
      timeZone: d.timeZone,
      rhythm: d.rhythm,
      joinPolicy: d.joinPolicy,
      chatUrl: d.chatUrl,
      areaLat: d.area.lat,
      areaLng: d.area.lng,
      areaRadiusM: d.area.radiusM,
      paperMembers: true,
    },
  );
  // Each neighbor acts as their own requests would: resolved from the database, role and all.
  const as = (accountId: string) => contextFor(s, { accountId, communityId: community.id, locale: 'en' });
  const stewardCtx = await as(steward.id);
  const invite = await createInvite(stewardCtx, { label: 'Flyer at the laundromat', maxUses: 200 });

  const ids = new Map<string, string>([[stewardData.key, steward.id]]);
  for (const n of others) {
    // Neighbors with an address have followed their link; the others join with a name only.
    const account = n.email
      ? await insertAccount(s.db, s, { email: n.email, displayName: n.name })
      : undefined;
    const visitor = await contextFor(s, {
      accountId: account?.id ?? null,
      communityId: community.id,
      locale: 'en',
    });
    const joined = await joinCommunity(visitor, { name: n.name, invite: invite.code });
    if (joined.status === 'link_sent') throw new Error('demo: joining asked for a link');
    ids.set(n.key, joined.membership.accountId);
    if (n.role !== 'member') await changeRole(stewardCtx, joined.membership.accountId, n.role);
  }
  for (const n of demoNeighbors) {
    const id = ids.get(n.key)!;
    await updateMyProfile(await as(id), {
      locale: n.locale,
      languages: n.languages,
      about: n.about,
      skillsToShare: n.share,
      skillsToLearn: n.learn,
      availability: n.availability,
      phone: n.phone ?? null,
      phoneVisibility: n.phoneVisibility ?? 'stewards',
      location: { lat: n.location[0], lng: n.location[1] },
    });
  }
  await addPaperMember(stewardCtx, demoPaperMember);

  const member = (key: string) => as(ids.get(key)!);
  const places = new Map<string, string>();
  for (const p of demoPlaces) {
    const id = await addPlace(stewardCtx, p.input);
    await setPlaceVolunteers(
      stewardCtx,
      id,
      p.volunteers.map((key) => ids.get(key)!),
    );
    places.set(p.key, id);
  }
  const items = new Map<string, string>();
  for (const item of demoItems) {
    const ctx = item.owner === 'shed' ? stewardCtx : await member(item.owner);
    const { owner, key, ...fields } = item;
    // The shed's things are kept at the shed.
    const added = await addItem(
      ctx,
      owner === 'shed'
        ? { ...fields, owner: 'shed', placeId: places.get('shed') }
        : { ...fields, owner: 'me' },
    );
    items.set(key, added.id);
  }
  // Amara borrows Minh's drill for the weekend: requested, approved, picked up.
  const loan = await requestLoan(await member('amara'), items.get('drill')!, {
    startsOn: dayFrom(s, community.timeZone, 0),
    dueOn: dayFrom(s, community.timeZone, 3),
    message: 'For the shelves in the kids’ room. Thank you!',
  });
  await transitionLoan(await member('minh'), loan.id, 'approve');
  await transitionLoan(await member('minh'), loan.id, 'pick-up');

  for (const v of demoVarieties) {
    const { stories, lots, keeper, ...fields } = v;
    const varietyId = await addVariety(await member(keeper), fields);
    for (const story of stories) await addStory(await member(story.by), varietyId, story.input);
    for (const lot of lots) await addLot(await member(keeper), varietyId, lot);
  }
  for (const p of demoPosts) {
    await createPost(await member(p.by), p.input);
  }

  // A few weeks of reports, each made at its own time (a passer-by has no account).
  const passerBy = await contextFor(s, { accountId: null, communityId: community.id, locale: 'en' });
  for (const r of demoReports) {
    const ctx = r.by ? await member(r.by) : passerBy;
    const at = new Date(s.clock.now().getTime() - r.daysAgo * 86_400_000);
    await reportPlace({ ...ctx, clock: { now: () => at } }, places.get(r.place)!, r.input);
  }

  // A month of the laundromat fridge's weekly cleaning, logged as it went; Amara is on next week's.
  const c = demoCleaning;
  const series = await addSeries(stewardCtx, {
    title: c.title,
    description: c.description,
    checklist: c.checklist,
    placeId: places.get(c.place),
    startDate: dayFrom(s, community.timeZone, c.firstDay),
    startTime: c.startTime,
    endTime: c.endTime,
    repeat: 'weekly',
    peopleNeeded: c.peopleNeeded,
  });
  const at = (local: string, hours: number) =>
    new Date(zonedInstant(local, community.timeZone).getTime() + hours * 3_600_000);
  const when = (ctx: Ctx, instant: Date): Ctx => ({ ...ctx, clock: { now: () => instant } });
  for (const check of demoChecks) {
    const occurrence = `${dayFrom(s, community.timeZone, c.firstDay + 7 * check.week)}T${c.startTime}`;
    for (const key of check.volunteers) {
      await signUp(when(await member(key), at(occurrence, -48)), series.id, occurrence);
    }
    await completeShift(
      when(await member(check.volunteers[0]), at(occurrence, 1)),
      series.id,
      occurrence,
      check.input,
    );
  }
  const weekOf = (week: number) => `${dayFrom(s, community.timeZone, c.firstDay + 7 * week)}T${c.startTime}`;
  await loadFeedbackAndMilestones(s, stewardCtx, member, series.id, weekOf, (week) => at(weekOf(week), 3));
  const next = `${dayFrom(s, community.timeZone, c.firstDay + 35)}T${c.startTime}`;
  await signUp(when(await member('amara'), at(next, -48)), series.id, next);

  // The emergency ride network: the second shelter, 40 households, 12 drivers, and Walter's plan.
  places.set('school-gym', await addPlace(stewardCtx, demoSchoolShelter));
  const walter = await member('walter');
  await saveShelter(walter, places.get('hall')!, demoShelterSettings.hall);
  await saveShelter(walter, places.get('school-gym')!, demoShelterSettings.school);
  const buddies = ['lucia', 'fatima', 'sam', 'amara'];
  for (const [i, h] of demoHouseholds.entries()) {
    const answers = { ...h.answers, buddyId: ids.get(buddies[i % buddies.length]) };
    if (h.answers.shelterNeed === 'needed') answers.shelterId = places.get('hall');
    let household: string;
    if (h.email) {
      const account = await insertAccount(s.db, s, { email: h.email, displayName: h.name });
      const visitor = await contextFor(s, { accountId: account.id, communityId: community.id, locale: 'en' });
      await joinCommunity(visitor, { name: h.name, invite: invite.code });
      household = await saveHousehold(await as(account.id), answers);
    } else {
      const id = await addPaperMember(stewardCtx, {
        name: h.name,
        phone: h.answers.phone,
        languages: ['en'],
      });
      household = await saveHousehold(walter, answers, id);
    }
    // Most buddies have said yes; every fifth ask is still waiting for an answer.
    if (i % 5 !== 4 && answers.buddyId) await answerBuddy(await as(answers.buddyId), household, 'accepted');
  }
  for (const d of demoDrivers) {
    let id = d.key ? ids.get(d.key) : undefined;
    if (!id) {
      const account = await insertAccount(s.db, s, { email: d.email!, displayName: d.name! });
      const visitor = await contextFor(s, { accountId: account.id, communityId: community.id, locale: 'en' });
      await joinCommunity(visitor, { name: d.name!, invite: invite.code });
      id = account.id;
    }
    await saveDriver(await as(id), d.answers);
  }
  await makePlan(walter, { slot: 'any', maxMinutes: 60 });

  // Gatherings, answered for a date at least three days ahead (no reminder is due yet).
  const ahead = (weekday: number, maxDate = 31) => {
    for (let d = 3; ; d++) {
      const day = dayFrom(s, community.timeZone, d);
      if (new Date(`${day}T00:00:00Z`).getUTCDay() === weekday && Number(day.slice(8)) <= maxDate) return day;
    }
  };
  const p = demoPotluck;
  const potluckDay = ahead(6, 7);
  const potluck = await addGathering(stewardCtx, {
    kind: 'potluck',
    title: p.title,
    description: p.description,
    placeId: places.get(p.place),
    startDate: potluckDay,
    startTime: p.startTime,
    endTime: p.endTime,
    repeat: 'monthly_weekday',
    capacity: p.capacity,
    isPublic: true,
  });
  await setDishNeeds(stewardCtx, potluck.id, p.needs);
  const potluckAt = `${potluckDay}T${p.startTime}`;
  for (const c of p.coming) {
    const ctx = await member(c.by);
    await answer(ctx, potluck.id, potluckAt, { answer: 'yes', guests: c.guests });
    await bringDish(ctx, potluck.id, potluckAt, { ...c.dish, labels: [...c.dish.labels] });
  }
  for (const key of p.maybe) await answer(await member(key), potluck.id, potluckAt, { answer: 'maybe' });

  const w = demoWorkshop;
  const workshopDay = ahead(6);
  const workshop = await proposeWorkshop(await member(w.proposer), {
    title: w.title,
    description: w.description,
    skill: w.skill,
    hostId: ids.get(w.host)!,
    placeId: places.get(w.place),
    startDate: workshopDay,
    startTime: w.startTime,
    endTime: w.endTime,
    repeat: 'once',
    capacity: w.capacity,
  });
  await answerHosting(await member(w.host), workshop.id, true);
  for (const key of [w.proposer, ...w.coming]) {
    await answer(await member(key), workshop.id, `${workshopDay}T${w.startTime}`, { answer: 'yes' });
  }

  const v = demoConversation;
  const tableDay = ahead(3);
  const table = await addGathering(await member(v.host), {
    kind: 'language_table',
    title: v.title,
    description: v.description,
    address: v.address,
    startDate: tableDay,
    startTime: v.startTime,
    endTime: v.endTime,
    repeat: 'weekly',
  });
  for (const key of [v.host, ...v.coming]) {
    await answer(await member(key), table.id, `${tableDay}T${v.startTime}`, { answer: 'yes' });
  }

  await loadSurveyAndPilot(stewardCtx, member, passerBy);
  await loadGuidelines(s, stewardCtx, member);
  await loadNewsletter(await as(steward.id));

  await s.jobs.runDue();
  return s.db.transaction().execute(async (tx) => {
    const token = await insertSignInToken(tx, s, stewardData.email!, `/c/${community.slug}`, 24 * 3600);
    return `${s.config.baseUrl}/login/${token}`;
  });
}
