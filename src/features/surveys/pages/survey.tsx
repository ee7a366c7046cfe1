/**
 * A needs survey: its questions and the member's answer form (one answer each: answering again
 * replaces it); for stewards, its link and QR code to share, the paper form to print, typing a
 * paper answer in, and the summary.
 */
import { Form, type FormState } from '../../../web/components/form.tsx';
import { formatDay, formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { SurveyView } from '../service.ts';
import { AnswerFields, base, SurveysNav } from './common.tsx';

/** When a survey closes, or closed, in words. */
export function closingOf(view: View, s: Pick<SurveyView, 'open' | 'closesOn'>): string {
  const date = formatDay(view, s.closesOn);
  return s.open ? view.t('surveys.list.open_until', { date }) : view.t('surveys.list.closed_on', { date });
}

/** `GET /c/:community/surveys/:surveyId`. `qrSvg` encodes the survey's link (stewards). */
export function SurveyPage({
  view,
  survey,
  state,
  manage,
}: {
  view: View;
  survey: SurveyView;
  state: FormState;
  /** For stewards: the QR code of the link. */
  manage?: { qrSvg: string };
}) {
  const { t } = view;
  const path = `${base(view)}/${survey.id}`;
  return (
    <Layout view={view} title={survey.title}>
      <h1>{survey.title}</h1>
      <SurveysNav view={view} mayOpen={manage !== undefined} />
      <p>
        {closingOf(view, survey)} · {t('surveys.list.answers', { count: survey.answers })}
      </p>
      {survey.intro && <p class="prose">{survey.intro}</p>}
      {manage && (
        <section aria-labelledby="share">
          <h2 id="share">{t('surveys.share.title')}</h2>
          <p class="actions">
            <a href={`${path}/summary`}>{t('surveys.share.summary')}</a>
            <a href={`${path}/paper`}>{t('surveys.share.paper')}</a>
            {survey.open && <a href={`${path}/paper-answers`}>{t('surveys.share.type_paper')}</a>}
          </p>
          {survey.open && (
            <>
              <p>{t('surveys.share.link_hint')}</p>
              <p class="link-text">
                <a href={survey.link}>{survey.link}</a>
              </p>
              <div
                class="qr"
                role="img"
                aria-label={t('surveys.share.qr_label', { title: survey.title })}
                // The SVG comes from the QR library, built from our own URL: no user markup.
                dangerouslySetInnerHTML={{ __html: manage.qrSvg }}
              />
            </>
          )}
        </section>
      )}
      {survey.mine && (
        <p class="notice">
          {t('surveys.answer.yours', { when: formatInstant(view, survey.mine.answeredAt) })}
        </p>
      )}
      {survey.open ? (
        <Form view={view} action={path} id="answer">
          <h2>{survey.mine ? t('surveys.answer.change') : t('surveys.answer.title')}</h2>
          {survey.mine && <p class="hint">{t('surveys.answer.replaces')}</p>}
          <AnswerFields view={view} survey={survey} state={state} />
          <button type="submit">{t('surveys.answer.submit')}</button>
        </Form>
      ) : (
        <p class="notice">{t('surveys.answer.closed')}</p>
      )}
    </Layout>
  );
}
