/**
 * A needs survey's summary (stewards): how many answered and how, needs and offers counted, each
 * need matched with its offers, the best time to meet, the languages, the free answers, and the
 * first projects the answers suggest — each a pilot started in one click.
 */
import type { ComponentChildren } from 'preact';
import { PostButton } from '../../../web/components/form.tsx';
import { ScrollRegion } from '../../../web/components/scroll.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { LabelledCount, Summary, SurveyView } from '../service.ts';
import { base, SurveysNav } from './common.tsx';
import { closingOf } from './survey.tsx';

function Counts({ view, id, title, list }: { view: View; id: string; title: string; list: LabelledCount[] }) {
  const { t } = view;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ScrollRegion label={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('surveys.summary.choice')}</th>
              <th scope="col">{t('surveys.summary.count')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr>
                <td>
                  <bdi>{c.label}</bdi>
                </td>
                <td>{t('surveys.summary.answers', { count: c.count })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** `GET /c/:community/surveys/:surveyId/summary` (stewards). `startPilot`: the path to start a suggested pilot, when pilots exist. */
export function SummaryPage({
  view,
  survey,
  summary,
  startPilot,
}: {
  view: View;
  survey: SurveyView;
  summary: Summary;
  startPilot?: string;
}): ComponentChildren {
  const { t } = view;
  const slug = view.community?.slug;
  const timeLabel = (key: string) => summary.times.find((c) => c.key === key)?.label ?? key;
  return (
    <Layout view={view} title={t('surveys.summary.title', { title: survey.title })}>
      <h1>{t('surveys.summary.title', { title: survey.title })}</h1>
      <SurveysNav view={view} mayOpen />
      <p>
        {closingOf(view, survey)} ·{' '}
        {t('surveys.summary.by_source', {
          count: summary.answers,
          member: summary.bySource.member,
          link: summary.bySource.link,
          paper: summary.bySource.paper,
        })}
      </p>
      <section aria-labelledby="suggestions">
        <h2 id="suggestions">{t('surveys.summary.suggestions')}</h2>
        {summary.suggestions.length === 0 ? (
          <p>{t('surveys.summary.no_suggestion')}</p>
        ) : (
          <ul>
            {summary.suggestions.map((s) => (
              <li>
                <strong>
                  {t(`surveys.project.${s.project}.suggest`, {
                    needs: s.needs,
                    offers: s.offers,
                    count: s.needs,
                  })}
                </strong>{' '}
                <a href={`/c/${slug}${s.path}`}>{t(`surveys.project.${s.project}.where`)}</a>
                {startPilot && (
                  <PostButton
                    view={view}
                    action={startPilot}
                    label={t('surveys.summary.start_pilot')}
                    of={t(`surveys.project.${s.project}.name`)}
                    hidden={{ surveyId: survey.id, project: s.project }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {summary.matches.length > 0 && (
        <section aria-labelledby="matches">
          <h2 id="matches">{t('surveys.summary.matches')}</h2>
          <ul>
            {summary.matches.map((m) => (
              <li>
                <bdi>{m.label}</bdi>: {t('surveys.summary.match', { count: m.needs, offers: m.offers })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {survey.questions.times && (
        <section aria-labelledby="best-time">
          <h2 id="best-time">{t('surveys.summary.best_time')}</h2>
          <p>
            {summary.bestTimes.length === 0
              ? t('surveys.summary.no_time')
              : summary.bestTimes.map(timeLabel).join(', ')}
          </p>
        </section>
      )}
      {survey.questions.needs && (
        <Counts view={view} id="needs" title={t('surveys.question.needs')} list={summary.needs} />
      )}
      {survey.questions.offers && (
        <Counts view={view} id="offers" title={t('surveys.question.offers')} list={summary.offers} />
      )}
      {survey.questions.times && (
        <Counts view={view} id="times" title={t('surveys.question.times')} list={summary.times} />
      )}
      {survey.questions.languages && (
        <Counts view={view} id="languages" title={t('surveys.question.languages')} list={summary.languages} />
      )}
      {survey.questions.free && (
        <section aria-labelledby="free">
          <h2 id="free">
            <bdi>{survey.questions.free}</bdi>
          </h2>
          {summary.free.length === 0 ? (
            <p>{t('surveys.summary.no_free')}</p>
          ) : (
            <ul>
              {summary.free.map((f) => (
                <li>
                  <bdi>{f}</bdi>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <p>
        <a href={`${base(view)}/${survey.id}`}>{t('surveys.paper.back')}</a>
      </p>
    </Layout>
  );
}
