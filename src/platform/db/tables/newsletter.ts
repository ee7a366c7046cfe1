/**
 * Newsletter tables (migration 0064): one issue per community and month, its title and
 * introduction per language, and its sections per language.
 */
import type { Generated, Selectable } from 'kysely';

/** One monthly issue (0064). */
export interface NewsletterTable {
  id: string;
  communityId: string;
  /** The month it is the issue of, `YYYY-MM` (the community's calendar). */
  month: string;
  /** What happened in [coversFrom, coversUntil) is in it (instants). */
  coversFrom: string;
  coversUntil: string;
  /** When it was last compiled (the draft's sections written from the data). */
  compiledAt: string;
  /** Seen without an account once published (0/1). */
  isPublic: Generated<number>;
  publishedAt: string | null;
  publishedBy: string | null;
  /** When it was sent by mail (set once). */
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An issue's title and introduction in one language (0064). */
export interface NewsletterEditionTable {
  communityId: string;
  newsletterId: string;
  locale: string;
  title: string;
  intro: Generated<string>;
}

/** One section of an issue in one language, in order (0064). */
export interface NewsletterSectionTable {
  id: string;
  communityId: string;
  newsletterId: string;
  locale: string;
  position: number;
  /** Which builder made it (`thanks`, `new_members`, `gatherings`, …). */
  kind: string;
  heading: string;
  body: string;
}

export interface NewsletterDatabase {
  newsletter: NewsletterTable;
  newsletterEdition: NewsletterEditionTable;
  newsletterSection: NewsletterSectionTable;
}

export const newsletterCommunityTables: readonly string[] = [
  'newsletter',
  'newsletter_edition',
  'newsletter_section',
];

export type Newsletter = Selectable<NewsletterTable>;
export type NewsletterEdition = Selectable<NewsletterEditionTable>;
export type NewsletterSection = Selectable<NewsletterSectionTable>;
