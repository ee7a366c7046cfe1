/** What the newsletter pages share: their paths, a text as paragraphs and lists, an edition. */
import type { View } from '../../../web/view.ts';
import { blocksOf } from '../feeds.ts';
import type { EditionView, IssueView } from '../service.ts';
import { monthName } from '../service.ts';

/** `/c/:slug/newsletters`. */
export const base = (view: View) => `/c/${view.community?.slug}/newsletters`;

/** The path of an issue's page. */
export const issuePath = (view: View, issue: Pick<IssueView, 'id'>) => `${base(view)}/${issue.id}`;

/** The month of an issue in the reader's language ("December 2026"). */
export const monthOf = (view: View, issue: Pick<IssueView, 'month'>) => monthName(view.locale, issue.month);

/** A newsletter text: paragraphs, and lists where each line starts with "- ". */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {blocksOf(text).map((b) =>
        'list' in b ? (
          <ul>
            {b.list.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        ) : (
          <p>
            {b.lines.map((line, i) => (
              <>
                {i > 0 && <br />}
                {line}
              </>
            ))}
          </p>
        ),
      )}
    </>
  );
}

/** An edition: its title (a heading of `level`), introduction and sections, in its own language. */
export function Edition({ edition, level = 1 }: { edition: EditionView; level?: 1 | 2 }) {
  const Title = level === 1 ? 'h1' : 'h2';
  const Heading = level === 1 ? 'h2' : 'h3';
  return (
    <article lang={edition.locale} class="prose newsletter">
      <Title>{edition.title}</Title>
      <Prose text={edition.intro} />
      {edition.sections.map((s) => (
        <section>
          <Heading>{s.heading}</Heading>
          <Prose text={s.body} />
        </section>
      ))}
    </article>
  );
}

/** Links to the issue in its other languages (`path` + `?lang=`), each said in its own language. */
export function Languages({
  view,
  issue,
  shown,
  path,
}: {
  view: View;
  issue: IssueView;
  shown: string;
  path: string;
}) {
  if (issue.editions.length < 2) return null;
  return (
    <nav aria-label={view.t('newsletter.page.languages')} class="actions no-print">
      {issue.editions.map((e) => (
        <a
          href={`${path}?lang=${e.locale}`}
          hreflang={e.locale}
          lang={e.locale}
          aria-current={e.locale === shown ? 'page' : undefined}
        >
          {view.t(`newsletter.language.${e.locale}`)}
        </a>
      ))}
    </nav>
  );
}
