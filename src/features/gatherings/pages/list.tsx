/** The coming gatherings. */
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { OccurrenceView, Proposal } from '../service.ts';
import { base, GatheringsNav, OccurrencesByDay } from './common.tsx';

/** `GET /c/:community/gatherings`: the reader's workshop proposals still waiting, then the coming weeks' gatherings by day. */
export function GatheringsPage({
  view,
  list,
  proposals = [],
  mayAdd,
}: {
  view: View;
  list: OccurrenceView[];
  /** The reader's workshop proposals still waiting for their host (not on the calendar yet). */
  proposals?: Proposal[];
  mayAdd: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('gatherings.list.title')}>
      <h1>{t('gatherings.list.title')}</h1>
      <GatheringsNav view={view} mayAdd={mayAdd} />
      {proposals.length > 0 && (
        <section aria-labelledby="my-proposals">
          <h2 id="my-proposals">{t('gatherings.workshop.my_proposals')}</h2>
          <ul>
            {proposals.map((p) => (
              <li>
                <a href={`${base(view)}/workshops/${p.gathering.id}`}>{p.gathering.title}</a>
                {' — '}
                {formatDay(view, p.gathering.startLocal.slice(0, 10))}, {p.gathering.startLocal.slice(11)}
                {' · '}
                {p.hostName}
              </li>
            ))}
          </ul>
        </section>
      )}
      <OccurrencesByDay view={view} list={list} />
    </Layout>
  );
}
