/** Stewards' pages: invite links, the printable invite, membership requests, paper members. */
import type { Community } from '../../../platform/db/database.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { languageChoices, languageName } from '../../../platform/i18n/languages.ts';
import { ErrorSummary, Field, Form, type FormState, TextArea } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { InviteView } from '../service.ts';
import type { MembershipWithAccount } from '../store.ts';
import { Checkboxes, formatDate } from './parts.tsx';

/** `GET /c/:community/invites`: the links, their use, print and revoke; a form for a new one. */
export function InvitesPage({
  view,
  community,
  invites,
  state,
  localOnly,
}: {
  view: View;
  community: Community;
  invites: InviteView[];
  state: FormState;
  /** The server's base URL opens only on the server itself (BASE_URL unset or local). */
  localOnly: boolean;
}) {
  const { t, locale } = view;
  const base = `/c/${community.slug}`;
  const date = (d: string) => formatDate(d, locale, community.timeZone);
  return (
    <Layout view={view} title={t('communities.invites.title')}>
      <h1>{t('communities.invites.title')}</h1>
      <p>{t('communities.invites.intro')}</p>
      {localOnly && <LocalOnly view={view} url={invites[0]?.url ?? `/c/${community.slug}`} />}
      {invites.length === 0 ? (
        <p class="muted">{t('communities.invites.none')}</p>
      ) : (
        <ul class="cards">
          {invites.map((i) => (
            <li class="card">
              <h2>{i.label || t('communities.invites.unlabelled')}</h2>
              <p class="link-text">{i.url}</p>
              {i.usable && (
                // Shown by the client script where the browser can copy or share.
                <p class="actions">
                  <button
                    type="button"
                    class="secondary"
                    data-copy={i.url}
                    data-copied={t('communities.invites.copied')}
                    hidden
                  >
                    {t('communities.invites.copy')}
                  </button>
                  <button
                    type="button"
                    class="secondary"
                    data-share={i.url}
                    data-share-text={t('communities.invites.share_text', { community: community.name })}
                    hidden
                  >
                    {t('communities.invites.share')}
                  </button>
                  {/* Says "copied" (the client script fills it in). */}
                  <span role="status" data-copied-status />
                </p>
              )}
              <p>
                {i.maxUses === null
                  ? t('communities.invites.uses', { count: i.uses })
                  : t('communities.invites.uses_of', { count: i.uses, max: i.maxUses })}
                {' · '}
                {i.revokedAt
                  ? t('communities.invites.revoked', { date: date(i.revokedAt) })
                  : i.expiresAt
                    ? t('communities.invites.expires', { date: date(i.expiresAt) })
                    : t('communities.invites.no_expiry')}
              </p>
              {i.usable ? (
                <div class="actions">
                  <a class="button secondary" href={`${base}/invites/${i.id}/print`}>
                    {t('communities.invites.print')}
                  </a>
                  {/* Stopping cannot be undone: it asks first (a disclosure, so without JavaScript too). */}
                  <details class="confirm">
                    <summary class="button secondary">{t('communities.invites.revoke')}</summary>
                    <p>{t('communities.invites.revoke_confirm')}</p>
                    <Form view={view} action={`${base}/invites/${i.id}/revoke`}>
                      <button type="submit" class="danger">
                        {t('communities.invites.revoke_yes')}
                      </button>
                    </Form>
                  </details>
                </div>
              ) : (
                <p class="muted">{t('communities.invites.not_usable')}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('communities.invites.new')}</h2>
      <Form view={view} action={`${base}/invites`}>
        <ErrorSummary view={view} state={state} />
        <Field
          state={state}
          name="label"
          label={t('communities.invites.label')}
          hint={t('communities.invites.label_hint')}
          maxLength={80}
        />
        <Field
          state={state}
          name="expiresInDays"
          label={t('communities.invites.expires_in')}
          hint={t('communities.invites.expires_in_hint')}
          inputmode="numeric"
        />
        <Field
          state={state}
          name="maxUses"
          label={t('communities.invites.max_uses')}
          hint={t('communities.invites.max_uses_hint')}
          inputmode="numeric"
        />
        <button type="submit">{t('communities.invites.create')}</button>
      </Form>
    </Layout>
  );
}

/**
 * `GET /c/:community/invites/:id/print`: a flyer with a large QR code. The call to join is in
 * the viewer's language and repeated in each other language of the community Porch speaks.
 */
export function PrintInvitePage({
  view,
  community,
  invite,
  qrSvg,
  localOnly,
}: {
  view: View;
  community: Community;
  invite: InviteView;
  /** null when the invite no longer works: the page says so instead of showing a code. */
  qrSvg: string | null;
  /** The link opens only on the server itself (BASE_URL unset or local): warn, never on paper. */
  localOnly: boolean;
}) {
  const { t, locale } = view;
  const languages = community.languages.split(',');
  const others = languages.filter((l) => l !== locale && (l === 'en' || l === 'es'));
  return (
    <Layout view={view} title={t('communities.print.title', { community: community.name })}>
      {localOnly && <LocalOnly view={view} url={invite.url} />}
      <div class="flyer">
        <h1>{community.name}</h1>
        <p class="call">{t('communities.print.call')}</p>
        {others.map((l) => (
          <p class="call" lang={l}>
            {translator(l as 'en' | 'es')('communities.print.call')}
          </p>
        ))}
        {qrSvg ? (
          <>
            <div
              class="qr"
              role="img"
              aria-label={t('communities.print.qr_label', { community: community.name })}
              // The SVG comes from the QR library, built from our own URL: no user markup.
              dangerouslySetInnerHTML={{ __html: qrSvg }}
            />
            <p>{t('communities.print.scan')}</p>
            <p class="link-text">{invite.url}</p>
          </>
        ) : (
          <p class="notice warning">{t('communities.invites.not_usable')}</p>
        )}
        <p>
          {t(`communities.rhythm.${community.rhythm}`)}
          {' · '}
          {languages.map((l) => languageName(t, l, view.locale)).join(', ')}
        </p>
        {community.description && <p>{community.description}</p>}
        <p class="actions no-print">
          <button type="button" data-print hidden>
            {t('communities.print.print')}
          </button>
          <a href={`/c/${community.slug}/invites`}>{t('communities.print.back')}</a>
        </p>
      </div>
    </Layout>
  );
}

/** The warning that links point to the server itself: not for paper (hidden when printing). */
function LocalOnly({ view, url }: { view: View; url: string }) {
  return (
    <p class="notice warning no-print" role="alert">
      {view.t('communities.invites.local_only', { url: new URL(url, 'http://localhost').origin })}
    </p>
  );
}

/** `GET /c/:community/requests`: who asks to join, with their message; approve or decline. */
export function RequestsPage({
  view,
  community,
  requests,
}: {
  view: View;
  community: Community;
  requests: MembershipWithAccount[];
}) {
  const { t, locale } = view;
  const base = `/c/${community.slug}/requests`;
  return (
    <Layout view={view} title={t('communities.requests.title')}>
      <h1>{t('communities.requests.title')}</h1>
      {requests.length === 0 ? (
        <p class="muted">{t('communities.requests.none')}</p>
      ) : (
        <ul class="cards">
          {requests.map((r) => (
            <li class="card">
              <h2>{r.displayName}</h2>
              <p class="muted">
                {t('communities.requests.asked', {
                  date: formatDate(r.requestedAt, locale, community.timeZone),
                })}
              </p>
              {r.message && <blockquote>{r.message}</blockquote>}
              <div class="actions">
                <Form view={view} action={`${base}/${r.id}/approve`} class="inline">
                  <button type="submit">{t('communities.requests.approve', { name: r.displayName })}</button>
                </Form>
                <Form view={view} action={`${base}/${r.id}/decline`} class="inline">
                  <button type="submit" class="secondary">
                    {t('communities.requests.decline', { name: r.displayName })}
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** `GET /c/:community/paper-members/new`: add a neighbor who has no email. */
export function PaperMemberPage({
  view,
  community,
  state,
}: {
  view: View;
  community: Community;
  state: FormState;
}) {
  const { t, locale } = view;
  return (
    <Layout view={view} title={t('communities.paper.title')}>
      <h1>{t('communities.paper.title')}</h1>
      <p>{t('communities.paper.intro')}</p>
      <Form view={view} action={`/c/${community.slug}/paper-members/new`}>
        <ErrorSummary view={view} state={state} />
        <Field state={state} name="name" label={t('communities.paper.name')} maxLength={80} required />
        <Field
          state={state}
          name="phone"
          type="tel"
          label={t('communities.paper.phone')}
          autocomplete="off"
        />
        <Checkboxes
          state={state}
          name="languages"
          label={t('communities.fields.languages')}
          options={languageChoices(t, locale)}
        />
        <TextArea
          state={state}
          name="note"
          label={t('communities.paper.note')}
          hint={t('communities.paper.note_hint')}
          maxLength={1000}
          rows={3}
        />
        <button type="submit">{t('communities.paper.submit')}</button>
      </Form>
    </Layout>
  );
}
