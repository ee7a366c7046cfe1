/** The front porch's parts: a list of porch entries, what needs me, what is happening. */
import type { PorchEntry } from '../../platform/porch.ts';
import type { View } from '../view.ts';
import { PostButton } from './form.tsx';

// Building a formatter costs far more than using one.
const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as a short date in the community's time zone and the reader's language. */
function shortDate(view: View, instant: string): string {
  const timeZone = view.community?.timeZone ?? 'UTC';
  const key = `${view.locale}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(view.locale, { day: 'numeric', month: 'short', timeZone });
    formats.set(key, format);
  }
  return format.format(new Date(instant));
}

/**
 * A list of porch entries: each links to its thing and says, on the line below, what it is about
 * and when.
 */
export function PorchEntries({
  view,
  entries,
  dated = false,
}: {
  view: View;
  entries: readonly PorchEntry[];
  dated?: boolean;
}) {
  const base = `/c/${view.community?.slug ?? ''}`;
  const { t } = view;
  return (
    <ul class="porch-entries">
      {entries.map((e) => (
        <li>
          <a href={e.path}>
            <bdi>{e.title}</bdi>
          </a>{' '}
          {/* On a line of its own under the link: entries read one by one on a phone. */}
          <span class="porch-line">
            {t(e.line.key, e.line.values)}
            {dated && (
              <>
                {' · '}
                <time class="muted" dateTime={e.at}>
                  {shortDate(view, e.at)}
                </time>
              </>
            )}
          </span>
          {e.notificationId && (
            <PostButton
              view={view}
              action={`${base}/inbox/${e.notificationId}/done`}
              label={t('porch.needs_me.done')}
              kind="secondary"
              of={e.title}
            />
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * What needs the member now, updated in place when something of theirs changes
 * (`web/client/live.ts`) and on every reload.
 */
export function NeedsMe({ view, entries }: { view: View; entries: readonly PorchEntry[] }) {
  const { t } = view;
  return (
    <section aria-labelledby="needs-me-heading" id="needs-me" data-live="replace" aria-live="polite">
      <h2 id="needs-me-heading">{t('porch.needs_me.heading')}</h2>
      {entries.length === 0 ? (
        <p class="muted">{t('porch.needs_me.none')}</p>
      ) : (
        <PorchEntries view={view} entries={entries} />
      )}
    </section>
  );
}

/** What happened lately in the community. */
export function Happening({ view, entries }: { view: View; entries: readonly PorchEntry[] }) {
  const { t } = view;
  return (
    <section aria-labelledby="happening-heading">
      <h2 id="happening-heading">{t('porch.happening.heading')}</h2>
      {entries.length === 0 ? (
        <p class="muted">{t('porch.happening.none')}</p>
      ) : (
        <PorchEntries view={view} entries={entries} dated />
      )}
    </section>
  );
}
