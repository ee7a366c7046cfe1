/**
 * Generates many communities on PostgreSQL in a few set-based statements (generate_series), for
 * `npm run bench:scale` and the query-plan test: every row is what the app would have written
 * (accounts with a skill, active memberships with one steward, library items, board posts, seed
 * varieties, and the search documents of all three), with ids derived from row numbers so the
 * statements need no lookups.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';

/** The shape of one batch of identical communities. */
export interface Shape {
  /** Slug and email prefix: communities are `<prefix>-1` … `<prefix>-<communities>`. */
  prefix: string;
  /** A namespace number (1–15) for this batch's ids; each batch needs its own. */
  tag: number;
  communities: number;
  /** Members per community (the first is its steward). */
  members: number;
  /** Library items per community. */
  items: number;
  /** Board posts per community (one in ten already past its "open until"). */
  posts: number;
  /** Seed varieties per community. */
  varieties: number;
}

// Tables, for the id namespace.
const table = { account: 1, community: 2, membership: 3, item: 4, post: 5, variety: 6, skill: 7, search: 8 };

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
const crops = ['tomato', 'bean', 'squash', 'pepper', 'lettuce', 'corn', 'pea'];

/** A SQL text array of `words`, for `(array[…])[i]`. */
function words(list: string[]): string {
  return `array[${list.map((w) => `'${w}'`).join(', ')}]`;
}

/**
 * The id of row `n` (a SQL expression) of `kind` in batch `tag`: a UUID-shaped text, so routes
 * that check ids accept it, ordered by `n` like the app's time-ordered ids.
 */
export function rowId(tag: number, kind: keyof typeof table, n: string): string {
  const prefix = (tag * 16 + table[kind]).toString(16).padStart(8, '0');
  return `'${prefix}-0000-7000-8000-' || lpad(to_hex(${n}), 12, '0')`;
}

/** The slug of community `k` of a batch. */
export function slugOf(shape: Shape, k: number): string {
  return `${shape.prefix}-${k}`;
}

/** The id of the `i`-th member (1-based) of community `k`. */
export function memberId(shape: Shape, k: number, i: number): string {
  return idOf(shape.tag, 'account', (k - 1) * shape.members + i);
}

/** The id of item `i` (1-based) of community `k`. */
export function itemId(shape: Shape, k: number, i: number): string {
  return idOf(shape.tag, 'item', (k - 1) * shape.items + i);
}

/** The id of post `i` (1-based) of community `k`. */
export function postId(shape: Shape, k: number, i: number): string {
  return idOf(shape.tag, 'post', (k - 1) * shape.posts + i);
}

