/**
 * Signing in by magic link, sessions, and first-run setup.
 * A link is single-use, expires after 20 minutes and is stored only as a hash. Asking for a link
 * never reveals whether an address has an account; following one creates the account if needed
 * (following it proves the address). An account's email is always an address proven this way.
 */

import { createSession, deleteAllSessions, deleteSession, hashToken } from '../../platform/auth/sessions.ts';
import type { Services } from '../../platform/context.ts';
import type { Account, Db } from '../../platform/db/database.ts';
import { newId, newToken } from '../../platform/db/ids.ts';
import { addSeconds, iso } from '../../platform/db/time.ts';
import { Conflict, NotFound, TooManyRequests } from '../../platform/errors.ts';
import { type T, translatorFor } from '../../platform/i18n/index.ts';
import { enqueueMail } from '../../platform/mail/jobs.ts';
import { safeNext } from '../../web/next.ts';
import * as store from './store.ts';

/** How long a sign-in link works (seconds). */
export const linkSeconds = 20 * 60;
/** At most this many links per address per window, so nobody can flood a neighbor's inbox. */
export const linksPerWindow = 3;
export const linkWindowSeconds = 15 * 60;

/** Normalises an email address for lookup (trimmed, lower case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The name and language an account made by following a link gets (joining with an address). */
export interface NewAccount {
  displayName: string;
  locale?: string;
}

/** A sign-in mail's subject and text, given its link and how many minutes it works. */
export type LinkMail = (link: string, minutes: number) => { subject: string; text: string };

/**
 * Records a sign-in link for `email` and queues its mail (sent after commit): the sign-in mail, or
 * `input.mail`. Following it signs in to the address's account, or to a new one named
 * `input.newAccount` (else after the address) — unless `input.forAccount` is given: then it only
 * proves the address for that account (see `signInWithToken`). Throws `TooManyRequests('accounts.too_many_links')`
 * past `linksPerWindow` per window; answers the same whether or not the address has an account.
 */
export async function requestSignInLink(
  s: Services,
  t: T,
  input: { email: string; next?: string; newAccount?: NewAccount; mail?: LinkMail; forAccount?: string },
): Promise<void> {
  const email = normalizeEmail(input.email);
  const now = s.clock.now();
  await s.db.transaction().execute(async (tx) => {
    const recent = await store.countLinksSince(tx, email, iso(addSeconds(now, -linkWindowSeconds)));
    if (recent >= linksPerWindow) throw new TooManyRequests('accounts.too_many_links', linkWindowSeconds);
    const token = await insertSignInToken(
      tx,
      s,
      email,
      input.next,
      linkSeconds,
      input.newAccount,
      input.forAccount,
    );
    const link = `${s.config.baseUrl}/login/${token}`;
    const mail =
      input.mail ??
      ((link, minutes) => ({
        subject: t('accounts.mail.subject'),
        text: t('accounts.mail.body', { link, minutes }),
      }));
    await enqueueMail(s, tx, { to: email, ...mail(link, linkSeconds / 60) });
  });
}

/**
 * Inserts a sign-in token for `email`, valid `seconds`, leading to `next`; returns the token (only
 * its hash is stored). `newAccount`: what an account made by following it is called.
 * `forAccount`: the account that asked to add or change to this address (the link's purpose is
 * then `email`: it proves the address for that account and never makes one).
 */
export async function insertSignInToken(
  tx: Db,
  s: Services,
  email: string,
  next?: string,
  seconds = linkSeconds,
  newAccount?: NewAccount,
  forAccount?: string,
) {
  const token = newToken();
  const now = s.clock.now();
  await store.insertLoginToken(tx, {
    id: newId(),
    tokenHash: hashToken(token),
    email: normalizeEmail(email),
    nextPath: next ? safeNext(next) : null,
    createdAt: iso(now),
    expiresAt: iso(addSeconds(now, seconds)),
    displayName: newAccount?.displayName ?? null,
    locale: newAccount?.locale ?? null,
    purpose: forAccount ? 'email' : 'sign_in',
    accountId: forAccount ?? null,
  });
  return token;
}

