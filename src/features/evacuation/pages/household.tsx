/** A household's registration: everything stored about it, and the form (the member, or a coordinator for a paper member). */
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PostButton,
  Radios,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import { KeepOffline } from '../../../web/components/keep-offline.tsx';
import { MapBlock, type MapSettings } from '../../../web/components/map.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { limits, shelterNeeds } from '../schema.ts';
import type { HouseholdView, ShelterView } from '../service.ts';
import { base, Needs, PointLine } from './common.tsx';

/**
 * Everything stored about a household, for the member it is ("what Porch keeps about you") and for
 * coordinators; the member (or a coordinator for a paper member) changes or withdraws it.
 */
export function HouseholdPage({
  view,
  household: h,
  own,
  mayEdit,
}: {
  view: View;
  household: HouseholdView;
  own: boolean;
  mayEdit: boolean;
}) {
  const { t } = view;
  const b = base(view);
  const self = own ? `${b}/household` : `${b}/households/${h.id}`;
  const title = own ? t('evacuation.household.own_title') : t('evacuation.household.title', { name: h.name });
  const row = (key: string, value: string) => (
    <>
      <dt>{t(`evacuation.fields.${key}`)}</dt>
      <dd class="prose">{value || t('evacuation.fields.not_said')}</dd>
    </>
  );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={own ? b : `${b}/households`}>{t('evacuation.back')}</a>
        {mayEdit && <a href={`${self}/edit`}>{t('evacuation.household.edit')}</a>}
      </p>
      {own && <p class="prose">{t('evacuation.household.all_we_keep')}</p>}
      {own && <KeepOffline view={view} />}
      <Needs view={view} h={h} />
      <dl class="facts">
        {row('address', h.address)}
        {row('mobility_aids', h.mobilityAids)}
        {row('language', h.language)}
        {row('phone', h.phone)}
        {row('notes', h.notes)}
        {row('buddy', h.buddy ? t(`evacuation.buddy.status.${h.buddy.status}`, { name: h.buddy.name }) : '')}
        {row(
          'backup_buddy',
          h.backupBuddy
            ? t(`evacuation.buddy.status.${h.backupBuddy.status}`, { name: h.backupBuddy.name })
            : '',
        )}
        {row(
          'shelter',
          h.shelter ? t(`evacuation.shelter_need.${h.shelterNeed}`, { shelter: h.shelter.name }) : '',
        )}
        {row(
          'may_split',
          h.maySplit ? t('evacuation.household.split_yes') : t('evacuation.household.split_no'),
        )}
        <dt>{t('evacuation.fields.consent')}</dt>
        <dd>
          {t('evacuation.household.consented', {
            when: formatInstant(view, h.consentedAt),
            who:
              h.consentedBy?.accountId === h.accountId
                ? t('evacuation.household.themselves')
                : (h.consentedBy?.name ?? ''),
          })}
        </dd>
      </dl>
      <PointLine view={view} at={h} />
      {own && <p class="muted">{t('evacuation.household.who_sees')}</p>}
      {mayEdit && (
        <>
          <h2>{t('evacuation.household.withdraw_title')}</h2>
          <p>{t('evacuation.household.withdraw_hint')}</p>
          <PostButton
            view={view}
            action={`${self}/withdraw`}
            label={t('evacuation.household.withdraw')}
            kind="danger"
          />
        </>
      )}
    </Layout>
  );
}

/** The people a buddy may be, as select options (names only), with "nobody" first. */
function personOptions(
  view: View,
  members: { accountId: string; displayName: string }[],
): [string, string][] {
  return [
    ['', view.t('evacuation.form.nobody')],
    ...members.map((m): [string, string] => [m.accountId, m.displayName]),
  ];
}

/** The point fields with a map to drop the pin on (the map only with JavaScript). */
export function PointFields({ view, state, map }: { view: View; state: FormState; map: MapSettings }) {
  const { t } = view;
  return (
    <fieldset class="field point" id="f-point">
      <legend>{t('evacuation.fields.point_legend')}</legend>
      <p class="hint">{t('evacuation.form.point_hint')}</p>
      <MapBlock
        view={view}
        settings={map}
        id="pin-map"
        label={t('evacuation.form.pin_map')}
        pinLabel={t('evacuation.form.pin')}
      />
      <Field state={state} name="latitude" label={t('evacuation.fields.latitude')} inputmode="decimal" />
      <Field state={state} name="longitude" label={t('evacuation.fields.longitude')} inputmode="decimal" />
    </fieldset>
  );
}

/**
 * The household form. `paper`: a coordinator registers a paper member (chosen here when new), and
 * the consent box says they asked them.
 */
