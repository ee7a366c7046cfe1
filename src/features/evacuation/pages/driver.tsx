/** A driver's registration: everything stored, and the form (the member, or a coordinator for a paper member). */
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PostButton,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import type { MapSettings } from '../../../web/components/map.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { limits, slots } from '../schema.ts';
import type { DriverView } from '../service.ts';
import { base, PointLine } from './common.tsx';
import { ConsentBox, PointFields } from './household.tsx';

/** The driver's vehicle as tags: seats, wheelchair places, pets. */
export function Vehicle({
  view,
  d,
}: {
  view: View;
  d: Pick<DriverView, 'seats' | 'wheelchairPlaces' | 'pets' | 'vehicle'>;
}) {
  const { t } = view;
  return (
    <ul class="tags">
      {d.vehicle && <li>{d.vehicle}</li>}
      <li>{t('evacuation.vehicle.seats', { count: d.seats })}</li>
      {d.wheelchairPlaces > 0 && (
        <li>{t('evacuation.vehicle.wheelchair_places', { count: d.wheelchairPlaces })}</li>
      )}
      {d.pets && <li>{t('evacuation.vehicle.pets')}</li>}
    </ul>
  );
}

/** Everything stored about a driver, for the member they are and for coordinators. */
export function DriverPage({
  view,
  driver: d,
  own,
  mayEdit,
}: {
  view: View;
  driver: DriverView;
  own: boolean;
  mayEdit: boolean;
}) {
  const { t } = view;
  const b = base(view);
  const self = own ? `${b}/driver` : `${b}/drivers/${d.id}`;
  const title = own ? t('evacuation.driver.own_title') : t('evacuation.driver.title', { name: d.name });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={own ? b : `${b}/drivers`}>{t('evacuation.back')}</a>
        {mayEdit && <a href={`${self}/edit`}>{t('evacuation.driver.edit')}</a>}
      </p>
      {own && <p class="prose">{t('evacuation.driver.all_we_keep')}</p>}
      <Vehicle view={view} d={d} />
      <dl class="facts">
        <dt>{t('evacuation.fields.home')}</dt>
        <dd>{d.address || t('evacuation.fields.not_said')}</dd>
        <dt>{t('evacuation.fields.availability')}</dt>
        <dd>
          {d.availability.length
            ? d.availability.map((s) => t(`evacuation.slot.${s}`)).join(', ')
            : t('evacuation.driver.no_availability')}
        </dd>
        <dt>{t('evacuation.fields.phone')}</dt>
        <dd>{d.phone || t('evacuation.fields.not_said')}</dd>
        <dt>{t('evacuation.fields.notes')}</dt>
        <dd class="prose">{d.notes || t('evacuation.fields.not_said')}</dd>
        <dt>{t('evacuation.fields.consent')}</dt>
        <dd>
          {t('evacuation.household.consented', {
            when: formatInstant(view, d.consentedAt),
            who:
              d.consentedBy?.accountId === d.accountId
                ? t('evacuation.household.themselves')
                : (d.consentedBy?.name ?? ''),
          })}
        </dd>
      </dl>
      <PointLine view={view} at={d} />
      {mayEdit && (
        <>
          <h2>{t('evacuation.driver.withdraw_title')}</h2>
          <PostButton
            view={view}
            action={`${self}/withdraw`}
            label={t('evacuation.driver.withdraw')}
            kind="danger"
          />
        </>
      )}
    </Layout>
  );
}

/** The driver form; `paper`: a coordinator registers a paper member. */
export function DriverFormPage({
  view,
  state,
  action,
  back,
  paper,
  map,
}: {
  view: View;
  state: FormState;
  action: string;
  back: string;
  paper?: { accountId: string; displayName: string }[];
  map: MapSettings;
}) {
  const { t } = view;
  const title = paper ? t('evacuation.form.paper_driver_title') : t('evacuation.form.driver_title');
  const chosen = new Set([state.values.availability ?? []].flat().map(String));
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={back}>{t('evacuation.back')}</a>
      </p>
      <p class="prose">{t('evacuation.form.driver_intro')}</p>
      <Form view={view} action={action}>
        <ErrorSummary view={view} state={state} />
        {paper && (
          <Select
            state={state}
            name="accountId"
            label={t('evacuation.fields.paper_member')}
            options={paper.map((m): [string, string] => [m.accountId, m.displayName])}
          />
        )}
        <Field
          state={state}
          name="vehicle"
          label={t('evacuation.fields.vehicle')}
          hint={t('evacuation.form.vehicle_hint')}
          maxLength={limits.vehicle}
        />
        <Field
          state={state}
          name="seats"
          type="number"
          inputmode="numeric"
          label={t('evacuation.fields.seats')}
          hint={t('evacuation.form.seats_hint')}
          required
        />
        <Field
          state={state}
          name="wheelchairPlaces"
          type="number"
          inputmode="numeric"
          label={t('evacuation.fields.wheelchair_places')}
        />
        <Checkbox state={state} name="pets" label={t('evacuation.fields.takes_pets')} />
        <Field
          state={state}
          name="address"
          label={t('evacuation.fields.home')}
          hint={t('evacuation.form.home_hint')}
          maxLength={limits.address}
        />
        <PointFields view={view} state={state} map={map} />
        <fieldset class="field" id="f-availability">
          <legend>{t('evacuation.fields.availability')}</legend>
          {slots.map((s) => (
            <label class="choice">
              <input type="checkbox" name="availability" value={s} checked={chosen.has(s)} />{' '}
              {t(`evacuation.slot.${s}`)}
            </label>
          ))}
        </fieldset>
        <Field
          state={state}
          name="phone"
          type="tel"
          label={t('evacuation.fields.phone')}
          maxLength={limits.phone}
          autocomplete="tel"
        />
        <TextArea state={state} name="notes" label={t('evacuation.fields.notes')} maxLength={limits.notes} />
        <ConsentBox view={view} state={state} paper={Boolean(paper)} />
        <button type="submit">{t('evacuation.form.save')}</button>
      </Form>
    </Layout>
  );
}
