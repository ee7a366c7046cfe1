/** The stewards' feedback summaries: per kind of activity, per place, per month, and what could improve. */
import { formatNumber } from '../../../platform/i18n/index.ts';
import { ScrollRegion } from '../../../web/components/scroll.tsx';
import { dateFormat, formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Summary, Tally } from '../service.ts';

function Cells({ view, tally }: { view: View; tally: Tally }) {
  return (
    <>
      <td>{formatNumber(view.locale, tally.answers)}</td>
      <td>{formatNumber(view.locale, tally.wentWell)}</td>
      <td>{tally.share === null ? '—' : view.t('feedback.summary.percent', { share: tally.share })}</td>
    </>
  );
}

function Head({ view, first }: { view: View; first: string }) {
  const { t } = view;
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('feedback.summary.answers')}</th>
        <th scope="col">{t('feedback.summary.went_well')}</th>
        <th scope="col">{t('feedback.summary.share')}</th>
      </tr>
    </thead>
  );
}

/** A month `YYYY-MM` as the reader's language names it ("March 2027"). */
function monthName(view: View, month: string): string {
  return dateFormat(view.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
}

/** `GET /c/:community/feedback`: stewards only. */
export function SummaryPage({ view, summary, months }: { view: View; summary: Summary; months: number }) {
  const { t } = view;
  const title = t('feedback.summary.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="hint">
        {t('feedback.summary.range', { count: months, from: formatDay(view, summary.from) })}
      </p>
      {summary.total.answers === 0 ? (
        <p class="notice">{t('feedback.summary.none')}</p>
      ) : (
        <>
          <p>
            {t('feedback.summary.total', {
              count: summary.total.answers,
              share: summary.total.share ?? 0,
            })}
          </p>
          <section aria-labelledby="by-kind">
            <h2 id="by-kind">{t('feedback.summary.by_kind')}</h2>
            <ScrollRegion label={t('feedback.summary.by_kind')}>
              <table>
                <Head view={view} first={t('feedback.summary.kind')} />
                <tbody>
                  {summary.byKind.map((k) => (
                    <tr>
                      <th scope="row">{t(`feedback.kind.${k.kind}`)}</th>
                      <Cells view={view} tally={k} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
          <section aria-labelledby="by-place">
            <h2 id="by-place">{t('feedback.summary.by_place')}</h2>
            <ScrollRegion label={t('feedback.summary.by_place')}>
              <table>
                <Head view={view} first={t('feedback.summary.place')} />
                <tbody>
                  {summary.byPlace.map((p) => (
                    <tr>
                      <th scope="row">{p.place ? <bdi>{p.place}</bdi> : t('feedback.summary.no_place')}</th>
                      <Cells view={view} tally={p} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
          <section aria-labelledby="by-month">
            <h2 id="by-month">{t('feedback.summary.by_month')}</h2>
            <ScrollRegion label={t('feedback.summary.by_month')}>
              <table>
                <Head view={view} first={t('feedback.summary.month')} />
                <tbody>
                  {summary.byMonth.map((m) => (
                    <tr>
                      <th scope="row">{monthName(view, m.month)}</th>
                      <Cells view={view} tally={m} />
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
          <section aria-labelledby="improve">
            <h2 id="improve">{t('feedback.summary.improve')}</h2>
            {summary.improve.length === 0 ? (
              <p class="muted">{t('feedback.summary.improve_none')}</p>
            ) : (
              <ul class="feedback-comments">
                {summary.improve.map((c) => (
                  <li>
                    <blockquote>
                      <bdi>{c.comment}</bdi>
                    </blockquote>
                    <p class="muted">
                      {t(`feedback.kind.${c.kind}`)}
                      {c.place && (
                        <>
                          {' · '}
                          <bdi>{c.place}</bdi>
                        </>
                      )}
                      {' · '}
                      {formatDay(view, c.on)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
      <p class="hint">{t('feedback.summary.privacy')}</p>
    </Layout>
  );
}
