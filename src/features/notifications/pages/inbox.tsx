/** The inbox page: a member's notifications in the community, newest first. */

import { cursorOf } from '../../../platform/notify/service.ts';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

/** A notification as the page shows it (`routes.ts`). */
export interface ShownNotification {
  id: string;
  path: string;
  text: string;
  createdAt: string;
  readAt: string | null;
  /** How many notifications are about the same thing (this one the newest), and how many unread. */
  count: number;
  unreadAbout: number;
  /** The community's chat group, where it helps with this one; null elsewhere. */
  chat: string | null;
}

/**
 * `GET /c/:community/inbox`: one line per thing (several messages of one conversation are one
 * line, with how many), linking through the inbox (which marks them read) to what it is about;
 * unread ones say so in words. Where the community's chat group helps, the line links it too. Updated in place when something new arrives
 * (`web/client/live.ts`), and on every reload. 50 a page: "Older" leads on (`next`: the cursor),
 * "Newest" back to the first page from a later one (`paged`).
 */
export function InboxPage({
  view,
  notifications,
  next,
  paged,
}: {
  view: View;
  notifications: readonly ShownNotification[];
  next: string | null;
  paged: boolean;
}) {
  const { t } = view;
  const base = `/c/${view.community!.slug}`;
  const title = t('notify.inbox.title');
  const unread = notifications.some((n) => n.unreadAbout > 0);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <div id="inbox" data-live="replace" aria-live="polite">
        {notifications.length === 0 ? (
          <p class="notice">{t('notify.inbox.none')}</p>
        ) : (
          <ul class="porch-entries inbox">
            {notifications.map((n) => (
              <li id={`n-${n.id}`} class={n.unreadAbout > 0 ? 'unread' : 'read'}>
                {n.unreadAbout > 0 && <strong class="badge">{t('notify.inbox.new')}</strong>}{' '}
                <a href={`${base}/inbox/${n.id}`}>{n.text}</a>{' '}
                {n.count > 1 && <span class="muted">{t('notify.inbox.count', { count: n.count })} </span>}
                <time class="muted" dateTime={n.createdAt}>
                  {formatInstant(view, n.createdAt)}
                </time>
                {n.chat && (
                  <span class="porch-line">
                    <a href={n.chat} rel="noopener noreferrer">
                      {t('notify.inbox.chat')}
                    </a>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        {(next || paged) && (
          <nav class="actions" aria-label={t('notify.inbox.pages')}>
            {paged && <a href={`${base}/inbox`}>{t('notify.inbox.newest')}</a>}{' '}
            {next && (
              <a href={`${base}/inbox?before=${encodeURIComponent(next)}`} rel="next">
                {t('notify.inbox.older')}
              </a>
            )}
          </nav>
        )}
        {unread && (
          // Up to the newest one shown: one that arrives meanwhile has not been seen.
          <form
            method="post"
            action={`${base}/inbox/read?upTo=${encodeURIComponent(cursorOf(notifications[0]))}`}
          >
            <input type="hidden" name="_csrf" value={view.csrf} />
            <button type="submit">{t('notify.inbox.read_all')}</button>
          </form>
        )}
      </div>
      <p class="muted">{t('notify.inbox.kept')}</p>
      <p>
        <a href="/account/notifications">{t('notify.inbox.preferences')}</a>
      </p>
    </Layout>
  );
}
