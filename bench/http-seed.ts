/**
 * The generated communities `npm run bench:http` loads: members with two skills each, library
 * items (one in five owned by the shed), board posts and seed varieties, written through the
 * services so the search index and history rows are real.
 */
import { startCommunity } from '../src/features/communities/service.ts';
import { importItems } from '../src/features/library/service.ts';
import { createPost } from '../src/features/posts/service.ts';
import { addVariety } from '../src/features/seeds/service.ts';
import { type Ctx, contextFor, type Services } from '../src/platform/context.ts';
import { newId } from '../src/platform/db/ids.ts';
import { iso } from '../src/platform/db/time.ts';
import { sortName } from '../src/platform/i18n/sort-name.ts';

const things = [
  'ladder',
  'drill',
  'saw',
  'tent',
  'wheelbarrow',
  'sewing machine',
  'pressure washer',
  'canoe',
];
const adjectives = ['aluminium', 'cordless', 'folding', 'big', 'small', 'old', 'sturdy', 'electric'];
const skills = [
  'gardening',
  'bike repair',
  'sewing',
  'cooking',
  'spanish conversation',
  'tutoring',
  'driving',
];
const pick = <T>(list: T[], i: number) => list[i % list.length];

/** A service context for `accountId` acting in `communityId` (resolved as a request's is), in English. */
export function actingAs(s: Services, accountId: string, communityId: string | null): Promise<Ctx> {
  return contextFor(s, { accountId, communityId, locale: 'en' });
}

/** The size of a generated community; `slug` also names its members' mail domain. */
export interface BenchShape {
  slug: string;
  name: string;
  members: number;
  items: number;
  posts: number;
  varieties: number;
}

/**
 * Loads the community "bench-street" into `s` (`postCount` live posts, 300 unless given); returns
 * the members' account ids in order.
 */
export function seedBenchCommunity(
  s: Services,
  memberCount: number,
  itemCount: number,
  postCount = 300,
): Promise<{ communityId: string; memberIds: string[] }> {
  return seedCommunity(s, {
    slug: 'bench-street',
    name: 'Bench Street',
    members: memberCount,
    items: itemCount,
    posts: postCount,
    varieties: 60,
  });
}

/** Loads one community of `shape` into `s`; returns its id and the members' account ids in order. */
export async function seedCommunity(
  s: Services,
  shape: BenchShape,
): Promise<{ communityId: string; memberIds: string[] }> {
  const { slug, members: memberCount, items: itemCount } = shape;
  const domain = `${slug}.example`;
  const now = iso(s.clock.now());

  const steward = await s.db
    .insertInto('account')
    .values({
      id: newId(),
      email: `steward@${domain}`,
      displayName: 'Steward',
      sortName: sortName('Steward'),
      operator: 1,
      createdAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const community = await startCommunity(await actingAs(s, steward.id, null), {
    name: shape.name,
    slug,
    languages: ['en', 'es'],
    timeZone: 'America/Chicago',
    rhythm: 'monthly',
    joinPolicy: 'invite',
  });
  const stewardCtx = await actingAs(s, steward.id, community.id);

  const memberIds: string[] = [];
  for (let start = 0; start < memberCount; start += 100) {
    const accounts = Array.from({ length: Math.min(100, memberCount - start) }, (_, k) => {
      const i = start + k;
      return {
        id: newId(),
        email: `member${i}@${domain}`,
        displayName: `Neighbor ${i}`,
        sortName: sortName(`Neighbor ${i}`),
        createdAt: now,
      };
    });
    await s.db.insertInto('account').values(accounts).execute();
    await s.db
      .insertInto('membership')
      .values(
        accounts.map((a) => ({
          id: newId(),
          communityId: community.id,
          accountId: a.id,
          role: 'member' as const,
          status: 'active' as const,
          requestedAt: now,
          joinedAt: now,
        })),
      )
      .execute();
    await s.db
      .insertInto('skill')
      .values(
        accounts.flatMap((a, k) => [
          {
            id: newId(),
            accountId: a.id,
            kind: 'share' as const,
            name: pick(skills, k),
            normalized: pick(skills, k),
          },
          {
            id: newId(),
            accountId: a.id,
            kind: 'learn' as const,
            name: pick(skills, k + 3),
            normalized: pick(skills, k + 3),
          },
        ]),
      )
      .execute();
    memberIds.push(...accounts.map((a) => a.id));
  }

  for (let start = 0; start < itemCount; start += 1000) {
    const rows = ['name,category,condition,owner,pickup_place,loan_days'];
    for (let i = start; i < Math.min(start + 1000, itemCount); i++) {
      const owner = i % 5 === 0 ? 'shed' : `member${i % memberCount}@${domain}`;
      rows.push(
        `${pick(adjectives, i * 7)} ${pick(things, i)} ${i},tools,good,${owner},Porch at number ${i % 90},7`,
      );
    }
    await importItems(stewardCtx, rows.join('\n'));
  }

  for (let i = 0; i < shape.posts; i++) {
    const author = await actingAs(s, memberIds[i % memberIds.length], community.id);
    await createPost(author, {
      kind: i % 3 === 0 ? 'offer' : 'request',
      title: `${i % 2 ? 'Borrow' : 'Lend'} a ${pick(things, i)} this week`,
      details: 'For a weekend project. I can pick it up and bring it back clean.',
      category: 'tools',
    });
  }
  for (let i = 0; i < shape.varieties; i++) {
    await addVariety(stewardCtx, {
      crop: pick(['bean', 'tomato', 'squash', 'pepper', 'corn'], i),
      name: `Heirloom ${i}`,
      seasons: ['spring'],
      daysToMaturity: 60 + (i % 40),
      origin: 'A neighbor’s garden',
      savingDifficulty: 'easy',
    });
  }
  return { communityId: community.id, memberIds };
}
