/** Seed library test helpers: a community with members, and rows made through the JSON API. */
import { expect } from 'vitest';
import type { Account, Community } from '../../src/platform/db/database.ts';
import type { Client, TestApp } from './app.ts';
import { type FilePart, postMultipart } from './library.ts';

/** A community with a steward and two members, each with a signed-in client. */
export interface SeedCommunity {
  community: Community;
  slug: string;
  api: string;
  steward: Account;
  alma: Account;
  beto: Account;
  asSteward: Client;
  asAlma: Client;
  asBeto: Client;
}

/**
 * Makes a community with a steward and two members (Alma, Beto); `input` sets community columns
 * (`{ timeZone: 'Pacific/Auckland' }`).
 */
export async function seedCommunity(t: TestApp, input: Partial<Community> = {}): Promise<SeedCommunity> {
  const { community, steward } = await t.community(input);
  const alma = await t.member(community, 'member', { displayName: 'Alma' });
  const beto = await t.member(community, 'member', { displayName: 'Beto' });
  return {
    community,
    slug: community.slug,
    api: `/api/v1/communities/${community.slug}/varieties`,
    steward,
    alma,
    beto,
    asSteward: await t.as(steward),
    asAlma: await t.as(alma),
    asBeto: await t.as(beto),
  };
}

/** Adds a variety through the API as `client`; returns the created variety (JSON). */
export async function addVariety(c: SeedCommunity, client: Client, body: Record<string, unknown> = {}) {
  const res = await client.api('POST', c.api, {
    crop: 'Bean',
    name: 'Black Oaxaca',
    seasons: ['spring', 'summer'],
    daysToMaturity: 90,
    origin: "Abuela Carmen's garden, Oaxaca, 1970s",
    savingDifficulty: 'easy',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; crop: string; name: string };
}

/** Puts a lot of `packets` packets on the shelf through the API; returns the lot (JSON). */
export async function addLot(
  c: SeedCommunity,
  client: Client,
  varietyId: string,
  body: Record<string, unknown> = {},
) {
  const res = await client.api('POST', `${c.api}/${varietyId}/lots`, {
    packets: 5,
    harvestYear: new Date().getUTCFullYear() - 1,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; packets: number };
}

/** Adds a story through the API; returns it (JSON). */
export async function addStory(
  c: SeedCommunity,
  client: Client,
  varietyId: string,
  body: Record<string, unknown> = {},
) {
  const res = await client.api('POST', `${c.api}/${varietyId}/stories`, {
    kind: 'memory',
    body: 'My grandmother grew these beside the corn.',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; body: string; memoryYear: number | null };
}

/**
 * Sends `files` as a `multipart/form-data` body with `method`, as an API client does (JSON
 * answers; no CSRF token: a PUT cannot be sent cross-site without a preflight).
 */
export function sendMultipart(
  t: TestApp,
  client: Client,
  method: 'PUT' | 'POST',
  url: string,
  files: FilePart[],
) {
  return postMultipart(t, client, url, {}, files, {
    method,
    csrf: false,
    headers: { accept: 'application/json' },
  });
}
