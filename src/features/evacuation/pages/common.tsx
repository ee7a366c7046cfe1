/** Building blocks shared by the ride network's pages. */
import { formatNumber } from '../../../platform/i18n/index.ts';
import type { View } from '../../../web/view.ts';
import type { HouseholdView } from '../service.ts';

/** The network's base path in the current community. */
export function base(view: View): string {
  return `/c/${view.community?.slug ?? ''}/evacuation`;
}

/** Degrees as the reader's language writes them, to about a metre. */
export function degreesText(view: View, value: number): string {
  return new Intl.NumberFormat(view.locale, { maximumFractionDigits: 5 }).format(value);
}

/** A number as the reader's language writes it. */
export function num(view: View, n: number): string {
  return formatNumber(view.locale, n);
}

/** The point of a registration ("Point: 41.85; -87.66"), or that it has none and so cannot be planned. */
export function PointLine({
  view,
  at,
}: {
  view: View;
  at: { latitude: number | null; longitude: number | null };
}) {
  const { t } = view;
  if (at.latitude === null || at.longitude === null)
    return <p class="notice">{t('evacuation.fields.no_point')}</p>;
  return (
    <p class="muted">
      {t('evacuation.fields.point', {
        lat: degreesText(view, at.latitude),
        lon: degreesText(view, at.longitude),
      })}
    </p>
  );
}

/** A household's needs as short tags: people, wheelchairs, pets, language, mobility aids. */
export function Needs({
  view,
  h,
}: {
  view: View;
  h: Pick<HouseholdView, 'people' | 'wheelchairs' | 'pets' | 'language' | 'mobilityAids'>;
}) {
  const { t } = view;
  return (
    <ul class="tags">
      <li>{t('evacuation.needs.people', { count: h.people })}</li>
      {h.wheelchairs > 0 && <li>{t('evacuation.needs.wheelchairs', { count: h.wheelchairs })}</li>}
      {h.pets > 0 && <li>{t('evacuation.needs.pets', { count: h.pets })}</li>}
      {h.language && <li>{t('evacuation.needs.language', { language: h.language })}</li>}
      {h.mobilityAids && <li>{t('evacuation.needs.aids', { aids: h.mobilityAids })}</li>}
    </ul>
  );
}
