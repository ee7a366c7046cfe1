/** The coming gatherings. */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { OccurrenceView } from '../service.ts';
import { GatheringsNav, OccurrencesByDay } from './common.tsx';

/** `GET /c/:community/gatherings`: the coming weeks' gatherings by day. */
export function GatheringsPage({
  view,
  list,
  mayAdd,
}: {
  view: View;
  list: OccurrenceView[];
  mayAdd: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('gatherings.list.title')}>
      <h1>{t('gatherings.list.title')}</h1>
      <GatheringsNav view={view} mayAdd={mayAdd} />
      <OccurrencesByDay view={view} list={list} />
    </Layout>
  );
}
