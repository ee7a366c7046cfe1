/** The start page, a community's page, and joining. */

import type { PorchEntry } from '../../../platform/porch.ts';
import { ErrorSummary, Field, Form, type FormState, TextArea } from '../../../web/components/form.tsx';
import { Happening, NeedsMe } from '../../../web/components/porch.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { CommunityView, JoinState, Welcome } from '../service.ts';
import { CommunityFacts } from './parts.tsx';

/** A member's front porch: what needs them, what is happening, first steps while new. */
export interface Porch {
  needsMe: PorchEntry[];
  happening: PorchEntry[];
  welcome: Welcome | null;
}

/** First steps for a new member, and a steward's (inviting first). */
function FirstSteps({ view, welcome, base }: { view: View; welcome: Welcome; base: string }) {
  const { t } = view;
  const community = view.community?.name ?? '';
  return (
    <section aria-labelledby="welcome-heading" class="welcome">
      <h2 id="welcome-heading">{t('porch.welcome.heading', { community })}</h2>
      {welcome.steward ? (
        <>
          <p>{t('porch.welcome.steward_intro')}</p>
          <ol>
            <li>
              <a href={`${base}/invites`}>{t('porch.welcome.invite')}</a>
            </li>
            <li>
              <a href={`${base}/settings`}>{t('porch.welcome.settings')}</a>
            </li>
            {welcome.paperMembers && (
              <li>
                <a href={`${base}/paper-members/new`}>{t('porch.welcome.paper')}</a>
              </li>
            )}
            <li>
              <a href={`${base}/steps`}>{t('porch.welcome.steps')}</a>
            </li>
          </ol>
        </>
      ) : (
        <>
          <p>{t('porch.welcome.intro')}</p>
          <ol>
            <li>
              <a href="/account">{t('porch.welcome.profile')}</a>
            </li>
            <li>
              <a href={`${base}/library`}>{t('porch.welcome.library')}</a>
            </li>
            <li>
              <a href={`${base}/board/new`}>{t('porch.welcome.board')}</a>
            </li>
          </ol>
        </>
      )}
    </section>
  );
}

/** What `homeFor` returns. */
export interface Home {
  needsSetup: boolean;
  active: CommunityView[];
  pending: CommunityView[];
  mayStart: boolean;
}

function CommunityCard({ view, community }: { view: View; community: CommunityView }) {
  return (
    <li class="card">
      <h3>
        <a href={`/c/${community.slug}`}>{community.name}</a>
      </h3>
      {community.myRole && community.myRole !== 'member' && (
        <p class="muted">{view.t(`communities.roles.${community.myRole}`)}</p>
      )}
    </li>
  );
}

