/**
 * What every page template needs, gathered once per request: the translator, the language, who
 * is looking, the community, the CSRF token for forms, and the asset URLs.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor, CommunityContext } from '../platform/context.ts';
import type { Account } from '../platform/db/database.ts';
import { type Flash, takeFlash } from '../platform/http/flash.ts';
import type { Locale, T } from '../platform/i18n/index.ts';
import { countsOf, type PorchCounts } from '../platform/porch.ts';
import type { Assets } from './assets.ts';

/** Template input shared by every page. */
export interface View {
  t: T;
  locale: Locale;
  account?: Account;
  /** The community of the page, with its calendar; absent outside one. */
  community?: CommunityContext;
  actor: Actor;
  /** CSRF token to put in every form as `_csrf`. */
  csrf: string;
  /** The path of this page (for `next=` links and the language switcher). */
  path: string;
  assets: Assets;
  /** Whether the community's optional chat link and steward links should show. */
  isSteward: boolean;
  /** What the form just sent did ("Your post is on the board."), shown once (`http/flash.ts`). */
  flash?: Flash;
  /**
   * A member's menu counts in a community (what needs them, unread messages, unread
   * notifications); absent elsewhere.
   */
  counts?: PorchCounts & { inbox: number };
}

let assets: Assets = { script: '', style: '', map: '', mapStyle: '' };

/** Records the built asset URLs (called once at start). */
export function setAssets(value: Assets): void {
  assets = value;
}

/** The view for `req`; generates the CSRF token (and its cookie) on first use. */
export function viewOf(req: FastifyRequest, reply: FastifyReply): View {
  return {
    t: req.ctx.t,
    locale: req.ctx.locale,
    account: req.account,
    community: req.ctx.community ?? undefined,
    actor: req.ctx.actor,
    csrf: reply.generateCsrf(),
    path: req.url,
    assets,
    isSteward: req.ctx.actor.role === 'steward',
    flash: takeFlash(req, reply),
    counts: req.needsMe && { ...countsOf(req.needsMe), inbox: req.unreadNotifications ?? 0 },
  };
}
