/** The community's pilots. */
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { PilotLine } from '../service.ts';
import { base, PilotsNav, statusLine } from './common.tsx';

/** `GET /c/:community/pilots`: latest start first, with where each is. */
export function PilotsPage({ view, list, mayStart }: { view: View; list: PilotLine[]; mayStart: boolean }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('pilots.list.title')}>
      <h1>{t('pilots.list.title')}</h1>
      <p class="lead">{t('pilots.list.lead')}</p>
      <PilotsNav view={view} mayStart={mayStart} />
      {list.length === 0 ? (
        <p>{t('pilots.list.none')}</p>
      ) : (
        <ul>
          {list.map((p) => (
            <li>
              <a href={`${base(view)}/${p.id}`}>
                <bdi>{p.title}</bdi>
              </a>
              {' — '}
              {statusLine(view, p)}
              {p.decision && <> · {t(`pilots.decision.${p.decision}`)}</>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
