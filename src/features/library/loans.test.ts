import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.ts';
import { makeItem, makeLoan, today } from '../../../test/support/library.ts';
import type { Community, LoanStatus } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { addDays } from '../../platform/db/time.ts';

const t = useTestApp();

async function setup() {
  const { community, steward } = await t.community();
  const owner = await t.member(community);
  const borrower = await t.member(community);
  const thing = await makeItem(t, community, { owner });
  return { community, steward, owner, borrower, thing };
}

const api = (c: Community, rest: string) => `/api/v1/communities/${c.slug}${rest}`;

describe('borrowing a drill from a neighbor, end to end', () => {
  it('lists in `actions` exactly the actions the caller may post, by their URL names', async () => {
    const { community, steward, owner, borrower, thing } = await setup();
    const loan = await makeLoan(t, community, thing, borrower, 'out');
    const url = api(community, `/loans/${loan.id}`);
    const actionsOf = async (who: typeof owner) => (await (await t.as(who)).api('GET', url)).json().actions;
    expect(await actionsOf(owner)).toEqual(['return', 'renew']);
    expect(await actionsOf(borrower)).toEqual(['renew']);
    expect(await actionsOf(steward)).toEqual(['return', 'lost', 'damaged', 'renew']);
    const reported = await (await t.as(steward)).api('POST', `${url}/damaged`, { note: 'Cracked case' });
    expect(reported.statusCode).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'damaged', actions: [] });
  });

  it('request → approve → pick up → return → thanks, with mails and history', async () => {
    const { community, owner, borrower, thing } = await setup();
    const me = await t.as(borrower);
    const start = today(t, community);
    const asked = await me.post(`/c/${community.slug}/library/items/${thing.id}/loans`, {
      startsOn: start,
      dueOn: addDays(start, 2),
      message: 'For the shelves',
    });
    expect(asked.statusCode).toBe(303);
    const loanUrl = asked.headers.location as string;
    const loanId = loanUrl.split('/').pop()!;
    await t.runJobs();
    // The mail says who asks, and the days as the lender's language writes them.
    const requested = t.mailbox.to(owner.email!).at(-1)!;
    expect(requested.subject).toBe(`${borrower.displayName} would like to borrow Cordless drill`);
    const long = (day: string) =>
      new Intl.DateTimeFormat('en', { dateStyle: 'full', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      );
    expect(requested.text).toContain(`from ${long(start)} to ${long(addDays(start, 2))}`);
    expect(requested.text).not.toContain(start);

    const lender = await t.as(owner);
    for (const action of ['approve', 'pick-up']) {
      expect((await lender.post(`${loanUrl}/${action}`)).statusCode).toBe(303);
    }
    const back = await lender.post(`${loanUrl}/return`, { condition: 'fair', problem: 'Chuck is loose' });
    expect(back.statusCode).toBe(303);
    expect((await me.post(`${loanUrl}/thank`, { thanks: 'Saved my weekend!' })).statusCode).toBe(303);

    const loan = await me.api('GET', api(community, `/loans/${loanId}`));
    expect(loan.json()).toMatchObject({
      status: 'thanked',
      returnCondition: 'fair',
      problem: 'Chuck is loose',
      thanks: 'Saved my weekend!',
    });
    await t.runJobs();
    expect(
      t.mailbox
        .to(borrower.email!)
        .map((m) => m.subject)
        .join('|'),
    ).toMatch(/can borrow/);
    const detail = await me.api('GET', api(community, `/items/${thing.id}`));
    expect(detail.json().item.condition).toBe('fair');
    expect(detail.json().history.map((e: any) => e.kind)).toEqual([
      'thanked',
      'returned',
      'picked_up',
      'approved',
      'requested',
    ]);
  });

  it('refuses dates in the past, out of order or longer than the loan length (422)', async () => {
    const { community, borrower, thing } = await setup();
    const me = await t.as(borrower);
    const start = today(t, community);
    const url = api(community, `/items/${thing.id}/loans`);
    const past = await me.api('POST', url, { startsOn: addDays(start, -1), dueOn: start });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0]).toMatchObject({ field: 'startsOn', code: 'library.errors.start_in_past' });
    const reversed = await me.api('POST', url, { startsOn: addDays(start, 2), dueOn: start });
    expect(reversed.json().errors[0].field).toBe('dueOn');
    const long = await me.api('POST', url, { startsOn: start, dueOn: addDays(start, 7) });
    expect(long.json().errors[0].code).toBe('library.errors.too_long');
    const far = await me.api('POST', url, { startsOn: '9999-12-29', dueOn: '9999-12-31' });
    expect(far.statusCode).toBe(422);
    expect(far.json().errors[0]).toMatchObject({ field: 'startsOn', code: 'library.errors.too_far_ahead' });
  });

  it('an owner cannot borrow their own item (403)', async () => {
    const { community, owner, thing } = await setup();
    const start = today(t, community);
    const res = await (await t.as(owner)).api('POST', api(community, `/items/${thing.id}/loans`), {
      startsOn: start,
      dueOn: start,
    });
    expect(res.statusCode).toBe(403);
  });
});

