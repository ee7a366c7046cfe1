/** Organizing a gathering, and changing one. */
import type { ComponentChildren } from 'preact';
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  type FormState,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import { RepetitionFields } from '../../../web/components/repetition.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { kinds } from '../schema.ts';
import { base, GatheringsNav } from './common.tsx';

/** The fields a new gathering and a changed one share: what, where, how many. */
function WhatAndWhere({
  view,
  state,
  places,
  steward,
}: {
  view: View;
  state: FormState;
  places: { id: string; name: string }[];
  steward: boolean;
}) {
  const { t } = view;
  return (
    <>
      <Field state={state} name="title" label={t('gatherings.fields.title')} required maxLength={120} />
      <Select
        state={state}
        name="placeId"
        label={t('gatherings.fields.place')}
        hint={t('gatherings.form.place_hint')}
        options={[
          ['', t('gatherings.form.no_place')],
          ...places.map((p): [string, string] => [p.id, p.name]),
        ]}
      />
      <Field state={state} name="address" label={t('gatherings.fields.address')} maxLength={300} />
      <Field
        state={state}
        name="capacity"
        type="number"
        inputmode="numeric"
        label={t('gatherings.fields.capacity')}
        hint={t('gatherings.form.capacity_hint')}
      />
      <TextArea
        state={state}
        name="description"
        label={t('gatherings.fields.description')}
        maxLength={4000}
        rows={4}
      />
      {steward && (
        <Checkbox
          state={state}
          name="isPublic"
          label={t('gatherings.fields.public')}
          hint={t('gatherings.form.public_hint')}
        />
      )}
    </>
  );
}

/**
 * `GET /c/:community/gatherings/new`; with `workshop`, `GET /c/:community/gatherings/workshops/new`:
 * the skill and a host among the members who share it (`hosts`, empty when nobody does yet).
 */
export function GatheringFormPage({
  view,
  state,
  places,
  workshop,
}: {
  view: View;
  state: FormState;
  places: { id: string; name: string }[];
  workshop?: { hosts: { id: string; name: string }[] };
}) {
  const { t } = view;
  const title = workshop ? t('gatherings.workshop.form_title') : t('gatherings.form.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <GatheringsNav view={view} mayAdd={false} />
      <Form view={view} action={workshop ? `${base(view)}/workshops` : base(view)}>
        <ErrorSummary view={view} state={state} />
        {workshop ? (
          <>
            <Field
              state={state}
              name="skill"
              label={t('gatherings.fields.skill')}
              hint={t('gatherings.workshop.skill_hint')}
              required
              maxLength={80}
            />
            {workshop.hosts.length > 0 ? (
              <Select
                state={state}
                name="hostId"
                label={t('gatherings.fields.host')}
                hint={t('gatherings.workshop.host_hint')}
                options={workshop.hosts.map((h): [string, string] => [h.id, h.name])}
              />
            ) : (
              <p class="notice">{t('gatherings.workshop.no_hosts')}</p>
            )}
          </>
        ) : (
          <Select
            state={state}
            name="kind"
            label={t('gatherings.fields.kind')}
            options={kinds
              .filter((k) => k !== 'workshop')
              .map((k): [string, string] => [k, t(`gatherings.kind.${k}`)])}
          />
        )}
        <Field
          state={state}
          name="startDate"
          type="date"
          label={t('gatherings.fields.start_date')}
          required
        />
        <Field
          state={state}
          name="startTime"
          type="time"
          label={t('gatherings.fields.start_time')}
          required
        />
        <Field state={state} name="endTime" type="time" label={t('gatherings.fields.end_time')} required />
        <Field
          state={state}
          name="endDate"
          type="date"
          label={t('gatherings.fields.end_date')}
          hint={t('gatherings.form.end_date_hint')}
        />
        <RepetitionFields view={view} state={state} texts="gatherings" />
        <WhatAndWhere view={view} state={state} places={places} steward={view.isSteward} />
        <button type="submit">
          {workshop ? t('gatherings.workshop.submit') : t('gatherings.form.submit')}
        </button>
      </Form>
    </Layout>
  );
}

/** `GET /c/:community/gatherings/:gatheringId/edit`: what it is, for every occurrence. */
export function EditPage({
  view,
  state,
  places,
  gatheringId,
  title,
  more,
}: {
  view: View;
  state: FormState;
  places: { id: string; name: string }[];
  gatheringId: string;
  title: string;
  /** What other parts of the feature add (a potluck's dishes wanted). */
  more?: ComponentChildren;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('gatherings.edit.title', { title })}>
      <h1>{t('gatherings.edit.title', { title })}</h1>
      <GatheringsNav view={view} mayAdd={false} />
      <Form view={view} action={`${base(view)}/${gatheringId}/edit`}>
        <ErrorSummary view={view} state={state} />
        <WhatAndWhere view={view} state={state} places={places} steward={view.isSteward} />
        <button type="submit">{t('gatherings.edit.submit')}</button>
      </Form>
      {more}
      <Form view={view} action={`${base(view)}/${gatheringId}/cancel`}>
        <h2>{t('gatherings.edit.call_off_title')}</h2>
        <p>{t('gatherings.edit.call_off_hint')}</p>
        <button type="submit" class="danger">
          {t('gatherings.edit.call_off')}
        </button>
      </Form>
    </Layout>
  );
}
