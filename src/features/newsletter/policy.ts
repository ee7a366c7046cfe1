/**
 * Who may do what with the newsletter. Pure: no I/O. Services enforce these; pages call the same
 * predicates to decide which links and buttons to show.
 *
 * The rule (PRODUCT.md, capability 8; issue 18): stewards compile, edit and publish an issue,
 * since it speaks for the community; every active member reads the published issues (and a
 * steward the drafts); anyone may read an issue a steward published as public, as a public
 * gathering's page is.
 */
import { isMember, isSteward, type Who } from '../../platform/access.ts';

/** What the predicates need to know of an issue. */
export interface NewsletterFacts {
  published: boolean;
  isPublic: boolean;
}

/** Permission predicates, each `(actor, …facts) => boolean`. */
export const can = {
  /** Compile a draft, edit it, publish and send it. */
  edit: isSteward,
  /** The list of issues. */
  seeList: isMember,
  /** Read one issue (its page, its sheet, its feed entry). */
  read: (a: Who, n: NewsletterFacts) => isSteward(a) || (n.published && (isMember(a) || n.isPublic)),
};
