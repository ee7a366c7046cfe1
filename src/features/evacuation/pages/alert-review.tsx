/**
 * The after-action review of an alert (coordinators, printable): every change of the day in
 * order with its time and who made it, then what drivers and households said went well or could
 * improve.
 */
import { ScrollRegion } from '../../../web/components/scroll.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Review } from '../alert-review.ts';
import { AlertFacts } from './alert.tsx';
import { base } from './common.tsx';

/** The review: the alert, its timeline as a table, the feedback. */
export function ReviewPage({ view, review }: { view: View; review: Review }) {
  const { t } = view;
  const title = t('evacuation.review.title');
  const { alert } = review;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={`${base(view)}/alert`}>{t('evacuation.back')}</a>
      </p>
      <p class="muted">{t('evacuation.card.print_hint')}</p>
      <AlertFacts view={view} alert={alert} />
      {alert.endedAt ? (
        <p>{t('evacuation.review.ended', { at: formatInstant(view, alert.endedAt) })}</p>
      ) : (
        <p class="notice">{t('evacuation.review.still_on')}</p>
      )}
      <h2 id="timeline-heading">{t('evacuation.review.timeline')}</h2>
      <ScrollRegion label={t('evacuation.review.timeline')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('evacuation.review.when')}</th>
              <th scope="col">{t('evacuation.review.what')}</th>
              <th scope="col">{t('evacuation.review.who')}</th>
            </tr>
          </thead>
          <tbody>
            {review.timeline.map((e) => (
              <tr>
                <td>{formatInstant(view, e.at)}</td>
                <td>
                  {t(`evacuation.timeline.${e.status}`, {
                    household: e.household ?? t('evacuation.log.withdrawn'),
                    driver: e.driver ?? t('evacuation.log.withdrawn'),
                  })}
                  {e.note && (
                    <>
                      {' — '}
                      <bdi>{e.note}</bdi>
                    </>
                  )}
                </td>
                <td>{e.by ? <bdi>{e.by}</bdi> : t('evacuation.review.porch')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2 id="feedback-heading">{t('evacuation.review.feedback')}</h2>
      {review.feedback.length === 0 ? (
        <p>{t('evacuation.review.no_feedback')}</p>
      ) : (
        <ul class="cards" aria-labelledby="feedback-heading">
          {review.feedback.map((f) => (
            <li>
              <strong>
                <bdi>{f.name}</bdi>
              </strong>
              {` · ${t(`evacuation.feedback.${f.feedback}`)} · ${formatInstant(view, f.at)}`}
              {f.comment && <p class="prose">{f.comment}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
