import type { ComponentChildren } from 'preact';
import { holdsSecret } from '../platform/http/log-redact.ts';
import { formatNumber, locales } from '../platform/i18n/index.ts';
import { isolate } from '../platform/text.ts';
import type { View } from './view.ts';
import { viewerMark } from './viewer.ts';

/** The community's sections, as [i18n key under `nav.`, path under `/c/:slug`]; stewards get theirs. */
function communityLinks(steward: boolean): [string, string][] {
  const links: [string, string][] = [
    ['board', '/board'],
    ['library', '/library'],
    ['seeds', '/seeds'],
    ['places', '/places'],
    ['shifts', '/shifts'],
    ['gatherings', '/gatherings'],
    ['newsletters', '/newsletters'],
    ['guidelines', '/guidelines'],
    ['evacuation', '/evacuation'],
    ['members', '/members'],
    ['thanks', '/thanks'],
    ['milestones', '/milestones'],
    ['conversations', '/conversations'],
    ['inbox', '/inbox'],
    ['mine', '/mine'],
    ['search', '/search'],
  ];
  if (steward)
    links.push(
      ['invites', '/invites'],
      ['requests', '/requests'],
      ['announcements', '/announcements'],
      ['steps', '/steps'],
      ['feedback', '/feedback'],
      ['settings', '/settings'],
    );
  return links;
}

/**
 * A count beside a menu link ("3"), said in full to screen readers ("3 things need you"); kept
 * up to date in place by `client/live.ts`. Present even at zero (empty), so it can appear.
 */
function Count({
  id,
  count,
  label,
  locale,
}: {
  id: string;
  count: number | undefined;
  label: string;
  /** The page's language, which writes the number. */
  locale: string;
}) {
  return (
    <span id={id} data-live="replace">
      {count ? (
        <>
          {' '}
          <span class="count" aria-hidden="true">
            {count > 99 ? `${formatNumber(locale, 99)}+` : formatNumber(locale, count)}
          </span>
          <span class="visually-hidden">{` (${label})`}</span>
        </>
      ) : null}
    </span>
  );
}

/** The community's sections; the current one is marked for screen readers and by its look. */
function CommunityNav({ view, base }: { view: View; base: string }) {
  return (
    <nav aria-label={view.t('layout.nav')} class="community-nav">
      <ul>
        {communityLinks(view.isSteward).map(([key, path]) => {
          const href = `${base}${path}`;
          const current =
            view.path === href || view.path.startsWith(`${href}/`) || view.path.startsWith(`${href}?`);
          return (
            <li>
              <a href={href} aria-current={current ? 'page' : undefined}>
                {view.t(`nav.${key}`)}
                {key === 'conversations' && (
                  <Count
                    id="count-unread"
                    locale={view.locale}
                    count={view.counts?.unread}
                    label={view.t('porch.menu.unread', { count: view.counts?.unread ?? 0 })}
                  />
                )}
                {key === 'inbox' && (
                  <Count
                    id="count-inbox"
                    locale={view.locale}
                    count={view.counts?.inbox}
                    label={view.t('notify.menu.unread', { count: view.counts?.inbox ?? 0 })}
                  />
                )}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** My profile and sign out, or sign in (back to this page). */
function AccountNav({ view }: { view: View }) {
  const { t, account } = view;
  return (
    <nav aria-label={t('layout.account_nav')} class="account-nav">
      <ul>
        {account ? (
          <>
            {/* On a phone in a community, the brand (the way to all my communities) hides here. */}
            <li class="home-link">
              <a href="/">{t('nav.home')}</a>
            </li>
            <li>
              <a href="/account" aria-current={view.path === '/account' ? 'page' : undefined}>
                {t('nav.account')}
              </a>
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
            {/* A personal link's token stays out of `next=`: it would be stored with the sign-in and logged. */}
            <a
              href={
                view.path.startsWith('/login') || holdsSecret(view.path)
                  ? '/login'
                  : `/login?next=${encodeURIComponent(view.path)}`
              }
            >
              {t('nav.sign_in')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/**
 * The page frame: head, skip link, header with navigation, main, footer with language choice.
 * `personal`: a page opened by a personal link (its token is in the address): not indexed, and
 * no link on it sends the address on as a Referer.
 */
export function Layout({
  view,
  title,
  children,
  personal = false,
}: {
  view: View;
  title: string;
  children: ComponentChildren;
  personal?: boolean;
}) {
  const { t, community, actor } = view;
  const base = community ? `/c/${community.slug}` : '';
  const member = actor.role !== 'visitor';
  return (
    <html lang={view.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {personal && <meta name="robots" content="noindex, nofollow" />}
        {personal && <meta name="referrer" content="no-referrer" />}
        {/* The title is isolated on its own: a right-to-left one cannot pull " · Porch" to its side. */}
        <title>{`${isolate(title)} · Porch`}</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={view.assets.style} />
        <script src={view.assets.script} defer />
      </head>
      {/* The length counter's words, for the script (`{n}` and `{max}` are filled in there). */}
      <body hx-boost="true" data-counter={t('form.counter', { n: '{n}', max: '{max}' })}>
        <a class="skip" href="#main">
          {t('layout.skip')}
        </a>
        {/* Who the page is for, as an opaque mark: the service worker forgets copies kept on this
            device when a page shows someone else, or nobody (client/offline.ts). In the body, not
            on it: htmx swaps the body's content, not its attributes. */}
        <header class={community ? 'site in-community' : 'site'} data-viewer={viewerMark(view)}>
          <a class="brand" href="/">
            Porch
          </a>
          {community && (
            <a class="community-name" href={base}>
              {community.name}
              {/* Live for members only: a visitor's page would open a stream that is refused. */}
              {member && (
                <Count
                  id="count-porch"
                  locale={view.locale}
                  count={view.counts?.needsMe}
                  label={t('porch.menu.needs_me', { count: view.counts?.needsMe ?? 0 })}
                />
              )}
            </a>
          )}
          {community && member ? (
            // On a phone the sections fold into one "Menu" button (a disclosure, so it works
            // without JavaScript); on a wide screen the stylesheet shows them in the header row.
            <details class="menu">
              <summary>{t('layout.menu')}</summary>
              <div class="menu-panel">
                <CommunityNav view={view} base={base} />
                <AccountNav view={view} />
              </div>
            </details>
          ) : (
            <AccountNav view={view} />
          )}
        </header>
        <main id="main" tabindex={-1}>
          {/* Polite: it says what the form just did, after the page has loaded. */}
          <div role="status" class="flash">
            {view.flash && <p class="notice success">{t(view.flash.key, view.flash.values)}</p>}
          </div>
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