/**
 * Uses a sign-in link: marks it used, then by its purpose:
 * - `sign_in`: finds or creates the account of its address and starts a session. Following the
 *   link proves the address. An address an older account was opened with but never proved
 *   (`unproven_email`) becomes that account's only when `currentAccountId`, the browser's own
 *   session, is that account; otherwise the claim ends and the one who followed the link gets a
 *   new account: nobody takes over an account another person built.
 * - `email`: proves the address for the account that asked to add or change to it, wherever the
 *   link is opened (the mailbox is the proof), and signs this browser in to that account. It
 *   never makes an account. The account's former address, if any, is told of the change.
 * Returns the account, the session token, where to go next and, for `email`, the address given.
 * Throws `Conflict('accounts.link_invalid')` for an unknown, used or expired link (or one whose
 * account is gone), `Conflict('accounts.email_taken')` when another account holds the address.
 */
export async function signInWithToken(
  s: Services,
  t: T,
  token: string,
  userAgent?: string,
  currentAccountId?: string,
): Promise<{ account: Account; sessionToken: string; next: string; provedEmail?: string }> {
  const now = iso(s.clock.now());
  return s.db.transaction().execute(async (tx) => {
    const link = await store.claimLoginToken(tx, hashToken(token), now);
    if (!link) throw new Conflict('accounts.link_invalid');
    if (link.purpose === 'email') {
      const account = await proveEmail(tx, s, t, link.accountId, link.email, now);
      const sessionToken = await createSession(tx, s.clock, account.id, userAgent);
      return { account, sessionToken, next: safeNext(link.nextPath), provedEmail: link.email };
    }
    let account = await store.findAccountByEmail(tx, link.email);
    if (account?.erasedAt) throw new Conflict('accounts.link_invalid');
    if (!account) {
      const claims = await store.takeUnprovenClaims(tx, link.email);
      account = claims.some((id) => id === currentAccountId)
        ? await store.updateAccount(tx, currentAccountId!, { email: link.email, emailVerifiedAt: now })
        : await insertAccount(tx, s, {
            email: link.email,
            displayName: link.displayName ?? link.email.split('@')[0],
            locale: link.locale ?? undefined,
          });
    }
    const sessionToken = await createSession(tx, s.clock, account.id, userAgent);
    return { account, sessionToken, next: safeNext(link.nextPath) };
  });
}

/**
 * Gives `email` (just proven) to the account `accountId`, in `tx`; mails its former address, if
 * any, that it changed. Throws `Conflict('accounts.link_invalid')` for an account gone or erased,
 * `Conflict('accounts.email_taken')` when another account holds the address (nothing changes).
 */
async function proveEmail(tx: Db, s: Services, t: T, accountId: string | null, email: string, now: string) {
  const account = accountId ? await store.findAccount(tx, accountId) : undefined;
  if (!account || account.erasedAt) throw new Conflict('accounts.link_invalid');
  if (account.email === email) return account;
  const holder = await store.findAccountByEmail(tx, email);
  if (holder) throw new Conflict('accounts.email_taken');
  // A claim of the address from before addresses had to be proven ends: it is proven now.
  await store.takeUnprovenClaims(tx, email);
  const changed = await store.updateAccount(tx, account.id, { email, emailVerifiedAt: now });
  if (account.email) {
    // In the account's own language, else the language of the browser that followed the link.
    const tt = account.locale ? translatorFor(account.locale, []) : t;
    await enqueueMail(s, tx, {
      to: account.email,
      subject: tt('accounts.mail.email_changed_subject'),
      text: tt('accounts.mail.email_changed_body', { name: account.displayName, email }),
    });
  }
  return changed;
}

/**
 * Adds an email address to an account that has none (joined with a name only, or added on
 * paper), or changes the one it has, once proved: mails the address a link whose purpose is
 * `email` for this account. Following it — in any browser: the mailbox is the proof — gives this
 * account the address (see `signInWithToken`); until then nothing changes, and nobody sees the
 * address. It never makes an account nor touches another's. The answer is the same whether or
 * not the address has an account. Throws `NotFound('accounts.not_found')`, `TooManyRequests` as
 * `requestSignInLink`.
 */
