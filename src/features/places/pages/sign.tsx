/**
 * The sign to stick on a fridge or pantry: its name, a QR code to its public page, what to do
 * there and the food rules, in each of the community's languages; A4 and Letter alike (print CSS,
 * no JavaScript needed: the browser's own Print prints it).
 */
import { translator } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { PublicPlace } from '../service.ts';

/** The printable sign; `qrSvg` encodes `url`, the place's public page. */
export function SignPage({
  view,
  place,
  url,
  qrSvg,
}: {
  view: View;
  place: PublicPlace;
  url: string;
  qrSvg: string;
}) {
  const { t, locale } = view;
  const others = place.languages.filter((l) => l !== locale && (l === 'en' || l === 'es'));
  const said = [t, ...others.map((l) => translator(l as 'en' | 'es'))];
  const rules: [string, string][] = [
    ['food_accepted', place.foodAccepted],
    ['food_labels', place.foodLabels],
    ['food_refused', place.foodRefused],
  ].filter(([, text]) => text) as [string, string][];
  return (
    <Layout view={view} title={t('places.sign.title', { place: place.name })}>
      <div class="flyer sign">
        <h1>{place.name}</h1>
        {said.map((tr, i) => (
          <p class="call" lang={i === 0 ? locale : others[i - 1]}>
            {tr('places.sign.call')}
          </p>
        ))}
        <div
          class="qr"
          role="img"
          aria-label={t('places.sign.qr_label', { place: place.name })}
          // The SVG comes from the QR library, built from our own URL: no user markup.
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <p class="link-text">{url}</p>
        {said.map((tr, i) => (
          <p lang={i === 0 ? locale : others[i - 1]}>{tr('places.sign.scan')}</p>
        ))}
        {rules.length > 0 && (
          <dl class="facts">
            {rules.map(([key, text]) => (
              <>
                <dt>{said.map((tr) => tr(`places.fields.${key}`)).join(' · ')}</dt>
                <dd class="prose">{text}</dd>
              </>
            ))}
          </dl>
        )}
        {place.contact && (
          <p>
            {said.map((tr) => tr('places.public.reach')).join(' · ')}: {place.contact}
          </p>
        )}
        <p class="actions no-print">
          <a href={`/c/${view.community?.slug}/p/${place.id}`}>{t('places.sign.back')}</a>
        </p>
        <p class="no-print muted">{t('places.sign.print_hint')}</p>
      </div>
    </Layout>
  );
}
