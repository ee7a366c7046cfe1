/** The "My things" page: my posts, loans, seed promises and conversations. */
import type { PorchEntry } from '../../../platform/porch.ts';
import { PorchEntries } from '../../../web/components/porch.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

/** The heading of a feature's part of "My things", by the kind of its entries. */
const mineHeadings: Record<string, string> = {
  'posts.mine': 'porch.mine.posts',
  'library.borrowing': 'porch.mine.loans',
  'library.lending': 'porch.mine.loans',
  'seeds.pledge': 'porch.mine.pledges',
  'conversations.mine': 'porch.mine.conversations',
};

/** `GET /c/:community/mine`: my posts, loans, seed promises and conversations. */
export function MinePage({ view, parts }: { view: View; parts: readonly PorchEntry[][] }) {
  const { t } = view;
  const title = t('porch.mine.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {parts.length === 0 && <p class="notice">{t('porch.mine.none')}</p>}
      {parts.map((entries) => {
        const heading = mineHeadings[entries[0].kind] ?? 'porch.mine.other';
        const id = `mine-${entries[0].kind.split('.')[0]}`;
        return (
          <section aria-labelledby={id}>
            <h2 id={id}>{t(heading)}</h2>
            <PorchEntries view={view} entries={entries} />
          </section>
        );
      })}
    </Layout>
  );
}
