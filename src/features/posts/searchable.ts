/**
 * Keeps live posts in the community's search, so "ladder" finds an open request for one. The
 * category is indexed in every language ("comida" finds the food posts).
 */
import type { Community, Db } from '../../platform/db/database.ts';
import { locales, translator } from '../../platform/i18n/index.ts';
import { indexDocument, removeDocument, removeDocuments } from '../../platform/search/index.ts';
import * as store from './store.ts';

/** Adds or refreshes the search document of a post of `community` (in the caller's transaction). */
export async function indexPost(
  tx: Db,
  community: Pick<Community, 'id' | 'slug'>,
  postId: string,
): Promise<void> {
  const post = await store.findPost(tx, community.id, postId);
  if (!post) return;
  await indexDocument(tx, {
    communityId: community.id,
    kind: 'post',
    subjectId: post.id,
    title: post.title,
    body: [
      ...locales.map((l) => translator(l)(`posts.categories.${post.category}`)),
      post.details,
      post.place ?? '',
      post.whenText ?? '',
    ].join('\n'),
    url: `/c/${community.slug}/posts/${post.id}`,
    updatedAt: post.updatedAt,
  });
}

/** Takes a post that is no longer live out of search. */
export function unindexPost(tx: Db, communityId: string, postId: string): Promise<void> {
  return removeDocument(tx, communityId, 'post', postId);
}

/** Takes posts of any communities out of search at once (the expiry job). */
export function unindexPosts(tx: Db, posts: readonly { communityId: string; id: string }[]): Promise<void> {
  return removeDocuments(
    tx,
    'post',
    posts.map((p) => ({ communityId: p.communityId, subjectId: p.id })),
  );
}
