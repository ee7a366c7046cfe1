/**
 * `npm run bench:notify`: an urgent request reaching 1,000 members, through the notification
 * service and a real SMTP server in this process (the tests' `smtp-server`, which parses every
 * message). Every member opted in to urgent requests and reads mail at once; all are in quiet
 * hours when the request is made, so the two steps are measured apart:
 *
 * - enqueue: the two waves (the 5 nearest, then everyone after 10 minutes) writing 1,000 inbox
 *   notifications, 1,000 mail deliveries and their jobs, each wave in one transaction;
 * - deliver: when quiet hours end, the worker sending the 1,000 mails over SMTP, 50 to a job
 *   (`batchSize`), 5 at once.
 *
 * Runs on a fresh SQLite file, or on PostgreSQL with `--database-url postgres://…` (an empty
 * database it may migrate). `--members N` changes the 1,000. Prints wall times and rates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createPost } from '../src/features/posts/service.ts';
import { contextFor } from '../src/platform/context.ts';
import { newId } from '../src/platform/db/ids.ts';
import { iso } from '../src/platform/db/time.ts';
import { sortName } from '../src/platform/i18n/sort-name.ts';
import { startMailbox } from '../test/support/mailbox.ts';

const { values } = parseArgs({
  options: { 'database-url': { type: 'string' }, members: { type: 'string', default: '1000' } },
});
const members = Number(values.members);

let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const dir = mkdtempSync(join(tmpdir(), 'porch-notify-'));
const mailbox = await startMailbox();
const config = loadConfig({
  PORCH_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  SECRET_KEY: 's'.repeat(40),
  SMTP_URL: mailbox.url,
  BASE_URL: 'http://porch.test',
  ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}),
});
const app = await buildApp(config, { logger: false, clock });
await app.ready();
await app.services.jobs.stop();
const { db, jobs } = app.services;

// A community, its author, and `members` neighbors who opted in, in quiet hours for the next hour.
const now = iso(clock.now());
const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const communityId = newId();
const authorId = newId();
const ids = Array.from({ length: members }, () => newId());
await db
  .insertInto('account')
  .values({
    id: authorId,
    email: `author@bench.example`,
    displayName: 'Author',
    sortName: sortName('Author'),
    createdAt: now,
  })
  .execute();
await db
  .insertInto('community')
  .values({
    id: communityId,
    slug: `bench-${Date.now().toString(36)}`,
    name: 'Bench Street',
    languages: 'en,es',
    timeZone: 'UTC',
    rhythm: 'monthly',
    joinPolicy: 'invite',
    createdBy: authorId,
    createdAt: now,
  } as never)
  .execute();
const membership = (accountId: string) => ({
  id: newId(),
  communityId,
  accountId,
  role: 'member' as const,
  status: 'active' as const,
  requestedAt: now,
  joinedAt: now,
});
await db.insertInto('membership').values(membership(authorId)).execute();
for (let i = 0; i < ids.length; i += 200) {
  const part = ids.slice(i, i + 200);
  await db
    .insertInto('account')
    .values(
      part.map((id, j) => ({
        id,
        email: `n${i + j}@bench.example`,
        displayName: `Neighbor ${i + j}`,
        sortName: sortName(`Neighbor ${i + j}`),
        locale: (i + j) % 3 === 0 ? 'es' : 'en',
        locationLat: 41.9 + ((i + j) % 50) * 0.001,
        locationLng: -87.65,
        createdAt: now,
      })),
    )
    .execute();
  await db.insertInto('membership').values(part.map(membership)).execute();
  await db
    .insertInto('urgentSubscription')
    .values(part.map((accountId) => ({ communityId, accountId, createdAt: now })))
    .execute();
  await db
    .insertInto('notificationSetting')
    .values(
      part.map((accountId) => ({
        accountId,
        timeZone: 'UTC',
        quietStart: hhmm(new Date(clock.now().getTime() - 60_000)),
        quietEnd: hhmm(new Date(clock.now().getTime() + 3600_000)),
      })),
    )
    .execute();
}

const ms = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e6;
const author = await contextFor(app.services, { accountId: authorId, communityId, locale: 'en' });
await createPost(author, {
  kind: 'request',
  title: 'Locked out, need a ladder',
  category: 'tools',
  urgent: true,
});

let t = process.hrtime.bigint();
await jobs.runDue();
const wave1 = ms(t);
offset += 10 * 60_000 + 1000;
t = process.hrtime.bigint();
await jobs.runDue();
const wave2 = ms(t);
const deliveries = await db
  .selectFrom('notificationDelivery')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('communityId', '=', communityId)
  .executeTakeFirstOrThrow();

offset += 3600_000;
t = process.hrtime.bigint();
await jobs.runDue();
const deliver = ms(t);
const sent = mailbox.messages.length;

const rate = (n: number, msTaken: number) => `${Math.round((n / msTaken) * 1000)}/s`;
console.log(`Urgent request to ${members} members (${values['database-url'] ? 'PostgreSQL' : 'SQLite'}):`);
console.log(
  `  enqueue  wave 1 (5 nearest): ${wave1.toFixed(0)} ms; wave 2 (everyone else): ${wave2.toFixed(0)} ms`,
);
console.log(
  `           ${Number(deliveries.n)} mail deliveries queued in ${(wave1 + wave2).toFixed(0)} ms (${rate(Number(deliveries.n), wave1 + wave2)})`,
);
console.log(`  deliver  ${sent} mails through SMTP in ${deliver.toFixed(0)} ms (${rate(sent, deliver)})`);

await app.close();
await mailbox.close();
rmSync(dir, { recursive: true, force: true });
if (sent !== members) {
  console.error(`expected ${members} mails, the SMTP server received ${sent}`);
  process.exitCode = 1;
}
