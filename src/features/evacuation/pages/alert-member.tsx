/**
 * A member's part of an alert's day: on the network's page, the alert and their pickup (who,
 * which car, when), the households they check on as a buddy, with "safe" and "needs help" buttons;
 * a driver's route card with one big button per step (forms: no JavaScript needed); and afterwards
 * the feedback form.
 */
import { ErrorSummary, Form, type FormState, Radios, TextArea } from '../../../web/components/form.tsx';
import { KeepOffline } from '../../../web/components/keep-offline.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { dayLimits } from '../activation-schema.ts';
import type { AlertView, MyDay } from '../board.ts';
import type { RouteView } from '../service.ts';
import { AlertFacts, HouseholdState } from './alert.tsx';
import { base } from './common.tsx';
import { RouteCard } from './plan.tsx';

/** One big form button: a step of the day, or a buddy's "reached" in a drill. */
export function Tap({
  view,
  action,
  fields,
  label,
  of,
  kind,
}: {
  view: View;
  action: string;
  fields: Record<string, string>;
  label: string;
  of?: string;
  kind?: 'secondary' | 'danger';
}) {
  return (
    <form method="post" action={action} class="tap">
      <input type="hidden" name="_csrf" value={view.csrf} />
      {Object.entries(fields).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={kind}>
        {label}
        {of && <span class="visually-hidden">{`: ${of}`}</span>}
      </button>
    </form>
  );
}

/** "Safe" and "Needs help" for a household (its own, or one its buddy checks on). */
export function Marks({
  view,
  householdId,
  of,
  check,
  action = `${base(view)}/alert/households/${householdId}`,
}: {
  view: View;
  householdId: string;
  of?: string;
  /** Where the forms go (a personal link's own address). */
  action?: string;
  /** A buddy's check: "No answer" too. */
  check?: boolean;
}) {
  const { t } = view;
  return (
    <div class="actions">
      <Tap
        view={view}
        action={action}
        fields={{ status: 'safe' }}
        label={t('evacuation.mark.safe')}
        of={of}
      />
      <Tap
        view={view}
        action={action}
        fields={{ status: 'needs_help' }}
        label={t('evacuation.mark.needs_help')}
        of={of}
        kind="danger"
      />
      {check && (
        <Tap
          view={view}
          action={action}
          fields={{ status: 'no_answer' }}
          label={t('evacuation.mark.no_answer')}
          of={of}
        />
      )}
    </div>
  );
}

/** The alert on the network's page: what it is, the member's pickup, whom they check on, their route. */
export function MyDaySection({ view, day }: { view: View; day: MyDay }) {
  const { t } = view;
  const b = base(view);
  const h = day.household;
  return (
    <section aria-labelledby="day-heading" id="day" data-live="replace">
      <h2 id="day-heading">{t('evacuation.day.heading')}</h2>
      <AlertFacts view={view} alert={day.alert} />
      {h && (
        <>
          <h3>{t('evacuation.day.your_ride')}</h3>
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
          <Marks view={view} householdId={h.householdId} />
        </>
      )}
      {day.checks.length > 0 && (
        <>
          <h3>{t('evacuation.day.checks')}</h3>
          <ul class="cards">
            {day.checks.map((c) => (
              <li>
                <strong>
                  <bdi>{c.name}</bdi>
                </strong>
                <HouseholdState view={view} state={c.state} />
                <Marks view={view} householdId={c.householdId} of={c.name} />
              </li>
            ))}
          </ul>
        </>
      )}
      {day.route && (
        <p class="actions">
          <a class="button" href={`${b}/route`}>
            {t('evacuation.day.open_route')}
          </a>
        </p>
      )}
    </section>
  );
}

/**
 * A driver's route card on the day: the step their route is at, one button per next step
 * (started; at each stop picked up or could not find; arrived; I can't drive), big and plain.
 */
export function RouteDay({
  view,
  route,
  day,
  state,
  action = `${base(view)}/route/status`,
}: {
  view: View;
  route: RouteView | null;
  day: NonNullable<MyDay['route']>;
  state: FormState;
  /** Where the forms go (a personal link's own address). */
  action?: string;
}) {
  const { t } = view;
  const going = day.state === 'en_route';
  const over = day.state === 'arrived' || day.state === 'dropped_out';
  const names = new Map(route?.stops.map((s) => [s.householdId, s.name]) ?? []);
  // Arriving with a stop left would leave that household waiting for a car that has gone.
  const left = day.stops.filter((s) => !s.pickedUp && !s.notFound && s.state !== 'safe').length;
  return (
    <section aria-labelledby="steps-heading" class="route-day">
      <h2 id="steps-heading">{t('evacuation.day.steps')}</h2>
      <ErrorSummary view={view} state={state} />
      <ul class="tags">
        <li class={day.state === 'dropped_out' ? 'urgent' : undefined}>
          {t(`evacuation.route_state.${day.state}`)}
        </li>
      </ul>
      {day.state === 'not_started' && (
        <Tap view={view} action={action} fields={{ status: 'started' }} label={t('evacuation.tap.started')} />
      )}
      {going && (
        <ol class="cards">
          {day.stops.map((s) => {
            const name = names.get(s.householdId) ?? '';
            return (
              <li>
                <strong>
                  <bdi>{name}</bdi>
                </strong>
                <HouseholdState view={view} state={s.state} />
                {!s.pickedUp && (
                  <div class="actions">
                    <Tap
                      view={view}
                      action={action}
                      fields={{ status: 'picked_up', householdId: s.householdId }}
                      label={t('evacuation.tap.picked_up')}
                      of={name}
                    />
                    {s.state !== 'no_answer' && (
                      <Tap
                        view={view}
                        action={action}
                        fields={{ status: 'not_found', householdId: s.householdId }}
                        label={t('evacuation.tap.not_found')}
                        of={name}
                        kind="secondary"
                      />
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {going && left === 0 && (
        <Tap view={view} action={action} fields={{ status: 'arrived' }} label={t('evacuation.tap.arrived')} />
      )}
      {going && left > 0 && <p class="hint">{t('evacuation.errors.stops_left', { count: left })}</p>}
      {!over && (
        <details class="confirm">
          <summary class="button secondary">{t('evacuation.tap.dropped_out')}</summary>
          <p>{t('evacuation.tap.drop_confirm')}</p>
          <Tap
            view={view}
            action={action}
            fields={{ status: 'dropped_out' }}
            label={t('evacuation.tap.drop_yes')}
            kind="danger"
          />
        </details>
      )}
    </section>
  );
}

/** The driver's own route page while an alert is on: the steps first, then the card. */
export function RouteDayPage({
  view,
  route,
  day,
  alert,
  state,
}: {
  view: View;
  route: RouteView | null;
  /** The route on the day; null when no alert is on or it gives them no route. */
  day: MyDay['route'];
  alert: AlertView | null;
  state: FormState;
}) {
  const { t } = view;
  const title = t('evacuation.card.own_title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={base(view)}>{t('evacuation.back')}</a>
      </p>
      {alert && <AlertFacts view={view} alert={alert} />}
      {route && <KeepOffline view={view} />}
      {day ? (
        <RouteDay view={view} route={route} day={day} state={state} />
      ) : (
        <>
          <ErrorSummary view={view} state={state} />
          <p>{t(alert ? 'evacuation.day.no_route' : 'evacuation.day.no_alert')}</p>
        </>
      )}
      {route ? <RouteCard view={view} route={route} /> : <p>{t('evacuation.card.none')}</p>}
    </Layout>
  );
}

/** The feedback form after an alert: went well or could improve, and a comment. */
export function FeedbackPage({
  view,
  alert,
  state,
  given,
}: {
  view: View;
  alert: AlertView;
  state: FormState;
  given: boolean;
}) {
  const { t } = view;
  const title = t('evacuation.feedback.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        <strong>{alert.reason}</strong>
      </p>
      {alert.endMessage && <p class="prose">{alert.endMessage}</p>}
      {given && <p class="notice success">{t('evacuation.feedback.thanks')}</p>}
      {alert.endedAt ? (
        <>
          <ErrorSummary view={view} state={state} />
          <Form view={view} action={`${base(view)}/alerts/${alert.id}/feedback`}>
            <Radios
              state={state}
              name="feedback"
              label={t('evacuation.feedback.how')}
              options={[
                ['went_well', t('evacuation.feedback.went_well')],
                ['could_improve', t('evacuation.feedback.could_improve')],
              ]}
            />
            <TextArea
              state={state}
              name="comment"
              label={t('evacuation.feedback.comment')}
              hint={t('evacuation.feedback.comment_hint')}
              maxLength={dayLimits.comment}
            />
            <button type="submit">{t('evacuation.feedback.send')}</button>
          </Form>
        </>
      ) : (
        <p>{t('evacuation.feedback.still_on')}</p>
      )}
    </Layout>
  );
}
