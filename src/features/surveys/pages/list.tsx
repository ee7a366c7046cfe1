/** The community's needs surveys. */
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { SurveyLine } from '../service.ts';
import { base, SurveysNav } from './common.tsx';

/** `GET /c/:community/surveys`: newest first, open or closed, with how many answered. */
export function SurveysPage({ view, list, mayOpen }: { view: View; list: SurveyLine[]; mayOpen: boolean }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('surveys.list.title')}>
      <h1>{t('surveys.list.title')}</h1>
      <p class="lead">{t('surveys.list.lead')}</p>
      <SurveysNav view={view} mayOpen={mayOpen} />
      {list.length === 0 ? (
        <p>{t('surveys.list.none')}</p>
      ) : (
        <ul>
          {list.map((s) => (
            <li>
              <a href={`${base(view)}/${s.id}`}>
                <bdi>{s.title}</bdi>
              </a>
              {' — '}
              {s.open
                ? t('surveys.list.open_until', { date: formatDay(view, s.closesOn) })
                : t('surveys.list.closed_on', { date: formatDay(view, s.closesOn) })}
              {' · '}
              {t('surveys.list.answers', { count: s.answers })}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
