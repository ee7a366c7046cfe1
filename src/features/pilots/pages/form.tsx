/** Starting a pilot, and changing one: what it answers and tries, its days, its team and what it uses. */
import {
  Checkboxes,
  ErrorSummary,
  Field,
  Form,
  type FormState,
  TextArea,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Named } from '../service.ts';
import { base, PilotsNav } from './common.tsx';

/** What the form offers to pick from. */
export interface Choices {
  members: Named[];
  shiftSeries: Named[];
  gatherings: Named[];
  items: Named[];
}

/** `GET /c/:community/pilots/new` (stewards) and `…/:pilotId/edit` (its team, stewards). */
export function PilotFormPage({
  view,
  state,
  choices,
  pilotId,
}: {
  view: View;
  state: FormState;
  choices: Choices;
  /** The pilot changed; none: a new one. */
  pilotId?: string;
}) {
  const { t } = view;
  const title = pilotId ? t('pilots.form.edit_title') : t('pilots.form.title');
  const boxes = (name: string, legend: string, list: Named[], none: string) =>
    list.length === 0 ? (
      <p class="hint">{none}</p>
    ) : (
      <Checkboxes
        state={state}
        name={name}
        label={legend}
        options={list.map((n): [string, string] => [n.id, n.name])}
      />
    );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <PilotsNav view={view} mayStart={false} />
      <Form view={view} action={pilotId ? `${base(view)}/${pilotId}/edit` : base(view)}>
        <ErrorSummary view={view} state={state} />
        <Field state={state} name="title" label={t('pilots.fields.title')} required maxLength={120} />
        <TextArea
          state={state}
          name="need"
          label={t('pilots.fields.need')}
          required
          maxLength={500}
          rows={2}
        />
        <TextArea
          state={state}
          name="hypothesis"
          label={t('pilots.fields.hypothesis')}
          hint={t('pilots.fields.hypothesis_hint')}
          required
          maxLength={1000}
          rows={3}
        />
        <TextArea
          state={state}
          name="measure"
          label={t('pilots.fields.measure')}
          hint={t('pilots.fields.measure_hint')}
          required
          maxLength={500}
          rows={2}
        />
        <Field state={state} name="startsOn" type="date" label={t('pilots.fields.starts_on')} required />
        <Field state={state} name="endsOn" type="date" label={t('pilots.fields.ends_on')} required />
        {boxes('team', t('pilots.fields.team'), choices.members, t('pilots.form.no_members'))}
        {boxes('shiftSeriesIds', t('pilots.fields.shifts'), choices.shiftSeries, t('pilots.form.no_shifts'))}
        {boxes(
          'gatheringIds',
          t('pilots.fields.gatherings'),
          choices.gatherings,
          t('pilots.form.no_gatherings'),
        )}
        {boxes('itemIds', t('pilots.fields.items'), choices.items, t('pilots.form.no_items'))}
        <button type="submit">{pilotId ? t('pilots.form.save') : t('pilots.form.submit')}</button>
      </Form>
    </Layout>
  );
}