function idOf(tag: number, kind: keyof typeof table, n: number): string {
  const prefix = (tag * 16 + table[kind]).toString(16).padStart(8, '0');
  return `${prefix}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
}

/**
 * Inserts the batch `shape` into `db` (migrated, PostgreSQL) as of `now`; returns the number of
 * rows written. Call `analyze` after the last batch.
 */
export async function populate(db: Kysely<any>, shape: Shape, now: Date): Promise<number> {
  const { tag, prefix, communities: c, members: m, items: i, posts: p, varieties: v } = shape;
  const at = now.toISOString();
  const later = new Date(now.getTime() + 7 * 86400_000).toISOString();
  const earlier = new Date(now.getTime() - 86400_000).toISOString();
  // Community number of row n in a table with `per` rows per community; the k-th member's id.
  const community = (n: string, per: number) => `((${n} - 1) / ${per} + 1)`;
  const member = (k: string, j: string) => rowId(tag, 'account', `(${k} - 1) * ${m} + ${j}`);
  const run = async (q: RawBuilder<unknown>) => Number((await q.execute(db)).numAffectedRows ?? 0);
  const raw = sql.raw;
  let rows = 0;

  // Accounts first: a community names its creator.
  rows += await run(sql`insert into account (id, email, email_verified_at, display_name, sort_name, locale,
      languages, created_at)
    select ${raw(rowId(tag, 'account', 'n'))}, ${prefix} || '-' || n || '@scale.example', ${at},
      'Neighbor ' || n, 'neighbor ' || n, 'en', 'en', ${at}
    from generate_series(1, ${c * m}) n`);
  rows += await run(sql`insert into community (id, slug, name, description, languages, time_zone, rhythm,
      join_policy, created_by, created_at)
    select ${raw(rowId(tag, 'community', 'k'))}, ${prefix} || '-' || k, 'Street ' || k, '', 'en,es',
      'America/Chicago', 'monthly', 'invite', ${raw(member('k', '1'))}, ${at}
    from generate_series(1, ${c}) k`);
  rows += await run(sql`insert into skill (id, account_id, kind, name, normalized)
    select ${raw(rowId(tag, 'skill', 'n'))}, ${raw(rowId(tag, 'account', 'n'))}, 'share', s, s
    from generate_series(1, ${c * m}) n, lateral (select (${raw(words(skills))})[n % ${skills.length} + 1] s) w`);
  rows += await run(sql`insert into membership (id, community_id, account_id, role, status, requested_at,
      joined_at)
    select ${raw(rowId(tag, 'membership', 'n'))}, ${raw(rowId(tag, 'community', community('n', m)))},
      ${raw(rowId(tag, 'account', 'n'))}, case when (n - 1) % ${m} = 0 then 'steward' else 'member' end,
      'active', ${at}, ${at}
    from generate_series(1, ${c * m}) n`);
  if (i > 0) {
    rows += await run(sql`insert into item (id, community_id, owner_id, name, category, condition,
        value_band, loan_days, created_by, created_at, updated_at, name_key)
      select ${raw(rowId(tag, 'item', 'n'))}, ${raw(rowId(tag, 'community', community('n', i)))}, o, name,
        'tools', 'good', 'low', 7, o, ${at}, ${at}, name
      from generate_series(1, ${c * i}) n,
        lateral (select ${raw(member(community('n', i), `((n - 1) % ${i}) % ${m} + 1`))} o,
          (${raw(words(adjectives))})[n % ${adjectives.length} + 1] || ' ' ||
          (${raw(words(things))})[(n / ${adjectives.length}) % ${things.length} + 1] name) x`);
    rows += await run(sql`insert into search_document (id, community_id, kind, subject_id, title,
        title_terms, body_terms, url, updated_at)
      select ${raw(rowId(tag, 'search', 'n'))}, community_id, 'item', id, name, name,
        'tools herramientas', '/c/' || slug || '/library/items/' || id, ${at}
      from (select row_number() over (order by item.id) n, item.*, community.slug from item
        join community on community.id = item.community_id
        where item.id like ${`${idOf(tag, 'item', 0).slice(0, 8)}%`}) x`);
  }
  if (p > 0) {
    rows += await run(sql`insert into post (id, community_id, kind, title, details, category, open_until,
        status, author_id, posted_by, created_at, updated_at)
      select ${raw(rowId(tag, 'post', 'n'))}, ${raw(rowId(tag, 'community', community('n', p)))},
        case when n % 2 = 0 then 'offer' else 'request' end,
        'A ' || (${raw(words(things))})[n % ${things.length} + 1] || ' for the weekend', 'Details of post ' || n,
        'tools', case when n % 10 = 0 then ${earlier} else ${later} end, 'open', a, a,
        to_char(${at}::timestamptz - make_interval(mins => n % 1000), 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        ${at}
      from generate_series(1, ${c * p}) n,
        lateral (select ${raw(member(community('n', p), `((n - 1) % ${p}) % ${m} + 1`))} a) x`);
    rows += await run(sql`insert into search_document (id, community_id, kind, subject_id, title,
        title_terms, body_terms, url, updated_at)
      select ${raw(rowId(tag, 'search', `(${c * i} + n)`))}, community_id, 'post', id, title, lower(title),
        lower(details), '/c/' || slug || '/posts/' || id, ${at}
      from (select row_number() over (order by post.id) n, post.*, community.slug from post
        join community on community.id = post.community_id
        where post.id like ${`${idOf(tag, 'post', 0).slice(0, 8)}%`} and open_until > ${at}) x`);
  }
  if (v > 0) {
    rows += await run(sql`insert into seed_variety (id, community_id, crop, name, sowing_seasons,
        saving_difficulty, created_by, created_at, updated_at)
      select ${raw(rowId(tag, 'variety', 'n'))}, ${raw(rowId(tag, 'community', community('n', v)))}, crop,
        'Heirloom ' || crop || ' ' || n, 'spring,summer', 'easy',
        ${raw(member(community('n', v), `((n - 1) % ${v}) % ${m} + 1`))}, ${at}, ${at}
      from generate_series(1, ${c * v}) n,
        lateral (select (${raw(words(crops))})[n % ${crops.length} + 1] crop) x`);
    rows += await run(sql`insert into search_document (id, community_id, kind, subject_id, title,
        title_terms, body_terms, url, updated_at)
      select ${raw(rowId(tag, 'search', `(${c * (i + p)} + n)`))}, community_id, 'variety', id,
        crop || ' ' || name, lower(crop || ' ' || name), '',
        '/c/' || slug || '/seeds/' || id, ${at}
      from (select row_number() over (order by seed_variety.id) n, seed_variety.*, community.slug
        from seed_variety join community on community.id = seed_variety.community_id
        where seed_variety.id like ${`${idOf(tag, 'variety', 0).slice(0, 8)}%`}) x`);
  }
  return rows;
}

/** Updates the planner's statistics after a load (autovacuum would, some time later). */
export async function analyze(db: Kysely<any>): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Who looks at a page: a member or the steward of the measured community, a member of the large one. */
export type Who = 'member' | 'steward' | 'bigMember' | 'visitor';

/**
 * The everyday pages, as [name, who looks, URL]: those of community 1 of `home` (a member's and a
 * steward's), and the heaviest ones of community 1 of `big`.
 */
export function everydayPages(home: Shape, big: Shape): [string, Who, string][] {
  const c = `/c/${slugOf(home, 1)}`;
  const b = `/c/${slugOf(big, 1)}`;
  const api = `/api/v1/communities/${slugOf(home, 1)}`;
  return [
    ['home page, visitor', 'visitor', '/'],
    ['home page, member', 'member', '/'],
    ['sign-in page', 'visitor', '/login'],
    ['start a community', 'member', '/communities/new'],
    ['community page', 'member', c],
    ['my things', 'member', `${c}/mine`],
    ['board', 'member', `${c}/board`],
    ['post', 'member', `${c}/posts/${postId(home, 1, 1)}`],
    ['thank-yous', 'member', `${c}/thanks`],
    ['catalog', 'member', `${c}/library`],
    ['catalog search', 'member', `${c}/library?q=ladder`],
    ['item', 'member', `${c}/library/items/${itemId(home, 1, 1)}`],
    ['my loans', 'member', `${c}/library/loans`],
    ['seeds', 'member', `${c}/seeds`],
    ['search', 'member', `${c}/search?q=ladder`],
    ['members', 'member', `${c}/members`],
    ['members search', 'member', `${c}/members?q=garden`],
    ['profile', 'member', `${c}/members/${memberId(home, 1, 3)}`],
    ['conversations', 'member', `${c}/conversations`],
    ['requests (steward)', 'steward', `${c}/requests`],
    ['invites (steward)', 'steward', `${c}/invites`],
    ['lending desk (steward)', 'steward', `${c}/library/desk`],
    ['overdue (steward)', 'steward', `${c}/library/overdue`],
    ['API: my communities', 'member', '/api/v1/communities'],
    ['API: board', 'member', `${api}/posts`],
    ['API: search', 'member', `${api}/search?q=ladder`],
    ['large community: board', 'bigMember', `${b}/board`],
    ['large community: catalog', 'bigMember', `${b}/library`],
    ['large community: search', 'bigMember', `${b}/search?q=ladder`],
    ['large community: members', 'bigMember', `${b}/members`],
  ];
}
