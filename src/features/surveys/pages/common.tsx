/** What the survey pages share: their menu, and the fields of an answer. */
import { Checkboxes, ErrorSummary, type FormState, TextArea } from '../../../web/components/form.tsx';
import type { View } from '../../../web/view.ts';
import { type ChoiceQuestion, choiceQuestions } from '../questions.ts';
import type { SurveyView } from '../service.ts';

/** `/c/:slug/surveys`. */
export const base = (view: View) => `/c/${view.community?.slug}/surveys`;

/** The surveys' menu: the list, and opening one (stewards). */
export function SurveysNav({ view, mayOpen }: { view: View; mayOpen: boolean }) {
  const { t } = view;
  const b = base(view);
  return (
    <nav aria-label={t('surveys.nav.label')} class="actions">
      <a href={b}>{t('surveys.nav.list')}</a>
      {mayOpen && <a href={`${b}/new`}>{t('surveys.nav.open')}</a>}
      <a href={`/c/${view.community?.slug}/pilots`}>{t('surveys.nav.pilots')}</a>
    </nav>
  );
}

/** The values ticked of field `name` in a form state (one value or several). */
export function ticked(state: FormState, name: string): string[] {
  return ([] as unknown[]).concat(state.values[name] ?? []).filter((v): v is string => typeof v === 'string');
}

/** A question's choices as a group of checkboxes (`name` takes every value ticked). */
export function ChoiceBoxes(p: {
  state: FormState;
  name: string;
  legend: string;
  hint?: string;
  choices: { key: string; label: string }[];
}) {
  return (
    <Checkboxes
      state={p.state}
      name={p.name}
      label={p.legend}
      hint={p.hint}
      options={p.choices.map((c): [string, string] => [c.key, c.label])}
    />
  );
}

/** The question each choice question asks, in the reader's language. */
export function questionText(view: View, q: ChoiceQuestion): string {
  return view.t(`surveys.question.${q}`);
}

/** The fields of an answer to `survey`: each question asked, its choices as boxes; the free question. */
export function AnswerFields({ view, survey, state }: { view: View; survey: SurveyView; state: FormState }) {
  const { t } = view;
  return (
    <>
      <ErrorSummary view={view} state={state} />
      {choiceQuestions.map((q) => {
        const choices = survey.questions[q];
        return (
          choices && (
            <ChoiceBoxes
              state={state}
              name={q}
              legend={questionText(view, q)}
              hint={t('surveys.answer.tick_all')}
              choices={choices}
            />
          )
        );
      })}
      {survey.questions.free && (
        <TextArea state={state} name="free" label={survey.questions.free} maxLength={2000} rows={3} />
      )}
    </>
  );
}
