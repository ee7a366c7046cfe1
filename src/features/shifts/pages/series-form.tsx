/** Setting up a shift series. */
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
import { base, ShiftsNav } from './common.tsx';

/** `GET /c/:community/shifts/new`; `places` are those the actor may set shifts up at. */
export function SeriesFormPage({
  view,
  state,
  places,
}: {
  view: View;
  state: FormState;
  places: { id: string; name: string }[];
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('shifts.form.title')}>
      <h1>{t('shifts.form.title')}</h1>
      <ShiftsNav view={view} mayAdd={false} />
      <Form view={view} action={base(view)}>
        <ErrorSummary view={view} state={state} />
        <Field state={state} name="title" label={t('shifts.fields.title')} required maxLength={120} />
        <Select
          state={state}
          name="placeId"
          label={t('shifts.fields.place')}
          options={[['', t('shifts.form.anywhere')], ...places.map((p): [string, string] => [p.id, p.name])]}
        />
        <Field state={state} name="startDate" type="date" label={t('shifts.fields.start_date')} required />
        <Field state={state} name="startTime" type="time" label={t('shifts.fields.start_time')} required />
        <Field
          state={state}
          name="endTime"
          type="time"
          label={t('shifts.fields.end_time')}
          hint={t('shifts.form.end_hint')}
          required
        />
        <RepetitionFields view={view} state={state} texts="shifts" />
        <Field
          state={state}
          name="peopleNeeded"
          type="number"
          inputmode="numeric"
          label={t('shifts.fields.people_needed')}
          required
        />
        <Checkbox state={state} name="trainedOnly" label={t('shifts.fields.trained_only')} />
        <Field
          state={state}
          name="trialSlots"
          type="number"
          inputmode="numeric"
          label={t('shifts.fields.trial_slots')}
          hint={t('shifts.form.trial_hint')}
        />
        <TextArea
          state={state}
          name="description"
          label={t('shifts.fields.description')}
          maxLength={2000}
          rows={3}
        />
        <TextArea
          state={state}
          name="checklist"
          label={t('shifts.fields.checklist')}
          hint={t('shifts.form.checklist_hint')}
          maxLength={2000}
          rows={4}
        />
        <button type="submit">{t('shifts.form.submit')}</button>
      </Form>
    </Layout>
  );
}
