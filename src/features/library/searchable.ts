/**
 * Keeps live items in the community's search, so "ladder" finds the shed's ladder and a
 * neighbor's. The category is indexed in every language ("herramientas" finds the tools).
 */
import type { Db, Item } from '../../platform/db/database.ts';
import { locales, translator } from '../../platform/i18n/index.ts';
import { indexDocument } from '../../platform/search/index.ts';

/** Adds or refreshes the item's search document (in the caller's transaction). */
export async function indexItem(
  tx: Db,
  slug: string,
  item: Pick<Item, 'id' | 'communityId' | 'name' | 'category' | 'rules' | 'pickupPlace' | 'updatedAt'>,
): Promise<void> {
  const category = locales.map((l) => translator(l)(`library.category.${item.category}`));
  await indexDocument(tx, {
    communityId: item.communityId,
    kind: 'item',
    subjectId: item.id,
    title: item.name,
    body: [...category, item.rules, item.pickupPlace].join('\n'),
    url: `/c/${slug}/library/items/${item.id}`,
    updatedAt: item.updatedAt,
  });
}
