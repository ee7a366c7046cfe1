/** A member's calendar feed: subscribe in a calendar app, and make a new secret link. */
import { Form } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

/** `GET /account/calendar`; `url` only right after a new link was made (it is shown once). */
export function CalendarPage({ view, exists, url }: { view: View; exists: boolean; url?: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('shifts.calendar.title')}>
      <h1>{t('shifts.calendar.title')}</h1>
      <p>{t('shifts.calendar.intro')}</p>
      {url ? (
        <>
          <p role="status">{t('shifts.calendar.made')}</p>
          <p>
            <label for="feed-url">{t('shifts.calendar.url')}</label>
            <input id="feed-url" type="text" readonly value={url} />
          </p>
          <p class="hint">{t('shifts.calendar.secret')}</p>
        </>
      ) : (
        exists && <p>{t('shifts.calendar.exists')}</p>
      )}
      <Form view={view} action="/account/calendar">
        <button type="submit" class={exists ? 'secondary' : undefined}>
          {exists ? t('shifts.calendar.rotate') : t('shifts.calendar.make')}
        </button>
      </Form>
    </Layout>
  );
}
