import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan, postMultipart } from '../../../test/support/library.ts';
import type { Community } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';

const t = useTestApp();

async function itemsOf(community: Community) {
  return t.services.db
    .selectFrom('item')
    .select(['name', 'ownerId', 'category', 'condition', 'loanDays'])
    .where('communityId', '=', community.id)
    .orderBy('name')
    .execute();
}

describe('importing a "who has what" spreadsheet', () => {
  it('lists every bad row by row and column, and writes nothing', async () => {
    const { community, steward } = await t.community();
    const browser = await t.as(steward);
    const csv = [
      'name,category,condition,owner,pickup_place,rules,loan_days',
      'Ladder,tools,good,shed,Shed,,7',
      'Tent,camping-ish,good,shed,,,3',
      ',garden,worn,nobody@example.org,,,0',
    ].join('\n');
    const preview = await browser.post(`/c/${community.slug}/library/import/preview`, { csv });
    expect(preview.statusCode).toBe(422);
    expect(preview.body).toContain('Row 3, column “category”');
    expect(preview.body).toContain('Row 4, column “name”');
    expect(preview.body).toContain('Row 4, column “owner”');
    expect(preview.body).toContain('Row 4, column “loan_days”');
    expect(preview.body).toContain('Nothing was saved');
    // Confirming anyway (a crafted post) is refused as a whole.
    const confirm = await browser.post(`/c/${community.slug}/library/import`, { csv });
    expect(confirm.statusCode).toBe(422);
    expect(await itemsOf(community)).toEqual([]);
  });

  it('answers the same for a member whose email is hidden from stewards as for a stranger', async () => {
    const { community, steward } = await t.community();
    await t.member(community, 'member', { email: 'dee@example.org', emailVisibility: 'nobody' });
    await t.member(community, 'member', { email: 'sol@example.org', emailVisibility: 'stewards' });
    const browser = await t.as(steward);
    const preview = async (owner: string) => {
      const csv = `name,category,condition,owner\nLadder,tools,good,${owner}`;
      const res = await browser.post(`/c/${community.slug}/library/import/preview`, { csv });
      const body = res.body.replaceAll(owner, 'OWNER').replace(/name="_csrf" value="[^"]*"/g, '');
      return { status: res.statusCode, body };
    };
    const hidden = await preview('dee@example.org');
    const stranger = await preview('nobody@example.org');
    expect(hidden).toEqual(stranger);
    expect(hidden.status).toBe(422);
    expect(hidden.body).toContain('Row 2, column “owner”');
    // An address the steward may see finds its member.
    expect((await preview('sol@example.org')).status).toBe(200);
  });

  it('names a missing column', async () => {
    const { community, steward } = await t.community();
    const res = await (await t.as(steward)).post(`/c/${community.slug}/library/import/preview`, {
      csv: 'name,category\nLadder,tools',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Row 1, column “condition”');
    expect(res.body).toContain('Row 1, column “owner”');
  });

  it('previews a good file uploaded as a file, then imports all rows in one go', async () => {
    const { community, steward } = await t.community();
    const lender = await t.member(community, 'member', { email: 'marta@example.org' });
    const browser = await t.as(steward);
    const csv = [
      'name,category,condition,value,owner,pickup_place,rules,loan_days',
      'Ladder,tools,good,medium,shed,The shed,Two people to carry,7',
      'Dehydrator,Kitchen,Fair,low,Marta@Example.org,My porch,,3',
    ].join('\r\n');
    const preview = await postMultipart(t, browser, `/c/${community.slug}/library/import/preview`, {}, [
      { name: 'file', filename: 'who-has-what.csv', type: 'text/csv', data: Buffer.from(csv) },
    ]);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('All 2 rows are ready');
    expect(await itemsOf(community)).toEqual([]);
    const done = await browser.post(`/c/${community.slug}/library/import`, { csv });
    expect(done.statusCode).toBe(303);
    expect(await itemsOf(community)).toEqual([
      { name: 'Dehydrator', ownerId: lender.id, category: 'kitchen', condition: 'fair', loanDays: 3 },
      { name: 'Ladder', ownerId: null, category: 'tools', condition: 'good', loanDays: 7 },
    ]);
  });

  it('reads Spanish headers and values separated by semicolons', async () => {
    const { community, steward } = await t.community();
    const csv = ['nombre;categoría;estado;dueño;días', 'Carretilla;Jardín;Bueno;cobertizo;5'].join('\n');
    const res = await (await t.as(steward)).post(`/c/${community.slug}/library/import`, { csv });
    expect(res.statusCode).toBe(303);
    expect(await itemsOf(community)).toEqual([
      { name: 'Carretilla', ownerId: null, category: 'garden', condition: 'good', loanDays: 5 },
    ]);
  });

  it.each(['member', 'coordinator'] as const)('a %s gets 403', async (role) => {
    const { community } = await t.community();
    const res = await (await t.as(await t.member(community, role))).post(
      `/c/${community.slug}/library/import`,
      {
        csv: 'name,category,condition,owner\nLadder,tools,good,shed',
      },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('exporting the catalog and the loans', () => {
  it('defuses formulas, and the exported catalog imports again', async () => {
    const { community, steward } = await t.community();
    const member = await t.member(community);
    await makeItem(t, community, { name: '=HYPERLINK("http://evil.example","Drill")' });
    const ladder = await makeItem(t, community, {
      name: 'Ladder',
      rules: '+1 person to carry',
      owner: member,
    });
    await makeLoan(t, community, ladder, member, 'requested');
    const browser = await t.as(steward);
    const items = await browser.get(`/c/${community.slug}/library/export/items.csv`);
    expect(items.statusCode).toBe(200);
    expect(items.headers['content-type']).toContain('text/csv');
    expect(items.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Drill"")"`);
    expect(items.body).toContain("'+1 person to carry");
    expect(items.body).toContain(member.email!);

    const again = await t.community();
    await t.membership(again.community, member);
    const preview = await (await t.as(again.steward)).post(
      `/c/${again.community.slug}/library/import/preview`,
      {
        csv: items.body,
      },
    );
    expect(preview.statusCode).toBe(200);

    const loans = await browser.get(`/c/${community.slug}/library/export/loans.csv`);
    expect(loans.body).toContain('Ladder');
    expect(loans.body).toContain(member.displayName);
    expect(loans.body).toContain('requested');
  });

  it('gives an owner’s email only where they let stewards see it', async () => {
    const { community, steward } = await t.community();
    const shown = await t.member(community, 'member', { emailVisibility: 'community' });
    const hidden = await t.member(community, 'member', {
      displayName: 'Dee Private',
      emailVisibility: 'nobody',
    });
    await makeItem(t, community, { name: 'Ladder', owner: shown });
    await makeItem(t, community, { name: 'Tent', owner: hidden });
    const items = await (await t.as(steward)).get(`/c/${community.slug}/library/export/items.csv`);
    expect(items.body).toContain(shown.email!);
    expect(items.body).not.toContain(hidden.email!);
    expect(items.body).toContain('Dee Private');
  });

  it('names the place each thing is kept at, a column the import passes over', async () => {
    const { community, steward } = await t.community();
    const now = t.clock.now().toISOString();
    const shed = newId();
    await t.services.db
      .insertInto('place')
      .values({
        id: shed,
        communityId: community.id,
        kind: 'tool_shed',
        name: 'The shed at 417',
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    await makeItem(t, community, { name: 'Ladder', owner: null, placeId: shed });
    const csv = (await (await t.as(steward)).get(`/c/${community.slug}/library/export/items.csv`)).body;
    expect(csv.split(/\r?\n/)[0]).toMatch(/,owner_name,place$/);
    expect(csv).toContain(',The shed at 417');
    const preview = await (await t.as(steward)).post(`/c/${community.slug}/library/import/preview`, { csv });
    expect(preview.body).toContain('0 new things, 0 changed, 1 unchanged');
  });

  it('is for stewards only', async () => {
    const { community } = await t.community();
    const member = await t.as(await t.member(community));
    expect((await member.get(`/c/${community.slug}/library/export/items.csv`)).statusCode).toBe(403);
    expect((await member.get(`/c/${community.slug}/library/export/loans.csv`)).statusCode).toBe(403);
  });
});

describe('importing the exported catalog again', () => {
  async function exported(community: Community, steward: Parameters<typeof t.as>[0]) {
    return (await (await t.as(steward)).get(`/c/${community.slug}/library/export/items.csv`)).body;
  }

  it('changes nothing when the file is unchanged, however often it is imported (2 stay 2)', async () => {
    const { community, steward } = await t.community();
    const shown = await t.member(community, 'member', { emailVisibility: 'community' });
    const hidden = await t.member(community, 'member', { emailVisibility: 'nobody' });
    await makeItem(t, community, { name: 'Ladder', owner: shown });
    await makeItem(t, community, { name: 'Tent', owner: hidden });
    await makeItem(t, community, { name: 'Wheelbarrow', owner: null });
    const before = await itemsOf(community);
    const csv = await exported(community, steward);
    const browser = await t.as(steward);
    const preview = await browser.post(`/c/${community.slug}/library/import/preview`, { csv });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('0 new things, 0 changed, 3 unchanged');
    for (const round of [1, 2]) {
      const done = await browser.post(`/c/${community.slug}/library/import`, { csv });
      expect(done.statusCode, `round ${round}`).toBe(303);
      expect(done.headers.location).toBe(`/c/${community.slug}/library/import?new=0&changed=0&unchanged=3`);
      expect(await itemsOf(community)).toEqual(before);
    }
    const page = await browser.get(`/c/${community.slug}/library/import?new=0&changed=0&unchanged=3`);
    expect(page.body).toContain('Imported: 0 new things, 0 changed, 3 unchanged.');
    const edits = await t.services.db
      .selectFrom('loanEvent')
      .select('kind')
      .where('communityId', '=', community.id)
      .where('kind', '=', 'edited')
      .execute();
    expect(edits).toEqual([]);
  });

  it('changes the rows that differ, adds the rows without an id, and reports unknown columns', async () => {
    const { community, steward } = await t.community();
    const owner = await t.member(community, 'member', { emailVisibility: 'community' });
    const ladder = await makeItem(t, community, { name: 'Ladder', owner, loanDays: 7 });
    await makeItem(t, community, { name: 'Tent', owner: null });
    const lines = (await exported(community, steward))
      .replace(/^\ufeff/, '')
      .trim()
      .split(/\r?\n/);
    const header = `${lines[0]},colour`;
    const changed = lines
      .slice(1)
      .map((l) => (l.startsWith(ladder.id) ? l.replace(',7,', ',3,') : l))
      .map((l) => `${l},red`);
    const csv = [header, ...changed, ',Jigsaw,tools,good,medium,shed,The shed,,5,,blue'].join('\n');
    const browser = await t.as(steward);
    const preview = await browser.post(`/c/${community.slug}/library/import/preview`, { csv });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 new thing, 1 changed, 1 unchanged');
    expect(preview.body).toContain('The column “colour” is not one Porch knows: it will not be imported.');
    expect((await browser.post(`/c/${community.slug}/library/import`, { csv })).headers.location).toContain(
      'new=1&changed=1&unchanged=1',
    );
    expect(await itemsOf(community)).toEqual([
      { name: 'Jigsaw', ownerId: null, category: 'tools', condition: 'good', loanDays: 5 },
      { name: 'Ladder', ownerId: owner.id, category: 'tools', condition: 'good', loanDays: 3 },
      { name: 'Tent', ownerId: null, category: 'tools', condition: 'good', loanDays: 7 },
    ]);
    const history = (
      await (await t.as(steward)).api('GET', `/api/v1/communities/${community.slug}/items/${ladder.id}`)
    ).json().history;
    expect(history[0]).toMatchObject({ kind: 'edited', note: 'import' });
  });

  it('does not give an item to someone else, and takes each id once', async () => {
    const { community, steward } = await t.community();
    const owner = await t.member(community, 'member', { emailVisibility: 'community' });
    const other = await t.member(community, 'member', { emailVisibility: 'community' });
    const ladder = await makeItem(t, community, { name: 'Ladder', owner });
    const browser = await t.as(steward);
    const head = 'id,name,category,condition,owner';
    const given = await browser.post(`/c/${community.slug}/library/import/preview`, {
      csv: `${head}\n${ladder.id},Ladder,tools,good,${other.email}`,
    });
    expect(given.statusCode).toBe(422);
    expect(given.body).toContain('Row 2, column “owner”');
    expect(given.body).toContain('does not give a thing to someone else');
    const shed = await browser.post(`/c/${community.slug}/library/import`, {
      csv: `${head}\n${ladder.id},Ladder,tools,good,shed`,
    });
    expect(shed.statusCode).toBe(422);
    const twice = await browser.post(`/c/${community.slug}/library/import/preview`, {
      csv: `${head}\n${ladder.id},Ladder,tools,good,\n${ladder.id},Ladder,tools,worn,`,
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.body).toContain('Row 3, column “id”');
    expect(await itemsOf(community)).toEqual([
      { name: 'Ladder', ownerId: owner.id, category: 'tools', condition: 'good', loanDays: 7 },
    ]);
  });
});
