/**
 * "How did it go?": the one-tap feedback form a page shows after a loan, a shift or a gathering's
 * date, to someone who took part (the feedback feature decides who: `feedback/service.ts
 * promptFor`). Either button sends it, without JavaScript; the comment and the permission to
 * quote it are optional.
 */
import type { View } from '../view.ts';
import { Form } from './form.tsx';

/** What the form needs: where it posts, and what the member said before, if anything. */
export interface FeedbackPromptFacts {
  action: string;
  given: { rating: 'went_well' | 'could_improve'; comment: string; quotable: boolean } | null;
}

/** The form; `heading` is its level-2 heading's text (the page's own words, or "How did it go?"). */
export function FeedbackPrompt({
  view,
  prompt,
  heading,
}: {
  view: View;
  prompt: FeedbackPromptFacts;
  heading?: string;
}) {
  const { t } = view;
  const given = prompt.given;
  return (
    <section aria-labelledby="feedback-heading" class="feedback-prompt">
      <h2 id="feedback-heading">{heading ?? t('feedback.prompt.heading')}</h2>
      {given ? (
        <p class="notice success">{t(`feedback.prompt.given_${given.rating}`)}</p>
      ) : (
        <p class="hint">{t('feedback.prompt.hint')}</p>
      )}
      <Form view={view} action={prompt.action}>
        <div class="field">
          <label for="f-comment">{t('feedback.fields.comment')}</label>
          <p class="hint" id="h-comment">
            {t('feedback.fields.comment_hint')}
          </p>
          <textarea id="f-comment" name="comment" rows={3} data-maxlength={2000} aria-describedby="h-comment">
            {given?.comment ?? ''}
          </textarea>
        </div>
        <div class="field">
          <label class="choice">
            <input type="checkbox" name="quotable" value="1" checked={given?.quotable ?? false} />{' '}
            {t('feedback.fields.quotable')}
          </label>
        </div>
        <div class="actions">
          <button type="submit" name="rating" value="went_well">
            {t('feedback.rating.went_well')}
          </button>
          <button type="submit" name="rating" value="could_improve" class="secondary">
            {t('feedback.rating.could_improve')}
          </button>
        </div>
      </Form>
    </section>
  );
}
