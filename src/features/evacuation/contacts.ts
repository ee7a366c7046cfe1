/**
 * The ride network's contact lists and phone tree (coordinators): who calls whom, each household's
 * phone, language and address; printed by `pages/contacts.tsx` and exported by `export.ts`.
 */
import { requireRole } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { logRead } from './access-log.ts';
import { acceptedBuddies } from './buddies.ts';
import { loadPlan } from './planning.ts';
import { can } from './policy.ts';
import * as store from './store.ts';

/** A household in the contact list: how to reach it and who calls it. */
export interface ContactHousehold {
  id: string;
  name: string;
  phone: string;
  language: string;
  address: string;
  people: number;
  wheelchairs: number;
  pets: number;
  buddy: string | null;
  backupBuddy: string | null;
  /** The driver of its route in the current plan (the first car's), or null. */
  driver: string | null;
  shelter: string | null;
}

/** A driver in the contact list, with the households of their route (the phone tree's branch). */
export interface ContactDriver {
  id: string;
  name: string;
  phone: string;
  vehicle: string;
  households: ContactHousehold[];
}

/** The contact lists and the phone tree. */
export interface Contacts {
  /** The coordinators, who call the drivers. */
  coordinators: string[];
  drivers: ContactDriver[];
  households: ContactHousehold[];
  /** Households no driver and no buddy calls: the coordinators call them. */
  callByCoordinator: ContactHousehold[];
  /** Buddies and the households they call. */
  buddies: { name: string; households: ContactHousehold[] }[];
}

/** How a contact list leaves Porch (the log's `what`). */
export type ContactsFormat = 'contacts' | 'contacts_csv' | 'contacts_vcard';

/**
 * The contact lists and the phone tree (coordinators; each read or export logged): coordinators
 * call the drivers, each driver the households of their route in the current plan, each buddy
 * who accepted the households they look after, and the coordinators those nobody else calls.
 */
export async function contacts(ctx: Ctx, format: ContactsFormat): Promise<Contacts> {
  const { communityId } = requireRole(ctx, can.seeNetwork, 'evacuation.errors.only_coordinators');
  await logRead(ctx, format);
  const [households, drivers, members, plan] = await Promise.all([
    store.listHouseholds(ctx.db, communityId),
    store.listDrivers(ctx.db, communityId),
    store.listActiveMembers(ctx.db, communityId),
    loadPlan(ctx, communityId),
  ]);
  const coordinators = await store.listCoordinators(ctx.db, communityId);
  const names = new Map(members.map((m) => [m.accountId, m.displayName]));
  const rideOf = new Map<string, { driver: string; shelter: string }>();
  for (const r of plan?.routes ?? [])
    for (const s of r.stops)
      if (!rideOf.has(s.householdId))
        rideOf.set(s.householdId, { driver: r.driverName, shelter: r.shelter.name });
  const list: ContactHousehold[] = households.map((h) => ({
    id: h.id,
    name: names.get(h.accountId) ?? '',
    phone: h.phone,
    language: h.language,
    address: h.address,
    people: h.people,
    wheelchairs: h.wheelchairs,
    pets: h.pets,
    buddy: h.buddyId ? (names.get(h.buddyId) ?? null) : null,
    backupBuddy: h.backupBuddyId ? (names.get(h.backupBuddyId) ?? null) : null,
    driver: rideOf.get(h.id)?.driver ?? null,
    shelter: rideOf.get(h.id)?.shelter ?? null,
  }));
  const byId = new Map(list.map((h) => [h.id, h]));
  const branches: ContactDriver[] = drivers.map((d) => {
    const route = plan?.routes.find((r) => r.driverId === d.id);
    const ids = [...new Set(route?.stops.map((s) => s.householdId) ?? [])];
    return {
      id: d.id,
      name: names.get(d.accountId) ?? '',
      phone: d.phone,
      vehicle: d.vehicle,
      households: ids.flatMap((id) => byId.get(id) ?? []),
    };
  });
  // Only a buddy who accepted calls anyone; the households of the others are the coordinators' to call.
  const calledBy = new Map(
    households.map((h) => [h.id, acceptedBuddies(h).map((id) => names.get(id) ?? '')]),
  );
  const buddies = new Map<string, ContactHousehold[]>();
  for (const h of list)
    for (const b of calledBy.get(h.id) ?? []) buddies.set(b, [...(buddies.get(b) ?? []), h]);
  return {
    coordinators: coordinators.map((c) => c.displayName),
    drivers: branches,
    households: list,
    callByCoordinator: list.filter((h) => !h.driver && !calledBy.get(h.id)?.length),
    buddies: [...buddies.entries()]
      .map(([name, households]) => ({ name, households }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
