import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { findPlace, placeVolunteerIds, recordCleaned } from './service.ts';
import * as store from './store.ts';

const t = useTestApp();

describe('the place store', () => {
  it('keeps a place with its point, its volunteers who are active members, and when it was cleaned', async () => {
    const { community, steward } = await t.community();
    const volunteer = await t.member(community);
    const db = t.services.db;
    const now = new Date().toISOString();
    const id = await store.insertPlace(
      db,
      community.id,
      { kind: 'fridge', name: 'Elm Street fridge', latitude: 40.4168, longitude: -3.7038, checkHours: 48 },
      now,
    );
    await store.setVolunteers(db, community.id, id, [volunteer.id, steward.id], now);
    expect((await placeVolunteerIds(db, community.id, id)).sort()).toEqual([volunteer.id, steward.id].sort());
    await recordCleaned(db, community.id, id, now);
    expect(await findPlace(db, community.id, id)).toMatchObject({
      kind: 'fridge',
      latitude: 40.4168,
      longitude: -3.7038,
      addressVisibility: 'members',
      checkHours: 48,
      cleanedAt: now,
      stockLevel: null,
    });
    const other = await t.community();
    expect(await findPlace(db, other.community.id, id)).toBeUndefined();
  });

  it('refuses a point out of range or half a point, and an unknown kind', async () => {
    const { community } = await t.community();
    const now = new Date().toISOString();
    const add = (place: Record<string, unknown>) =>
      store.insertPlace(t.services.db, community.id, { kind: 'fridge', name: 'x', ...place } as any, now);
    await expect(add({ latitude: 91, longitude: 0 })).rejects.toThrow();
    await expect(add({ latitude: 10, longitude: null })).rejects.toThrow();
    await expect(add({ kind: 'castle' })).rejects.toThrow();
  });
});
