/** The "keep a copy on this device" section of a page a member may need without a network. */
import type { View } from '../view.ts';

/**
 * A section, hidden until `client/offline.ts` shows it (it needs a service worker): keep a copy
 * of this page on this device, update it, remove it; on the kept copy itself, when it was saved.
 * `data-kept-at` says "live" on the live page: the worker writes the time into the copy it keeps.
 */
export function KeepOffline({ view }: { view: View }) {
  const { t } = view;
  return (
    <section
      class="card keep-offline no-print"
      aria-label={t('offline.label')}
      data-keep-offline
      data-kept-at="live"
      data-zone={view.community?.timeZone}
      data-text-keep={t('offline.keep')}
      data-text-update={t('offline.update')}
      data-text-kept={t('offline.kept', { when: '{when}' })}
      data-text-not-kept={t('offline.not_kept')}
      data-text-offline={t('offline.offline', { when: '{when}' })}
      data-text-failed={t('offline.failed')}
      hidden
    >
      <p role="status" data-keep-status />
      <p class="actions">
        <button type="button" data-keep>
          {t('offline.keep')}
        </button>
        <button type="button" class="secondary" data-forget hidden>
          {t('offline.forget')}
        </button>
      </p>
    </section>
  );
}
