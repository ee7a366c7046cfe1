/** The operator's page of failed deliveries, across every community of the server. */
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

/** A failed delivery as the page shows it (`platform/notify/service.failedDeliveries`). */
export interface FailedDelivery {
  id: string;
  slug: string;
  communityName: string;
  channel: string;
  kind: string;
  attempts: number;
  lastError: string | null;
  dueAt: string;
}

/**
 * `GET /operator/notifications`: what could not be sent after every attempt (kind, channel,
 * community, attempts, last error, when it was due), each with "Retry", and "Retry all" — the same
 * as `porch notifications --retry`. Plain forms: no JavaScript needed.
 */
export function FailedDeliveriesPage({
  view,
  failed,
  kindLabel,
}: {
  view: View;
  failed: readonly FailedDelivery[];
  /** The catalog key of a kind's name. */
  kindLabel: (kind: string) => string;
}) {
  const { t } = view;
  const title = t('notify.operator.title');
  const csrf = <input type="hidden" name="_csrf" value={view.csrf} />;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>{t('notify.operator.intro')}</p>
      {failed.length === 0 ? (
        <p class="notice">{t('notify.operator.none')}</p>
      ) : (
        <>
          <form method="post" action="/operator/notifications/retry">
            {csrf}
            <button type="submit">{t('notify.operator.retry_all', { count: failed.length })}</button>
          </form>
          <ul class="porch-entries failed-deliveries">
            {failed.map((d) => (
              <li id={`d-${d.id}`}>
                <strong>{t(kindLabel(d.kind))}</strong>
                <br />
                {t('notify.operator.where', {
                  channel: t(`notify.operator.channel_${d.channel}`),
                  community: d.communityName,
                })}
                <br />
                <span class="muted">
                  {t('notify.operator.attempts', { count: d.attempts })}{' '}
                  <time dateTime={d.dueAt}>{formatInstant(view, d.dueAt)}</time>
                </span>
                {d.lastError && (
                  <p class="muted">
                    {t('notify.operator.error')} <bdi class="error-text">{d.lastError}</bdi>
                  </p>
                )}
                <form method="post" action={`/operator/notifications/${d.id}/retry`}>
                  {csrf}
                  <button type="submit" class="secondary">
                    {t('notify.operator.retry')}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
