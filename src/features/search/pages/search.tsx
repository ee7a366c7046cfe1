/** The search page: one box, results grouped by kind. */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { SearchResult } from '../service.ts';

const order = ['post', 'item', 'variety', 'member'] as const;

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

/** `GET /c/:community/search`: the form and, after a search, the results by kind. */
export function SearchPage({ view, q, results }: { view: View; q: string; results: SearchResult[] }) {
  const { t } = view;
  const slug = view.community!.slug;
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
          {t('search.count', { count: results.length, q })}
        </p>
      )}
      {order.map((kind) => {
        const group = results.filter((r) => r.kind === kind);
        if (group.length === 0) return null;
        return (
          <section aria-labelledby={`results-${kind}`}>
            <h2 id={`results-${kind}`}>{t(`search.kinds.${kind}`)}</h2>
            <ul class="cards">
              {group.map((r) => (
                <li class="card">
                  <a href={r.url}>{r.title}</a>
                  {r.detail && <p class="muted">{t('search.shares', { skills: r.detail })}</p>}
                  <Facts t={t} result={r} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
