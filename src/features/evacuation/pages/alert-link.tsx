/**
 * An alert through a personal link, without signing in and without JavaScript: a household's
 * pickup with "Safe" and "Needs help", or a driver's steps and route card. A personal page: not
 * indexed, and no link on it hands its address on.
 */
import { ErrorSummary, type FormState } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { LinkDay } from '../alert-links.ts';
import { AlertFacts, HouseholdState } from './alert.tsx';
import { Marks, RouteDay } from './alert-member.tsx';
import { base } from './common.tsx';
import { RouteCard } from './plan.tsx';

/** The page of an alert's personal link. */
export function AlertLinkPage({
  view,
  token,
  day,
  state,
}: {
  view: View;
  token: string;
  day: LinkDay;
  state: FormState;
}) {
  const { t } = view;
  const title = t('evacuation.day.heading');
  const action = `${base(view)}/safe/${token}`;
  const h = day.part.household;
  return (
    <Layout view={view} title={title} personal>
      <h1>{title}</h1>
      <p>{t('evacuation.day.for', { name: day.name })}</p>
      <AlertFacts view={view} alert={day.part.alert} />
      {day.check && (
        <>
          <h2>{t('evacuation.day.check_heading', { name: day.check.name })}</h2>
          <p>{t('evacuation.day.check_hint')}</p>
          <ErrorSummary view={view} state={state} />
          <p>
            {day.check.address || t('evacuation.fields.no_address')}
            <br />
            {day.check.phone ? (
              <a href={`tel:${day.check.phone.replace(/[^+\d]/g, '')}`}>
                {t('evacuation.card.phone', { phone: day.check.phone })}
              </a>
            ) : (
              t('evacuation.fields.no_phone')
            )}
          </p>
          <HouseholdState view={view} state={day.check.state} />
          <Marks view={view} householdId={day.check.householdId} action={action} of={day.check.name} check />
        </>
      )}
      {h && (
        <>
          <h2>{t('evacuation.day.your_ride')}</h2>
          <ErrorSummary view={view} state={state} />
          {h.driver ? (
            <p>
              {t('evacuation.day.pickup', {
                driver: h.driver,
                vehicle: h.vehicle || t('evacuation.fields.not_said'),
                minutes: h.arrivalMinutes ?? 0,
                shelter: h.shelter ?? '',
              })}
            </p>
          ) : (
            <p>{t('evacuation.day.no_pickup')}</p>
          )}
          <HouseholdState view={view} state={h.state} />
          <Marks view={view} householdId={h.householdId} action={action} />
        </>
      )}
      {day.driverId &&
        (day.part.route ? (
          <RouteDay
            view={view}
            route={day.route}
            day={day.part.route}
            state={state}
            action={`${action}/route`}
          />
        ) : (
          <p>{t('evacuation.day.no_route')}</p>
        ))}
      {day.route && <RouteCard view={view} route={day.route} />}
    </Layout>
  );
}
