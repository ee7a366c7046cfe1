/** What the pilot pages share: their menu, and a pilot's status and dates in words. */
import { formatDay } from '../../../web/dates.ts';
import type { View } from '../../../web/view.ts';
import type { PilotStatus } from '../service.ts';

/** `/c/:slug/pilots`. */
export const base = (view: View) => `/c/${view.community?.slug}/pilots`;

/** The pilots' menu: the list, starting one (stewards), the needs surveys. */
export function PilotsNav({ view, mayStart }: { view: View; mayStart: boolean }) {
  const { t } = view;
  const b = base(view);
  return (
    <nav aria-label={t('pilots.nav.label')} class="actions">
      <a href={b}>{t('pilots.nav.list')}</a>
      {mayStart && <a href={`${b}/new`}>{t('pilots.nav.start')}</a>}
      <a href={`/c/${view.community?.slug}/surveys`}>{t('pilots.nav.surveys')}</a>
    </nav>
  );
}

/** "Running, 3 April to 14 May 2027" and the like. */
export function statusLine(view: View, p: { status: PilotStatus; startsOn: string; endsOn: string }): string {
  const { t } = view;
  return t('pilots.status.line', {
    status: t(`pilots.status.${p.status}`),
    from: formatDay(view, p.startsOn),
    until: formatDay(view, p.endsOn),
  });
}
