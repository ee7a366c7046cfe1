/**
 * The printable sheet of an issue, for neighbors without email: the whole issue in large type on
 * A4 or US Letter (CSS named pages, as gatherings' flyers), with the address of its page. No
 * JavaScript: the browser's own Print prints it.
 */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { EditionView, IssueView } from '../service.ts';
import { Edition, issuePath, Languages } from './common.tsx';

/** `GET /c/:community/newsletters/:id/sheet`: `url` is the issue page's address. */
export function SheetPage({
  view,
  issue,
  edition,
  url,
  paper,
}: {
  view: View;
  issue: IssueView;
  edition: EditionView;
  url: string;
  paper: 'a4' | 'letter';
}) {
  const { t } = view;
  const path = `${issuePath(view, issue)}/sheet`;
  const lang = `lang=${edition.locale}`;
  return (
    <Layout view={view} title={t('newsletter.sheet.title', { title: edition.title })}>
      <div class={`newsletter-sheet paper-${paper}`}>
        <Edition edition={edition} />
        <p class="link-text">{url}</p>
        <nav aria-label={t('newsletter.sheet.paper')} class="actions no-print">
          <a href={`${path}?${lang}&paper=a4`} aria-current={paper === 'a4' ? 'page' : undefined}>
            A4
          </a>
          <a href={`${path}?${lang}&paper=letter`} aria-current={paper === 'letter' ? 'page' : undefined}>
            {t('newsletter.sheet.letter')}
          </a>
          <a href={issuePath(view, issue)}>{t('newsletter.sheet.back')}</a>
        </nav>
        <Languages view={view} issue={issue} shown={edition.locale} path={path} />
        <p class="no-print muted">{t('newsletter.sheet.print_hint')}</p>
      </div>
    </Layout>
  );
}
