/** A place as members see it: its details, stock, hours, rules, volunteers, reports and report form. */
import type { FormState } from '../../../web/components/form.tsx';
import { PostButton } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { keepsStock, type PlaceDetail } from '../service.ts';
import { base, FoodRules, HoursList, ReportForm, StockLine } from './common.tsx';

/** Degrees as the reader's language writes them, to about a metre (5 decimals), not the 2 of other numbers. */
function degreesText(view: View, value: number | null): string {
  return new Intl.NumberFormat(view.locale, { maximumFractionDigits: 5 }).format(value ?? 0);
}

/** The place page; those who keep it edit it and hide reports, stewards archive it. */
export function PlacePage({
  view,
  detail,
  checks,
  state,
}: {
  view: View;
  detail: PlaceDetail;
  /** The last check and the latest readings (shifts' log), in the community's unit. */
  checks: {
    unit: 'C' | 'F';
    last: { checkedAt: string; by: string } | null;
    readings: {
      checkedAt: string;
      appliance: 'fridge' | 'freezer' | null;
      temperature: number | null;
      unsafe: boolean;
    }[];
  };
  state: FormState;
}) {
  const { t } = view;
  const { place, reports } = detail;
  const b = `${base(view)}/${place.id}`;
  const food = place.kind === 'fridge' || place.kind === 'pantry';
  return (
    <Layout view={view} title={place.name}>
      <h1>{place.name}</h1>
      <ul class="tags">
        <li>{t(`places.kind.${place.kind}`)}</li>
        <li>
          {place.addressVisibility === 'public'
            ? t('places.page.address_public')
            : t('places.page.address_members')}
        </li>
      </ul>
      <nav class="actions" aria-label={t('places.page.actions')}>
        <a href={base(view)}>{t('places.page.all')}</a>
        {detail.mayEdit && <a href={`${b}/edit`}>{t('places.page.edit')}</a>}
        {place.publicUrl && <a href={place.publicUrl}>{t('places.page.public_page')}</a>}
        {place.publicUrl && <a href={`${place.publicUrl}/sign`}>{t('places.page.sign')}</a>}
      </nav>
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
      <StockLine view={view} stock={keepsStock(place)} {...place} />
      <h2>{t('places.page.where')}</h2>
      <p>{place.address || t('places.page.no_address')}</p>
      {place.latitude !== null && (
        <p class="muted">
          {t('places.page.point', {
            lat: degreesText(view, place.latitude),
            lon: degreesText(view, place.longitude),
          })}
        </p>
      )}
      <h2>{t('places.fields.opening_hours')}</h2>
      <HoursList view={view} hours={place.openingHours} />
      {(place.rules || food) && <h2>{t('places.fields.rules')}</h2>}
      {place.rules && <p class="prose">{place.rules}</p>}
      {food && (
        <FoodRules
          view={view}
          accepted={place.foodAccepted}
          labels={place.foodLabels}
          refused={place.foodRefused}
        />
      )}
      <h2>{t('places.page.volunteers')}</h2>
      {place.volunteers.length ? (
        <ul>
          {place.volunteers.map((v) => (
            <li>
              <a href={`/c/${view.community?.slug}/members/${v.accountId}`}>{v.displayName}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('places.page.no_volunteers')}</p>
      )}
      {place.contact && (
        <p>
          {t('places.fields.contact')}: {place.contact}
        </p>
      )}
      {place.checkHours !== null && (
        <p class="muted">{t('places.page.check_every', { count: place.checkHours })}</p>
      )}
      <h2>{t('places.checks.title')}</h2>
      <p>
        {checks.last
          ? t('places.checks.last', {
              when: formatInstant(view, checks.last.checkedAt),
              name: checks.last.by,
            })
          : t('places.checks.never')}
      </p>
      {checks.readings.length > 0 && (
        <ul>
          {checks.readings.map((r) => (
            <li>
              {t('places.checks.reading', {
                appliance: t(`shifts.appliance.${r.appliance}`),
                value: new Intl.NumberFormat(view.locale, { maximumFractionDigits: 1 }).format(
                  r.temperature ?? 0,
                ),
                unit: checks.unit,
                when: formatInstant(view, r.checkedAt),
              })}
              {r.unsafe && (
                <>
                  {' '}
                  <strong>{t('places.checks.unsafe')}</strong>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/c/${view.community?.slug}/shifts/places/${place.id}/log`}>{t('places.checks.log')}</a>
      </p>
      <h2 id="report">{t('places.report.title')}</h2>
      <ReportForm view={view} action={`${b}/reports`} state={state} member stock={keepsStock(place)} />
      <h2>{t('places.page.reports')}</h2>
      {reports.length === 0 ? (
        <p>{t('places.page.no_reports')}</p>
      ) : (
        <ul class="porch-entries">
          {reports.map((r) => (
            <li>
              <span class="porch-line">
                <strong>{t(`places.report_kind.${r.kind}`)}</strong>
                {r.problem && ` · ${t(`places.problem.${r.problem}`)}`}
                {r.stockLevel && r.kind === 'stocked' && ` · ${t(`places.stock.${r.stockLevel}`)}`}
                {r.hidden && ` · ${t('places.page.hidden')}`}
              </span>
              <span class="porch-line muted">
                {formatInstant(view, r.createdAt)}
                {r.reporterName && ` · ${r.reporterName}`}
              </span>
              {r.note && <span class="porch-line prose">{r.note}</span>}
              {r.photo && (
                <a href={r.photo.url}>
                  <img src={r.photo.thumbUrl} alt={t('places.page.report_photo')} width={160} />
                </a>
              )}
              {detail.mayHide && !r.hidden && (
                <PostButton
                  view={view}
                  action={`${b}/reports/${r.id}/hide`}
                  label={t('places.page.hide')}
                  kind="secondary"
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {detail.mayManage && (
        <details class="confirm">
          <summary class="button secondary">{t('places.page.archive')}</summary>
          <p>{t(place.publicUrl ? 'places.page.archive_confirm' : 'places.page.archive_confirm_private')}</p>
          <PostButton
            view={view}
            action={`${b}/archive`}
            label={t('places.page.archive_yes')}
            kind="danger"
          />
        </details>
      )}
    </Layout>
  );
}
