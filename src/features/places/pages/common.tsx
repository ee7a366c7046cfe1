/** Building blocks shared by places' pages. */
import {
  ErrorSummary,
  type FormState,
  PhotoField,
  Radios,
  Select,
  TextArea,
  UploadForm,
} from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import type { View } from '../../../web/view.ts';
import { type OpeningHoursValue, problems, weekdays } from '../schema.ts';

/** Places' base path in the current community. */
export function base(view: View): string {
  return `/c/${view.community?.slug ?? ''}/places`;
}

/**
 * The stock level and when it was last reported (fridges and pantries: `stock`), and when the
 * place was last cleaned.
 */
export function StockLine(props: {
  view: View;
  stock: boolean;
  stockLevel: string | null;
  stockReportedAt: string | null;
  cleanedAt: string | null;
}) {
  const { t } = props.view;
  return (
    <dl class="facts">
      {props.stock && (
        <>
          <dt>{t('places.fields.stock_level')}</dt>
          <dd>
            <strong>
              {props.stockLevel ? t(`places.stock.${props.stockLevel}`) : t('places.stock.unknown')}
            </strong>
            {props.stockReportedAt &&
              ` · ${t('places.page.reported_at', { when: formatInstant(props.view, props.stockReportedAt) })}`}
          </dd>
        </>
      )}
      <dt>{t('places.fields.cleaned_at')}</dt>
      <dd>{props.cleanedAt ? formatInstant(props.view, props.cleanedAt) : t('places.page.never')}</dd>
    </dl>
  );
}

/** The weekly opening hours, one line a day in the reader's language. */
export function HoursList({ view, hours }: { view: View; hours: OpeningHoursValue | null }) {
  const { t } = view;
  if (!hours) return <p>{t('places.hours.not_said')}</p>;
  if (hours.alwaysOpen) return <p>{t('places.hours.always')}</p>;
  return (
    <dl class="facts">
      {weekdays.map((d) => (
        <>
          <dt>{t(`places.weekday.${d}`)}</dt>
          <dd>
            {hours[d]
              ? t('places.hours.range', { opens: hours[d].opens, closes: hours[d].closes })
              : t('places.hours.closed')}
          </dd>
        </>
      ))}
    </dl>
  );
}

/** The food rules of a fridge or pantry: what may be left, labels and dates, what not to leave. */
export function FoodRules(props: { view: View; accepted: string; labels: string; refused: string }) {
  const { t } = props.view;
  const rows: [string, string][] = [
    ['food_accepted', props.accepted],
    ['food_labels', props.labels],
    ['food_refused', props.refused],
  ];
  if (rows.every(([, text]) => !text)) return null;
  return (
    <dl class="facts">
      {rows
        .filter(([, text]) => text)
        .map(([key, text]) => (
          <>
            <dt>{t(`places.fields.${key}`)}</dt>
            <dd class="prose">{text}</dd>
          </>
        ))}
    </dl>
  );
}

/**
 * The report form: stocked (how full) and empty (fridges and pantries: `stock`), a problem
 * (what), cleaned (members), a note and a photo, and the honeypot field people never see
 * (`website`, hidden from sight and from screen readers, skipped by the keyboard). No kind is
 * chosen beforehand: a note sent without one must not change the stock level.
 */
export function ReportForm(props: {
  view: View;
  action: string;
  state: FormState;
  member: boolean;
  stock: boolean;
}) {
  const { view, state } = props;
  const { t } = view;
  const kinds: [string, string][] = props.stock
    ? [
        ['stocked', t('places.report.stocked')],
        ['empty', t('places.report.empty')],
      ]
    : [];
  kinds.push(['problem', t('places.report.problem')]);
  if (props.member) kinds.push(['cleaned', t('places.report.cleaned')]);
  return (
    <UploadForm view={view} action={props.action} class="report-form">
      <ErrorSummary view={view} state={state} />
      <Radios state={state} name="kind" label={t('places.report.what')} options={kinds} />
      {props.stock && (
        <Select
          state={state}
          name="stockLevel"
          label={t('places.report.how_full')}
          hint={t('places.report.how_full_hint')}
          options={[
            ['', t('places.report.choose')],
            ['low', t('places.stock.low')],
            ['some', t('places.stock.some')],
            ['full', t('places.stock.full')],
          ]}
        />
      )}
      <Select
        state={state}
        name="problem"
        label={t('places.report.which_problem')}
        hint={t('places.report.which_problem_hint')}
        options={[
          ['', t('places.report.choose')],
          ...problems.map((p): [string, string] => [p, t(`places.problem.${p}`)]),
        ]}
      />
      <TextArea state={state} name="note" label={t('places.report.note')} rows={3} maxLength={1000} />
      <PhotoField
        state={state}
        name="photo"
        label={t('places.report.photo')}
        hint={t('places.report.photo_hint')}
      />
      <div class="honeypot" aria-hidden="true">
        <label for="f-website">{t('places.report.honeypot')}</label>
        <input id="f-website" name="website" type="text" tabindex={-1} autocomplete="off" />
      </div>
      <button type="submit">{t('places.report.send')}</button>
    </UploadForm>
  );
}