type Who = 'owner' | 'borrower' | 'steward' | 'other member' | 'coordinator';

/** Each transition: the status it starts from, and who may take it. */
const matrix: [string, LoanStatus, Who[]][] = [
  ['approve', 'requested', ['owner', 'steward']],
  ['decline', 'requested', ['owner', 'steward']],
  ['cancel', 'requested', ['borrower']],
  ['pick-up', 'approved', ['owner', 'steward']],
  ['return', 'out', ['owner', 'steward']],
  ['thank', 'returned', ['borrower']],
  ['lost', 'out', ['steward']],
  ['damaged', 'returned', ['steward']],
  ['renew', 'out', ['borrower', 'owner', 'steward']],
];
const everyone: Who[] = ['owner', 'borrower', 'steward', 'other member', 'coordinator'];

async function actorFor(who: Who, s: Awaited<ReturnType<typeof setup>>) {
  if (who === 'owner') return s.owner;
  if (who === 'borrower') return s.borrower;
  if (who === 'steward') return s.steward;
  return t.member(s.community, who === 'coordinator' ? 'coordinator' : 'member');
}

describe('who may take each transition', () => {
  for (const [action, from, allowed] of matrix) {
    for (const who of everyone) {
      const status = allowed.includes(who) ? 200 : 403;
      it(`${action}: the ${who} gets ${status}`, async () => {
        const s = await setup();
        const loan = await makeLoan(t, s.community, s.thing, s.borrower, from);
        const client = await t.as(await actorFor(who, s));
        const res = await client.api('POST', api(s.community, `/loans/${loan.id}/${action}`), {
          condition: 'good',
        });
        expect(res.statusCode, res.body).toBe(status);
      });
    }
  }
});

