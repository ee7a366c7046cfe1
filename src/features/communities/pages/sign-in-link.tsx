/** A steward's one-time sign-in link for a member without email, and the page that link opens. */
import { Form } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { MemberSignInLinks } from '../sign-in-links.ts';

/**
 * `/c/:community/members/:accountId/sign-in-link`: what the link is for, a button that makes
 * one (then the link as text and as a QR code to scan from this screen or a printout), and the
 * log of earlier links.
 */
export function MemberSignInLinkPage({
  view,
  links,
  qrSvg,
}: {
  view: View;
  links: MemberSignInLinks;
  /** The QR code of the link just made. */
  qrSvg: string | null;
}) {
  const { t } = view;
  const base = `/c/${view.community?.slug}`;
  const name = links.member.displayName;
  const title = t('communities.sign_in_link.title', { name });
  return (
    <Layout view={view} title={title}>
      <p class="no-print">
        <a href={`${base}/members/${links.member.id}`}>{t('communities.sign_in_link.back', { name })}</a>
      </p>
      <h1 class="no-print">{title}</h1>
      <p class="no-print">{t('communities.sign_in_link.intro', { name })}</p>
      {links.made && (
        // On paper, only this card: for whom, the code, what to do, and until when it works.
        <div class="card flyer sign-in-flyer">
          <h2>{t('communities.sign_in_link.for', { name, community: view.community?.name ?? '' })}</h2>
          {qrSvg && (
            <div
              class="qr"
              role="img"
              aria-label={t('communities.sign_in_link.qr_label', { name })}
              // The SVG comes from the QR library, built from our own URL: no user markup.
              dangerouslySetInnerHTML={{ __html: qrSvg }}
            />
          )}
          <p>{t('communities.sign_in_link.scan')}</p>
          <p class="link-text">{links.made.url}</p>
          <p class="notice warning" role="status">
            {t('communities.sign_in_link.made', { until: formatInstant(view, links.made.expiresAt) })}
          </p>
          <p class="actions no-print">
            <button type="button" data-print hidden>
              {t('communities.print.print')}
            </button>
          </p>
        </div>
      )}
      <Form view={view} action={`${base}/members/${links.member.id}/sign-in-link`}>
        <button type="submit">
          {t(links.made ? 'communities.sign_in_link.again' : 'communities.sign_in_link.make')}
        </button>
      </Form>
      <h2 class="no-print">{t('communities.sign_in_link.log')}</h2>
      {links.log.length === 0 ? (
        <p class="muted no-print">{t('communities.sign_in_link.none')}</p>
      ) : (
        <ul class="no-print">
          {links.log.map((l) => (
            <li>
              {t('communities.sign_in_link.entry', {
                at: formatInstant(view, l.createdAt),
                by: l.createdByName ?? '—',
              })}{' '}
              —{' '}
              {l.usedAt
                ? t('communities.sign_in_link.used', { at: formatInstant(view, l.usedAt) })
                : t('communities.sign_in_link.unused')}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** `GET /c/:community/back/:token`: one button, so that a link previewer cannot use the link up. */
export function UseSignInLinkPage({ view, token }: { view: View; token: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('communities.sign_in_link.welcome')}>
      <h1>{t('communities.sign_in_link.welcome')}</h1>
      <p>{t('communities.sign_in_link.welcome_intro', { community: view.community?.name ?? '' })}</p>
      <Form view={view} action={`/c/${view.community?.slug}/back`}>
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t('communities.sign_in_link.continue')}</button>
      </Form>
    </Layout>
  );
}
