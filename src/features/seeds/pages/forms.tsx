/** The seed library's form pages: a variety, a story, a lot, taking packets, recording a return. */

import { photoUrl } from '../../../platform/uploads/routes.ts';
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PhotoField,
  Radios,
  Select,
  TextArea,
  UploadForm,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { limits } from '../schema.ts';
import type { LotView, PledgeView } from '../service.ts';
import { monthLabel, SeasonsField, seedsPath } from './common.tsx';
import { StoryFields } from './variety.tsx';

/** Adding (no `varietyId`) or editing a variety. */
export function VarietyFormPage({
  view,
  state,
  varietyId,
}: {
  view: View;
  state: FormState;
  varietyId?: string;
}) {
  const { t } = view;
  const title = varietyId ? t('seeds.variety.edit_title') : t('seeds.variety.add_title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <Form view={view} action={varietyId ? seedsPath(view, varietyId, 'edit') : seedsPath(view)}>
        <ErrorSummary view={view} state={state} />
        <Field
          state={state}
          name="crop"
          label={t('seeds.fields.crop')}
          hint={t('seeds.fields.crop_hint')}
          maxLength={limits.crop}
          required
        />
        <Field
          state={state}
          name="name"
          label={t('seeds.fields.name')}
          hint={t('seeds.fields.name_hint')}
          maxLength={limits.name}
          required
        />
        <SeasonsField view={view} state={state} />
        <Field
          state={state}
          name="daysToMaturity"
          type="number"
          inputmode="numeric"
          label={t('seeds.fields.days_to_maturity')}
          hint={t('seeds.fields.days_to_maturity_hint')}
        />
        <Field
          state={state}
          name="origin"
          label={t('seeds.fields.origin')}
          hint={t('seeds.fields.origin_hint')}
          maxLength={limits.origin}
        />
        <Radios
          state={state}
          name="savingDifficulty"
          label={t('seeds.fields.saving_difficulty')}
          hint={t('seeds.fields.saving_difficulty_hint')}
          options={[
            ['easy', t('seeds.difficulty.easy')],
            ['moderate', t('seeds.difficulty.moderate')],
            ['hard', t('seeds.difficulty.hard')],
          ]}
        />
        <TextArea
          state={state}
          name="description"
          label={t('seeds.fields.description')}
          maxLength={limits.description}
          rows={5}
        />
        <p class="actions">
          <button type="submit">{varietyId ? t('seeds.save') : t('seeds.variety.add_submit')}</button>
          <a href={varietyId ? seedsPath(view, varietyId) : seedsPath(view)}>{t('seeds.cancel')}</a>
        </p>
      </Form>
    </Layout>
  );
}

/** The author edits their story; `photoId` is the story's current photo, if any. */
export function StoryEditPage({
  view,
  state,
  varietyId,
  storyId,
  photoId,
}: {
  view: View;
  state: FormState;
  varietyId: string;
  storyId: string;
  photoId: string | null;
}) {
  const { t } = view;
  const slug = view.community?.slug ?? '';
  return (
    <Layout view={view} title={t('seeds.stories.edit_title')}>
      <h1>{t('seeds.stories.edit_title')}</h1>
      <UploadForm view={view} action={seedsPath(view, varietyId, 'stories', storyId, 'edit')}>
        <ErrorSummary view={view} state={state} />
        <StoryFields view={view} state={state} />
        {photoId && (
          <fieldset class="field">
            <legend>{t('seeds.fields.current_photo')}</legend>
            <img src={photoUrl(slug, photoId, 'thumb')} alt={t('seeds.fields.current_photo')} />
            <label class="choice">
              <input type="checkbox" name="removePhoto" value="true" /> {t('seeds.fields.remove_photo')}
            </label>
          </fieldset>
        )}
        <PhotoField
          state={state}
          name="photo"
          hint={t('seeds.fields.photo_hint')}
          label={photoId ? t('seeds.fields.replace_photo') : t('seeds.fields.photo')}
        />
        <p class="actions">
          <button type="submit">{t('seeds.save')}</button>
          <a href={`${seedsPath(view, varietyId)}#story-${storyId}`}>{t('seeds.cancel')}</a>
        </p>
      </UploadForm>
    </Layout>
  );
}

