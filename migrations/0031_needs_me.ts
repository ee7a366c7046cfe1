import { type Kysely, sql } from 'kysely';
import { v7 } from 'uuid';
import { camelRows, columns, type Dialect } from './_columns.ts';

/**
 * "Needs me" reads from the notifications: a notification that asks its member to act carries
 * the task it asks (`task`, e.g. `library.answer`) and the name of the thing it is about
 * (`title`), and stays in "needs me" until `done_at` (its subject resolved by the change that
 * settled it, or the member marked it done). A partial index holds only the open tasks, so
 * every page's menu count reads a member's few rows.
 *
 * The open items the porch computed from live state before get a task each now (read, so the
 * inbox's unread count does not move; no delivery: nothing is sent again): loans to answer,
 * hand over, collect, bring back or chase; claims on a post (the author's and the helper's);
 * join requests (each steward); unread messages (one per conversation); seed promised back and
 * due. What the porch will show later (a loan falling due, a pledge's month) comes from the jobs
 * already queued for it.
 */
export async function up(db: Kysely<any>, dialect: Dialect) {
  const c = columns(dialect);
  await db.schema.alterTable('notification').addColumn('task', c.text).execute();
  await db.schema.alterTable('notification').addColumn('title', c.text).execute();
  await db.schema.alterTable('notification').addColumn('done_at', c.instant).execute();
  await db.schema
    .createIndex('notification_needs_idx')
    .on('notification')
    .columns(['community_id', 'account_id', 'created_at', 'id'])
    .where(sql.ref('task'), 'is not', null)
    .where(sql.ref('done_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('notification_subject_idx')
    .on('notification')
    .columns(['community_id', 'subject_type', 'subject_id'])
    .where(sql.ref('task'), 'is not', null)
    .where(sql.ref('done_at'), 'is', null)
    .execute();
  await backfill(db);
}

/** One task to write: the columns of a notification that says it. */
interface Task {
  community_id: string;
  account_id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  path: string;
  subject_key: string;
  body_key: string;
  params: Record<string, unknown>;
  task: string;
  title: string;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * Writes a task for each open item, as of `now` (exported for its test). A community's own "today"
 * needs its zone and the app's calendar, which a migration may not import: UTC's day is used, so
 * a loan due today may count as late a few hours early or late (the reminders say it at 09:00
 * anyway). Every query names its scope (`community_id is not null`: every community), as the
 * tenant guard asks.
 */
export async function backfill(db: Kysely<any>, now = new Date()) {
  const tasks: Task[] = [];
  const today = now.toISOString().slice(0, 10);

  // Loans: the lender (the owner, or every steward for the shed) and the borrower.
  const loans = await db
    .selectFrom('loan')
    .innerJoin('item', 'item.id', 'loan.item_id')
    .innerJoin('account as b', 'b.id', 'loan.borrower_id')
    .leftJoin('account as o', 'o.id', 'item.owner_id')
    .select([
      'loan.id',
      'loan.community_id',
      'loan.status',
      'loan.starts_on',
      'loan.due_on',
      'loan.borrower_id',
      'item.owner_id',
      'item.name as item',
      'item.pickup_place as place',
      'b.display_name as borrower',
      'o.display_name as owner',
    ])
    .where('loan.community_id', 'is not', null)
    .where('loan.status', 'in', ['requested', 'approved', 'out'])
    .execute()
    .then(camelRows);
  const stewards = new Map<string, string[]>();
  for (const m of await db
    .selectFrom('membership')
    .select(['community_id', 'account_id'])
    .where('community_id', 'is not', null)
    .where('status', '=', 'active')
    .where('role', '=', 'steward')
    .execute()
    .then(camelRows))
    stewards.set(m.communityId, [...(stewards.get(m.communityId) ?? []), m.accountId]);
  for (const l of loans) {
    const lenders: string[] = l.ownerId
      ? [l.ownerId]
      : (stewards.get(l.communityId) ?? []).filter((s) => s !== l.borrowerId);
    const base = {
      community_id: l.communityId,
      kind: 'library.loans',
      subject_type: 'loan',
      subject_id: l.id,
      path: `/library/loans/${l.id}`,
      title: l.item,
    };
    const values = {
      item: l.item,
      borrower: l.borrower,
      owner: l.owner ?? '',
      ...(l.ownerId ? {} : { context: 'shed' }),
      place: l.place || '—',
      from: { day: l.startsOn },
      until: { day: l.dueOn },
      due: { day: l.dueOn },
    };
    const say = (to: string, key: string, task: string, kind = 'library.loans') =>
      tasks.push({
        ...base,
        kind,
        account_id: to,
        subject_key: `library.mail.${key}.subject`,
        body_key: `library.mail.${key}.body`,
        params: values,
        task,
      });
    if (l.status === 'requested') for (const to of lenders) say(to, 'requested', 'library.answer');
    if (l.status === 'approved') {
      say(l.borrowerId, 'approved', 'library.collect');
      for (const to of lenders) say(to, 'hand_over', 'library.hand_over');
    }
    if (l.status === 'out' && l.dueOn < today) {
      say(l.borrowerId, 'overdue', 'library.overdue', 'library.reminders');
      for (const to of lenders) say(to, 'overdue_owner', 'library.late');
    } else if (l.status === 'out' && l.dueOn <= addDays(today, 2)) {
      say(l.borrowerId, 'due_soon', 'library.bring_back', 'library.reminders');
    }
  }

  // Claimed posts still open: the author (and who posted it for them) and the helper.
  const posts = await db
    .selectFrom('post')
    .innerJoin('account as a', 'a.id', 'post.author_id')
    .leftJoin('account as h', 'h.id', 'post.claimed_by')
    .select([
      'post.id',
      'post.community_id',
      'post.title',
      'post.author_id',
      'post.posted_by',
      'post.claimed_by',
    ])
    .select(['a.display_name as author', 'h.display_name as helper'])
    .where('post.community_id', 'is not', null)
    .where('post.status', '=', 'claimed')
    .where('post.open_until', '>', now.toISOString())
    .execute()
    .then(camelRows);
  for (const p of posts) {
    const base = {
      community_id: p.communityId,
      kind: 'posts.claimed',
      subject_type: 'post',
      subject_id: p.id,
      path: `/posts/${p.id}`,
      title: p.title,
    };
    for (const to of new Set([p.authorId, p.postedBy]))
      tasks.push({
        ...base,
        account_id: to,
        subject_key: 'posts.mail.claimed_subject',
        body_key: 'posts.mail.claimed_body',
        params: { name: p.helper ?? '', title: p.title },
        task: 'posts.claimed',
      });
    if (p.claimedBy)
      tasks.push({
        ...base,
        account_id: p.claimedBy,
        subject_key: 'posts.mail.helping_subject',
        body_key: 'posts.mail.helping_body',
        params: { name: p.author, title: p.title },
        task: 'posts.helping',
      });
  }

  // Join requests: every steward of the community.
  for (const m of await db
    .selectFrom('membership')
    .innerJoin('account', 'account.id', 'membership.account_id')
    .select([
      'membership.id',
      'membership.community_id',
      'membership.message',
      'account.display_name as name',
    ])
    .where('membership.community_id', 'is not', null)
    .where('membership.status', '=', 'pending')
    .execute()
    .then(camelRows))
    for (const to of stewards.get(m.communityId) ?? [])
      tasks.push({
        community_id: m.communityId,
        account_id: to,
        kind: 'communities.join_requests',
        subject_type: 'membership',
        subject_id: m.id,
        path: '/requests',
        subject_key: 'communities.mail.request_subject',
        body_key: 'communities.mail.request_body',
        params: { name: m.name, message: m.message ?? '', ...(m.message ? { context: 'message' } : {}) },
        task: 'communities.join_request',
        title: m.name,
      });

  // Unread messages: one task per conversation and reader, said with the newest.
  const unread = await db
    .selectFrom('message')
    .innerJoin('conversation_participant as p', (j) =>
      j
        .onRef('p.conversation_id', '=', 'message.conversation_id')
        .onRef('p.community_id', '=', 'message.community_id'),
    )
    .leftJoin('account as a', 'a.id', 'message.author_id')
    .select([
      'message.id',
      'message.community_id',
      'message.conversation_id',
      'message.body',
      'message.created_at',
      'p.account_id',
      'a.display_name as author',
    ])
    .where('message.community_id', 'is not', null)
    .where((eb) => eb('message.author_id', 'is', null).or('message.author_id', '!=', eb.ref('p.account_id')))
    .where((eb) => eb('p.last_read_at', 'is', null).or('p.last_read_at', '<', eb.ref('message.created_at')))
    .orderBy('message.created_at', 'desc')
    .execute()
    .then(camelRows);
  const seen = new Set<string>();
  for (const m of unread) {
    const key = `${m.conversationId} ${m.accountId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const body = String(m.body).replace(/\s+/g, ' ').trim();
    tasks.push({
      community_id: m.communityId,
      account_id: m.accountId,
      kind: 'conversations.messages',
      subject_type: 'conversation',
      subject_id: m.conversationId,
      path: `/conversations/${m.conversationId}#m-${m.id}`,
      subject_key: 'conversations.mail.message_subject',
      body_key: 'conversations.mail.message_body',
      params: {
        name: m.author ?? '—',
        body: body.slice(0, 500),
        excerpt: body.length > 80 ? `${body.slice(0, 79)}…` : body,
      },
      task: 'conversations.unread',
      title: m.author ?? '—',
    });
  }

  // Seed promised back, due this month or before.
  const month = today.slice(0, 7);
  for (const p of await db
    .selectFrom('seed_pledge')
    .innerJoin('seed_variety as v', 'v.id', 'seed_pledge.variety_id')
    .select([
      'seed_pledge.id',
      'seed_pledge.community_id',
      'seed_pledge.account_id',
      'seed_pledge.variety_id',
      'seed_pledge.expected_month',
      'seed_pledge.packets_taken',
      'v.name',
      'v.crop',
    ])
    .where('seed_pledge.community_id', 'is not', null)
    .where('seed_pledge.status', '=', 'open')
    .where('seed_pledge.expected_month', '<=', month)
    .execute()
    .then(camelRows))
    tasks.push({
      community_id: p.communityId,
      account_id: p.accountId,
      kind: 'seeds.reminders',
      subject_type: 'seed_pledge',
      subject_id: p.id,
      path: `/seeds/${p.varietyId}/pledges/${p.id}/return`,
      subject_key: 'seeds.reminder.subject',
      body_key: 'seeds.reminder.body',
      params: {
        name: '',
        crop: p.crop,
        variety: p.name,
        month: { month: p.expectedMonth },
        count: p.packetsTaken,
      },
      task: 'seeds.pledge_due',
      title: `${p.name} (${p.crop})`,
    });

  const at = now.toISOString();
  const rows = tasks.map((t) => ({
    id: v7(),
    ...t,
    params: JSON.stringify(t.params),
    created_at: at,
    read_at: at,
    done_at: null,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('notification')
      .values(rows.slice(i, i + 200))
      .execute();
}
