/** A post's page: what, where, when, who; and what the viewer can do about it. */
import {
  ErrorSummary,
  Form,
  type FormState,
  PostButton,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { can } from '../policy.ts';
import { limits } from '../schema.ts';
import type { Person, PostDetails } from '../service.ts';
import { factsOf } from '../view.ts';
import { base, byline, distance, helping, PostTags } from './parts.tsx';

/** The people a thank-you may name: the helper who claimed it and everyone who answered. */
function helpersOf(details: PostDetails): Person[] {
  const { post } = details;
  const own = new Set([post.author.id, post.postedBy.id]);
  const people = new Map<string, Person>();
  if (post.claimedBy) people.set(post.claimedBy.id, post.claimedBy);
  for (const c of details.conversations)
    for (const p of c.participants)
      if (!own.has(p.accountId)) people.set(p.accountId, { id: p.accountId, displayName: p.displayName });
  return [...people.values()];
}

function ThanksFields({ view, state, helpers }: { view: View; state: FormState; helpers: Person[] }) {
  const { t } = view;
  return (
    <>
      <TextArea
        state={state}
        name="thanks"
        label={t('posts.fields.thanks')}
        hint={t('posts.hints.thanks', { limit: limits.thanks })}
        maxLength={limits.thanks}
        rows={3}
      />
      {helpers.length > 0 && (
        <Select
          state={state}
          name="helperId"
          label={t('posts.fields.helper')}
          options={[
            ['', t('posts.fulfill.nobody_named')],
            ...helpers.map((h): [string, string] => [h.id, h.displayName]),
          ]}
        />
      )}
    </>
  );
}

/** The post page. `state` carries refused input of the respond, fulfil or thanks form. */
export function PostPage({ view, details, state }: { view: View; details: PostDetails; state: FormState }) {
  const { t, actor } = view;
  const { post } = details;
  const facts = factsOf(post);
  const path = `${base(view)}/posts/${post.id}`;
  const live = post.status === 'open' || post.status === 'claimed';
  const mine = details.conversations.find((c) => c.participants.some((p) => p.accountId === actor.accountId));
  const helpers = helpersOf(details);
  const defaultHelper = post.claimedBy?.id;
  const thanksState =
    state.values.helperId === undefined && defaultHelper
      ? { ...state, values: { ...state.values, helperId: defaultHelper } }
      : state;
  return (
    <Layout view={view} title={post.title}>
      <h1>{post.title}</h1>
      <PostTags view={view} post={post} />
      <p class="muted">{byline(view, post)}</p>
      <ErrorSummary view={view} state={state} />
      {post.status === 'claimed' && post.claimedBy && <p class="notice">{helping(view, post.claimedBy)}</p>}
      {!live && <p class="notice">{t(`posts.status_notice.${post.status}`)}</p>}
      {post.details.split('\n').map((line) => (
        <p>{line}</p>
      ))}
      <dl class="facts">
        {post.place && (
          <>
            <dt>{t('posts.fields.place')}</dt>
            <dd>{post.place}</dd>
          </>
        )}
        {post.distanceKm !== null && (
          <>
            <dt>{t('posts.distance')}</dt>
            <dd>{distance(view, post.distanceKm)}</dd>
          </>
        )}
        {(post.whenAt || post.whenText) && (
          <>
            <dt>{t('posts.fields.when')}</dt>
            <dd>
              {[post.whenAt && formatInstant(view, post.whenAt), post.whenText].filter(Boolean).join(' · ')}
            </dd>
          </>
        )}
        <dt>{t('posts.fields.open_until')}</dt>
        <dd>{formatInstant(view, post.openUntil)}</dd>
        <dt>{t('posts.posted_on')}</dt>
        <dd>{formatInstant(view, post.createdAt)}</dd>
      </dl>

      {details.thankYou && (
        <section>
          <h2>{t('posts.thanks.one')}</h2>
          <blockquote>
            <p>{details.thankYou.body}</p>
          </blockquote>
          {details.thankYou.helper && (
            <p class="muted">{t('posts.thanks.to', { name: details.thankYou.helper.displayName })}</p>
          )}
        </section>
      )}

      {live && (
        <div class="actions">
          {post.status === 'open' && can.claimPost(actor, facts) && (
            <PostButton view={view} action={`${path}/claim`} label={t('posts.actions.claim')} />
          )}
          {post.status === 'claimed' && can.releaseClaim(actor, facts) && (
            <PostButton
              view={view}
              action={`${path}/release`}
              label={t(
                post.claimedBy?.id === actor.accountId
                  ? 'posts.actions.release_mine'
                  : 'posts.actions.release',
              )}
              kind="secondary"
            />
          )}
          {can.editPost(actor, facts) && (
            <a class="button secondary" href={`${path}/edit`}>
              {t('posts.actions.edit')}
            </a>
          )}
          {can.closePost(actor, facts) && (
            <PostButton view={view} action={`${path}/close`} label={t('posts.actions.close')} kind="danger" />
          )}
        </div>
      )}

      {live && can.respond(actor, facts) && (
        <section>
          {/* The helper writes to the author here; an "Offer to help" box would compete with it. */}
          <h2>
            {post.claimedBy?.id === actor.accountId
              ? t('posts.respond.title_helping', { name: post.author.displayName })
              : t(post.kind === 'request' ? 'posts.respond.title_request' : 'posts.respond.title_offer')}
          </h2>
          {mine && (
            <p>
              <a href={`${base(view)}/conversations/${mine.id}`}>{t('posts.respond.your_conversation')}</a>
            </p>
          )}
          <Form view={view} action={`${path}/respond`}>
            <TextArea
              state={state}
              name="message"
              label={t('posts.respond.message', { name: post.author.displayName })}
              hint={t('posts.respond.hint')}
              maxLength={limits.message}
              required
            />
            <button type="submit">{t('posts.respond.send')}</button>
          </Form>
        </section>
      )}

      {live && can.fulfillPost(actor, facts) && (
        <section>
          <h2>{t('posts.fulfill.title')}</h2>
          <p>{t('posts.fulfill.intro')}</p>
          <Form view={view} action={`${path}/fulfill`}>
            <ThanksFields view={view} state={thanksState} helpers={helpers} />
            <button type="submit">{t('posts.fulfill.submit')}</button>
          </Form>
        </section>
      )}

      {post.status === 'fulfilled' && !details.thankYou && can.thank(actor, facts) && (
        <section>
          <h2>{t('posts.thanks.leave')}</h2>
          <Form view={view} action={`${path}/thanks`}>
            <ThanksFields view={view} state={thanksState} helpers={helpers} />
            <button type="submit">{t('posts.thanks.submit')}</button>
          </Form>
        </section>
      )}

      {details.conversations.length > 0 && (
        <section>
          <h2>{t('posts.conversations.title')}</h2>
          <ul>
            {details.conversations.map((c) => (
              <li>
                <a href={`${base(view)}/conversations/${c.id}`}>
                  {c.participants
                    .filter((p) => p.accountId !== actor.accountId)
                    .map((p) => p.displayName)
                    .join(', ')}
                </a>{' '}
                <span class="muted">{t('posts.conversations.count', { count: c.messageCount })}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p>
        <a href={`${base(view)}/board`}>{t('posts.back_to_board')}</a>
      </p>
    </Layout>
  );
}
