/** A community with a fridge and its volunteers, for the shifts' tests. */
import type { Account, Community } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/db/ids.ts';
import type { Client, TestApp } from './app.ts';

/** Moves the test clock to `instant` (each test from its own start). */
export const moveClock = (t: TestApp, instant: string) =>
  t.clock.advance((Date.parse(instant) - t.clock.now().getTime()) / 1000);

/** What `makeStreet` makes. */
export interface Street {
  community: Community;
  slug: string;
  api: string;
  steward: Account;
  asSteward: Client;
  ana: Account;
  asAna: Client;
  beto: Account;
  asBeto: Client;
  fridge: string;
}

/** A community in `timeZone` with a steward, Ana (a volunteer of its fridge) and Beto. */
export async function makeStreet(t: TestApp, timeZone = 'Europe/Madrid'): Promise<Street> {
  const { community, steward } = await t.community({ timeZone });
  const ana = await t.member(community, 'member', { displayName: 'Ana' });
  const beto = await t.member(community, 'member', { displayName: 'Beto' });
  const now = t.clock.now().toISOString();
  const fridge = newId();
  const db = t.services.db;
  await db
    .insertInto('place')
    .values({
      id: fridge,
      communityId: community.id,
      kind: 'fridge',
      name: 'Elm Street fridge',
      checkHours: 48,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('placeVolunteer')
    .values({ communityId: community.id, placeId: fridge, accountId: ana.id, createdAt: now })
    .execute();
  return {
    community,
    slug: community.slug,
    api: `/api/v1/communities/${community.slug}`,
    steward,
    asSteward: await t.as(steward),
    ana,
    asAna: await t.as(ana),
    beto,
    asBeto: await t.as(beto),
    fridge,
  };
}

/** A weekly Saturday fridge cleaning from 2027-03-20, 08:00–09:30, two people. */
export const cleaning = (fridge: string, more: Record<string, unknown> = {}) => ({
  title: 'Clean the fridge',
  placeId: fridge,
  startDate: '2027-03-20',
  startTime: '08:00',
  endTime: '09:30',
  repeat: 'weekly',
  peopleNeeded: 2,
  checklist: 'Empty the shelves\nWipe inside\nCheck the temperature',
  ...more,
});
