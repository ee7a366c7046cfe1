/** One occurrence of a shift: when, where, who, its checklist, and signing up or out. */
import { FeedbackPrompt, type FeedbackPromptFacts } from '../../../web/components/feedback.tsx';
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
  manage,
  swapChoices,
  state,
  feedback,
}: {
  view: View;
  shift: ShiftView;
  description: string;
  checklist: string[];
  /** Whether it has begun (by the service's clock): no more signing up or out. */
  started: boolean;
  /** The completing form, when the actor may complete it and nobody has: the unit, and whether it is at a place. */
  completion: { unit: 'C' | 'F'; atPlace: boolean } | null;
  /**
   * What who keeps the series may do here: cancel or change the time (before it starts), record
   * no-shows (after; with who is marked now), mark volunteers trained (a series that asks for it).
   */
  manage: { before: boolean; noShows: string[] | null; trainedOnly: boolean } | null;
  /** The other volunteers of the series the reader may ask to swap with (when on it). */
  swapChoices: { occurrence: string; startsAt: string; accountId: string; name: string }[];
  state: FormState;
  /** "How did it go?", for who came, once it is over. */
  feedback?: FeedbackPromptFacts | null;
}) {
  const { t } = view;
  const path = shiftPath(view, shift);
  const me = shift.volunteers.find((v) => v.accountId === view.account?.id);
  // A keeper on the shift is marked by another keeper or a steward, never by themself.
  const markable = shift.volunteers.filter((v) => v !== me);
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
      {manage?.noShows && markable.length > 0 && (
        <Form view={view} action={`${path}/no-shows`} id="no-shows">
          <fieldset>
            <legend>{t('shifts.no_shows.legend')}</legend>
            <p class="hint">{t('shifts.no_shows.hint')}</p>
            {markable.map((v, i) => (
              <label class="choice" for={`f-noShow-${i}`}>
                <input
                  type="checkbox"
                  id={`f-noShow-${i}`}
                  name="noShow"
                  value={v.accountId}
                  checked={manage.noShows?.includes(v.accountId)}
                />{' '}
                {v.name}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('shifts.no_shows.submit')}</button>
        </Form>
      )}
      {me && !started && !shift.cancelled && swapChoices.length > 0 && (
        <Form view={view} action={`${path}/swap`} id="swap">
          <h2>{t('shifts.swap.ask_title')}</h2>
          <Select
            state={state}
            name="with"
            label={t('shifts.swap.with')}
            hint={t('shifts.swap.with_hint')}
            options={swapChoices.map((c) => [
              `${c.occurrence} ${c.accountId}`,
              t('shifts.swap.choice', {
                name: c.name,
                when: `${formatDay(view, c.occurrence.slice(0, 10))}, ${timeOf(view, c.startsAt)}`,
              }),
            ])}
          />
          <button type="submit">{t('shifts.swap.ask')}</button>
        </Form>
      )}
      {manage?.before && !shift.cancelled && (
        <>
          <Form view={view} action={`${path}/time`} id="time">
            <h2>{t('shifts.time.title')}</h2>
            <Field state={state} name="date" type="date" label={t('shifts.fields.date')} />
            <Field state={state} name="startTime" type="time" label={t('shifts.fields.start_time')} />
            <Field state={state} name="endTime" type="time" label={t('shifts.fields.end_time')} />
            <Radios
              state={state}
              name="which"
              label={t('shifts.time.which')}
              options={[
                ['this', t('shifts.time.this')],
                ['following', t('shifts.time.following')],
              ]}
            />
            <button type="submit">{t('shifts.time.submit')}</button>
          </Form>
          <div class="actions">
            <PostButton
              view={view}
              action={`${path}/cancel`}
              label={t('shifts.shift.cancel')}
              kind="danger"
            />
          </div>
        </>
      )}
      {manage?.trainedOnly && (
        <p>
          <a href={`${base(view)}/series/${shift.seriesId}/trained`}>{t('shifts.trained.link')}</a>
        </p>
      )}
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
      {feedback && <FeedbackPrompt view={view} prompt={feedback} />}
    </Layout>
  );
}
