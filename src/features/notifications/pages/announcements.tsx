/** The community's announcements: what stewards told everyone; stewards write one here and see whom it reached. */
import { ErrorSummary, Field, Form, type FormState, TextArea } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

/** An announcement as the page shows it (`service.listAnnouncements`). */
export interface ShownAnnouncement {
  id: string;
  subject: string;
  body: string;
  createdAt: string;
  authorName: string | null;
  stats: { reached: number; mailed: number; waiting: number; failed: number } | null;
}

/** `GET /c/:community/announcements`: the list, and for stewards the form and the figures. */
export function AnnouncementsPage({
  view,
  announcements,
  state,
}: {
  view: View;
  announcements: readonly ShownAnnouncement[];
  state?: FormState;
}) {
  const { t } = view;
  const base = `/c/${view.community!.slug}`;
  const title = t('notify.announcements.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {state && (
        <section aria-labelledby="announce-heading">
          <h2 id="announce-heading">{t('notify.announcements.new')}</h2>
          <p class="hint">{t('notify.announcements.hint')}</p>
          <Form view={view} action={`${base}/announcements`}>
            <ErrorSummary view={view} state={state} />
            <Field
              state={state}
              name="subject"
              label={t('notify.announcements.subject')}
              maxLength={120}
              required
            />
            <TextArea
              state={state}
              name="body"
              label={t('notify.announcements.body')}
              maxLength={2000}
              rows={6}
              required
            />
            <button type="submit">{t('notify.announcements.send')}</button>
          </Form>
        </section>
      )}
      {announcements.length === 0 ? (
        <p class="notice">{t('notify.announcements.none')}</p>
      ) : (
        announcements.map((a) => (
          <article id={`a-${a.id}`} class="announcement">
            <h2>
              <bdi>{a.subject}</bdi>
            </h2>
            <p class="muted">
              {t('notify.announcements.by', { name: a.authorName ?? '—' })}{' '}
              <time dateTime={a.createdAt}>{formatInstant(view, a.createdAt)}</time>
            </p>
            {a.body.split(/\n\s*\n/).map((paragraph) => (
              <p>
                {paragraph.split('\n').map((line, i) => (
                  <>
                    {i > 0 && <br />}
                    {line}
                  </>
                ))}
              </p>
            ))}
            {a.stats && (
              <p class="notice">
                {t('notify.announcements.reached', { count: a.stats.reached })}{' '}
                {t('notify.announcements.mailed', { count: a.stats.mailed })}{' '}
                {a.stats.waiting > 0 && t('notify.announcements.waiting', { count: a.stats.waiting })}{' '}
                {a.stats.failed > 0 && t('notify.announcements.failed', { count: a.stats.failed })}
              </p>
            )}
          </article>
        ))
      )}
    </Layout>
  );
}
