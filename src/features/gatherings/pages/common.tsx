/** What the gatherings pages share: their menu, an occurrence's line, its times and place. */
import { dateFormat, formatDay } from '../../../web/dates.ts';
import type { View } from '../../../web/view.ts';
import type { OccurrenceView } from '../service.ts';

/** `/c/:slug/gatherings`. */
export const base = (view: View) => `/c/${view.community?.slug}/gatherings`;

/** The path of an occurrence's page. */
export const occurrencePath = (view: View, o: Pick<OccurrenceView, 'gatheringId' | 'occurrence'>) =>
  `${base(view)}/${o.gatheringId}/${o.occurrence}`;

/** A time of day of `instant` in the community's zone and the reader's language ("8:00 AM"). */
export function timeOf(view: View, instant: string): string {
  return dateFormat(view.locale, { timeStyle: 'short', timeZone: view.community?.timeZone ?? 'UTC' }).format(
    new Date(instant),
  );
}

/** When an occurrence is: its day, and from when to when (the end's day too when it ends another day). */
export function whenOf(view: View, o: Pick<OccurrenceView, 'local' | 'startsAt' | 'endsAt'>): string {
  const zone = view.community?.timeZone ?? 'UTC';
  const endDay = dateFormat('en-CA', { timeZone: zone }).format(new Date(o.endsAt));
  const start = timeOf(view, o.startsAt);
  const end =
    endDay === o.local.slice(0, 10)
      ? timeOf(view, o.endsAt)
      : `${formatDay(view, endDay)}, ${timeOf(view, o.endsAt)}`;
  return `${formatDay(view, o.local.slice(0, 10))}, ${view.t('gatherings.list.when', { start, end })}`;
}

/** Where an occurrence is: its place's name, or its address, or nothing. */
export function whereOf(o: Pick<OccurrenceView, 'placeName' | 'address'>): string | null {
  return o.placeName ?? (o.address || null);
}

/** The "when" and "where" rows of an occurrence's description list (`<dl>`), the same on every page. */
export function WhenWhere({
  view,
  o,
}: {
  view: View;
  o: Pick<OccurrenceView, 'local' | 'startsAt' | 'endsAt' | 'placeName' | 'address'>;
}) {
  const where = whereOf(o);
  return (
    <>
      <dt>{view.t('gatherings.occurrence.when')}</dt>
      <dd>{whenOf(view, o)}</dd>
      {where && (
        <>
          <dt>{view.t('gatherings.occurrence.where')}</dt>
          <dd>{where}</dd>
        </>
      )}
    </>
  );
}

/** How many are coming, in words ("12 coming · 3 places left"). */
export function countsOf(view: View, o: OccurrenceView): string {
  const { t } = view;
  const parts = [t('gatherings.list.going', { count: o.going })];
  if (o.maybe > 0) parts.push(t('gatherings.list.maybe', { count: o.maybe }));
  if (o.placesLeft !== null) {
    parts.push(
      o.placesLeft > 0 ? t('gatherings.list.left', { count: o.placesLeft }) : t('gatherings.list.full'),
    );
  }
  if (o.waiting > 0) parts.push(t('gatherings.list.waiting', { count: o.waiting }));
  return parts.join(' · ');
}

/** The gatherings' menu: coming, the shared calendar, and organizing one. */
export function GatheringsNav({ view, mayAdd }: { view: View; mayAdd: boolean }) {
  const { t } = view;
  const b = base(view);
  return (
    <nav aria-label={t('gatherings.nav.label')} class="actions">
      <a href={b}>{t('gatherings.nav.coming')}</a>
      <a href={`/c/${view.community?.slug}/calendar`}>{t('gatherings.nav.calendar')}</a>
      {mayAdd && <a href={`${b}/new`}>{t('gatherings.nav.add')}</a>}
    </nav>
  );
}

/** Occurrences grouped by local day, in order: a list by day reads well on a phone. */
export function OccurrencesByDay({ view, list }: { view: View; list: readonly OccurrenceView[] }) {
  const { t } = view;
  const days = new Map<string, OccurrenceView[]>();
  for (const o of list) days.set(o.local.slice(0, 10), [...(days.get(o.local.slice(0, 10)) ?? []), o]);
  if (days.size === 0) return <p class="notice">{t('gatherings.list.none')}</p>;
  return (
    <>
      {[...days].map(([day, items]) => (
        <section aria-labelledby={`d-${day}`}>
          <h2 id={`d-${day}`}>{formatDay(view, day)}</h2>
          <ul class="cards">
            {items.map((o) => (
              <li class="card">
                <h3>
                  <a href={occurrencePath(view, o)}>{o.title}</a>
                </h3>
                <p>
                  {t('gatherings.list.when', {
                    start: timeOf(view, o.startsAt),
                    end: timeOf(view, o.endsAt),
                  })}
                  {whereOf(o) && <> · {whereOf(o)}</>}
                  {o.kind !== 'gathering' && <> · {t(`gatherings.kind.${o.kind}`)}</>}
                </p>
                <p>
                  {o.cancelled ? <strong>{t('gatherings.status.cancelled')}</strong> : countsOf(view, o)}
                  {o.myAnswer && !o.cancelled && (
                    <>
                      {' '}
                      ·{' '}
                      {t(o.myWaiting ? 'gatherings.list.mine_waiting' : `gatherings.list.mine_${o.myAnswer}`)}
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
