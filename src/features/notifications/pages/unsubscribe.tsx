/** The page of a one-click unsubscribe link: what it stops, a button, and then that it is done. */
import { kindLabel } from '../../../platform/notify/kinds.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

/**
 * `GET /unsubscribe/…` asks (a link opened by a mail scanner must change nothing); the button
 * posts to the same link. After it, `done` says the mails stopped.
 */
export function UnsubscribePage({
  view,
  kinds,
  done,
}: {
  view: View;
  kinds: readonly string[];
  done: boolean;
}) {
  const { t } = view;
  const title = t('notify.unsubscribe.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <ul>
        {kinds.map((k) => (
          <li>{t(kindLabel(k))}</li>
        ))}
      </ul>
      {done ? (
        <p class="notice success" role="status">
          {t('notify.unsubscribe.done')}
        </p>
      ) : (
        <form method="post" action={view.path}>
          <p>{t('notify.unsubscribe.ask')}</p>
          <button type="submit">{t('notify.unsubscribe.confirm')}</button>
        </form>
      )}
      <p>
        <a href="/account/notifications">{t('notify.unsubscribe.more')}</a>
      </p>
    </Layout>
  );
}
