/** One occurrence of a shift: when, where, who, its checklist, and signing up or out. */
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PostButton,
  Radios,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { ShiftView } from '../service.ts';
import { base, ShiftsNav, shiftPath, timeOf } from './common.tsx';

/** `GET /c/:community/shifts/:seriesId/:occurrence`. */
export function ShiftPage({
  view,
  shift,
  description,
  checklist,
  started,
  completion,
  state,
}: {
  view: View;
  shift: ShiftView;
  description: string;
  checklist: string[];
  /** Whether it has begun (by the service's clock): no more signing up or out. */
  started: boolean;
  /** The completing form, when the actor may complete it and nobody has: the unit, and whether it is at a place. */
  completion: { unit: 'C' | 'F'; atPlace: boolean } | null;
  state: FormState;
}) {
  const { t } = view;
  const path = shiftPath(view, shift);
  const me = shift.volunteers.find((v) => v.accountId === view.account?.id);
  return (
    <Layout view={view} title={shift.title}>
      <h1>{shift.title}</h1>
      <ShiftsNav view={view} mayAdd={false} />
      <ErrorSummary view={view} state={state} />
      <dl>
        <dt>{t('shifts.shift.when')}</dt>
        <dd>
          {formatDay(view, shift.local.slice(0, 10))},{' '}
          {t('shifts.list.when', { start: timeOf(view, shift.startsAt), end: timeOf(view, shift.endsAt) })}
        </dd>
        {shift.placeName && (
          <>
            <dt>{t('shifts.shift.where')}</dt>
            <dd>
              {shift.placeName} (
              <a href={`${base(view)}/places/${shift.placeId}/log`}>{t('shifts.log.link')}</a>)
            </dd>
          </>
        )}
        <dt>{t('shifts.shift.people')}</dt>
        <dd>
          {shift.cancelled
            ? t('shifts.status.cancelled')
            : shift.open > 0
              ? t('shifts.list.open', { count: shift.open, needed: shift.peopleNeeded })
              : t('shifts.list.full', { needed: shift.peopleNeeded })}
        </dd>
      </dl>
      {description && <p class="prose">{description}</p>}
      <h2>{t('shifts.shift.volunteers')}</h2>
      {shift.volunteers.length === 0 ? (
        <p>{t('shifts.shift.nobody')}</p>
      ) : (
        <ul>
          {shift.volunteers.map((v) => (
            <li>
              {v.name}
              {v.trial && <> · {t('shifts.shift.trial')}</>}
              {v.substituteAsked && <> · {t('shifts.shift.substitute_asked')}</>}
            </li>
          ))}
        </ul>
      )}
      {checklist.length > 0 && (
        <>
          <h2>{t('shifts.shift.checklist')}</h2>
          <ul>
            {checklist.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        </>
      )}
      {completion && (
        <Form view={view} action={`${path}/complete`} id="complete">
          <h2>{t('shifts.complete.title')}</h2>
          {checklist.length > 0 && (
            <fieldset>
              <legend>{t('shifts.complete.done')}</legend>
              {checklist.map((item, i) => (
                <label class="choice" for={`f-done-${i}`}>
                  <input type="checkbox" id={`f-done-${i}`} name="done" value={item} /> {item}
                </label>
              ))}
            </fieldset>
          )}
          {completion.atPlace && (
            <>
              <Select
                state={state}
                name="appliance"
                label={t('shifts.fields.appliance')}
                options={[
                  ['', t('shifts.complete.no_reading')],
                  ['fridge', t('shifts.appliance.fridge')],
                  ['freezer', t('shifts.appliance.freezer')],
                ]}
              />
              <Field
                state={state}
                name="temperature"
                type="text"
                inputmode="decimal"
                label={t('shifts.fields.temperature', { unit: completion.unit })}
                hint={t('shifts.complete.temperature_hint', { unit: completion.unit })}
              />
            </>
          )}
          <Radios
            state={state}
            name="feedback"
            label={t('shifts.fields.feedback')}
            options={[
              ['went_well', t('shifts.feedback.went_well')],
              ['could_improve', t('shifts.feedback.could_improve')],
            ]}
          />
          <TextArea
            state={state}
            name="feedbackNote"
            label={t('shifts.fields.feedback_note')}
            maxLength={1000}
            rows={2}
          />
          <Field
            state={state}
            name="foodSavedKg"
            type="text"
            inputmode="decimal"
            label={t('shifts.fields.food_saved')}
          />
          <button type="submit">{t('shifts.complete.submit')}</button>
        </Form>
      )}
      {shift.completed && <p class="notice">{t('shifts.status.completed')}</p>}
      {!started && !shift.cancelled && (
        <div class="actions">
          {me ? (
            <>
              <PostButton
                view={view}
                action={`${path}/drop-out`}
                label={t('shifts.shift.drop_out')}
                kind="danger"
              />
              {!me.substituteAsked && (
                <PostButton
                  view={view}
                  action={`${path}/substitute`}
                  label={t('shifts.shift.ask_substitute')}
                  kind="secondary"
                />
              )}
            </>
          ) : (
            (shift.open > 0 || shift.volunteers.some((v) => v.substituteAsked)) && (
              <PostButton view={view} action={`${path}/sign-up`} label={t('shifts.shift.sign_up')} />
            )
          )}
        </div>
      )}
    </Layout>
  );
}
