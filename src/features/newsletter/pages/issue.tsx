/** One issue: as members read it, and what a steward does with a draft. */
import {
  Checkbox,
  ErrorSummary,
  emptyForm,
  Form,
  type FormState,
  PostButton,
} from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { editionFor, type IssueView } from '../service.ts';
import { base, Edition, issuePath, Languages } from './common.tsx';

/**
 * `GET /c/:community/newsletters/:id`: the issue in the language asked for (`lang`, else the
 * reader's, else the community's first); a steward's draft with its actions: edit each language,
 * compile again, publish and send.
 */
export function IssuePage({
  view,
  issue,
  lang,
  mayEdit,
  state,
}: {
  view: View;
  issue: IssueView;
  lang?: string;
  mayEdit: boolean;
  /** What a refused action said (sent twice, compiled once published). */
  state?: FormState;
}) {
  const { t } = view;
  const edition = editionFor(issue, lang ?? view.locale);
  const path = issuePath(view, issue);
  const draft = issue.status === 'draft';
  return (
    <Layout view={view} title={edition?.title ?? t('newsletter.list.title')}>
      <p class="no-print">
        <a href={base(view)}>{t('newsletter.page.all')}</a>
      </p>
      {state && <ErrorSummary view={view} state={state} />}
      {draft ? (
        <p class="notice">{t('newsletter.page.draft')}</p>
      ) : (
        <p class="muted">
          {t('newsletter.page.published', { date: formatInstant(view, issue.publishedAt as string, false) })}
        </p>
      )}
      <Languages view={view} issue={issue} shown={edition?.locale ?? view.locale} path={path} />
      {edition && <Edition edition={edition} />}
      <nav aria-label={t('newsletter.page.more')} class="actions no-print">
        <a href={`${path}/sheet${edition ? `?lang=${edition.locale}` : ''}`}>{t('newsletter.page.sheet')}</a>
      </nav>
      {mayEdit && draft && (
        <section aria-labelledby="steward" class="no-print">
          <h2 id="steward">{t('newsletter.page.steward')}</h2>
          <ul>
            {issue.editions.map((e) => (
              <li>
                <a href={`${path}/edit/${e.locale}`}>
                  {t('newsletter.page.edit', { language: t(`newsletter.language.${e.locale}`) })}
                </a>
              </li>
            ))}
          </ul>
          <p class="hint">{t('newsletter.page.compile_hint')}</p>
          <PostButton
            view={view}
            action={`${path}/compile`}
            label={t('newsletter.page.compile')}
            kind="secondary"
          />
          <Form view={view} action={`${path}/publish`}>
            <Checkbox
              state={emptyForm()}
              name="isPublic"
              label={t('newsletter.page.public')}
              hint={t('newsletter.page.public_hint')}
            />
            <p class="hint">{t('newsletter.page.publish_hint')}</p>
            <button type="submit">{t('newsletter.page.publish')}</button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
