/**
 * Independent check of a ride network's plan for `npm run bench:plan`: reads the plan against the
 * registry rows and the map's own metric, not against the problem the planner solved, so a mistake in
 * the compiler or the solver cannot hide in both. Checks, per route: the driver exists and is used
 * once; seats (people not in a wheelchair) and wheelchair places hold; a household with pets rides
 * with a driver who takes pets; the shelter exists, takes wheelchairs and pets when its riders bring
 * them, is the one a household needs, and the one it prefers when that one fits it; the ride, timed
 * again on the map (5 minutes a stop, 5 more per wheelchair), ends within the plan's limit. Over all
 * routes: each shelter's people (and wheelchairs, none at an inaccessible one) within its capacity.
 * Per household: each part once, in a route or left out with a reason; the parts add up to the
 * household; several parts only when it said it may split. Returns the errors (empty when valid)
 * and the plan's travel time recomputed, seconds.
 */
import type { Compiled, PlanHousehold } from '../src/features/evacuation/plan.ts';
import type { Plan } from '../src/planner/model.ts';
import type { Network } from './plan-instances.ts';

/** What the check found: errors (none when the plan is valid), the travel time and the parts served. */
export interface PlanCheck {
  errors: string[];
  /** Sum over routes of the time driven (stops' service excluded), seconds, on the map's metric. */
  travelSeconds: number;
  served: number;
  unassigned: number;
}

const point = (x: { latitude: number | null; longitude: number | null }) => ({
  lat: x.latitude as number,
  lng: x.longitude as number,
});

/** Checks `plan` (the planner's answer for `compiled`, made from `network` with `maxMinutes`). */
export function checkNetworkPlan(
  network: Network,
  compiled: Compiled,
  plan: Plan,
  maxMinutes: number,
): PlanCheck {
  const errors: string[] = [];
  const household = new Map(network.households.map((h) => [h.id, h]));
  const driver = new Map(network.drivers.map((d) => [d.id, d]));
  const shelter = new Map(network.shelters.map((s) => [s.id, s]));
  const seen = new Map<string, number>();
  const partsOf = new Map<string, { people: number; wheelchairs: number }[]>();
  const shelterPeople = new Map<string, number>();
  const shelterWheelchairs = new Map<string, number>();
  const usedDrivers = new Set<string>();
  let travelSeconds = 0;
  let served = 0;
  const note = (job: string) => {
    seen.set(job, (seen.get(job) ?? 0) + 1);
    const part = compiled.parts.get(job);
    if (!part) {
      errors.push(`${job}: not a part of any household`);
      return undefined;
    }
    const h = household.get(part.householdId);
    if (!h) errors.push(`${job}: household ${part.householdId} is not in the registry`);
    else partsOf.set(h.id, [...(partsOf.get(h.id) ?? []), part]);
    return h ? { part, h } : undefined;
  };
  for (const r of plan.routes) {
    const d = driver.get(r.vehicle);
    if (!d) {
      errors.push(`${r.vehicle}: not a driver`);
      continue;
    }
    if (usedDrivers.has(d.id)) errors.push(`${d.id}: drives two routes`);
    usedDrivers.add(d.id);
    if (r.onBoard.length > 0) errors.push(`${d.id}: riders on board in a fresh plan`);
    if (r.steps.length === 0) continue;
    const s = r.destination === undefined ? undefined : shelter.get(r.destination);
    if (!s?.capacity) {
      errors.push(`${d.id}: ends at ${r.destination ?? 'no shelter'}, not a shelter set up for the network`);
      continue;
    }
    let seated = 0;
    let wheelchairs = 0;
    let people = 0;
    let at = point(d);
    let t = 0;
    for (const step of r.steps) {
      const x = note(step.job);
      if (!x) continue;
      served++;
      const { part, h } = x;
      seated += part.people - part.wheelchairs;
      wheelchairs += part.wheelchairs;
      people += part.people;
      if (h.pets > 0 && part.part === 1 && !d.pets)
        errors.push(`${d.id}: takes ${h.id}'s pets but does not take pets`);
      if (part.wheelchairs > 0 && !s.accessible) errors.push(`${h.id}: wheelchair to inaccessible ${s.id}`);
      if (h.pets > 0 && part.part === 1 && !s.pets) errors.push(`${h.id}: pets to ${s.id}, which takes none`);
      if (h.shelterNeed === 'needed' && h.shelterId !== s.id)
        errors.push(`${h.id}: needs ${h.shelterId}, goes to ${s.id}`);
      if (h.shelterNeed === 'preferred' && h.shelterId !== s.id && fits(h, shelter.get(h.shelterId ?? '')))
        errors.push(`${h.id}: prefers ${h.shelterId}, which fits it, goes to ${s.id}`);
      const leg = network.travel(at, point(h));
      travelSeconds += leg.seconds;
      t += leg.seconds + 300 + 300 * part.wheelchairs;
      at = point(h);
    }
    const last = network.travel(at, point(s));
    travelSeconds += last.seconds;
    t += last.seconds;
    if (seated > d.seats) errors.push(`${d.id}: ${seated} seated in ${d.seats} seats`);
    if (wheelchairs > d.wheelchairPlaces)
      errors.push(`${d.id}: ${wheelchairs} wheelchairs in ${d.wheelchairPlaces} places`);
    if (t > maxMinutes * 60 + 1)
      errors.push(`${d.id}: arrives after ${Math.round(t)} s, limit ${maxMinutes} min`);
    shelterPeople.set(s.id, (shelterPeople.get(s.id) ?? 0) + people);
    shelterWheelchairs.set(s.id, (shelterWheelchairs.get(s.id) ?? 0) + wheelchairs);
  }
  for (const [id, people] of shelterPeople) {
    const s = shelter.get(id)!;
    if (people > (s.capacity ?? 0)) errors.push(`${id}: ${people} people, capacity ${s.capacity}`);
    const w = shelterWheelchairs.get(id) ?? 0;
    if (w > (s.accessible ? (s.capacity ?? 0) : 0)) errors.push(`${id}: ${w} wheelchairs, not accessible`);
  }
  for (const u of plan.unassigned) {
    note(u.job);
    if (!u.reason) errors.push(`${u.job}: left out without a reason`);
  }
  for (const [job, n] of seen) if (n > 1) errors.push(`${job}: appears ${n} times`);
  for (const h of network.households) {
    const parts = partsOf.get(h.id) ?? [];
    // Households the compiler left out before planning (no shelter fits, …) are not in the plan.
    if (parts.length === 0) {
      if (!compiled.unserved.some((u) => u.householdId === h.id))
        errors.push(`${h.id}: neither planned nor left out`);
      continue;
    }
    const people = parts.reduce((a, p) => a + p.people, 0);
    const wheelchairs = parts.reduce((a, p) => a + p.wheelchairs, 0);
    if (people !== h.people || wheelchairs !== h.wheelchairs)
      errors.push(
        `${h.id}: parts carry ${people} people and ${wheelchairs} wheelchairs of ${h.people} and ${h.wheelchairs}`,
      );
    if (parts.length > 1 && !h.maySplit) errors.push(`${h.id}: split though it may not be`);
  }
  return { errors, travelSeconds, served, unassigned: plan.unassigned.length + compiled.unserved.length };
}

/** Whether shelter `s` takes household `h` (wheelchair access, pets). */
function fits(h: PlanHousehold, s: Network['shelters'][number] | undefined): boolean {
  return !!s && !!s.capacity && (h.wheelchairs === 0 || s.accessible) && (h.pets === 0 || s.pets);
}
