/**
 * A needs survey on paper, for neighbors without a phone or a computer: its questions with a box
 * to tick beside each choice, in each of the community's languages Porch speaks, lines to write
 * the free answer and a name on, and where to hand it in. A4 or US Letter (CSS named pages); no
 * JavaScript: the browser's own Print prints it. A steward types the answers in afterwards.
 * Also: the form a steward types a paper answer in with.
 */
import { translator } from '../../../platform/i18n/index.ts';
import { Field, Form, type FormState } from '../../../web/components/form.tsx';
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { choiceQuestions } from '../questions.ts';
import { choiceLabel, type SurveyView } from '../service.ts';
import { AnswerFields, base, SurveysNav } from './common.tsx';

/** `GET /c/:community/surveys/:surveyId/paper` (stewards). */
export function PaperFormPage({
  view,
  survey,
  choices,
  paper,
}: {
  view: View;
  survey: SurveyView;
  /** The survey's stored choices of each question, to label in every language. */
  choices: Record<string, { key: string; label?: string }[]>;
  paper: 'a4' | 'letter';
}) {
  const { t, locale } = view;
  const languages = view.community?.languageList ?? [];
  const others = languages.filter((l) => l !== locale && (l === 'en' || l === 'es'));
  const langs = [locale, ...others] as View['locale'][];
  const said = langs.map((l, i) => (i === 0 ? t : translator(l)));
  const both = (key: string, values: Record<string, unknown> = {}) =>
    said.map((tr, i) => (
      <span lang={langs[i]} class="said">
        {i > 0 && ' / '}
        {tr(key, values)}
      </span>
    ));
  const path = `${base(view)}/${survey.id}`;
  return (
    <Layout view={view} title={t('surveys.paper.title', { title: survey.title })}>
      <div class={`paper-form paper-${paper}`}>
        <h1>{survey.title}</h1>
        <p>
          {both('surveys.paper.intro', {
            community: view.community?.name,
            date: formatDay(view, survey.closesOn),
          })}
        </p>
        {survey.intro && <p class="prose">{survey.intro}</p>}
        {choiceQuestions.map(
          (q) =>
            choices[q] && (
              <section>
                <h2>{both(`surveys.question.${q}`)}</h2>
                <ul class="paper-choices">
                  {choices[q].map((c) => (
                    <li>
                      <span aria-hidden="true" class="box">
                        ☐
                      </span>{' '}
                      {c.label !== undefined ? (
                        <bdi>{c.label}</bdi>
                      ) : (
                        said.map((tr, i) => (
                          <span lang={langs[i]}>
                            {i > 0 && ' / '}
                            {choiceLabel(tr, langs[i], q, c)}
                          </span>
                        ))
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ),
        )}
        {survey.questions.free && (
          <section>
            <h2>
              <bdi>{survey.questions.free}</bdi>
            </h2>
            <p class="write-lines" aria-hidden="true">
              {'_'.repeat(60)}
              <br />
              {'_'.repeat(60)}
            </p>
          </section>
        )}
        <p>
          {both('surveys.paper.name')} {'_'.repeat(30)}
        </p>
        <p>{both('surveys.paper.hand_in')}</p>
        <nav aria-label={t('surveys.paper.size')} class="actions no-print">
          <a href={`${path}/paper?paper=a4`} aria-current={paper === 'a4' ? 'page' : undefined}>
            A4
          </a>
          <a href={`${path}/paper?paper=letter`} aria-current={paper === 'letter' ? 'page' : undefined}>
            {t('surveys.paper.letter')}
          </a>
          <a href={path}>{t('surveys.paper.back')}</a>
        </nav>
        <p class="no-print muted">{t('surveys.paper.print_hint')}</p>
      </div>
    </Layout>
  );
}

/** `GET /c/:community/surveys/:surveyId/paper-answers` (stewards): typing in one paper form. */
export function PaperAnswerPage({
  view,
  survey,
  state,
}: {
  view: View;
  survey: SurveyView;
  state: FormState;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('surveys.typing.title', { title: survey.title })}>
      <h1>{t('surveys.typing.title', { title: survey.title })}</h1>
      <SurveysNav view={view} mayOpen />
      <p class="lead">{t('surveys.typing.lead')}</p>
      <Form view={view} action={`${base(view)}/${survey.id}/paper-answers`} id="answer">
        <AnswerFields view={view} survey={survey} state={state} />
        <Field state={state} name="name" label={t('surveys.typing.name')} maxLength={80} />
        <button type="submit">{t('surveys.typing.submit')}</button>
      </Form>
      <p>
        <a href={`${base(view)}/${survey.id}`}>{t('surveys.paper.back')}</a>
      </p>
    </Layout>
  );
}
