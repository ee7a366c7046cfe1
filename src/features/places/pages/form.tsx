/** Adding and editing a place: kind, name, where, opening hours, rules, contact, volunteers, photos. */
import {
  Checkbox,
  EditPhotos,
  ErrorSummary,
  errorFor,
  Field,
  type FormState,
  PhotoField,
  Radios,
  Select,
  TextArea,
  UploadForm,
} from '../../../web/components/form.tsx';
import { MapBlock, type MapSettings } from '../../../web/components/map.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { limits, placeKinds, weekdays } from '../schema.ts';
import { maxPlacePhotos } from '../service.ts';
import { base } from './common.tsx';

/** The volunteers as checkboxes of the community's members (stewards). */
function VolunteerBoxes({
  view,
  state,
  members,
}: {
  view: View;
  state: FormState;
  members: { accountId: string; displayName: string }[];
}) {
  const { t } = view;
  const chosen = new Set([state.values.volunteers ?? []].flat().map(String));
  const error = errorFor(state, 'volunteers', t('places.fields.volunteers'));
  return (
    <fieldset class={error ? 'field invalid' : 'field'} id="f-volunteers" aria-describedby="h-volunteers">
      <legend>{t('places.fields.volunteers')}</legend>
      <p class="hint" id="h-volunteers">
        {t('places.form.volunteers_hint')}
      </p>
      {error && <p class="field-error">{error}</p>}
      {members.map((m) => (
        <label class="choice">
          <input type="checkbox" name="volunteers" value={m.accountId} checked={chosen.has(m.accountId)} />{' '}
          {m.displayName}
        </label>
      ))}
    </fieldset>
  );
}

/** The place fields; photos when adding (and below the form when editing). */
export function PlaceFormPage({
  view,
  state,
  placeId,
  photos = [],
  members,
  mayManage,
  map,
  findPoints,
}: {
  view: View;
  map: MapSettings;
  /** A geocoder is set: the form offers to find the point from the address. */
  findPoints: boolean;
  state: FormState;
  placeId?: string;
  photos?: { id: string; thumbUrl: string }[];
  members: { accountId: string; displayName: string }[];
  mayManage: boolean;
}) {
  const { t } = view;
  const b = base(view);
  const title = placeId ? t('places.form.edit_title') : t('places.form.add_title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={placeId ? `${b}/${placeId}` : b}>{t('places.form.back')}</a>
      </p>
      <UploadForm view={view} action={placeId ? `${b}/${placeId}` : b}>
        <ErrorSummary view={view} state={state} />
        {placeId && !mayManage ? (
          // A volunteer keeps the kind: only stewards change it (it decides the public page).
          <p>
            {t('places.fields.kind')}: <strong>{t(`places.kind.${String(state.values.kind)}`)}</strong>
            <input type="hidden" name="kind" value={String(state.values.kind)} />
          </p>
        ) : (
          <Select
            state={state}
            name="kind"
            label={t('places.fields.kind')}
            options={placeKinds.map((k): [string, string] => [k, t(`places.kind.${k}`)])}
          />
        )}
        <Field state={state} name="name" label={t('places.fields.name')} required maxLength={limits.name} />
        <TextArea
          state={state}
          name="description"
          label={t('places.fields.description')}
          maxLength={limits.description}
        />
        <Field state={state} name="address" label={t('places.fields.address')} maxLength={limits.address} />
        <Radios
          state={state}
          name="addressVisibility"
          label={t('places.fields.address_visibility')}
          options={[
            ['members', t('places.form.address_members')],
            ['public', t('places.form.address_public')],
          ]}
        />
        <fieldset class="field point" id="f-point">
          <legend>{t('places.fields.point')}</legend>
          <p class="hint">{t('places.form.point_hint')}</p>
          {findPoints && (
            <button type="submit" name="findPoint" value="1" class="secondary">
              {t('places.form.find_point')}
            </button>
          )}
          <Field state={state} name="latitude" inputmode="decimal" label={t('places.fields.latitude')} />
          <Field state={state} name="longitude" inputmode="decimal" label={t('places.fields.longitude')} />
          <MapBlock view={view} settings={map} id="pin-map" label={t('places.map.pin_label')} />
        </fieldset>
        <fieldset class="field hours" id="f-hours">
          <legend>{t('places.fields.opening_hours')}</legend>
          <p class="hint">{t('places.form.hours_hint')}</p>
          <Checkbox state={state} name="alwaysOpen" label={t('places.hours.always')} />
          {weekdays.map((d) => (
            <fieldset class="field day">
              <legend>{t(`places.weekday.${d}`)}</legend>
              <Field state={state} name={`${d}Opens`} type="time" label={t('places.form.opens')} />
              <Field state={state} name={`${d}Closes`} type="time" label={t('places.form.closes')} />
            </fieldset>
          ))}
        </fieldset>
        <TextArea state={state} name="rules" label={t('places.fields.rules')} maxLength={limits.rules} />
        <TextArea
          state={state}
          name="foodAccepted"
          label={t('places.fields.food_accepted')}
          hint={t('places.form.food_hint')}
          maxLength={limits.food}
        />
        <TextArea
          state={state}
          name="foodLabels"
          label={t('places.fields.food_labels')}
          maxLength={limits.food}
        />
        <TextArea
          state={state}
          name="foodRefused"
          label={t('places.fields.food_refused')}
          maxLength={limits.food}
        />
        <Field
          state={state}
          name="contact"
          label={t('places.fields.contact')}
          hint={t('places.form.contact_hint')}
          maxLength={limits.contact}
        />
        <Field
          state={state}
          name="checkHours"
          type="number"
          inputmode="numeric"
          label={t('places.fields.check_hours')}
          hint={t('places.form.check_hours_hint')}
        />
        {mayManage && <VolunteerBoxes view={view} state={state} members={members} />}
        {!placeId && (
          <PhotoField
            state={state}
            name="photos"
            multiple
            label={t('places.fields.photos')}
            hint={t('places.form.photos_hint')}
          />
        )}
        <button type="submit">{placeId ? t('places.form.save') : t('places.form.add')}</button>
      </UploadForm>
      {placeId && (
        <EditPhotos
          max={maxPlacePhotos}
          view={view}
          state={state}
          photos={photos}
          action={`${b}/${placeId}/photos`}
          alt={(n) => t('places.page.photo_n', { n, name: String(state.values.name ?? '') })}
          texts={{
            heading: t('places.fields.photos'),
            remove: t('places.form.remove_photo'),
            hint: t('places.form.photos_hint'),
            upload: t('places.form.upload'),
          }}
        />
      )}
    </Layout>
  );
}
