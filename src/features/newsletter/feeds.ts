/**
 * The newsletter as an Atom feed (RFC 4287), written by the `feed` library: one entry per
 * published issue the reader may read (public ones for anyone, every published one for a signed-in
 * member), newest first, each with the issue in the reader's language as HTML. The entry's id is
 * the issue page's URL, which never changes; `updated` is when it was published.
 */
import { Feed } from 'feed';
import { requireCommunity } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { type EditionView, editionFor, listIssues } from './service.ts';

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => escapes[c]);

/**
 * A text of the newsletter as HTML blocks: paragraphs at blank lines, a paragraph whose lines all
 * start with "- " a list, line breaks kept; everything escaped (the text is a steward's).
 */
export function blocksOf(text: string): ({ list: string[] } | { lines: string[] })[] {
  return text
    .trim()
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => {
      const lines = p.split('\n').map((l) => l.trimEnd());
      return lines.every((l) => l.startsWith('- ')) ? { list: lines.map((l) => l.slice(2)) } : { lines };
    });
}

/** An edition as an HTML fragment (the feed's content). */
export function editionHtml(edition: EditionView): string {
  const html = (text: string) =>
    blocksOf(text)
      .map((b) =>
        'list' in b
          ? `<ul>${b.list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`
          : `<p>${b.lines.map(escapeHtml).join('<br>')}</p>`,
      )
      .join('\n');
  return [
    html(edition.intro),
    ...edition.sections.map((s) => `<h2>${escapeHtml(s.heading)}</h2>\n${html(s.body)}`),
  ].join('\n');
}

/**
 * The community's newsletter feed for the context's reader, as Atom XML, in `lang` (the page's
 * `?lang=`) or the reader's language. Entry titles and summaries are typed `html` by the library:
 * a steward's plain text is escaped for them, so it shows as typed and never as markup.
 */
export async function atomFeed(ctx: Ctx, lang?: string): Promise<string> {
  const community = requireCommunity(ctx);
  const base = `${ctx.config.baseUrl.replace(/\/$/, '')}/c/${community.slug}`;
  const issues = await listIssues(ctx, { public: ctx.actor.role === 'visitor' });
  const published = issues.filter((i) => i.publishedAt !== null);
  const feed = new Feed({
    id: `${base}/newsletters`,
    link: `${base}/newsletters`,
    title: ctx.t('newsletter.feed.title', { community: community.name }),
    description: ctx.t('newsletter.feed.subtitle', { community: community.name }),
    language: lang ?? ctx.locale,
    updated: new Date(published[0]?.publishedAt ?? community.createdAt),
    generator: false,
    copyright: community.name,
    author: { name: community.name, link: base },
    feedLinks: { atom: `${base}/newsletters.atom` },
  });
  for (const issue of published) {
    const edition = editionFor(issue, lang ?? ctx.locale) as EditionView;
    // Each language's entry is its own (a translation is another entry), at the page in that language.
    const link = `${base}/newsletters/${issue.id}?lang=${edition.locale}`;
    feed.addItem({
      id: link,
      link,
      title: escapeHtml(edition.title),
      date: new Date(issue.publishedAt as string),
      published: new Date(issue.publishedAt as string),
      description: escapeHtml(edition.intro || edition.title),
      content: editionHtml(edition),
    });
  }
  return feed.atom1();
}
