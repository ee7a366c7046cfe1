/** The fields that say how something repeats, shared by the forms of what repeats. */
import { formRepeats } from '../../platform/calendar/recurrence.ts';
import type { View } from '../view.ts';
import { Field, type FormState, Select, TextArea } from './form.tsx';

/**
 * The repetition (`repeat`, one of `formRepeats`), its end (`until`), its season (`seasonFrom`,
 * `seasonUntil`, `MM-DD`) and the dates left out (`exceptions`), as `ruleOfForm` and the calendar
 * core read them. `texts` is the feature whose words they use: its `fields.*`, `form.*_hint` and
 * `repeat.*` keys (a series' hints speak of shifts, a gathering's of gatherings).
 */
export function RepetitionFields({
  view,
  state,
  texts,
}: {
  view: View;
  state: FormState;
  texts: 'shifts' | 'gatherings';
}) {
  const { t } = view;
  return (
    <>
      <Select
        state={state}
        name="repeat"
        label={t(`${texts}.fields.repeat`)}
        hint={t(`${texts}.form.repeat_hint`)}
        options={formRepeats.map((r): [string, string] => [r, t(`${texts}.repeat.${r}`)])}
      />
      <Field
        state={state}
        name="until"
        type="date"
        label={t(`${texts}.fields.until`)}
        hint={t(`${texts}.form.until_hint`)}
      />
      <Field
        state={state}
        name="seasonFrom"
        label={t(`${texts}.fields.season_from`)}
        hint={t(`${texts}.form.season_hint`)}
        maxLength={5}
      />
      <Field state={state} name="seasonUntil" label={t(`${texts}.fields.season_until`)} maxLength={5} />
      <TextArea
        state={state}
        name="exceptions"
        label={t(`${texts}.fields.exceptions`)}
        hint={t(`${texts}.form.exceptions_hint`)}
        maxLength={2000}
        rows={2}
      />
    </>
  );
}
