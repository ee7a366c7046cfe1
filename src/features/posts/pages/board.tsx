/** The board: filters, the opt-in for urgent requests, posts newest (or nearest) first, pages. */
import { Form } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { type BoardFilters, categories, kinds } from '../schema.ts';
import type { BoardPage as Board } from '../service.ts';
import { base, PostCard } from './parts.tsx';

function pageLink(view: View, filters: BoardFilters, page: number): string {
  const q = new URLSearchParams();
  if (filters.kind) q.set('kind', filters.kind);
  if (filters.category) q.set('category', filters.category);
  if (filters.sort) q.set('sort', filters.sort);
  q.set('page', String(page));
  return `${base(view)}/board?${q}`;
}

/** The board page. */
export function BoardPage({
  view,
  board,
  filters,
  subscribed,
}: {
  view: View;
  board: Board;
  filters: BoardFilters;
  subscribed: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('posts.board.title')}>
      <h1>{t('posts.board.title')}</h1>
      <p>{t('posts.board.intro')}</p>
      <p class="actions">
        <a class="button" href={`${base(view)}/board/new`}>
          {t('posts.board.new')}
        </a>
        <a href={`${base(view)}/thanks`}>{t('posts.thanks.title')}</a>
      </p>
      <form method="get" action={`${base(view)}/board`}>
        <fieldset>
          <legend>{t('posts.board.filters')}</legend>
          <div class="field">
            <label for="f-kind">{t('posts.fields.kind')}</label>
            <select id="f-kind" name="kind">
              <option value="">{t('posts.board.all_kinds')}</option>
              {kinds.map((k) => (
                <option value={k} selected={filters.kind === k}>
                  {t(`posts.kinds_plural.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-category">{t('posts.fields.category')}</label>
            <select id="f-category" name="category">
              <option value="">{t('posts.board.all_categories')}</option>
              {categories.map((c) => (
                <option value={c} selected={filters.category === c}>
                  {t(`posts.categories.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-sort">{t('posts.board.sort')}</label>
            <select id="f-sort" name="sort">
              <option value="newest">{t('posts.board.newest')}</option>
              {board.nearestAvailable && (
                <option value="nearest" selected={board.sort === 'nearest'}>
                  {t('posts.board.nearest')}
                </option>
              )}
            </select>
            {!board.nearestAvailable && <p class="hint">{t('posts.board.nearest_needs_location')}</p>}
          </div>
          <button type="submit" class="secondary">
            {t('posts.board.show')}
          </button>
        </fieldset>
      </form>
      {board.posts.length === 0 ? (
        <p class="notice">{t('posts.board.empty')}</p>
      ) : (
        <ul class="cards">
          {board.posts.map((post) => (
            <PostCard view={view} post={post} />
          ))}
        </ul>
      )}
      {(board.page > 1 || board.hasMore) && (
        <nav aria-label={t('posts.board.pages')} class="actions">
          {board.page > 1 && (
            <a href={pageLink(view, filters, board.page - 1)} rel="prev">
              {t('posts.board.previous')}
            </a>
          )}
          {board.hasMore && (
            <a href={pageLink(view, filters, board.page + 1)} rel="next">
              {t('posts.board.next')}
            </a>
          )}
        </nav>
      )}
      <h2>{t('posts.urgent_optin.title')}</h2>
      <p>{t(subscribed ? 'posts.urgent_optin.on' : 'posts.urgent_optin.off')}</p>
      <Form view={view} action={`${base(view)}/board/urgent`}>
        <input type="hidden" name="subscribed" value={subscribed ? '0' : '1'} />
        <button type="submit" class="secondary">
          {t(subscribed ? 'posts.urgent_optin.stop' : 'posts.urgent_optin.start')}
        </button>
      </Form>
    </Layout>
  );
}
