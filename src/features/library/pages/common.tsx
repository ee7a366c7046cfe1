/** Building blocks shared by the library's pages. */
import type { View } from '../../../web/view.ts';
import type { ItemView } from '../service.ts';

/** The library's base path in the current community. */
export function base(view: View): string {
  return `/c/${view.community?.slug ?? ''}/library`;
}

/** Tags under an item's name: category, condition, owner, availability. */
export function ItemTags({ view, item }: { view: View; item: ItemView }) {
  const { t } = view;
  return (
    <ul class="tags">
      <li>{t(`library.category.${item.category}`)}</li>
      <li>{t(`library.condition.${item.condition}`)}</li>
      <li>
        {item.shed ? t('library.item.shed') : t('library.item.lent_by', { name: item.ownerName ?? '?' })}
      </li>
      <li>{item.availableToday ? t('library.item.available') : t('library.item.unavailable')}</li>
    </ul>
  );
}

/** Links for the library's sections; stewards get their tools. */
export function LibraryNav({ view }: { view: View }) {
  const { t } = view;
  const b = base(view);
  return (
    <nav aria-label={t('library.nav.label')} class="actions">
      <a href={b}>{t('library.nav.catalog')}</a>
      <a href={`${b}/items/new`}>{t('library.nav.add')}</a>
      <a href={`${b}/loans`}>{t('library.nav.my_loans')}</a>
      {view.isSteward && (
        <>
          <a href={`${b}/desk`}>{t('library.nav.desk')}</a>
          <a href={`${b}/overdue`}>{t('library.nav.overdue')}</a>
          <a href={`${b}/import`}>{t('library.nav.import')}</a>
          <a href={`${b}/settings`}>{t('library.nav.settings')}</a>
        </>
      )}
    </nav>
  );
}
