/** Pieces the board's pages share: names of things, the post card, the status line. */
import { formatInstant } from '../../../web/dates.ts';
import type { View } from '../../../web/view.ts';
import type { PostView } from '../view.ts';

const numbers = new Map<string, Intl.NumberFormat>();

/** "about 1.2 km" in the reader's language. */
export function distance(view: View, km: number): string {
  let format = numbers.get(view.locale);
  if (!format) {
    format = new Intl.NumberFormat(view.locale, { maximumFractionDigits: 1 });
    numbers.set(view.locale, format);
  }
  return view.t('posts.km', { km: format.format(km) });
}

/** The board's base path, `/c/<slug>`. */
export function base(view: View): string {
  return `/c/${view.community?.slug}`;
}

/** "Posted by X" or, on behalf of a neighbor, "Posted by X for Y". */
export function byline(view: View, post: PostView): string {
  return post.author.id === post.postedBy.id
    ? view.t('posts.posted_by', { name: post.author.displayName })
    : view.t('posts.posted_for', { poster: post.postedBy.displayName, name: post.author.displayName });
}

/** Who helps with a claimed post: "You are helping." to the helper, else "<name> is helping." */
export function helping(view: View, helper: { id: string; displayName: string }): string {
  return helper.id === view.actor.accountId
    ? view.t('posts.you_are_helping')
    : view.t('posts.is_helping', { name: helper.displayName });
}

/** Tags: kind, category, urgent, and a status other than open. */
export function PostTags({ view, post }: { view: View; post: PostView }) {
  const { t } = view;
  return (
    <ul class="tags">
      <li>{t(`posts.kinds.${post.kind}`)}</li>
      <li>{t(`posts.categories.${post.category}`)}</li>
      {post.urgent && <li class="urgent">{t('posts.urgent')}</li>}
      {post.status !== 'open' && <li>{t(`posts.statuses.${post.status}`)}</li>}
    </ul>
  );
}

/** A post on the board: title linking to its page, tags, where and when, who. */
export function PostCard({ view, post }: { view: View; post: PostView }) {
  const { t } = view;
  return (
    <li class="card">
      <h2>
        <a href={`${base(view)}/posts/${post.id}`}>{post.title}</a>
      </h2>
      <PostTags view={view} post={post} />
      {post.claimedBy && post.status === 'claimed' && <p>{helping(view, post.claimedBy)}</p>}
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
        <dd>{formatInstant(view, post.openUntil, false)}</dd>
      </dl>
      <p class="muted">{byline(view, post)}</p>
    </li>
  );
}