/** `GET /`: your communities and requests, or an introduction for someone not signed in. */
export function HomePage({ view, home }: { view: View; home: Home }) {
  const { t } = view;
  return (
    <Layout view={view} title={t(view.account ? 'communities.home.title' : 'communities.home.welcome')}>
      {view.account ? (
        <>
          <h1>{t('communities.home.title')}</h1>
          {home.needsSetup && <p class="notice warning">{t('communities.home.needs_setup')}</p>}
          {home.active.length === 0 ? (
            <p>{t('communities.home.none')}</p>
          ) : (
            <ul class="cards">
              {home.active.map((c) => (
                <CommunityCard view={view} community={c} />
              ))}
            </ul>
          )}
          {home.pending.length > 0 && (
            <>
              <h2>{t('communities.home.pending')}</h2>
              <ul class="cards">
                {home.pending.map((c) => (
                  <CommunityCard view={view} community={c} />
                ))}
              </ul>
            </>
          )}
          <p class="muted">{t('communities.home.join_hint')}</p>
          {home.mayStart && (
            <p class="actions">
              <a class="button" href="/communities/new">
                {t('communities.home.start')}
              </a>
            </p>
          )}
        </>
      ) : (
        <>
          <h1>{t('communities.home.welcome')}</h1>
          {home.needsSetup && <p class="notice warning">{t('communities.home.needs_setup')}</p>}
          <p>{t('communities.home.intro')}</p>
          <p>{t('communities.home.join_hint')}</p>
          <p class="actions">
            <a class="button" href="/login">
              {t('nav.sign_in')}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}

/**
 * `GET /c/:community`: for a member the front porch (first steps while new, what needs them,
 * what is happening), then about the community; join, leave, and steward links.
 */
export function CommunityPage({
  view,
  community,
  porch,
}: {
  view: View;
  community: CommunityView;
  porch?: Porch;
}) {
  const { t } = view;
  const base = `/c/${community.slug}`;
  const member = community.myStatus === 'active';
  return (
    <Layout view={view} title={community.name}>
      <h1>{community.name}</h1>
      {porch?.welcome && <FirstSteps view={view} welcome={porch.welcome} base={base} />}
      {porch && (
        <>
          <NeedsMe view={view} entries={porch.needsMe} />
          <p>
            <a href={`${base}/mine`}>{t('porch.mine.title')}</a>
          </p>
          <Happening view={view} entries={porch.happening} />
          <h2>{t('communities.page.about')}</h2>
        </>
      )}
      {community.description && <p class="description">{community.description}</p>}
      <CommunityFacts view={view} community={community} />
      {community.myStatus === 'pending' && <p class="notice">{t('communities.page.pending')}</p>}
      {member && community.chatUrl && (
        <p>
          <a href={community.chatUrl} rel="noopener noreferrer">
            {t('communities.page.chat')}
          </a>
        </p>
      )}
      {!member && community.myStatus !== 'pending' && (
        <section aria-labelledby="join-heading">
          <h2 id="join-heading">{t('communities.page.join_heading')}</h2>
          <p>{t(`communities.page.policy_${community.joinPolicy}`)}</p>
          {community.joinPolicy !== 'invite' && (
            <p class="actions">
              <a class="button" href={`${base}/join`}>
                {t(
                  community.joinPolicy === 'open' ? 'communities.join.button' : 'communities.join.ask_button',
                )}
              </a>
            </p>
          )}
        </section>
      )}
      {view.isSteward && (
        <section aria-labelledby="steward-heading">
          <h2 id="steward-heading">{t('communities.page.for_stewards')}</h2>
          <ul>
            <li>
              <a href={`${base}/invites`}>{t('nav.invites')}</a>
            </li>
            <li>
              <a href={`${base}/requests`}>{t('nav.requests')}</a>
            </li>
            {community.paperMembers && (
              <li>
                <a href={`${base}/paper-members/new`}>{t('communities.paper.title')}</a>
              </li>
            )}
            <li>
              <a href={`${base}/settings`}>{t('nav.settings')}</a>
            </li>
          </ul>
        </section>
      )}
      {member && (
        // Two steps without JavaScript: leaving is easy to undo only where joining is open.
        <details>
          <summary class="button secondary">{t('communities.page.leave')}</summary>
          <p>{t('communities.page.leave_explain')}</p>
          <Form view={view} action={`${base}/leave`}>
            <button type="submit" class="danger">
              {t('communities.page.leave_confirm')}
            </button>
          </Form>
        </details>
      )}
    </Layout>
  );
}

/** `GET /c/:community/join`: the form that fits the policy, the invite and who is asking. */
export function JoinPage({
  view,
  join,
  community,
  state,
  inviteCode,
}: {
  view: View;
  join: JoinState;
  community: CommunityView;
  state: FormState;
  inviteCode?: string;
}) {
  const { t } = view;
  const base = `/c/${community.slug}`;
  const title = t('communities.join.title', { community: community.name });
  const inviteOk = join.invite === 'ok';
  // Someone removed can only ask the stewards again, whatever the policy.
  const removed = join.status === 'removed';
  const asks = removed || (community.joinPolicy === 'approval' && !inviteOk);
  let blocked: string | null = null;
  if (join.status === 'active') blocked = 'communities.already_member';
  else if (join.status === 'pending') blocked = 'communities.already_requested';
  else if (community.joinPolicy === 'invite' && !inviteOk && !removed)
    blocked = join.invite === null ? 'communities.invite_required' : join.invite;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {community.description && <p>{community.description}</p>}
      <CommunityFacts view={view} community={community} />
      {blocked && state.errors.length === 0 ? (
        <>
          <p class="notice">{t(blocked)}</p>
          <p>
            <a href={base}>{t('communities.join.back', { community: community.name })}</a>
          </p>
        </>
      ) : (
        <Form view={view} action={`${base}/join`}>
          <ErrorSummary view={view} state={state} />
          {inviteCode && <input type="hidden" name="invite" value={inviteCode} />}
          <p>{t(asks ? 'communities.join.intro_approval' : 'communities.join.intro')}</p>
          {!view.account && (
            <>
              <Field
                state={state}
                name="name"
                label={t('fields.display_name')}
                autocomplete="name"
                required
              />
              <Field
                state={state}
                name="email"
                type="email"
                autocomplete="email"
                label={t(community.emailOptional ? 'communities.join.email_optional' : 'fields.email')}
                hint={t(
                  community.emailOptional
                    ? 'communities.join.email_optional_hint'
                    : 'communities.join.email_hint',
                )}
                required={!community.emailOptional}
              />
              {state.errors.some((e) => e.code === 'communities.name_matches') && (
                <div class="field">
                  <label class="choice">
                    <input type="checkbox" id="f-differentPerson" name="differentPerson" value="true" />{' '}
                    {t('communities.join.different_person')}
                  </label>
                </div>
              )}
            </>
          )}
          {asks && (
            <TextArea
              state={state}
              name="message"
              label={t('communities.join.message')}
              rows={3}
              maxLength={1000}
            />
          )}
          <button type="submit">{t(asks ? 'communities.join.ask_button' : 'communities.join.button')}</button>
        </Form>
      )}
    </Layout>
  );
}

/**
 * After joining with an address, whether or not it has an account: look for the link, valid
 * `minutes`, that finishes joining.
 */
export function JoinLinkSentPage({ view, email, minutes }: { view: View; email: string; minutes: number }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.sent.title')}>
      <h1>{t('accounts.sent.title')}</h1>
      <p>{t('communities.join.link_sent', { email, minutes })}</p>
      <p class="muted">{t('accounts.sent.help')}</p>
    </Layout>
  );
}
