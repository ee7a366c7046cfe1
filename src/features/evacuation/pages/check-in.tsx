/**
 * A drill's check-in, opened by a household's or driver's personal link: their own details and
 * three plain answers, each a form that works without JavaScript. Nothing else of the network.
 */
import { ErrorSummary, Field, Form, type FormState, TextArea } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { CheckInView } from '../check-in.ts';
import { drillLimits } from '../drills-schema.ts';
import { limits, slots } from '../schema.ts';

/** The form's values from the registration as it is now. */
export function checkInValues(c: CheckInView): Record<string, unknown> {
  if (c.household) {
    const { people, wheelchairs, pets, phone, address } = c.household;
    return { people, wheelchairs, pets, phone, address };
  }
  const d = c.driver as NonNullable<CheckInView['driver']>;
  return { seats: d.seats, wheelchairPlaces: d.wheelchairPlaces, availability: d.availability };
}

/**
 * The check-in page; `action` is the link's own address. With `recording`, the same page for a
 * coordinator recording what a paper member said on the phone (not a personal page).
 */
export function CheckInPage({
  view,
  checkIn: c,
  action,
  state,
  recording,
}: {
  view: View;
  checkIn: CheckInView;
  action: string;
  state: FormState;
  recording?: { back: string };
}) {
  const { t } = view;
  const title = recording
    ? t('evacuation.calls.record_title', { name: c.name })
    : t('evacuation.check_in.title');
  const chosen = new Set([state.values.availability ?? []].flat().map(String));
  const answered = c.answer.status !== 'waiting';
  return (
    <Layout view={view} title={title} personal={!recording}>
      <h1>{title}</h1>
      {recording && (
        <p class="actions">
          <a href={recording.back}>{t('evacuation.back')}</a>
        </p>
      )}
      <p class="prose">
        {t(c.household ? 'evacuation.check_in.hello_household' : 'evacuation.check_in.hello_driver', {
          name: c.name,
          deadline: formatInstant(view, c.drill.deadline),
        })}
      </p>
      {c.drill.message && (
        <blockquote class="prose">
          <p>{c.drill.message}</p>
        </blockquote>
      )}
      {answered && c.answer.answeredAt && (
        <p class="notice success">
          {t('evacuation.check_in.answered', {
            answer: t(`evacuation.drill.answer.${c.answer.status}`),
            when: formatInstant(view, c.answer.answeredAt),
          })}
        </p>
      )}
      {c.household && !c.household.hasPoint && <p class="notice">{t('evacuation.check_in.no_point')}</p>}
      <section aria-labelledby="details">
        <h2 id="details">{t('evacuation.check_in.details')}</h2>
        <p class="muted">{t('evacuation.check_in.details_hint')}</p>
        <Form view={view} action={action}>
          <ErrorSummary view={view} state={state} />
          <input type="hidden" name="answer" value="confirm" />
          {c.household ? (
            <>
              <Field
                state={state}
                name="address"
                label={t('evacuation.fields.address')}
                maxLength={limits.address}
              />
              <Field
                state={state}
                name="people"
                type="number"
                inputmode="numeric"
                label={t('evacuation.check_in.people')}
              />
              <Field
                state={state}
                name="wheelchairs"
                type="number"
                inputmode="numeric"
                label={t('evacuation.check_in.wheelchairs')}
              />
              <Field
                state={state}
                name="pets"
                type="number"
                inputmode="numeric"
                label={t('evacuation.check_in.pets')}
              />
            </>
          ) : (
            <>
              <p>{c.driver?.vehicle}</p>
              <Field
                state={state}
                name="seats"
                type="number"
                inputmode="numeric"
                label={t('evacuation.check_in.seats')}
              />
              <Field
                state={state}
                name="wheelchairPlaces"
                type="number"
                inputmode="numeric"
                label={t('evacuation.check_in.wheelchair_places')}
              />
              <fieldset class="field" id="f-availability">
                <legend>{t('evacuation.fields.availability')}</legend>
                {slots.map((s) => (
                  <label class="choice">
                    <input type="checkbox" name="availability" value={s} checked={chosen.has(s)} />{' '}
                    {t(`evacuation.slot.${s}`)}
                  </label>
                ))}
              </fieldset>
            </>
          )}
          {c.household && (
            <Field
              state={state}
              name="phone"
              type="tel"
              label={t('evacuation.fields.phone')}
              maxLength={limits.phone}
              autocomplete="tel"
            />
          )}
          <TextArea
            state={state}
            name="note"
            label={t('evacuation.check_in.note')}
            maxLength={drillLimits.note}
            rows={2}
          />
          <button type="submit">{t('evacuation.check_in.confirm')}</button>
        </Form>
      </section>
      {c.driver?.hasRoute && (
        <section aria-labelledby="test-drive">
          <h2 id="test-drive">{t('evacuation.check_in.test_drive_title')}</h2>
          {c.answer.testDriveAt ? (
            <p>
              {t('evacuation.drill.test_drive_done', { when: formatInstant(view, c.answer.testDriveAt) })}
            </p>
          ) : (
            <Form view={view} action={action}>
              <input type="hidden" name="answer" value="test_drive" />
              <p>{t('evacuation.check_in.test_drive_hint')}</p>
              <button type="submit" class="secondary">
                {t('evacuation.check_in.test_drive')}
              </button>
            </Form>
          )}
        </section>
      )}
      <section aria-labelledby="unavailable">
        <h2 id="unavailable">{t('evacuation.check_in.unavailable_title')}</h2>
        <Form view={view} action={action}>
          <input type="hidden" name="answer" value="unavailable" />
          <p>{t('evacuation.check_in.unavailable_hint')}</p>
          <button type="submit" class="secondary">
            {t('evacuation.check_in.unavailable')}
          </button>
        </Form>
      </section>
    </Layout>
  );
}
