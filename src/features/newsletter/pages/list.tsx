/** The community's newsletters. */

import { PostButton } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { editionFor, type IssueView } from '../service.ts';
import { base, issuePath, monthOf } from './common.tsx';

/**
 * `GET /c/:community/newsletters`: the issues the reader may read, newest first (stewards see the
 * drafts too, and may compile this month's now), and the feed.
 */
export function NewslettersPage({
  view,
  list,
  mayEdit,
  hasCurrent,
}: {
  view: View;
  list: IssueView[];
  mayEdit: boolean;
  /** Whether this month's issue exists. */
  hasCurrent: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('newsletter.list.title')}>
      <h1>{t('newsletter.list.title')}</h1>
      <p>{t('newsletter.list.intro')}</p>
      {mayEdit && !hasCurrent && (
        <PostButton view={view} action={`${base(view)}/compile`} label={t('newsletter.list.compile')} />
      )}
      {list.length === 0 ? (
        <p>{t('newsletter.list.none')}</p>
      ) : (
        <ul class="cards">
          {list.map((issue) => {
            const edition = editionFor(issue, view.locale);
            return (
              <li>
                <a href={issuePath(view, issue)}>
                  <span lang={edition?.locale}>{edition?.title ?? monthOf(view, issue)}</span>
                </a>
                <br />
                <span class="muted">
                  {issue.publishedAt
                    ? t('newsletter.list.published', { date: formatInstant(view, issue.publishedAt, false) })
                    : t('newsletter.list.draft')}
                  {issue.isPublic ? ` · ${t('newsletter.list.public')}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <a href={`${base(view)}.atom?lang=${view.locale}`} type="application/atom+xml">
          {t('newsletter.list.feed')}
        </a>
      </p>
    </Layout>
  );
}
