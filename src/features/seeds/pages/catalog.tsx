/** The seed library's catalog: search, season filter, varieties with packets, my pledges. */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { seasons } from '../schema.ts';
import type { PledgeView, VarietySummary } from '../service.ts';
import { monthLabel, seasonsLabel, seedsPath } from './common.tsx';

/** The catalog page. */
export function CatalogPage({
  view,
  varieties,
  query,
  pledges,
}: {
  view: View;
  varieties: VarietySummary[];
  query: { q?: string; season?: string };
  pledges: PledgeView[];
}) {
  const { t } = view;
  const filtered = Boolean(query.q || query.season);
  return (
    <Layout view={view} title={t('seeds.catalog.title')}>
      <h1>{t('seeds.catalog.title')}</h1>
      <p>{t('seeds.catalog.intro')}</p>
      <p class="actions">
        <a class="button" href={seedsPath(view, 'new')}>
          {t('seeds.catalog.add_variety')}
        </a>
      </p>

      {pledges.length > 0 && (
        <section aria-labelledby="my-pledges">
          <h2 id="my-pledges">{t('seeds.catalog.my_pledges')}</h2>
          <ul>
            {pledges.map((p) => (
              <li>
                <a href={seedsPath(view, p.varietyId)}>
                  {p.crop} · {p.varietyName}
                </a>{' '}
                — {t('seeds.pledge.expected', { month: monthLabel(view, p.expectedMonth) })}
              </li>
            ))}
          </ul>
        </section>
      )}

      <form method="get" action={seedsPath(view)} class="search">
        <div class="field">
          <label for="f-q">{t('seeds.catalog.search')}</label>
          <input id="f-q" name="q" type="search" value={query.q ?? ''} data-maxlength={80} />
        </div>
        <div class="field">
          <label for="f-season">{t('seeds.catalog.season')}</label>
          <select id="f-season" name="season">
            <option value="">{t('seeds.catalog.any_season')}</option>
            {seasons.map((s) => (
              <option value={s} selected={query.season === s}>
                {t(`seeds.season.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('seeds.catalog.find')}</button>
      </form>

      {varieties.length === 0 ? (
        <p class="notice">{filtered ? t('seeds.catalog.none_found') : t('seeds.catalog.empty')}</p>
      ) : (
        <ul class="cards">
          {varieties.map((v) => (
            <li class="card">
              <h2>
                <a href={seedsPath(view, v.id)}>
                  {v.crop} · {v.name}
                </a>
              </h2>
              <p>
                {v.packetsAvailable > 0 ? (
                  <strong>{t('seeds.packets_available', { count: v.packetsAvailable })}</strong>
                ) : (
                  <span class="muted">{t('seeds.no_packets')}</span>
                )}
              </p>
              <p class="muted">
                {t('seeds.catalog.sow_in', { seasons: seasonsLabel(view, v.seasons) })}
                {v.origin && ` · ${v.origin}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
