/** Opening a needs survey: its title, its last day, the questions asked and their choices. */
import { languageName } from '../../../platform/i18n/languages.ts';
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  type FormState,
  TextArea,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { type ChoiceQuestion, choiceQuestions, maxOtherChoices, standardChoices } from '../questions.ts';
import { base, ChoiceBoxes, questionText, SurveysNav } from './common.tsx';

const askField: Record<ChoiceQuestion, string> = {
  needs: 'askNeeds',
  offers: 'askOffers',
  times: 'askTimes',
  languages: 'askLanguages',
};

/** The form's field of whether question `q` is asked. */
export const askFieldOf = (q: ChoiceQuestion) => askField[q];

/** `GET /c/:community/surveys/new` (stewards). */
export function SurveyFormPage({ view, state }: { view: View; state: FormState }) {
  const { t, locale } = view;
  const label = (q: ChoiceQuestion, key: string) =>
    q === 'languages' ? languageName(t, key, locale) : t(`surveys.${q}.${key}`);
  // Of every language Porch names, the community's own are offered first; the rest on request.
  const own = view.community?.languageList ?? [];
  const choicesOf = (q: ChoiceQuestion) =>
    (q === 'languages'
      ? [...own, ...standardChoices.languages.filter((c) => !own.includes(c))]
      : standardChoices[q]
    ).map((key) => ({ key, label: label(q, key) }));
  return (
    <Layout view={view} title={t('surveys.form.title')}>
      <h1>{t('surveys.form.title')}</h1>
      <SurveysNav view={view} mayOpen />
      <p class="lead">{t('surveys.form.lead')}</p>
      <Form view={view} action={base(view)}>
        <ErrorSummary view={view} state={state} />
        <Field state={state} name="title" label={t('surveys.fields.title')} required maxLength={120} />
        <TextArea state={state} name="intro" label={t('surveys.fields.intro')} maxLength={2000} rows={3} />
        <Field
          state={state}
          name="closesOn"
          type="date"
          label={t('surveys.fields.closes_on')}
          hint={t('surveys.fields.closes_on_hint')}
          required
        />
        <div id="f-questions">
          <h2>{t('surveys.form.questions')}</h2>
          <p class="hint">{t('surveys.form.questions_hint')}</p>
          {state.errors
            .filter((e) => e.field === 'questions')
            .map((e) => (
              <p class="field-error">{e.message}</p>
            ))}
          {choiceQuestions.map((q) => (
            <section aria-labelledby={`q-${q}`}>
              <h3 id={`q-${q}`}>{questionText(view, q)}</h3>
              <Checkbox state={state} name={askField[q]} label={t('surveys.form.ask')} />
              <ChoiceBoxes
                state={state}
                name={q}
                legend={t('surveys.form.choices')}
                hint={q === 'languages' ? t('surveys.form.languages_hint') : undefined}
                choices={choicesOf(q)}
              />
              <TextArea
                state={state}
                name={`${q}Other`}
                label={t('surveys.form.other')}
                hint={t('surveys.form.other_hint', { count: maxOtherChoices })}
                rows={2}
              />
            </section>
          ))}
          <Field
            state={state}
            name="freeQuestion"
            label={t('surveys.fields.free_question')}
            hint={t('surveys.fields.free_question_hint')}
            maxLength={300}
          />
        </div>
        <button type="submit">{t('surveys.form.submit')}</button>
      </Form>
    </Layout>
  );
}
