import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { indexDocument, removeDocument, search } from './index.ts';

describe('full-text search', () => {
  const t = useTestApp();
  const now = () => new Date().toISOString();

  it('finds documents of one community by word and prefix, best first, never another community', async () => {
    const { db, dialect } = t.services;
    const [{ community: a }, { community: b }] = [await t.community(), await t.community()];
    const doc = (
      communityId: string,
      kind: 'post' | 'item',
      subjectId: string,
      title: string,
      body: string,
    ) =>
      indexDocument(db, {
        communityId,
        kind,
        subjectId,
        title,
        body,
        url: `/x/${subjectId}`,
        updatedAt: now(),
      });
    await doc(a.id, 'item', '01', 'Aluminium ladder', 'Six metres, in the shed');
    await doc(a.id, 'post', '02', 'Need a ladder to clean gutters', 'Saturday morning');
    await doc(a.id, 'item', '03', 'Cordless drill', 'With two batteries');
    await doc(a.id, 'item', '04', 'Café grinder', 'Molinillo de café');
    await doc(b.id, 'item', '05', 'Ladder', 'Another street');

    const hits = await search(db, dialect, a.id, 'ladder');
    expect(hits.map((h) => h.subjectId).sort()).toEqual(['01', '02']);
    expect((await search(db, dialect, a.id, 'lad')).length).toBe(2);
    expect((await search(db, dialect, a.id, 'ladder', { kinds: ['post'] })).map((h) => h.subjectId)).toEqual([
      '02',
    ]);
    expect((await search(db, dialect, a.id, 'cafe')).map((h) => h.subjectId)).toEqual(['04']);
    expect((await search(db, dialect, a.id, 'MOLINILLO')).map((h) => h.subjectId)).toEqual(['04']);
    expect(await search(db, dialect, a.id, '"*) OR 1=1 --')).toEqual([]);

    // Plural and singular meet in each language; a word finds the same thing named in another.
    await doc(a.id, 'item', '06', 'Batería para taladro', 'Dos baterías y cargador');
    await doc(a.id, 'post', '07', 'Spare batteries', 'AA');
    await doc(a.id, 'post', '08', 'Escaleras para pintar', 'Dos escaleras');
    const found = async (q: string) => (await search(db, dialect, a.id, q)).map((h) => h.subjectId).sort();
    expect(await found('baterias')).toEqual(['03', '06', '07']);
    expect(await found('BATTERY')).toEqual(['03', '06', '07']);
    expect(await found('taladros')).toEqual(['03', '06']);
    expect(await found('drills')).toEqual(['03', '06']);
    expect(await found('escalera')).toEqual(['01', '02', '08']);
    expect(await found('ladders')).toEqual(['01', '02', '08']);
    expect(await found('escalera pintar')).toEqual(['08']);
    expect(await found('ladder gutters')).toEqual(['02']);
    expect(await found('grinder')).toEqual(['04']);
    expect(await found('zzz')).toEqual([]);

    await doc(a.id, 'item', '01', 'Aluminium step stool', 'Small');
    expect(await found('ladder')).toEqual(['02', '08']);
    await removeDocument(db, a.id, 'post', '02');
    expect(await found('ladder')).toEqual(['08']);
  });
});
