/** The search page: one box, results grouped by kind. */

import type { SearchKind } from '../../../platform/search/index.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { kinds, type SearchResult, type SearchResults } from '../service.ts';

/** What a result is: an item's category, lender and whether it is free; a post's kind and who. */
function Facts({ t, result: r }: { t: View['t']; result: SearchResult }) {
  const facts: string[] = [];
  if (r.kind === 'item') {
    if (r.category) facts.push(t(`library.category.${r.category}`));
    facts.push(r.owner === undefined ? t('library.item.shed') : t('library.item.lent_by', { name: r.owner }));
    if (r.available !== undefined)
      facts.push(t(r.available ? 'library.item.available' : 'library.item.unavailable'));
  }
  if (r.kind === 'post') {
    if (r.postKind) facts.push(t(`posts.kinds.${r.postKind}`));
    if (r.category) facts.push(t(`posts.categories.${r.category}`));
    if (r.owner !== undefined) facts.push(t('search.from', { name: r.owner }));
  }
  if (facts.length === 0) return null;
  return <p class="muted">{facts.join(' · ')}</p>;
}

/**
 * `GET /c/:community/search`: the form and, after a search, one page of results by kind: the
 * first `pageSize` of each, with a link to the rest of a kind; with `kind`, that kind's page
 * `page`, with links to the pages before and after it.
 */
export function SearchPage({
  view,
  q,
  kind,
  page,
  results,
  more,
}: { view: View; q: string; kind?: SearchKind; page: number } & SearchResults) {
  const { t } = view;
  const slug = view.community!.slug;
  const link = (query: { kind?: SearchKind; page?: number }) => {
    const params = new URLSearchParams({ q });
    if (query.kind) params.set('kind', query.kind);
    if (query.page && query.page > 1) params.set('page', String(query.page));
    return `/c/${slug}/search?${params}`;
  };
  const paged = page > 1 || more.length > 0;
  return (
    <Layout view={view} title={q ? t('search.title_for', { q }) : t('search.title')}>
      <h1>{t('search.title')}</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: Preact's JSX types lack <search>; role="search" is the long-supported equivalent. */}
      <form method="get" action={`/c/${slug}/search`} role="search" class="actions">
        <label for="search-q">{t('search.label')}</label>
        <input id="search-q" type="search" name="q" value={q} data-maxlength={200} />
        <button type="submit">{t('search.submit')}</button>
      </form>
      {q && results.length === 0 && <p role="status">{t('search.nothing', { q })}</p>}
      {q && results.length > 0 && (
        <p role="status" class="muted">
          {paged ? t('search.page', { page, q }) : t('search.count', { count: results.length, q })}
        </p>
      )}
      {kinds.map((k) => {
        const group = results.filter((r) => r.kind === k);
        if (group.length === 0) return null;
        return (
          <section aria-labelledby={`results-${k}`}>
            <h2 id={`results-${k}`}>{t(`search.kinds.${k}`)}</h2>
            <ul class="cards">
              {group.map((r) => (
                <li class="card">
                  <a href={r.url}>{r.title}</a>
                  {r.detail && <p class="muted">{t('search.shares', { skills: r.detail })}</p>}
                  <Facts t={t} result={r} />
                </li>
              ))}
            </ul>
            {!kind && more.includes(k) && (
              <p>
                <a href={link({ kind: k, page: page + 1 })}>{t(`search.more.${k}`)}</a>
              </p>
            )}
          </section>
        );
      })}
      {q && kind && (
        <nav aria-label={t('search.pages')} class="actions">
          {page > 1 && (
            <a href={link({ kind, page: page - 1 })} rel="prev">
              {t('search.previous')}
            </a>
          )}
          {more.includes(kind) && (
            <a href={link({ kind, page: page + 1 })} rel="next">
              {t('search.next')}
            </a>
          )}
          <a href={link({})}>{t('search.all', { q })}</a>
        </nav>
      )}
    </Layout>
  );
}
