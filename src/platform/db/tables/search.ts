/**
 * Search tables (migration 0010): one search document per searchable thing of a community (post, item,
 * seed variety, a member's skills), holding its folded terms and the URL it leads to.
 */

/** The searchable text of one thing of a community, folded by the app (migration 0010). */
export interface SearchDocumentTable {
  id: string;
  communityId: string;
  kind: 'post' | 'item' | 'variety' | 'member';
  subjectId: string;
  title: string;
  titleTerms: string;
  bodyTerms: string;
  url: string;
  updatedAt: string;
}

/** The search area's tables, by name (part of `Database`). */
export interface SearchDatabase {
  searchDocument: SearchDocumentTable;
}

/** Tables of this area whose rows belong to one community (checked by the tenant guard). */
export const searchCommunityTables: readonly string[] = ['search_document'];
