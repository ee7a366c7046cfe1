/**
 * "Notifications on this device": where a member turns web push on for the browser they hold
 * (the client script asks the browser's permission and subscribes), and sees and turns off every
 * device they turned it on for. Without JavaScript, or in a browser that cannot receive push, the
 * page says so; the list and turning devices off work without JavaScript.
 */
import { formatDay } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Device } from '../service.ts';

/** The push services of the common browsers, by host suffix, and how a reader knows them. */
const services: [string, string][] = [
  ['fcm.googleapis.com', 'push.service.google'],
  ['push.services.mozilla.com', 'push.service.mozilla'],
  ['push.apple.com', 'push.service.apple'],
  ['notify.windows.com', 'push.service.windows'],
];

/** The name of `device`'s browser family, by its push service, else the service's host. */
function deviceName(view: View, device: Device): string {
  const known = services.find(
    ([suffix]) => device.service === suffix || device.service.endsWith(`.${suffix}`),
  );
  return known ? view.t(known[1]) : view.t('push.service.other', { host: device.service });
}

/** The page: this device's control, then every device with push on. */
export function PushSettingsPage({
  view,
  publicKey,
  devices,
}: {
  view: View;
  publicKey: string;
  devices: Device[];
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('push.page.title')}>
      <p>
        <a href="/account">{t('push.page.back')}</a>
      </p>
      <h1>{t('push.page.title')}</h1>
      <p>{t('push.page.intro')}</p>
      <section
        id="push-device"
        aria-labelledby="push-device-heading"
        data-push-key={publicKey}
        data-text-unsupported={t('push.device.unsupported')}
        data-text-denied={t('push.device.denied')}
        data-text-on={t('push.device.on')}
        data-text-off={t('push.device.off')}
        data-text-failed={t('push.device.failed')}
      >
        <h2 id="push-device-heading">{t('push.device.heading')}</h2>
        <p data-push-status role="status">
          {t('push.device.needs_script')}
        </p>
        <button type="button" data-push-on hidden>
          {t('push.device.turn_on')}
        </button>
        <button type="button" class="secondary" data-push-off hidden>
          {t('push.device.turn_off')}
        </button>
      </section>

      <h2>{t('push.list.heading')}</h2>
      {devices.length === 0 ? (
        <p>{t('push.list.none')}</p>
      ) : (
        <ul class="cards">
          {devices.map((d) => (
            <li class="card" data-push-endpoint={d.endpoint} data-push-id={d.id}>
              <p>
                <strong>{deviceName(view, d)}</strong>
              </p>
              <p class="muted">
                {t('push.list.since', { day: formatDay(view.locale, d.createdAt.slice(0, 10)) })}
              </p>
              <form method="post" action={`/account/push/${d.id}/remove`}>
                <input type="hidden" name="_csrf" value={view.csrf} />
                <button type="submit" class="secondary">
                  {t('push.list.turn_off')}
                  <span class="visually-hidden">: {deviceName(view, d)}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
