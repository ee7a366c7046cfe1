/** The gratitude wall: thank-yous of fulfilled posts and of loans, newest first. */

import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { WallEntry } from '../service.ts';
import { base } from './parts.tsx';

/** The wall page. */
export function ThanksPage({
  view,
  entries,
  page,
  hasMore,
}: {
  view: View;
  entries: WallEntry[];
  page: number;
  hasMore: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('posts.thanks.title')}>
      <h1>{t('posts.thanks.title')}</h1>
      <p>{t('posts.thanks.intro')}</p>
      {entries.length === 0 ? (
        <p class="notice">{t('posts.thanks.empty')}</p>
      ) : (
        <ul class="cards">
          {entries.map((e) => (
            <li class="card">
              <blockquote>
                <p>{e.body}</p>
              </blockquote>
              <p>
                {e.helper
                  ? t('posts.thanks.from_to', { name: e.author.displayName, helper: e.helper.displayName })
                  : t('posts.thanks.from', { name: e.author.displayName })}
              </p>
              <p class="muted">
                <a
                  href={
                    e.postId ? `${base(view)}/posts/${e.postId}` : `${base(view)}/library/items/${e.itemId}`
                  }
                >
                  {e.postTitle}
                </a>{' '}
                · <time dateTime={e.createdAt}>{formatInstant(view, e.createdAt, false)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      {(page > 1 || hasMore) && (
        <nav aria-label={t('posts.board.pages')} class="actions">
          {page > 1 && <a href={`${base(view)}/thanks?page=${page - 1}`}>{t('posts.board.previous')}</a>}
          {hasMore && <a href={`${base(view)}/thanks?page=${page + 1}`}>{t('posts.board.next')}</a>}
        </nav>
      )}
    </Layout>
  );
}
