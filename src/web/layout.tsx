import type { ComponentChildren } from 'preact';
import { locales } from '../platform/i18n/index.ts';
import type { View } from './view.ts';

/** The page frame: head, skip link, header with navigation, main, footer with language choice. */
export function Layout({
  view,
  title,
  children,
}: {
  view: View;
  title: string;
  children: ComponentChildren;
}) {
  const { t, community, account, actor } = view;
  const base = community ? `/c/${community.slug}` : '';
  const member = actor.role !== 'visitor';
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Porch`}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={view.assets.style} />
        <script src={view.assets.script} defer />
      </head>
      <body hx-boost="true">
        <a class="skip" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site">
          <a class="brand" href="/">
            Porch
          </a>
          {community && (
            <a class="community-name" href={base}>
              {community.name}
            </a>
          )}
          <nav aria-label={t('layout.nav')}>
            <ul>
              {community && member && (
                <li>
                  <a href={`${base}/members`}>{t('nav.members')}</a>
                </li>
              )}
              {community && view.isSteward && (
                <>
                  <li>
                    <a href={`${base}/invites`}>{t('nav.invites')}</a>
                  </li>
                  <li>
                    <a href={`${base}/requests`}>{t('nav.requests')}</a>
                  </li>
                  <li>
                    <a href={`${base}/settings`}>{t('nav.settings')}</a>
                  </li>
                </>
              )}
              {account ? (
                <>
                  <li>
                    <a href="/account">{t('nav.account')}</a>
                  </li>
                  <li>
                    <form method="post" action="/logout" class="inline">
                      <input type="hidden" name="_csrf" value={view.csrf} />
                      <button type="submit" class="link">
                        {t('nav.sign_out')}
                      </button>
                    </form>
                  </li>
                </>
              ) : (
                <li>
                  <a href={`/login?next=${encodeURIComponent(view.path)}`}>{t('nav.sign_in')}</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site">
          {/* A full page load, not a boosted swap: htmx swaps only <body>, which would leave <html lang> on the old language. */}
          <form method="post" action="/locale" class="inline" hx-boost="false">
            <input type="hidden" name="_csrf" value={view.csrf} />
            <input type="hidden" name="next" value={view.path} />
            <label for="locale-choice">{t('layout.language')}</label>{' '}
            <select id="locale-choice" name="locale">
              {locales.map((l) => (
                <option value={l} selected={l === view.locale}>
                  {t(`locale.${l}`)}
                </option>
              ))}
            </select>{' '}
            <button type="submit">{t('layout.change_language')}</button>
          </form>
          <p>{t('layout.free_software')}</p>
        </footer>
      </body>
    </html>
  );
}