describe('which states allow each transition', () => {
  const wrong: [string, LoanStatus][] = [
    ['approve', 'approved'],
    ['approve', 'out'],
    ['decline', 'out'],
    ['cancel', 'out'],
    ['pick-up', 'requested'],
    ['return', 'approved'],
    ['thank', 'out'],
    ['lost', 'returned'],
    ['damaged', 'requested'],
    ['renew', 'returned'],
  ];
  it.each(wrong)('%s of a %s loan is 409', async (action, status) => {
    const s = await setup();
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, status);
    const res = await (await t.as(s.steward)).api('POST', api(s.community, `/loans/${loan.id}/${action}`), {
      condition: 'good',
    });
    // The steward may do everything but cancel and thank; those are the borrower's.
    const client = ['cancel', 'thank'].includes(action) ? await t.as(s.borrower) : null;
    const final = client
      ? await client.api('POST', api(s.community, `/loans/${loan.id}/${action}`), {})
      : res;
    expect(final.statusCode).toBe(409);
    expect(final.json().code).toBe('library.errors.loan_wrong_state');
  });

  it('a refused transition on the page shows the loan again with the reason', async () => {
    const s = await setup();
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'out');
    const res = await (await t.as(s.owner)).post(`/c/${s.community.slug}/library/loans/${loan.id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('this loan is');
  });

  it('answers 404 for a loan of another community, on every loan route', async () => {
    const a = await t.community();
    const b = await setup();
    const loan = await makeLoan(t, b.community, b.thing, b.borrower, 'requested');
    const steward = await t.as(a.steward);
    expect((await steward.get(`/c/${a.community.slug}/library/loans/${loan.id}`)).statusCode).toBe(404);
    expect((await steward.api('GET', api(a.community, `/loans/${loan.id}`))).statusCode).toBe(404);
    for (const [action] of matrix) {
      const res = await steward.api('POST', api(a.community, `/loans/${loan.id}/${action}`), {
        condition: 'good',
      });
      expect(res.statusCode, action).toBe(404);
      const page = await steward.post(`/c/${a.community.slug}/library/loans/${loan.id}/${action}`, {
        condition: 'good',
      });
      expect(page.statusCode, action).toBe(404);
    }
  });
});

describe('no double booking', () => {
  it('two overlapping approvals fired at once: exactly one succeeds, the other is 409', async () => {
    const s = await setup();
    const other = await t.member(s.community);
    const start = today(t, s.community);
    const first = await makeLoan(t, s.community, s.thing, s.borrower, 'requested', {
      startsOn: start,
      days: 3,
    });
    const second = await makeLoan(t, s.community, s.thing, other, 'requested', {
      startsOn: addDays(start, 2),
      days: 3,
    });
    const owner = await t.as(s.owner);
    const steward = await t.as(s.steward);
    const results = await Promise.all([
      owner.api('POST', api(s.community, `/loans/${first.id}/approve`), {}),
      steward.api('POST', api(s.community, `/loans/${second.id}/approve`), {}),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('library.errors.item_already_lent');
    const approved = await t.services.db
      .selectFrom('loan')
      .select('id')
      .where('communityId', '=', s.community.id)
      .where('itemId', '=', s.thing.id)
      .where('status', '=', 'approved')
      .execute();
    expect(approved).toHaveLength(1);
  });

  it('refuses a request for days already booked, and approves days that do not overlap', async () => {
    const s = await setup();
    const start = today(t, s.community);
    await makeLoan(t, s.community, s.thing, s.borrower, 'approved', { startsOn: start, days: 3 });
    const other = await t.as(await t.member(s.community));
    const url = api(s.community, `/items/${s.thing.id}/loans`);
    const clash = await other.api('POST', url, { startsOn: addDays(start, 2), dueOn: addDays(start, 4) });
    expect(clash.statusCode).toBe(409);
    const later = await other.api('POST', url, { startsOn: addDays(start, 3), dueOn: addDays(start, 4) });
    expect(later.statusCode).toBe(201);
    const ok = await (await t.as(s.owner)).api(
      'POST',
      api(s.community, `/loans/${later.json().id}/approve`),
      {},
    );
    expect(ok.statusCode).toBe(200);
  });
});

describe('no going over the per-member limit', () => {
  it('requests and waitlist places fired at once: exactly the limit succeeds, the rest are 409', async () => {
    const s = await setup();
    const limit = 2;
    await (await t.as(s.steward)).api('PUT', api(s.community, '/library/settings'), {
      maxActivePerMember: limit,
      holdDays: 2,
      reminderDays: 2,
    });
    const start = today(t, s.community);
    // Free items to request, and items out with someone else to wait for.
    const free = [];
    const busy = [];
    for (let i = 0; i < 3; i++) {
      free.push(await makeItem(t, s.community, { owner: s.owner, name: `Ladder ${i}` }));
      const lent = await makeItem(t, s.community, { owner: s.owner, name: `Saw ${i}` });
      await makeLoan(t, s.community, lent, s.steward, 'out');
      busy.push(lent);
    }
    const me = await t.as(s.borrower);
    const results = await Promise.all([
      ...free.map((item) =>
        me.api('POST', api(s.community, `/items/${item.id}/loans`), { startsOn: start, dueOn: start }),
      ),
      ...busy.map((item) => me.api('POST', api(s.community, `/items/${item.id}/waitlist`), {})),
    ]);
    const ok = results.filter((r) => r.statusCode === 200 || r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(ok, results.map((r) => r.body).join('\n')).toHaveLength(limit);
    expect(refused).toHaveLength(results.length - limit);
    for (const r of refused) expect(r.json().code).toBe('library.errors.too_many_active');
    const requested = await t.services.db
      .selectFrom('loan')
      .select('id')
      .where('communityId', '=', s.community.id)
      .where('borrowerId', '=', s.borrower.id)
      .where('status', '=', 'requested')
      .execute();
    const waiting = await t.services.db
      .selectFrom('waitlistEntry')
      .select('id')
      .where('communityId', '=', s.community.id)
      .where('accountId', '=', s.borrower.id)
      .where('status', '=', 'waiting')
      .execute();
    expect(requested.length + waiting.length).toBe(limit);
  });

  // Another process writing to the same SQLite file (a CLI, a second server) holds the write lock
  // while the request comes in: the request waits for it, then counts what it wrote.
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    'on SQLite, a request waits for another process writing the file, then counts its rows',
    async () => {
      const s = await setup();
      await (await t.as(s.steward)).api('PUT', api(s.community, '/library/settings'), {
        maxActivePerMember: 1,
        holdDays: 2,
        reminderDays: 2,
      });
      const start = today(t, s.community);
      const other = await makeItem(t, s.community, { owner: s.owner, name: 'Jigsaw' });
      const me = await t.as(s.borrower);
      const now = new Date(t.clock.now()).toISOString();
      const writer = new Worker(
        `const { workerData: w, parentPort } = require('node:worker_threads');
         const db = new (require(w.driver))(w.file);
         db.exec('begin immediate');
         db.prepare("insert into loan (id, community_id, item_id, borrower_id, status, starts_on, due_on, message, renewals, requested_at, updated_at) values (?, ?, ?, ?, 'requested', ?, ?, '', 0, ?, ?)")
           .run(w.id, w.communityId, w.itemId, w.borrowerId, w.day, w.day, w.now, w.now);
         parentPort.postMessage('locked');
         Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
         db.exec('commit');
         db.close();`,
        {
          eval: true,
          workerData: {
            driver: createRequire(import.meta.url).resolve('better-sqlite3'),
            file: join(t.services.config.dataDir, 'porch.db'),
            id: newId(),
            communityId: s.community.id,
            itemId: other.id,
            borrowerId: s.borrower.id,
            day: start,
            now,
          },
        },
      );
      await once(writer, 'message');
      const res = await me.api('POST', api(s.community, `/items/${s.thing.id}/loans`), {
        startsOn: start,
        dueOn: start,
      });
      await once(writer, 'exit');
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().code).toBe('library.errors.too_many_active');
    },
  );
});

const longDay = (day: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
const subjects = (email: string | null) => t.mailbox.to(email!).map((m) => m.subject);

describe('waitlist and holds', () => {
  it('passes a returned item to the first in line, lets an unclaimed hold lapse, then tells the next', async () => {
    const { community, steward } = await t.community();
    const [a, b, c] = [await t.member(community), await t.member(community), await t.member(community)];
    const shed = await makeItem(t, community, { owner: null, name: 'Tile cutter' });
    const out = await makeLoan(t, community, shed, a, 'out');
    const join = (who: typeof b) =>
      t.as(who).then((cl) => cl.api('POST', api(community, `/items/${shed.id}/waitlist`), {}));
    expect((await join(b)).json()).toEqual({ status: 'waiting', position: 1 });
    expect((await join(c)).json()).toEqual({ status: 'waiting', position: 2 });
    expect((await join(b)).statusCode).toBe(409);

    const back = await (await t.as(steward)).api('POST', api(community, `/loans/${out.id}/return`), {
      condition: 'good',
    });
    expect(back.statusCode).toBe(200);
    await t.runJobs();
    expect(subjects(b.email).join('|')).toContain('It is your turn: Tile cutter');
    expect(subjects(c.email)).toEqual([]);
    const held = (await (await t.as(b)).api('GET', api(community, '/loans'))).json().borrowing[0];
    expect(held).toMatchObject({ status: 'approved', itemName: 'Tile cutter' });
    expect(held.holdUntil).not.toBeNull();
    expect((await join(a)).statusCode).toBe(200); // the item is held: a may line up behind c

    t.clock.advance(2 * 86400 + 60);
    await t.runJobs();
    const lapsed = (await (await t.as(b)).api('GET', api(community, `/loans/${held.id}`))).json();
    expect(lapsed.status).toBe('cancelled');
    expect(subjects(b.email).join('|')).toContain('went to the next neighbor');
    expect(subjects(c.email).join('|')).toContain('It is your turn: Tile cutter');

    const cLoan = (await (await t.as(c)).api('GET', api(community, '/loans'))).json().borrowing[0];
    const picked = await (await t.as(steward)).api('POST', api(community, `/loans/${cLoan.id}/pick-up`), {});
    expect(picked.json().status).toBe('out');
    t.clock.advance(3 * 86400);
    await t.runJobs();
    expect((await (await t.as(c)).api('GET', api(community, `/loans/${cLoan.id}`))).json().status).toBe(
      'out',
    );
    const history = (await (await t.as(c)).api('GET', api(community, `/items/${shed.id}`))).json().history;
    expect(history.map((e: any) => e.kind)).toEqual(
      expect.arrayContaining(['hold_offered', 'hold_expired', 'picked_up', 'returned']),
    );
  });

  it('refuses joining the line for an item that is free now (request it instead)', async () => {
    const s = await setup();
    const res = await (await t.as(s.borrower)).api(
      'POST',
      api(s.community, `/items/${s.thing.id}/waitlist`),
      {},
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('library.errors.item_available');
  });

  it('limits open requests and places per member to the steward-set maximum', async () => {
    const s = await setup();
    const settings = await (await t.as(s.steward)).api('PUT', api(s.community, '/library/settings'), {
      maxActivePerMember: 1,
      holdDays: 2,
      reminderDays: 2,
    });
    expect(settings.statusCode).toBe(200);
    expect(
      (await (await t.as(s.borrower)).api('PUT', api(s.community, '/library/settings'), settings.json()))
        .statusCode,
    ).toBe(403);
    const start = today(t, s.community);
    // A request whose days passed without an answer does not count.
    await makeLoan(t, s.community, s.thing, s.borrower, 'requested', {
      startsOn: addDays(start, -5),
      days: 2,
    });
    const me = await t.as(s.borrower);
    const first = await me.api('POST', api(s.community, `/items/${s.thing.id}/loans`), {
      startsOn: start,
      dueOn: start,
    });
    expect(first.statusCode).toBe(201);
    const another = await makeItem(t, s.community, { owner: s.owner, name: 'Jigsaw' });
    const second = await me.api('POST', api(s.community, `/items/${another.id}/loans`), {
      startsOn: start,
      dueOn: start,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('library.errors.too_many_active');
  });

  it('renews only while nobody waits', async () => {
    const s = await setup();
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'out', { days: 3 });
    const me = await t.as(s.borrower);
    const renewed = await me.api('POST', api(s.community, `/loans/${loan.id}/renew`), {});
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json()).toMatchObject({ dueOn: addDays(loan.dueOn, 7), renewals: 1 });
    const other = await t.as(await t.member(s.community));
    expect((await other.api('POST', api(s.community, `/items/${s.thing.id}/waitlist`), {})).statusCode).toBe(
      200,
    );
    const again = await me.api('POST', api(s.community, `/loans/${loan.id}/renew`), {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('library.errors.someone_waiting');
  });
});

describe('reminders', () => {
  it('mails before the due day and when overdue, while the item is still out', async () => {
    const s = await setup();
    const start = today(t, s.community);
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'approved', {
      startsOn: start,
      days: 7,
    });
    const owner = await t.as(s.owner);
    expect((await owner.api('POST', api(s.community, `/loans/${loan.id}/pick-up`), {})).statusCode).toBe(200);
    await t.runJobs();
    expect(subjects(s.borrower.email).join('|')).not.toContain('Reminder');
    t.clock.advance(5 * 86400);
    await t.runJobs();
    expect(subjects(s.borrower.email).join('|')).toContain(
      `Reminder: Cordless drill is due back on ${longDay(loan.dueOn)}`,
    );
    t.clock.advance(3 * 86400);
    await t.runJobs();
    expect(subjects(s.borrower.email).join('|')).toContain(
      `Cordless drill was due back on ${longDay(loan.dueOn)}`,
    );
    const overdue = (await owner.api('GET', api(s.community, `/loans/${loan.id}`))).json();
    expect(overdue.overdue).toBe(true);
  });

  it('cancels an approved loan nobody picked up by the end of its days', async () => {
    const s = await setup();
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'requested', { days: 2 });
    const owner = await t.as(s.owner);
    expect((await owner.api('POST', api(s.community, `/loans/${loan.id}/approve`), {})).statusCode).toBe(200);
    t.clock.advance(86400);
    await t.runJobs();
    expect((await owner.api('GET', api(s.community, `/loans/${loan.id}`))).json().status).toBe('approved');
    t.clock.advance(2 * 86400);
    await t.runJobs();
    expect((await owner.api('GET', api(s.community, `/loans/${loan.id}`))).json().status).toBe('cancelled');
  });

  it('sends nothing once the item is back', async () => {
    const s = await setup();
    const start = today(t, s.community);
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'approved', {
      startsOn: start,
      days: 7,
    });
    const owner = await t.as(s.owner);
    await owner.api('POST', api(s.community, `/loans/${loan.id}/pick-up`), {});
    await owner.api('POST', api(s.community, `/loans/${loan.id}/return`), { condition: 'good' });
    t.clock.advance(9 * 86400);
    await t.runJobs();
    const got = subjects(s.borrower.email).join('|');
    expect(got).not.toContain('Reminder');
    expect(got).not.toContain('was due back');
  });
});

describe('the loan page', () => {
  it('shows a steward one report form for lost and damaged, and works without JavaScript', async () => {
    const s = await setup();
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'out');
    const steward = await t.as(s.steward);
    const url = `/c/${s.community.slug}/library/loans/${loan.id}`;
    const page = await steward.get(url);
    expect(page.body.match(/id="f-note"/g)).toHaveLength(1);
    expect(page.body).toContain(`formaction="${url}/damaged"`);
    expect((await steward.post(`${url}/damaged`, { note: 'Cracked case' })).statusCode).toBe(303);
    expect((await steward.api('GET', api(s.community, `/loans/${loan.id}`))).json().status).toBe('damaged');
    const other = await t.as(await t.member(s.community));
    expect((await other.get(url)).statusCode).toBe(403);
  });
});

describe('an overdue loan keeps the item until it is back', () => {
  const itemUrl = (s: Awaited<ReturnType<typeof setup>>) => api(s.community, `/items/${s.thing.id}`);

  it('refuses bookings on any day from today on, says why, and the calendar shows no free day', async () => {
    const s = await setup();
    const start = today(t, s.community);
    const late = await makeLoan(t, s.community, s.thing, s.borrower, 'out', {
      startsOn: addDays(start, -5),
      days: 3,
    });
    const me = await t.as(await t.member(s.community));
    for (const from of [start, addDays(start, 1), addDays(start, 40)]) {
      const res = await me.api('POST', `${itemUrl(s)}/loans`, { startsOn: from, dueOn: from });
      expect(res.statusCode, from).toBe(409);
      expect(res.json()).toMatchObject({ code: 'library.errors.item_overdue' });
    }
    const detail = (await me.api('GET', itemUrl(s))).json();
    expect(detail.overdueSince).toBe(late.dueOn);
    expect(detail.item.availableToday).toBe(false);

    const pageUrl = `/c/${s.community.slug}/library/items/${s.thing.id}`;
    const page = await me.get(pageUrl);
    expect(page.body).toContain('not back yet');
    expect(page.body).not.toContain('class="day-free"');
    expect(page.body).toContain(`${pageUrl}/waitlist"`);
    const refused = await me.post(`${pageUrl}/loans`, {
      startsOn: addDays(start, 2),
      dueOn: addDays(start, 2),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('has not come back yet');
    expect((await me.api('POST', `${itemUrl(s)}/waitlist`, {})).json()).toEqual({
      status: 'waiting',
      position: 1,
    });
  });

  it('does not approve a booking asked for before the loan fell overdue', async () => {
    const s = await setup();
    const start = today(t, s.community);
    await makeLoan(t, s.community, s.thing, s.borrower, 'out', { startsOn: addDays(start, -3), days: 3 });
    const asked = await makeLoan(t, s.community, s.thing, await t.member(s.community), 'requested', {
      startsOn: addDays(start, 1),
      days: 2,
    });
    const res = await (await t.as(s.owner)).api('POST', api(s.community, `/loans/${asked.id}/approve`), {});
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('library.errors.item_overdue');
  });

  it('tells the lender once, and the member whose booking waited once, when it comes back', async () => {
    const s = await setup();
    const start = today(t, s.community);
    const lender = await t.as(s.owner);
    const first = await (await t.as(s.borrower)).api('POST', `${itemUrl(s)}/loans`, {
      startsOn: start,
      dueOn: addDays(start, 2),
    });
    const firstUrl = api(s.community, `/loans/${first.json().id}`);
    for (const a of ['approve', 'pick-up'])
      expect((await lender.api('POST', `${firstUrl}/${a}`, {})).statusCode).toBe(200);
    const booker = await t.member(s.community);
    const booked = await (await t.as(booker)).api('POST', `${itemUrl(s)}/loans`, {
      startsOn: addDays(start, 3),
      dueOn: addDays(start, 5),
    });
    expect(booked.statusCode).toBe(201);
    const bookedUrl = api(s.community, `/loans/${booked.json().id}`);
    expect((await lender.api('POST', `${bookedUrl}/approve`, {})).statusCode).toBe(200);
    const waiter = await t.member(s.community);
    expect((await (await t.as(waiter)).api('POST', `${itemUrl(s)}/waitlist`, {})).statusCode).toBe(200);

    t.clock.advance(4 * 86400); // two days overdue; the booking began yesterday
    await t.runJobs();
    expect(subjects(s.borrower.email).join('|')).toContain('was due back');
    expect(subjects(s.owner.email).filter((x) => x.includes('has not come back'))).toHaveLength(1);
    const early = await lender.api('POST', `${bookedUrl}/pick-up`, {});
    expect(early.json().code).toBe('library.errors.item_still_out');
    const late = await (await t.as(await t.member(s.community))).api('POST', `${itemUrl(s)}/loans`, {
      startsOn: addDays(today(t, s.community), 2),
      dueOn: addDays(today(t, s.community), 2),
    });
    expect(late.json().code).toBe('library.errors.item_overdue');

    expect((await lender.api('POST', `${firstUrl}/return`, { condition: 'good' })).statusCode).toBe(200);
    t.clock.advance(60);
    await t.runJobs();
    expect(subjects(booker.email).filter((x) => x.includes('is back'))).toHaveLength(1);
    expect(subjects(waiter.email)).toEqual([]);
    expect((await lender.api('POST', `${bookedUrl}/pick-up`, {})).json().status).toBe('out');
    expect(subjects(s.owner.email).filter((x) => x.includes('has not come back'))).toHaveLength(1);
  });

  it('two returns at once: one succeeds, the other is 409, and the next booking hears once', async () => {
    const s = await setup();
    const start = today(t, s.community);
    const out = await makeLoan(t, s.community, s.thing, s.borrower, 'out', {
      startsOn: addDays(start, -3),
      days: 2,
    });
    const booker = await t.member(s.community);
    await makeLoan(t, s.community, s.thing, booker, 'approved', { startsOn: addDays(start, -1), days: 3 });
    const url = api(s.community, `/loans/${out.id}/return`);
    const results = await Promise.all([
      (await t.as(s.owner)).api('POST', url, { condition: 'good' }),
      (await t.as(s.steward)).api('POST', url, { condition: 'fair' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    await t.runJobs();
    expect(subjects(booker.email).filter((x) => x.includes('is back'))).toHaveLength(1);
    expect(subjects(s.borrower.email).filter((x) => x.includes('Thanks for bringing back'))).toHaveLength(1);
  });

  it('ends a booking whose days all passed while the item was still out, and says why', async () => {
    const s = await setup();
    const start = today(t, s.community);
    const lender = await t.as(s.owner);
    const first = await (await t.as(s.borrower)).api('POST', `${itemUrl(s)}/loans`, {
      startsOn: start,
      dueOn: start,
    });
    const firstUrl = api(s.community, `/loans/${first.json().id}`);
    for (const a of ['approve', 'pick-up']) await lender.api('POST', `${firstUrl}/${a}`, {});
    const booker = await t.member(s.community);
    const booked = await (await t.as(booker)).api('POST', `${itemUrl(s)}/loans`, {
      startsOn: addDays(start, 1),
      dueOn: addDays(start, 2),
    });
    await lender.api('POST', api(s.community, `/loans/${booked.json().id}/approve`), {});
    t.clock.advance(4 * 86400);
    await t.runJobs();
    const after = (await lender.api('GET', api(s.community, `/loans/${booked.json().id}`))).json();
    expect(after.status).toBe('cancelled');
    expect(subjects(booker.email).join('|')).toContain('did not come back in time');
  });
});

describe('the loan page says where, from whom and what next', () => {
  it('shows the pick-up place, the lender and the next step to each side, and extending reads as such', async () => {
    const s = await setup();
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'out', { days: 3 });
    const url = `/c/${s.community.slug}/library/loans/${loan.id}`;
    const mine = (await (await t.as(s.borrower)).get(url)).body;
    expect(mine).toContain('Front porch');
    expect(mine).toContain(s.owner.displayName);
    expect(mine).toContain(`Bring it back to ${s.owner.displayName} at: Front porch`);
    expect(mine).toContain('Keep it longer (until');
    const lent = (await (await t.as(s.owner)).get(url)).body;
    expect(lent).toContain(`${s.borrower.displayName} brings it back by`);
    expect(lent).toContain('Extend the loan (until');
    expect(lent).not.toContain('Keep it longer');
    const view = (await (await t.as(s.owner)).api('GET', api(s.community, `/loans/${loan.id}`))).json();
    expect(view).toMatchObject({
      ownerName: s.owner.displayName,
      pickupPlace: 'Front porch',
      renewsTo: addDays(loan.dueOn, 7),
    });
    const shed = await makeItem(t, s.community, { owner: null, name: 'Tile cutter', pickupPlace: '' });
    const asked = await makeLoan(t, s.community, shed, s.borrower, 'approved');
    const shedPage = (await (await t.as(s.borrower)).get(`/c/${s.community.slug}/library/loans/${asked.id}`))
      .body;
    expect(shedPage).toContain(
      'Collect it from The community’s shed (its stewards) at: Not given: ask the lender',
    );
  });

  it('puts a borrower’s thanks on the gratitude wall, linked to the item, and not empty thanks', async () => {
    const s = await setup();
    const loan = await makeLoan(t, s.community, s.thing, s.borrower, 'returned');
    const other = await makeItem(t, s.community, { owner: s.owner, name: 'Jigsaw' });
    const quiet = await makeLoan(t, s.community, other, s.borrower, 'returned');
    const me = await t.as(s.borrower);
    const thanked = await me.api('POST', api(s.community, `/loans/${loan.id}/thank`), {
      thanks: 'The shelves are up!',
    });
    expect(thanked.statusCode).toBe(200);
    expect((await me.api('POST', api(s.community, `/loans/${quiet.id}/thank`), {})).statusCode).toBe(200);
    const neighbor = await t.as(await t.member(s.community));
    const wall = await neighbor.get(`/c/${s.community.slug}/thanks`);
    expect(wall.body).toContain('The shelves are up!');
    expect(wall.body).toContain(`/c/${s.community.slug}/library/items/${s.thing.id}`);
    expect(wall.body).not.toContain('Jigsaw');
    const entries = (await neighbor.api('GET', `/api/v1/communities/${s.community.slug}/thanks`)).json();
    const list = Array.isArray(entries) ? entries : entries.entries;
    expect(list).toEqual([
      expect.objectContaining({
        postId: null,
        itemId: s.thing.id,
        postTitle: 'Cordless drill',
        author: { id: s.borrower.id, displayName: s.borrower.displayName },
        helper: { id: s.owner.id, displayName: s.owner.displayName },
        body: 'The shelves are up!',
      }),
    ]);
  });
});
