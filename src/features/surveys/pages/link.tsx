/**
 * A needs survey by its link (where its QR code leads): anyone answers it without an account, with
 * a name if they wish. A member signed in is sent to their own form, where their answer counts once.
 */
import { Field, Form, type FormState } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { SurveyView } from '../service.ts';
import { AnswerFields, base } from './common.tsx';
import { closingOf } from './survey.tsx';

/** `GET /c/:community/surveys/:surveyId/answer`, for anyone. `thanked`: an answer was just taken. */
export function LinkAnswerPage({
  view,
  survey,
  state,
}: {
  view: View;
  survey: SurveyView;
  state: FormState;
}) {
  const { t } = view;
  const member = view.actor.role !== 'visitor';
  return (
    <Layout view={view} title={survey.title}>
      <h1>{survey.title}</h1>
      <p class="lead">{t('surveys.link.welcome', { community: view.community?.name })}</p>
      <p>{closingOf(view, survey)}</p>
      {survey.intro && <p class="prose">{survey.intro}</p>}
      {member ? (
        <p class="actions">
          <a href={`${base(view)}/${survey.id}`}>{t('surveys.link.as_member')}</a>
        </p>
      ) : survey.open ? (
        <Form view={view} action={`${base(view)}/${survey.id}/answer`} id="answer">
          <p class="hint">{t('surveys.link.hint')}</p>
          <AnswerFields view={view} survey={survey} state={state} />
          <Field
            state={state}
            name="name"
            label={t('surveys.fields.name')}
            hint={t('surveys.fields.name_hint')}
            maxLength={80}
            autocomplete="name"
          />
          <div class="honeypot" aria-hidden="true">
            <label for="f-website">{t('surveys.link.honeypot')}</label>
            <input id="f-website" name="website" tabindex={-1} autocomplete="off" />
          </div>
          <button type="submit">{t('surveys.answer.submit')}</button>
        </Form>
      ) : (
        <p class="notice">{t('surveys.answer.closed')}</p>
      )}
    </Layout>
  );
}
