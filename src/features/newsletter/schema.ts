/** Request and response shapes of the newsletter: the edge schema is the API's documentation. */

import { Type } from 'typebox';
import { locales } from '../../platform/i18n/index.ts';

/** The longest title, introduction, heading and section text (characters). */
export const limits = { title: 200, intro: 4000, heading: 200, body: 8000, sections: 40 } as const;

const Uuid = Type.String({ format: 'uuid' });
const Slug = Type.String({ maxLength: 100, description: 'The community slug.' });
const Lang = Type.Enum(locales, { description: 'A language the issue is written in (en, es).' });

/** Route parameters. */
export const CommunityParams = Type.Object({ community: Slug });
export const NewsletterParams = Type.Object({ community: Slug, newsletterId: Uuid });
export const EditionParams = Type.Object({ community: Slug, newsletterId: Uuid, lang: Lang });

/** The language of a page or a sheet, and (sheet) the paper. */
export const IssueQuery = Type.Object({ lang: Type.Optional(Lang) });
export const SheetQuery = Type.Object({
  lang: Type.Optional(Lang),
  paper: Type.Optional(Type.Enum(['a4', 'letter'] as const, { description: 'A4 (default) or US Letter.' })),
});

const Title = Type.String({ minLength: 1, maxLength: limits.title });
const Intro = Type.String({ maxLength: limits.intro });
const Heading = Type.String({ maxLength: limits.heading });
const Body = Type.String({ maxLength: limits.body });

/** A steward's edit of one edition (the API). */
export const EditionIn = Type.Object({
  title: Title,
  intro: Type.Optional(Intro),
  sections: Type.Array(Type.Object({ id: Uuid, heading: Heading, body: Body }), {
    maxItems: limits.sections,
    description:
      'Each section kept, with its new heading and text (every section of the edition not removed).',
  }),
  remove: Type.Optional(
    Type.Array(Uuid, { maxItems: limits.sections, description: 'Sections to remove from the edition.' }),
  ),
});

/**
 * The same edit from the page's form: parallel lists, one entry per section in the order shown
 * (`section` its id, `heading`, `body`), and the ids ticked to remove.
 */
export const EditionFormIn = Type.Object({
  lang: Lang,
  title: Title,
  intro: Type.Optional(Intro),
  section: Type.Optional(Type.Array(Uuid, { maxItems: limits.sections })),
  heading: Type.Optional(Type.Array(Heading, { maxItems: limits.sections })),
  body: Type.Optional(Type.Array(Body, { maxItems: limits.sections })),
  remove: Type.Optional(Type.Array(Uuid, { maxItems: limits.sections })),
});

/** Publishing: seen without an account too, or by members only (the default). */
export const PublishIn = Type.Object({
  isPublic: Type.Optional(Type.Boolean({ description: 'Anyone may read it (page, feed, sheet).' })),
});
export const PublishFormIn = Type.Object({ isPublic: Type.Optional(Type.Literal('1')) });

const SectionOut = Type.Object({
  id: Uuid,
  kind: Type.String(),
  heading: Type.String(),
  body: Type.String(),
});
const EditionOut = Type.Object({
  locale: Type.String(),
  title: Type.String(),
  intro: Type.String(),
  sections: Type.Array(SectionOut),
});

/** An issue. */
export const NewsletterOut = Type.Object({
  id: Uuid,
  month: Type.String({ description: 'The month it is the issue of, YYYY-MM.' }),
  status: Type.Enum(['draft', 'published'] as const),
  isPublic: Type.Boolean(),
  coversFrom: Type.String({ description: 'What happened from this instant…' }),
  coversUntil: Type.String({ description: '…until this one is in it.' }),
  compiledAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  editions: Type.Array(EditionOut),
});
export const NewsletterListOut = Type.Object({ newsletters: Type.Array(NewsletterOut) });
export const PublishOut = Type.Object({ told: Type.Integer({ description: 'Members told.' }) });