export async function addEmail(s: Services, t: T, accountId: string, email: string): Promise<void> {
  const address = normalizeEmail(email);
  const account = await store.findAccount(s.db, accountId);
  if (!account || account.erasedAt) throw new NotFound('accounts.not_found');
  await requestSignInLink(s, t, {
    email: address,
    next: '/account',
    forAccount: account.id,
    mail: (link, minutes) => ({
      subject: t(account.email ? 'accounts.mail.change_email_subject' : 'accounts.mail.add_email_subject'),
      text: t(account.email ? 'accounts.mail.change_email_body' : 'accounts.mail.add_email_body', {
        name: account.displayName,
        link,
        minutes,
      }),
    }),
  });
}

/** Inserts a new account; returns it. Its email, if any, must be proven (a link to it was followed). */
export async function insertAccount(
  tx: Db,
  s: Services,
  input: {
    email: string | null;
    displayName: string;
    operator?: boolean;
    addedBy?: string;
    locale?: string;
  },
): Promise<Account> {
  const now = iso(s.clock.now());
  return store.insertAccount(tx, {
    id: newId(),
    email: input.email ? normalizeEmail(input.email) : null,
    emailVerifiedAt: input.email ? now : null,
    displayName: input.displayName,
    locale: input.locale ?? null,
    operator: input.operator ? 1 : 0,
    addedBy: input.addedBy ?? null,
    createdAt: now,
  });
}

/** Ends this browser's session. */
export async function signOut(s: Services, sessionToken: string | undefined): Promise<void> {
  if (sessionToken) await deleteSession(s.db, sessionToken);
}

/** Ends every session of the account (a lost phone, a shared computer). */
export async function signOutEverywhere(s: Services, accountId: string): Promise<void> {
  await deleteAllSessions(s.db, accountId);
}

/** Whether the server still waits for its first operator. */
export async function needsSetup(s: Services): Promise<boolean> {
  return !(await store.hasOperator(s.db));
}

/**
 * When the server has no operator yet, makes a new one-time setup token (replacing any older
 * one) and returns it, for the start-up log; otherwise undefined.
 */
export async function issueSetupToken(s: Services): Promise<string | undefined> {
  if (!(await needsSetup(s))) return undefined;
  const token = newToken();
  await s.db.transaction().execute((tx) => store.replaceSetupToken(tx, hashToken(token)));
  return token;
}

/**
 * First-run setup: with the one-time token from the server log, creates the first operator and
 * signs them in. Throws `NotFound('accounts.setup_token_invalid')` for a wrong or used token and
 * `Conflict('accounts.email_taken')` when the address already has an account.
 */
export async function completeSetup(
  s: Services,
  input: { token: string; name: string; email: string },
  userAgent?: string,
): Promise<{ account: Account; sessionToken: string }> {
  return s.db.transaction().execute(async (tx) => {
    if (!(await store.takeSetupToken(tx, hashToken(input.token))))
      throw new NotFound('accounts.setup_token_invalid');
    const email = normalizeEmail(input.email);
    if (await store.findAccountByEmail(tx, email)) throw new Conflict('accounts.email_taken');
    const account = await insertAccount(tx, s, { email, displayName: input.name, operator: true });
    const sessionToken = await createSession(tx, s.clock, account.id, userAgent);
    return { account, sessionToken };
  });
}

/** Whether a setup token is valid (to show the setup form or a clear message). */
export function isSetupTokenValid(s: Services, token: string): Promise<boolean> {
  return store.isSetupToken(s.db, hashToken(token));
}

/**
 * For `porch create-steward`: finds or creates the account of `email`, makes it an operator (it
 * may then start communities and finish setup), and returns a sign-in link valid for 24 hours.
 * Any pending setup token is dropped: the server has its operator.
 */
export async function createOperator(
  s: Services,
  input: { email: string; name: string },
): Promise<{ account: Account; link: string }> {
  const email = normalizeEmail(input.email);
  return s.db.transaction().execute(async (tx) => {
    let account = await store.findAccountByEmail(tx, email);
    if (account?.erasedAt) throw new Conflict('accounts.email_taken');
    account = account
      ? await store.updateAccount(tx, account.id, { operator: 1 })
      : await insertAccount(tx, s, { email, displayName: input.name, operator: true });
    await store.deleteSetupToken(tx);
    const token = await insertSignInToken(tx, s, email, '/', 24 * 3600);
    return { account, link: `${s.config.baseUrl}/login/${token}` };
  });
}
