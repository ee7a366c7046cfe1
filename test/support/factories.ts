/** Factories: rows for tests, written straight to the database with realistic defaults. */
import type { Services } from '../../src/platform/context.ts';
import type { Account, Community, JoinPolicy, Membership, Role } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/db/ids.ts';
import { iso } from '../../src/platform/db/time.ts';
import { sortName } from '../../src/platform/i18n/sort-name.ts';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(++counter).toString(36)}`;

export class Factories {
  constructor(private readonly s: Services) {}

  /** A new account with an email address (or `email: null` for a paper member). */
  async account(input: Partial<Account> = {}): Promise<Account> {
    const n = next();
    const displayName = input.displayName ?? `Neighbor ${n}`;
    return this.s.db
      .insertInto('account')
      .values({
        id: newId(),
        email: input.email === null ? null : (input.email ?? `neighbor-${n}@example.org`),
        // An account's address is always a proven one.
        emailVerifiedAt: input.email === null ? null : iso(this.s.clock.now()),
        displayName,
        locale: input.locale ?? null,
        operator: input.operator ?? 0,
        phone: input.phone ?? null,
        createdAt: iso(this.s.clock.now()),
        ...input,
        sortName: sortName(displayName),
      } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A new community; its `steward` is created with it. */
  async community(
    input: Partial<Community> & { joinPolicy?: JoinPolicy } = {},
  ): Promise<{ community: Community; steward: Account }> {
    const steward = await this.account({ displayName: 'Steward' });
    const n = next();
    const community = await this.s.db
      .insertInto('community')
      .values({
        id: newId(),
        slug: `street-${n}`,
        name: `Maple Street ${n}`,
        languages: 'en,es',
        timeZone: 'America/Chicago',
        rhythm: 'monthly',
        joinPolicy: 'invite',
        createdBy: steward.id,
        createdAt: iso(this.s.clock.now()),
        ...input,
      } as never)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.membership(community, steward, 'steward');
    return { community, steward };
  }

  /** Makes `account` an active member of `community` with `role`. */
  async membership(
    community: Community,
    account: Account,
    role: Role = 'member',
    status: Membership['status'] = 'active',
  ) {
    const now = iso(this.s.clock.now());
    return this.s.db
      .insertInto('membership')
      .values({
        id: newId(),
        communityId: community.id,
        accountId: account.id,
        role,
        status,
        requestedAt: now,
        joinedAt: status === 'active' ? now : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A new account that is an active member of `community` with `role`. */
  async member(community: Community, role: Role = 'member', input: Partial<Account> = {}): Promise<Account> {
    const account = await this.account(input);
    await this.membership(community, account, role);
    return account;
  }
}
