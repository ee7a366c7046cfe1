/** A potluck's table: what each course wants, what people bring, and promising a dish. */
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PostButton,
  Select,
} from '../../../web/components/form.tsx';
import type { View } from '../../../web/view.ts';
import type { CourseView } from '../dishes.ts';
import { courses, dietaryLabels } from '../schema.ts';

/** The dishes of an occurrence by course, and the form to promise one (who answered yes or maybe). */
export function PotluckSection({
  view,
  path,
  table,
  mayBring,
  mayRemoveAll,
  open,
  state,
}: {
  view: View;
  /** The occurrence's page. */
  path: string;
  table: CourseView[];
  /** Whether the reader may promise a dish now (answered yes or maybe, date still to come). */
  mayBring: boolean;
  /** Whether the reader organizes it (takes back any dish). */
  mayRemoveAll: boolean;
  /** Whether the date is still to come (dishes can be taken back). */
  open: boolean;
  state: FormState;
}) {
  const { t } = view;
  const checked = new Set(
    ([] as unknown[]).concat(state.values.labels ?? []).filter((v): v is string => typeof v === 'string'),
  );
  return (
    <section id="potluck" aria-labelledby="potluck-title">
      <h2 id="potluck-title">{t('gatherings.potluck.title')}</h2>
      {table.map((c) => (
        <>
          <h3>
            {t(`gatherings.course.${c.course}`)}
            {' · '}
            {c.wanted === null
              ? t('gatherings.potluck.promised', { count: c.promised })
              : t('gatherings.potluck.of_wanted', { count: c.promised, wanted: c.wanted })}
          </h3>
          {c.dishes.length > 0 && (
            <ul>
              {c.dishes.map((d) => (
                <li>
                  {t('gatherings.potluck.dish', { dish: d.name, name: d.by })}
                  {d.labels.length > 0 && (
                    <> ({d.labels.map((l) => t(`gatherings.label.${l}`)).join(', ')})</>
                  )}
                  {open && (d.mine || mayRemoveAll) && (
                    <>
                      {' '}
                      <PostButton
                        view={view}
                        action={`${path}/dishes/${d.id}/remove`}
                        label={t('gatherings.potluck.remove')}
                        of={d.name}
                        kind="secondary"
                      />
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </>
      ))}
      {mayBring ? (
        <Form view={view} action={`${path}/dishes`} id="dish">
          <h3>{t('gatherings.potluck.bring_title')}</h3>
          <ErrorSummary view={view} state={state} />
          <Select
            state={state}
            name="course"
            label={t('gatherings.fields.course')}
            options={courses.map((c): [string, string] => [c, t(`gatherings.course.${c}`)])}
          />
          <Field
            state={state}
            name="name"
            label={t('gatherings.fields.dish')}
            hint={t('gatherings.potluck.dish_hint')}
            maxLength={120}
          />
          <fieldset class="field">
            <legend>{t('gatherings.fields.labels')}</legend>
            {dietaryLabels.map((l) => (
              <label class="choice" for={`f-labels-${l}`}>
                <input
                  type="checkbox"
                  id={`f-labels-${l}`}
                  name="labels"
                  value={l}
                  checked={checked.has(l)}
                />{' '}
                {t(`gatherings.label.${l}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('gatherings.potluck.bring')}</button>
        </Form>
      ) : (
        open && <p class="hint">{t('gatherings.potluck.answer_first')}</p>
      )}
    </section>
  );
}

/** The organizer's form of how many dishes of each course are wanted (empty: not counted). */
export function DishNeedsForm({ view, action, state }: { view: View; action: string; state: FormState }) {
  const { t } = view;
  return (
    <Form view={view} action={action} id="needs">
      <h2>{t('gatherings.potluck.needs_title')}</h2>
      <p class="hint">{t('gatherings.potluck.needs_hint')}</p>
      <ErrorSummary view={view} state={state} />
      {courses.map((c) => (
        <Field state={state} name={c} type="number" inputmode="numeric" label={t(`gatherings.course.${c}`)} />
      ))}
      <button type="submit">{t('gatherings.potluck.needs_submit')}</button>
    </Form>
  );
}