function LotFields({ view, state }: { view: View; state: FormState }) {
  const { t } = view;
  return (
    <>
      <Field
        state={state}
        name="packets"
        type="number"
        inputmode="numeric"
        label={t('seeds.fields.packets')}
        required
      />
      <Field
        state={state}
        name="harvestYear"
        type="number"
        inputmode="numeric"
        label={t('seeds.fields.harvest_year')}
        required
      />
      <Field
        state={state}
        name="germinationRate"
        type="number"
        inputmode="numeric"
        label={t('seeds.fields.germination_rate')}
        hint={t('seeds.fields.germination_rate_hint')}
      />
    </>
  );
}

/** Putting donated seed on the shelf; `members` are `[id, name]` for "grown by". */
export function LotFormPage({
  view,
  state,
  varietyId,
  members,
}: {
  view: View;
  state: FormState;
  varietyId: string;
  members: [string, string][];
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('seeds.lots.add_title')}>
      <h1>{t('seeds.lots.add_title')}</h1>
      <Form view={view} action={seedsPath(view, varietyId, 'lots')}>
        <ErrorSummary view={view} state={state} />
        <LotFields view={view} state={state} />
        <Select
          state={state}
          name="grownBy"
          label={t('seeds.fields.grown_by')}
          options={[['', t('seeds.fields.grown_by_none')], ...members]}
        />
        <TextArea
          state={state}
          name="notes"
          label={t('seeds.fields.notes')}
          maxLength={limits.notes}
          rows={3}
        />
        <p class="actions">
          <button type="submit">{t('seeds.lots.add_submit')}</button>
          <a href={seedsPath(view, varietyId)}>{t('seeds.cancel')}</a>
        </p>
      </Form>
    </Layout>
  );
}

/** Taking packets of a lot, with the optional pledge to bring saved seed back. */
export function TakePage({
  view,
  state,
  varietyId,
  lot,
  months,
}: {
  view: View;
  state: FormState;
  varietyId: string;
  lot: LotView;
  months: string[];
}) {
  const { t } = view;
  const pledged = state.values.pledge === true || state.values.pledge === 'true';
  return (
    <Layout view={view} title={t('seeds.take.title')}>
      <h1>{t('seeds.take.title')}</h1>
      <p>
        {t('seeds.lots.harvest', { year: lot.harvestYear })} —{' '}
        {t('seeds.packets_available', { count: lot.packets })}
      </p>
      <p class="muted">{t('seeds.take.no_debt')}</p>
      <Form view={view} action={seedsPath(view, varietyId, 'lots', lot.id, 'take')}>
        <ErrorSummary view={view} state={state} />
        <Field
          state={state}
          name="packets"
          type="number"
          inputmode="numeric"
          label={t('seeds.take.how_many')}
          required
        />
        <fieldset class="field">
          <legend>{t('seeds.take.pledge_legend')}</legend>
          <p class="hint">{t('seeds.take.pledge_hint')}</p>
          <label class="choice">
            <input type="checkbox" id="f-pledge" name="pledge" value="true" checked={pledged} />{' '}
            {t('seeds.take.pledge')}
          </label>
          <Select
            state={state}
            name="expectedMonth"
            label={t('seeds.fields.expected_month')}
            options={[
              ['', t('seeds.fields.expected_month_none')],
              ...months.map((m): [string, string] => [m, monthLabel(view, m)]),
            ]}
          />
        </fieldset>
        <p class="actions">
          <button type="submit">{t('seeds.take.submit')}</button>
          <a href={seedsPath(view, varietyId)}>{t('seeds.cancel')}</a>
        </p>
      </Form>
    </Layout>
  );
}

/** Recording the seed brought back for a pledge, as a new lot. */
export function ReturnPage({
  view,
  state,
  varietyId,
  pledge,
}: {
  view: View;
  state: FormState;
  varietyId: string;
  pledge: PledgeView;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('seeds.pledge.return_title')}>
      <h1>{t('seeds.pledge.return_title')}</h1>
      <p>{t('seeds.pledge.return_intro', { name: pledge.memberName ?? t('seeds.someone') })}</p>
      <Form view={view} action={seedsPath(view, varietyId, 'pledges', pledge.id, 'return')}>
        <ErrorSummary view={view} state={state} />
        <LotFields view={view} state={state} />
        <TextArea
          state={state}
          name="notes"
          label={t('seeds.fields.notes')}
          maxLength={limits.notes}
          rows={3}
        />
        <p class="actions">
          <button type="submit">{t('seeds.pledge.return_submit')}</button>
          <a href={seedsPath(view, varietyId)}>{t('seeds.cancel')}</a>
        </p>
      </Form>
    </Layout>
  );
}
