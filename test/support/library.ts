/** Factories and helpers for the lending library's tests. */

import type { Account, Community, Item, LoanStatus } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/db/ids.ts';
import { addDays, iso, localDate } from '../../src/platform/db/time.ts';
import { fold } from '../../src/platform/search/terms.ts';
import type { Client, TestApp } from './app.ts';

/** Today in the community's time zone, by the test clock. */
export function today(t: TestApp, community: Community): string {
  return localDate(t.clock.now(), community.timeZone);
}

/** Adds an item; `owner: null` makes it the shed's. */
export async function makeItem(
  t: TestApp,
  community: Community,
  input: Partial<Item> & { owner?: Account | null } = {},
): Promise<Item> {
  const { owner, ...rest } = input;
  const now = iso(t.clock.now());
  return t.services.db
    .insertInto('item')
    .values({
      id: newId(),
      communityId: community.id,
      ownerId: owner === undefined ? null : (owner?.id ?? null),
      name: 'Cordless drill',
      category: 'tools',
      condition: 'good',
      valueBand: 'medium',
      pickupPlace: 'Front porch',
      rules: 'Charge the battery',
      loanDays: 7,
      createdAt: now,
      updatedAt: now,
      ...rest,
      nameKey: fold(rest.name ?? 'Cordless drill'),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds a loan of `item` to `borrower` in `status`, from `startsOn` (default today) for `days` days. */
export async function makeLoan(
  t: TestApp,
  community: Community,
  item: Item,
  borrower: Account,
  status: LoanStatus = 'requested',
  opts: { startsOn?: string; days?: number } = {},
) {
  const startsOn = opts.startsOn ?? today(t, community);
  const now = iso(t.clock.now());
  return t.services.db
    .insertInto('loan')
    .values({
      id: newId(),
      communityId: community.id,
      itemId: item.id,
      borrowerId: borrower.id,
      status,
      startsOn,
      dueOn: addDays(startsOn, (opts.days ?? 3) - 1),
      requestedAt: now,
      pickedUpAt: status === 'out' ? now : null,
      updatedAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A file part of a multipart form. */
export interface FilePart {
  name: string;
  filename: string;
  type: string;
  data: Buffer;
}

/**
 * POSTs a `multipart/form-data` form as a browser does (with the CSRF token as a field unless
 * `csrf: false`), with extra `headers` if given (`accept: application/json` for the API).
 */
export async function postMultipart(
  t: TestApp,
  client: Client,
  url: string,
  fields: Record<string, string>,
  files: FilePart[],
  options: { csrf?: boolean; headers?: Record<string, string>; method?: 'POST' | 'PUT' } = {},
) {
  const boundary = `----porch${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const all = options.csrf === false ? fields : { _csrf: await client.csrfToken(), ...fields };
  for (const [k, v] of Object.entries(all)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: options.method ?? 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...options.headers,
    },
  });
}
