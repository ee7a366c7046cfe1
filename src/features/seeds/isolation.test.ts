import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { addLot, addStory, addVariety, seedCommunity } from '../../../test/support/seeds.ts';
import { addMonths, localMonth } from '../../platform/db/time.ts';

describe('another community’s seed library', () => {
  const t = useTestApp();

  it('answers 404 on every id route to a steward of another community, and changes nothing', async () => {
    const a = await seedCommunity(t);
    const b = await seedCommunity(t);
    const own = await addVariety(a, a.asAlma);
    const v = (await addVariety(b, b.asAlma)).id;
    const s = (await addStory(b, b.asAlma, v)).id;
    const l = (await addLot(b, b.asAlma, v, { packets: 4 })).id;
    const taken = await b.asBeto.api('POST', `${b.api}/${v}/lots/${l}/take`, {
      packets: 1,
      pledge: true,
      expectedMonth: addMonths(localMonth(t.clock.now(), b.community.timeZone), 2),
    });
    const p = taken.json().pledge.id as string;

    const page = `/c/${a.slug}/seeds`;
    const api = a.api;
    const variety = { crop: 'Bean', name: 'Taken over', seasons: ['spring'], savingDifficulty: 'easy' };
    const story = { kind: 'tip', body: 'Overwritten' };
    const lot = { packets: 3, harvestYear: 2024 };
    const requests: [string, string, object?][] = [
      ['GET', `${page}/${v}`],
      ['GET', `${page}/${v}/edit`],
      ['POST', `${page}/${v}/edit`, variety],
      ['POST', `${page}/${v}/stories`, story],
      ['GET', `${page}/${v}/stories/${s}/edit`],
      ['POST', `${page}/${v}/stories/${s}/edit`, story],
      ['POST', `${page}/${v}/stories/${s}/delete`],
      ['POST', `${page}/${v}/stories/${s}/hide`],
      ['POST', `${page}/${v}/stories/${s}/show`],
      ['GET', `${page}/${v}/lots/new`],
      ['POST', `${page}/${v}/lots`, lot],
      ['GET', `${page}/${v}/lots/${l}/take`],
      ['POST', `${page}/${v}/lots/${l}/take`, { packets: 1 }],
      ['POST', `${page}/${own.id}/lots/${l}/take`, { packets: 1 }],
      ['GET', `${page}/${v}/pledges/${p}/return`],
      ['POST', `${page}/${v}/pledges/${p}/return`, lot],
      ['POST', `${page}/${v}/pledges/${p}/done`],
      ['POST', `${page}/${v}/pledges/${p}/cancel`],
      ['API GET', `${api}/${v}`],
      ['API PUT', `${api}/${v}`, variety],
      ['API POST', `${api}/${v}/stories`, story],
      ['API PUT', `${api}/${v}/stories/${s}`, story],
      ['API DELETE', `${api}/${v}/stories/${s}`],
      ['API PUT', `${api}/${v}/stories/${s}/hidden`, { hidden: true }],
      ['API POST', `${api}/${v}/lots`, lot],
      ['API POST', `${api}/${v}/lots/${l}/take`, { packets: 1 }],
      ['API POST', `${api}/${own.id}/lots/${l}/take`, { packets: 1 }],
      ['API POST', `${api}/${v}/pledges/${p}/return`, lot],
      ['API POST', `${api}/${v}/pledges/${p}/done`, {}],
      ['API POST', `${api}/${v}/pledges/${p}/cancel`, {}],
    ];
    for (const [method, url, body] of requests) {
      const client = a.asSteward;
      const res = method.startsWith('API ')
        ? await client.api(method.slice(4) as 'GET', url, body)
        : method === 'GET'
          ? await client.get(url)
          : await client.post(url, body as Record<string, string>);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }

    const after = (await b.asSteward.api('GET', `${b.api}/${v}`)).json();
    expect(after).toMatchObject({ name: 'Black Oaxaca', stories: [{ id: s, hidden: false }] });
    expect(after.lots).toMatchObject([{ id: l, packets: 3 }]);
    expect(after.pledges).toMatchObject([{ id: p, status: 'open' }]);
    expect((await a.asSteward.api('GET', a.api)).json().map((x: { id: string }) => x.id)).toEqual([own.id]);
  });
});
