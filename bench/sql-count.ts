/**
 * `npm run bench:sql`: how many SQL statements a few representative requests run, counted by a
 * Kysely plugin that sees every query the app sends (transaction control — BEGIN, COMMIT — is
 * not a query and is not counted). Each request is sent once the database holds a small
 * community (a steward, two members, an item of one lent to the other), with jobs stopped, so
 * what is counted is the request's own work. Statements that read the `community` table are
 * shown apart: a request should resolve its community once.
 *
 * Runs on a fresh SQLite file, or on PostgreSQL with `--database-url postgres://…` (an empty
 * database it may migrate). The counts are exact, not timed: the same on every run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { newId } from '../src/platform/db/ids.ts';
import { addDays, iso, localDate } from '../src/platform/db/time.ts';
import { sortName } from '../src/platform/i18n/sort-name.ts';

const { values } = parseArgs({ options: { 'database-url': { type: 'string' } } });

/**
 * Counts executed statements, and the SELECTs that read `community`. A query's tree is seen when
 * it is built (subqueries too, each on its own) and its result once it ran: only the latter counts.
 */
class StatementCounter implements KyselyPlugin {
  statements = 0;
  community = 0;
  readonly #readsCommunity = new WeakMap<object, boolean>();
  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    const reads = node.kind === 'SelectQueryNode' && JSON.stringify(node).includes('"name":"community"');
    this.#readsCommunity.set(queryId, reads);
    return node;
  }
  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.statements++;
    if (this.#readsCommunity.get(queryId)) this.community++;
    return result;
  }
  reset() {
    this.statements = 0;
    this.community = 0;
  }
}

const counter = new StatementCounter();
const dir = mkdtempSync(join(tmpdir(), 'porch-sql-'));
const config = loadConfig({
  PORCH_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  SECRET_KEY: 's'.repeat(40),
  ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
});
const app = await buildApp(config, { logger: false, dbPlugins: [counter] });
await app.ready();
await app.services.jobs.stop();
const { db, clock } = app.services;

// A community with a steward, an owner and a borrower, and one item.
const now = iso(clock.now());
const account = async (name: string) => {
  const id = newId();
  await db
    .insertInto('account')
    .values({
      id,
      email: `${name}-${id}@sql.example`,
      displayName: name,
      sortName: sortName(name),
      createdAt: now,
    })
    .execute();
  return id;
};
const slug = `sql-${Date.now().toString(36)}`;
const communityId = newId();
const timeZone = 'America/Chicago';
const [stewardId, ownerId, borrowerId] = [
  await account('Steward'),
  await account('Owner'),
  await account('Borrower'),
];
await db
  .insertInto('community')
  .values({
    id: communityId,
    slug,
    name: 'SQL Street',
    languages: 'en,es',
    timeZone,
    rhythm: 'monthly',
    joinPolicy: 'invite',
    createdBy: stewardId,
    createdAt: now,
  })
  .execute();
for (const [accountId, role] of [
  [stewardId, 'steward'],
  [ownerId, 'member'],
  [borrowerId, 'member'],
] as const) {
  await db
    .insertInto('membership')
    .values({ id: newId(), communityId, accountId, role, status: 'active', requestedAt: now, joinedAt: now })
    .execute();
}
const itemId = newId();
await db
  .insertInto('item')
  .values({
    id: itemId,
    communityId,
    ownerId,
    name: 'Ladder',
    category: 'tools',
    condition: 'good',
    valueBand: 'low',
    pickupPlace: 'Porch',
    rules: '',
    loanDays: 7,
    createdAt: now,
    updatedAt: now,
  })
  .execute();
const cookie = async (accountId: string) => `porch_session=${await createSession(db, clock, accountId)}`;
const asOwner = await cookie(ownerId);
const asBorrower = await cookie(borrowerId);

const api = `/api/v1/communities/${slug}`;
const today = localDate(clock.now(), timeZone);
const rows: [string, number, number, number][] = [];

/** Sends one request and records the statements it ran. */
async function measure(
  name: string,
  cookieHeader: string,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
) {
  counter.reset();
  const res = await app.inject({
    method,
    url,
    headers: {
      cookie: cookieHeader,
      accept: method === 'GET' && !url.startsWith('/api/') ? 'text/html' : 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  if (res.statusCode >= 400) throw new Error(`${name}: ${res.statusCode} ${res.body}`);
  rows.push([name, res.statusCode, counter.statements, counter.community]);
  return res;
}

// Sessions are extended at most once a day: a first request per session would count that write.
await measure('warm-up (owner)', asOwner, 'GET', `${api}/loans`);
await measure('warm-up (borrower)', asBorrower, 'GET', `${api}/loans`);
rows.length = 0;

await measure('API: catalog', asBorrower, 'GET', `${api}/items`);
await measure('API: an item', asBorrower, 'GET', `${api}/items/${itemId}`);
const requested = await measure('API: request a loan', asBorrower, 'POST', `${api}/items/${itemId}/loans`, {
  startsOn: today,
  dueOn: addDays(today, 2),
});
const loanId = (requested.json() as { id: string }).id;
await measure('API: a loan', asBorrower, 'GET', `${api}/loans/${loanId}`);
await measure('API: approve a loan', asOwner, 'POST', `${api}/loans/${loanId}/approve`, {});
await measure('API: pick up a loan', asOwner, 'POST', `${api}/loans/${loanId}/pick-up`, {});
await measure('API: the board', asBorrower, 'GET', `${api}/posts`);
await measure('page: the board', asBorrower, 'GET', `/c/${slug}/board`);
await measure('page: the catalog', asBorrower, 'GET', `/c/${slug}/library`);

const dialect = app.services.dialect;
await app.close();
rmSync(dir, { recursive: true, force: true });

process.stdout.write(`SQL statements per request (${dialect}; BEGIN/COMMIT not counted)\n\n`);
process.stdout.write('request                    status  statements  from community\n');
for (const [name, status, statements, community] of rows) {
  process.stdout.write(
    `${name.padEnd(26)} ${String(status).padStart(6)}  ${String(statements).padStart(10)}  ${String(community).padStart(14)}\n`,
  );
}
const loanRequests = rows.filter(([name]) => name.startsWith('API:') && name.includes('loan'));
const mean = loanRequests.reduce((sum, r) => sum + r[2], 0) / loanRequests.length;
process.stdout.write(`\nAPI loan requests: ${mean.toFixed(1)} statements on average\n`);
