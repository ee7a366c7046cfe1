/** The feedback form of one thing, where the notification asking how it went leads. */

import { FeedbackPrompt } from '../../../web/components/feedback.tsx';
import { ErrorSummary, type FormState } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Prompt } from '../service.ts';

/** `GET /c/:community/feedback/:kind/:subjectId`: how did it go, for someone who took part. */
export function GivePage({ view, prompt, state }: { view: View; prompt: Prompt; state?: FormState }) {
  const { t } = view;
  const s = prompt.subject;
  const base = `/c/${view.community?.slug ?? ''}`;
  const title = t(`feedback.give.title_${s.kind}`, { title: s.title });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`${base}${s.path}`}>{t(`feedback.give.open_${s.kind}`)}</a>
      </p>
      {state && <ErrorSummary view={view} state={state} />}
      {prompt.notYet ? (
        <p class="notice">{t(`feedback.give.not_yet_${s.kind}`)}</p>
      ) : (
        <FeedbackPrompt
          view={view}
          prompt={{ action: `${base}/feedback/${s.kind}/${s.id}`, given: prompt.given }}
        />
      )}
      <p class="hint">{t('feedback.give.privacy')}</p>
    </Layout>
  );
}
