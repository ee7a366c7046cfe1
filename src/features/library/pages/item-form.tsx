/** Adding and editing an item, with photos. */
import {
  EditPhotos,
  ErrorSummary,
  Field,
  type FormState,
  PhotoField,
  Radios,
  Select,
  TextArea,
  UploadForm,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { categories, conditions, valueBands } from '../schema.ts';
import { maxItemPhotos } from '../service.ts';
import { base, LibraryNav } from './common.tsx';

/** The item fields; `photos` and the owner choice only when adding. */
export function ItemFormPage({
  view,
  state,
  itemId,
  photos = [],
  places,
}: {
  view: View;
  state: FormState;
  itemId?: string;
  photos?: { id: string; thumbUrl: string }[];
  /** The community's places the item may be kept at (none: no choice is offered). */
  places: { id: string; name: string }[];
}) {
  const { t } = view;
  const b = base(view);
  const title = itemId ? t('library.form.edit_title') : t('library.form.add_title');
  const opts = (kind: string, codes: readonly string[]): [string, string][] =>
    codes.map((c) => [c, t(`library.${kind}.${c}`)]);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <LibraryNav view={view} />
      <UploadForm view={view} action={itemId ? `${b}/items/${itemId}` : `${b}/items`}>
        <ErrorSummary view={view} state={state} />
        <Field state={state} name="name" label={t('library.fields.name')} required maxLength={120} />
        <Select
          state={state}
          name="category"
          label={t('library.fields.category')}
          options={opts('category', categories)}
        />
        <Radios
          state={state}
          name="condition"
          label={t('library.fields.condition')}
          options={opts('condition', conditions)}
        />
        <Radios
          state={state}
          name="valueBand"
          label={t('library.fields.value_band')}
          hint={t('library.form.value_hint')}
          options={opts('value', valueBands)}
        />
        <Field
          state={state}
          name="pickupPlace"
          label={t('library.fields.pickup_place')}
          hint={t('library.form.place_hint')}
          maxLength={200}
        />
        {places.length > 0 && (
          <Select
            state={state}
            name="placeId"
            label={t('library.fields.place')}
            hint={t('library.form.place_link_hint')}
            options={[
              ['', t('library.form.no_place')],
              ...places.map((p): [string, string] => [p.id, p.name]),
            ]}
          />
        )}
        <TextArea
          state={state}
          name="rules"
          label={t('library.fields.rules')}
          hint={t('library.form.rules_hint')}
          maxLength={2000}
        />
        <Field
          state={state}
          name="loanDays"
          type="number"
          inputmode="numeric"
          label={t('library.fields.loan_days')}
          required
        />
        {!itemId && view.isSteward && (
          <Radios
            state={state}
            name="owner"
            label={t('library.fields.owner')}
            options={[
              ['me', t('library.form.owner_me')],
              ['shed', t('library.form.owner_shed')],
            ]}
          />
        )}
        {!itemId && (
          <PhotoField
            state={state}
            name="photos"
            multiple
            label={t('library.fields.photos')}
            hint={t('library.form.photos_hint')}
          />
        )}
        <button type="submit">{itemId ? t('library.form.save') : t('library.form.add')}</button>
      </UploadForm>
      {itemId && (
        <EditPhotos
          max={maxItemPhotos}
          view={view}
          state={state}
          photos={photos}
          action={`${b}/items/${itemId}/photos`}
          alt={(n) => t('library.item.photo_n', { n, name: String(state.values.name ?? '') })}
          texts={{
            heading: t('library.fields.photos'),
            remove: t('library.form.remove_photo'),
            hint: t('library.form.photos_hint'),
            upload: t('library.form.upload'),
          }}
        />
      )}
    </Layout>
  );
}
