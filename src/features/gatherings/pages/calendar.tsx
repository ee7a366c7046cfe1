/**
 * The shared calendar: the community's gatherings and shifts and the reader's loans due, as a list
 * of the coming weeks or a month (a table of its days, each marked day linking to its list below),
 * for everyone or "mine".
 */
import { addDays, addMonths } from '../../../platform/db/time.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { dateFormat, formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { CalendarEntry } from '../calendar.ts';
import { GatheringsNav, timeOf } from './common.tsx';

/** The weeks of the month of `first` (`YYYY-MM-01`), Monday first, days outside it null. */
function weeksOf(first: string): (string | null)[][] {
  const offset = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7;
  const month = first.slice(0, 7);
  const weeks: (string | null)[][] = [];
  let day = addDays(first, -offset);
  while (weeks.length === 0 || day.slice(0, 7) === month) {
    const week: (string | null)[] = [];
    for (let i = 0; i < 7; i++, day = addDays(day, 1)) week.push(day.slice(0, 7) === month ? day : null);
    weeks.push(week);
  }
  return weeks;
}

/** The month as a table, Monday first; a day with entries shows a mark and links to them. */
function MonthTable({
  view,
  month,
  days,
}: {
  view: View;
  month: string;
  days: Map<string, CalendarEntry[]>;
}) {
  const { t } = view;
  const weekdays = [0, 1, 2, 3, 4, 5, 6].map((i) => {
    const d = new Date(Date.UTC(2024, 0, 1 + i));
    const name = (weekday: 'narrow' | 'long') =>
      dateFormat(view.locale, { weekday, timeZone: 'UTC' }).format(d);
    return { narrow: name('narrow'), long: name('long') };
  });
  return (
    <div class="table-wrap">
      <table class="calendar">
        <caption class="visually-hidden">{t('gatherings.calendar.grid')}</caption>
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th scope="col">
                <span aria-hidden="true">{w.narrow}</span>
                <span class="visually-hidden">{w.long}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(`${month}-01`).map((week) => (
            <tr>
              {week.map((day) => {
                if (!day) return <td />;
                const n = formatNumber(view.locale, Number(day.slice(8)));
                const count = days.get(day)?.length ?? 0;
                return count === 0 ? (
                  <td>{n}</td>
                ) : (
                  <td class="day-booked">
                    <a href={`#d-${day}`}>
                      {n}
                      <span class="mark" aria-hidden="true" />
                      <span class="visually-hidden">{` ${t('gatherings.calendar.entries', { count })}`}</span>
                    </a>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The entries by day. */
function ByDay({ view, days }: { view: View; days: Map<string, CalendarEntry[]> }) {
  const { t } = view;
  const b = `/c/${view.community?.slug}`;
  if (days.size === 0) return <p class="notice">{t('gatherings.calendar.none')}</p>;
  return (
    <>
      {[...days].map(([day, list]) => (
        <section aria-labelledby={`d-${day}`}>
          <h2 id={`d-${day}`}>{formatDay(view, day)}</h2>
          <ul class="cards">
            {list.map((e) => (
              <li class="card">
                <h3>
                  <a href={`${b}${e.path}`}>
                    {e.type === 'loan' ? t('gatherings.calendar.loan_due', { item: e.title }) : e.title}
                  </a>
                </h3>
                <p>
                  {t(`gatherings.calendar.type.${e.type}`)}
                  {e.startsAt && e.endsAt && (
                    <>
                      {' '}
                      ·{' '}
                      {t('gatherings.list.when', {
                        start: timeOf(view, e.startsAt),
                        end: timeOf(view, e.endsAt),
                      })}
                    </>
                  )}
                  {e.where && <> · {e.where}</>}
                  {e.cancelled && (
                    <>
                      {' · '}
                      <strong>{t('gatherings.status.cancelled')}</strong>
                    </>
                  )}
                  {e.overdue && (
                    <>
                      {' · '}
                      <strong>{t('gatherings.calendar.overdue')}</strong>
                    </>
                  )}
                  {e.mine && e.type !== 'loan' && <> · {t('gatherings.calendar.mine_mark')}</>}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/**
 * `GET /c/:community/calendar` (the coming weeks) and `/c/:community/calendar/:month`; `?mine=1`
 * for the reader's own. `month` null: the list view; `next` null past the horizon.
 */
export function CalendarPage({
  view,
  entries,
  month,
  next,
  mine,
  mayAdd,
}: {
  view: View;
  entries: CalendarEntry[];
  month: string | null;
  next: string | null;
  mine: boolean;
  mayAdd: boolean;
}) {
  const { t } = view;
  const b = `/c/${view.community?.slug}/calendar`;
  const q = mine ? '?mine=1' : '';
  const days = new Map<string, CalendarEntry[]>();
  for (const e of entries) days.set(e.day, [...(days.get(e.day) ?? []), e]);
  const monthName =
    month &&
    dateFormat(view.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${month}-01T12:00:00Z`),
    );
  const title = monthName
    ? t('gatherings.calendar.month_title', { month: monthName })
    : t('gatherings.calendar.title');
  const here = month ? `${b}/${month}` : b;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <GatheringsNav view={view} mayAdd={mayAdd} />
      <nav aria-label={t('gatherings.calendar.views')} class="actions">
        <a href={`${b}${q}`} aria-current={month ? undefined : 'page'}>
          {t('gatherings.calendar.list')}
        </a>
        <a href={`${b}/${month ?? view.community?.month()}${q}`} aria-current={month ? 'page' : undefined}>
          {t('gatherings.calendar.month')}
        </a>
        <a href={here} aria-current={mine ? undefined : 'page'}>
          {t('gatherings.calendar.everyone')}
        </a>
        <a href={`${here}?mine=1`} aria-current={mine ? 'page' : undefined}>
          {t('gatherings.calendar.mine')}
        </a>
      </nav>
      {month && (
        <>
          <nav aria-label={t('gatherings.calendar.months')} class="actions">
            <a href={`${b}/${addMonths(month, -1)}${q}`} rel="prev">
              {t('gatherings.calendar.previous')}
            </a>
            {next && (
              <a href={`${b}/${next}${q}`} rel="next">
                {t('gatherings.calendar.next')}
              </a>
            )}
          </nav>
          <MonthTable view={view} month={month} days={days} />
        </>
      )}
      <ByDay view={view} days={days} />
    </Layout>
  );
}
