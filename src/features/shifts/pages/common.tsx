/** What the shifts pages share: their menu, a shift's line, its times. */
import { dateFormat, formatDay } from '../../../web/dates.ts';
import type { View } from '../../../web/view.ts';
import type { ShiftView } from '../service.ts';

/** `/c/:slug/shifts`. */
export const base = (view: View) => `/c/${view.community?.slug}/shifts`;

/** The path of an occurrence's page. */
export const shiftPath = (view: View, s: Pick<ShiftView, 'seriesId' | 'occurrence'>) =>
  `${base(view)}/${s.seriesId}/${s.occurrence}`;

/** A time of day of `instant` in the community's zone and the reader's language ("8:00 AM"). */
export function timeOf(view: View, instant: string): string {
  return dateFormat(view.locale, { timeStyle: 'short', timeZone: view.community?.timeZone ?? 'UTC' }).format(
    new Date(instant),
  );
}

/** The shifts' menu: coming, this month, and setting one up when allowed. */
export function ShiftsNav({ view, mayAdd }: { view: View; mayAdd: boolean }) {
  const { t } = view;
  const b = base(view);
  return (
    <nav aria-label={t('shifts.nav.label')} class="actions">
      <a href={b}>{t('shifts.nav.coming')}</a>
      <a href={`${b}/month/${view.community?.month()}`}>{t('shifts.nav.month')}</a>
      <a href="/account/calendar">{t('shifts.nav.calendar')}</a>
      <a href={`${b}/no-shows`}>{t('shifts.nav.no_shows')}</a>
      {mayAdd && <a href={`${b}/new`}>{t('shifts.nav.add')}</a>}
    </nav>
  );
}

/** Shifts grouped by local day, in order: a list by day reads well on a phone (no 7-column grid). */
export function ShiftsByDay({ view, shifts }: { view: View; shifts: readonly ShiftView[] }) {
  const { t } = view;
  const days = new Map<string, ShiftView[]>();
  for (const s of shifts) days.set(s.local.slice(0, 10), [...(days.get(s.local.slice(0, 10)) ?? []), s]);
  if (days.size === 0) return <p class="notice">{t('shifts.list.none')}</p>;
  return (
    <>
      {[...days].map(([day, list]) => (
        <section aria-labelledby={`d-${day}`}>
          <h2 id={`d-${day}`}>{formatDay(view, day)}</h2>
          <ul class="cards">
            {list.map((s) => (
              <li class="card">
                <h3>
                  <a href={shiftPath(view, s)}>{s.title}</a>
                </h3>
                <p>
                  {t('shifts.list.when', { start: timeOf(view, s.startsAt), end: timeOf(view, s.endsAt) })}
                  {s.placeName && <> · {s.placeName}</>}
                </p>
                <p>
                  {s.cancelled ? (
                    <strong>{t('shifts.status.cancelled')}</strong>
                  ) : s.open > 0 ? (
                    <strong class="open">
                      {t('shifts.list.open', { count: s.open, needed: s.peopleNeeded })}
                    </strong>
                  ) : (
                    t('shifts.list.full', { needed: s.peopleNeeded })
                  )}
                  {s.mine && <> · {t('shifts.list.mine')}</>}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