export function HouseholdFormPage({
  view,
  state,
  action,
  back,
  members,
  shelters,
  paper,
  map,
  duringAlert,
}: {
  view: View;
  state: FormState;
  action: string;
  back: string;
  members: { accountId: string; displayName: string }[];
  shelters: ShelterView[];
  /** Paper members to choose from (a coordinator adding one), or the one being edited. */
  paper?: { accountId: string; displayName: string }[];
  map: MapSettings;
  /** An alert is on: a paper member's household may be corrected with the override box. */
  duringAlert?: boolean;
}) {
  const { t } = view;
  const title = paper ? t('evacuation.form.paper_household_title') : t('evacuation.form.household_title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={back}>{t('evacuation.back')}</a>
      </p>
      <p class="prose">{t('evacuation.form.household_intro')}</p>
      <Form view={view} action={action}>
        <ErrorSummary view={view} state={state} />
        {paper && (
          <Select
            state={state}
            name="accountId"
            label={t('evacuation.fields.paper_member')}
            hint={t('evacuation.form.paper_member_hint')}
            options={paper.map((m): [string, string] => [m.accountId, m.displayName])}
          />
        )}
        <Field
          state={state}
          name="address"
          label={t('evacuation.fields.address')}
          maxLength={limits.address}
          autocomplete="street-address"
        />
        <PointFields view={view} state={state} map={map} />
        <Field
          state={state}
          name="people"
          type="number"
          inputmode="numeric"
          label={t('evacuation.fields.people')}
          hint={t('evacuation.form.people_hint')}
          required
        />
        <Field
          state={state}
          name="wheelchairs"
          type="number"
          inputmode="numeric"
          label={t('evacuation.fields.wheelchairs')}
          hint={t('evacuation.form.wheelchairs_hint')}
        />
        <Field
          state={state}
          name="mobilityAids"
          label={t('evacuation.fields.mobility_aids')}
          hint={t('evacuation.form.aids_hint')}
          maxLength={limits.text}
        />
        <Field
          state={state}
          name="pets"
          type="number"
          inputmode="numeric"
          label={t('evacuation.fields.pets')}
        />
        <Field
          state={state}
          name="language"
          label={t('evacuation.fields.language')}
          maxLength={limits.language}
        />
        <Field
          state={state}
          name="phone"
          type="tel"
          label={t('evacuation.fields.phone')}
          maxLength={limits.phone}
          autocomplete="tel"
        />
        <Select
          state={state}
          name="buddyId"
          label={t('evacuation.fields.buddy')}
          hint={t('evacuation.form.buddy_hint')}
          options={personOptions(view, members)}
        />
        <Select
          state={state}
          name="backupBuddyId"
          label={t('evacuation.fields.backup_buddy')}
          options={personOptions(view, members)}
        />
        <Select
          state={state}
          name="shelterId"
          label={t('evacuation.fields.shelter')}
          options={[
            ['', t('evacuation.form.any_shelter')],
            ...shelters.map((s): [string, string] => [s.placeId, s.name]),
          ]}
        />
        <Radios
          state={state}
          name="shelterNeed"
          label={t('evacuation.fields.shelter_need')}
          options={shelterNeeds.map((n): [string, string] => [n, t(`evacuation.form.need_${n}`)])}
        />
        <Checkbox
          state={state}
          name="maySplit"
          label={t('evacuation.fields.may_split')}
          hint={t('evacuation.form.split_hint')}
        />
        <TextArea
          state={state}
          name="notes"
          label={t('evacuation.fields.notes')}
          hint={t('evacuation.form.notes_hint')}
          maxLength={limits.notes}
        />
        <ConsentBox view={view} state={state} paper={Boolean(paper)} />
        {duringAlert && paper && (
          <Checkbox
            state={state}
            name="correctDuringAlert"
            label={t('evacuation.form.correct_during_alert')}
            hint={t('evacuation.form.correct_during_alert_hint')}
          />
        )}
        <button type="submit">{t('evacuation.form.save')}</button>
      </Form>
    </Layout>
  );
}

/** The consent box: who reads this and why; for a paper member, that the coordinator asked them. */
export function ConsentBox({ view, state, paper }: { view: View; state: FormState; paper: boolean }) {
  const { t } = view;
  const error = state.errors.find((e) => e.field === 'consent')?.message;
  const v = state.values.consent;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <p class="hint" id="h-consent">
        {t('evacuation.form.consent_what')}
      </p>
      {error && (
        <p class="field-error" id="e-consent">
          {error}
        </p>
      )}
      <label class="choice">
        <input
          type="checkbox"
          id="f-consent"
          name="consent"
          value="1"
          checked={v === '1' || v === 'on' || v === true}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'h-consent e-consent' : 'h-consent'}
        />{' '}
        {paper ? t('evacuation.form.consent_paper') : t('evacuation.form.consent_self')}
      </label>
    </div>
  );
}
