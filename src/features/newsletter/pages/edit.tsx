/** A steward's edit of one language of a draft: its title, introduction and each section. */
import {
  ErrorSummary,
  errorFor,
  Field,
  Form,
  type FormState,
  TextArea,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { limits } from '../schema.ts';
import { type EditionView, type IssueView, monthName } from '../service.ts';
import { issuePath } from './common.tsx';

/**
 * `GET /c/:community/newsletters/:id/edit/:lang`: one form (no JavaScript needed) with the title,
 * the introduction, and for each section its heading, its text (lines starting with "- " are a
 * list) and a box that removes it. `state` holds what was sent when it was refused.
 */
export function EditPage({
  view,
  issue,
  edition,
  state,
}: {
  view: View;
  issue: IssueView;
  edition: EditionView;
  state: FormState;
}) {
  const { t } = view;
  const language = t(`newsletter.language.${edition.locale}`);
  const title = t('newsletter.edit.title', { month: monthName(view.locale, issue.month), language });
  const values = state.values;
  const listed = (name: string, i: number, fallback: string) => {
    const v = values[name];
    return Array.isArray(v) ? String(v[i] ?? '') : v !== undefined && i === 0 ? String(v) : fallback;
  };
  const removed = new Set(([] as unknown[]).concat(values.remove ?? []).map(String));
  const sectionsError = errorFor(state, 'sections', t('newsletter.edit.sections'));
  const headingError = errorFor(state, 'heading', t('newsletter.edit.heading'));
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={issuePath(view, issue)}>{t('newsletter.edit.back')}</a>
      </p>
      <ErrorSummary view={view} state={state} />
      <Form view={view} action={`${issuePath(view, issue)}/edit/${edition.locale}`}>
        <input type="hidden" name="lang" value={edition.locale} />
        <div lang={edition.locale}>
          <Field
            state={state}
            name="title"
            label={t('newsletter.edit.issue_title')}
            required
            maxLength={limits.title}
          />
          <TextArea
            state={state}
            name="intro"
            label={t('newsletter.edit.intro')}
            rows={4}
            maxLength={limits.intro}
          />
        </div>
        {(sectionsError || headingError) && (
          <p class="field-error" id="f-sections">
            {sectionsError ?? headingError}
          </p>
        )}
        {edition.sections.map((s, i) => (
          <fieldset class="field" lang={edition.locale}>
            <legend>{t('newsletter.edit.section', { n: i + 1, heading: s.heading })}</legend>
            <input type="hidden" name="section" value={s.id} />
            <div class="field">
              <label for={`f-heading-${i}`}>{t('newsletter.edit.heading')}</label>
              <input
                id={`f-heading-${i}`}
                name="heading"
                type="text"
                value={listed('heading', i, s.heading)}
                data-maxlength={limits.heading}
              />
            </div>
            <div class="field">
              <label for={`f-body-${i}`}>{t('newsletter.edit.body')}</label>
              <p class="hint" id={`h-body-${i}`}>
                {t('newsletter.edit.body_hint')}
              </p>
              <textarea
                id={`f-body-${i}`}
                name="body"
                rows={8}
                data-maxlength={limits.body}
                aria-describedby={`h-body-${i}`}
              >
                {listed('body', i, s.body)}
              </textarea>
            </div>
            <label class="choice">
              <input type="checkbox" name="remove" value={s.id} checked={removed.has(s.id)} />{' '}
              {t('newsletter.edit.remove')}
            </label>
          </fieldset>
        ))}
        <button type="submit">{t('newsletter.edit.save')}</button>
      </Form>
    </Layout>
  );
}
