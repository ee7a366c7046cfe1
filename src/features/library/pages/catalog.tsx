/** The catalog: search by name, filter by category and availability. */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { categories } from '../schema.ts';
import type { ItemView } from '../service.ts';
import { base, ItemTags, LibraryNav } from './common.tsx';

/** `GET /c/:community/library`. */
export function CatalogPage({
  view,
  items,
  page,
  hasMore,
  query,
}: {
  view: View;
  items: ItemView[];
  page: number;
  hasMore: boolean;
  query: { q?: string; category?: string; available?: boolean };
}) {
  const { t } = view;
  const b = base(view);
  const pageUrl = (n: number) => {
    const params = new URLSearchParams();
    if (query.q) params.set('q', query.q);
    if (query.category) params.set('category', query.category);
    if (query.available) params.set('available', 'true');
    params.set('page', String(n));
    return `${b}?${params}`;
  };
  return (
    <Layout view={view} title={t('library.catalog.title')}>
      <h1>{t('library.catalog.title')}</h1>
      <LibraryNav view={view} />
      <form method="get" action={b} class="card">
        <div class="field">
          <label for="f-q">{t('library.catalog.search')}</label>
          <input id="f-q" name="q" type="search" value={query.q ?? ''} data-maxlength={100} />
        </div>
        <div class="field">
          <label for="f-category">{t('library.fields.category')}</label>
          <select id="f-category" name="category">
            <option value="">{t('library.catalog.all_categories')}</option>
            {categories.map((c) => (
              <option value={c} selected={query.category === c}>
                {t(`library.category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="available" value="true" checked={query.available === true} />{' '}
            {t('library.catalog.available_only')}
          </label>
        </div>
        <button type="submit">{t('library.catalog.find')}</button>
      </form>
      <h2>
        {page > 1 || hasMore
          ? t('library.catalog.page', { page })
          : t('library.catalog.results', { count: items.length })}
      </h2>
      {items.length === 0 ? (
        <p class="notice">{t('library.catalog.none')}</p>
      ) : (
        <ul class="cards">
          {items.map((item) => (
            <li class="card">
              {item.photos[0] && (
                <img src={item.photos[0].thumbUrl} alt="" width={160} loading="lazy" class="thumb" />
              )}
              <h3>
                <a href={`${b}/items/${item.id}`}>{item.name}</a>
              </h3>
              <ItemTags view={view} item={item} />
            </li>
          ))}
        </ul>
      )}
      {(page > 1 || hasMore) && (
        <nav aria-label={t('library.catalog.pages')} class="actions">
          {page > 1 && (
            <a href={pageUrl(page - 1)} rel="prev">
              {t('library.catalog.previous')}
            </a>
          )}
          {hasMore && (
            <a href={pageUrl(page + 1)} rel="next">
              {t('library.catalog.next')}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
