/**
 * The public page of a fridge or pantry, for anyone without an account: how full it is and when
 * it was last reported and cleaned, the food rules, opening hours, how to reach a volunteer (what
 * the place published, never who they are), and the report form.
 */
import type { FormState } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { PublicPlace } from '../service.ts';
import { FoodRules, HoursList, ReportForm, StockLine } from './common.tsx';

/** The public page; `view.path` is its address. */
export function PublicPlacePage({
  view,
  place,
  state,
}: {
  view: View;
  place: PublicPlace;
  state: FormState;
}) {
  const { t } = view;
  const here = `/c/${view.community?.slug}/p/${place.id}`;
  const others = place.languages.filter((l) => l !== view.locale && (l === 'en' || l === 'es'));
  return (
    <Layout view={view} title={place.name}>
      <h1>{place.name}</h1>
      <p class="muted">
        {t('places.public.of', { kind: t(`places.kind.${place.kind}`), community: place.communityName })}
      </p>
      {others.length > 0 && (
        // The community's other languages, one button each: the same choice as the footer's
        // language menu (kept in a cookie), without JavaScript.
        <div class="actions">
          {others.map((l) => (
            <form method="post" action="/locale" class="inline" hx-boost="false">
              <input type="hidden" name="_csrf" value={view.csrf} />
              <input type="hidden" name="locale" value={l} />
              <input type="hidden" name="next" value={here} />
              <button type="submit" class="secondary" lang={l}>
                {t(`places.public.read_in_${l}`)}
              </button>
            </form>
          ))}
        </div>
      )}
      <StockLine view={view} stock {...place} />
      <p>
        <a href="#report">{t('places.public.report_link')}</a>
      </p>
      {place.description && <p class="prose">{place.description}</p>}
      {place.photos.length > 0 && (
        <ul class="tags thumbs">
          {place.photos.map((p, i) => (
            <li>
              <a href={p.url}>
                <img
                  src={p.thumbUrl}
                  alt={t('places.page.photo_n', { n: i + 1, name: place.name })}
                  width={160}
                />
              </a>
            </li>
          ))}
        </ul>
      )}
      {place.address && (
        <>
          <h2>{t('places.page.where')}</h2>
          <p>{place.address}</p>
        </>
      )}
      <h2>{t('places.fields.opening_hours')}</h2>
      <HoursList view={view} hours={place.openingHours} />
      <h2>{t('places.public.food_rules')}</h2>
      {place.rules && <p class="prose">{place.rules}</p>}
      <FoodRules
        view={view}
        accepted={place.foodAccepted}
        labels={place.foodLabels}
        refused={place.foodRefused}
      />
      <h2>{t('places.public.reach')}</h2>
      <p>{place.contact || t('places.public.no_contact')}</p>
      {place.reports.length > 0 && (
        <>
          <h2>{t('places.public.latest')}</h2>
          <ul class="porch-entries">
            {place.reports.map((r) => (
              <li>
                <span class="porch-line">
                  {t(`places.report_kind.${r.kind}`)}
                  {r.problem && ` · ${t(`places.problem.${r.problem}`)}`}
                </span>
                <span class="porch-line muted">{formatInstant(view, r.createdAt)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 id="report">{t('places.report.title')}</h2>
      <p>{t('places.public.no_account')}</p>
      <ReportForm view={view} action={`${here}/report`} state={state} member={false} stock />
      <p>
        <a href={`${here}/sign`}>{t('places.page.sign')}</a>
      </p>
    </Layout>
  );
}
