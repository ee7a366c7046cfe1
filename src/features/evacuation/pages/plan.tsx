/** The plan (coordinators): make one, see it on the map and as a list, move or lock households; route cards to print. */
import { ErrorSummary, Field, Form, type FormState, Select } from '../../../web/components/form.tsx';
import { KeepOffline } from '../../../web/components/keep-offline.tsx';
import { MapBlock, type MapSettings } from '../../../web/components/map.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { slots } from '../schema.ts';
import type { PlanView, RouteView } from '../service.ts';
import { base, Needs } from './common.tsx';

/** The form that moves a household to a driver (a lock), or lets it go to any driver. */
function MoveForm({
  view,
  householdId,
  drivers,
  current,
}: {
  view: View;
  householdId: string;
  drivers: { id: string; name: string }[];
  current?: string;
}) {
  const { t } = view;
  const id = `move-${householdId}`;
  return (
    <form method="post" action={`${base(view)}/plan/locks/${householdId}`} class="move">
      <input type="hidden" name="_csrf" value={view.csrf} />
      <label for={id}>{t('evacuation.plan.move_to')}</label>
      <select id={id} name="driverId">
        <option value="">{t('evacuation.plan.any_driver')}</option>
        {drivers.map((d) => (
          <option value={d.id} selected={d.id === current}>
            {d.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {t('evacuation.plan.move')}
      </button>
    </form>
  );
}

/** The plan page: settings, who is not served and why, each route with its stops, the map. */
export function PlanPage({
  view,
  plan,
  drivers,
  state,
  map,
}: {
  view: View;
  plan: PlanView | null;
  drivers: { id: string; name: string }[];
  state: FormState;
  map: MapSettings;
}) {
  const { t } = view;
  const b = base(view);
  const title = t('evacuation.plan.title');
  const points = plan?.routes.flatMap((r) => [
    ...r.stops.flatMap((s) =>
      s.latitude !== null && s.longitude !== null
        ? [
            {
              name: s.name,
              url: `${b}/households/${s.householdId}`,
              lat: s.latitude,
              lon: s.longitude,
              kind: r.driverName,
            },
          ]
        : [],
    ),
    ...(r.shelter.latitude !== null && r.shelter.longitude !== null
      ? [
          {
            name: r.shelter.name,
            url: `${b}/shelters`,
            lat: r.shelter.latitude,
            lon: r.shelter.longitude,
            kind: t('evacuation.plan.shelter'),
          },
        ]
      : []),
  ]);
  const lines = plan?.routes.map((r) =>
    [
      [r.latitude, r.longitude],
      ...r.stops.map((s) => [s.latitude, s.longitude]),
      [r.shelter.latitude, r.shelter.longitude],
    ].filter((p): p is [number, number] => p[0] !== null && p[1] !== null),
  );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
        {plan && plan.routes.length > 0 && <a href={`${b}/plan/cards`}>{t('evacuation.plan.cards')}</a>}
      </p>
      <p class="prose">{t('evacuation.plan.intro')}</p>
      <Form view={view} action={`${b}/plan`}>
        <ErrorSummary view={view} state={state} />
        <Select
          state={state}
          name="slot"
          label={t('evacuation.fields.slot')}
          options={[
            ['any', t('evacuation.slot.any')],
            ...slots.map((s): [string, string] => [s, t(`evacuation.slot.${s}`)]),
          ]}
        />
        <Field
          state={state}
          name="maxMinutes"
          type="number"
          inputmode="numeric"
          label={t('evacuation.fields.max_minutes')}
          hint={t('evacuation.plan.max_hint')}
        />
        <button type="submit">{plan ? t('evacuation.plan.replan') : t('evacuation.plan.make')}</button>
      </Form>
      {!plan ? (
        <p>{t('evacuation.plan.none')}</p>
      ) : (
        <>
          <h2>{t('evacuation.plan.summary')}</h2>
          <p>
            {t('evacuation.plan.made', {
              when: formatInstant(view, plan.createdAt),
              slot: t(`evacuation.slot.${plan.slot}`),
              minutes: plan.maxMinutes,
            })}
          </p>
          <p>
            <strong>{t('evacuation.plan.served', { served: plan.served, count: plan.households })}</strong>{' '}
            {t('evacuation.plan.routes', { count: plan.routes.length, drivers: plan.drivers })}
          </p>
          <MapBlock
            view={view}
            settings={map}
            id="places-map"
            label={t('evacuation.plan.map')}
            places={points}
            lines={lines}
          />
          <h2>{t('evacuation.plan.unserved_title', { count: plan.unserved.length })}</h2>
          {plan.unserved.length === 0 ? (
            <p>{t('evacuation.plan.everyone')}</p>
          ) : (
            <ul class="cards">
              {plan.unserved.map((u) => (
                <li class="card">
                  <h3>
                    <a href={`${b}/households/${u.householdId}`}>{u.name}</a>
                  </h3>
                  <p class="notice">{u.message}</p>
                  <MoveForm view={view} householdId={u.householdId} drivers={drivers} />
                </li>
              ))}
            </ul>
          )}
          <h2>{t('evacuation.plan.routes_title')}</h2>
          {plan.routes.map((r) => (
            <section class="card" aria-labelledby={`r-${r.driverId}`}>
              <h3 id={`r-${r.driverId}`}>
                {t('evacuation.plan.route_heading', { driver: r.driverName, shelter: r.shelter.name })}
              </h3>
              <p>
                {t('evacuation.plan.route_line', {
                  people: r.people,
                  minutes: r.arrivalMinutes,
                  km: r.distanceKm,
                })}{' '}
                <a href={`${b}/plan/cards/${r.driverId}`}>{t('evacuation.plan.card')}</a>
              </p>
              <ol class="stops">
                {r.stops.map((s) => (
                  <li>
                    <a href={`${b}/households/${s.householdId}`}>{s.name}</a>
                    {s.parts > 1 && ` ${t('evacuation.plan.part', { part: s.part, parts: s.parts })}`}
                    {' · '}
                    {t('evacuation.plan.at_minute', { minutes: s.arrivalMinutes })}
                    {s.locked && ` · ${t('evacuation.plan.locked')}`}
                    <Needs view={view} h={s} />
                    {!s.locked && (
                      // The button says "Keep with this driver"; whom and with whom is for screen readers.
                      <form method="post" action={`${b}/plan/locks/${s.householdId}`} class="inline">
                        <input type="hidden" name="_csrf" value={view.csrf} />
                        <input type="hidden" name="driverId" value={r.driverId} />
                        <button type="submit" class="secondary">
                          {t('evacuation.plan.keep')}
                          <span class="visually-hidden">
                            {` ${t('evacuation.plan.lock', { name: s.name, driver: r.driverName })}`}
                          </span>
                        </button>
                      </form>
                    )}
                    <MoveForm
                      view={view}
                      householdId={s.householdId}
                      drivers={drivers}
                      current={s.locked ? r.driverId : undefined}
                    />
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}

/** One route card: a printed page for the driver, everything the pickups need. */
export function RouteCard({ view, route: r }: { view: View; route: RouteView }) {
  const { t } = view;
  return (
    <article class="card route-card" aria-labelledby={`c-${r.driverId}`}>
      <h2 id={`c-${r.driverId}`}>{t('evacuation.card.heading', { driver: r.driverName })}</h2>
      {r.vehicle && <p>{r.vehicle}</p>}
      <p>
        {t('evacuation.card.from', {
          address: r.address || t('evacuation.fields.not_said'),
          phone: r.phone || t('evacuation.fields.not_said'),
        })}
      </p>
      <ol class="stops">
        {r.stops.map((s) => (
          <li>
            <strong>{s.name}</strong>
            {s.parts > 1 && ` ${t('evacuation.plan.part', { part: s.part, parts: s.parts })}`}
            {s.left && (
              <>
                <br />
                <strong>{t('evacuation.card.left')}</strong>
              </>
            )}
            <br />
            {s.address || t('evacuation.fields.no_address')}
            <br />
            {t('evacuation.card.phone', { phone: s.phone || t('evacuation.fields.not_said') })}
            {' · '}
            {t('evacuation.plan.at_minute', { minutes: s.arrivalMinutes })}
            <Needs view={view} h={s} />
          </li>
        ))}
      </ol>
      <p>
        <strong>{t('evacuation.card.shelter', { shelter: r.shelter.name })}</strong>
        <br />
        {r.shelter.address || t('evacuation.fields.no_address')}
        <br />
        {t('evacuation.card.arrive', { minutes: r.arrivalMinutes, people: r.people })}
      </p>
    </article>
  );
}

/** Route cards: every route (or one), one printed page each. */
export function CardsPage({ view, routes, own }: { view: View; routes: RouteView[]; own?: boolean }) {
  const { t } = view;
  const b = base(view);
  const title = own ? t('evacuation.card.own_title') : t('evacuation.card.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={own ? b : `${b}/plan`}>{t('evacuation.back')}</a>
      </p>
      <p class="muted">{t('evacuation.card.print_hint')}</p>
      {routes.length > 0 && <KeepOffline view={view} />}
      {routes.length === 0 ? (
        <p>{t('evacuation.card.none')}</p>
      ) : (
        routes.map((r) => <RouteCard view={view} route={r} />)
      )}
    </Layout>
  );
}
