/**
 * The printable flyer of a public gathering's date: its title, a welcome and when in each of the
 * community's languages, where, and a QR code to its invite page — for neighbors' mailboxes. A4 or
 * US Letter (CSS named pages); no JavaScript: the browser's own Print prints it.
 */
import { translator } from '../../../platform/i18n/index.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { OccurrenceDetail } from '../service.ts';
import { occurrencePath, whenOf, whereOf } from './common.tsx';

/** `GET /c/:community/gatherings/:gatheringId/:occurrence/flyer`; `qrSvg` encodes `url`. */
export function FlyerPage({
  view,
  found,
  url,
  qrSvg,
  paper,
}: {
  view: View;
  found: OccurrenceDetail;
  url: string;
  qrSvg: string;
  paper: 'a4' | 'letter';
}) {
  const { t, locale } = view;
  const o = found.view;
  const languages = view.community?.languageList ?? [];
  const others = languages.filter((l) => l !== locale && (l === 'en' || l === 'es'));
  const said = [t, ...others.map((l) => translator(l as 'en' | 'es'))];
  const langs = [locale, ...others];
  const path = occurrencePath(view, o);
  return (
    <Layout view={view} title={t('gatherings.flyer.title', { title: o.title })}>
      <div class={`flyer paper-${paper}`}>
        <h1>{o.title}</h1>
        {said.map((tr, i) => (
          <p class="call" lang={langs[i]}>
            {tr('gatherings.flyer.welcome', { community: view.community?.name })}
          </p>
        ))}
        {said.map((tr, i) => (
          // The day and time too in each language: "16 ene 2027" means nothing to an English reader.
          <p class="lead" lang={langs[i]}>
            {whenOf(i === 0 ? view : { ...view, locale: langs[i] as View['locale'], t: tr }, o)}
          </p>
        ))}
        {whereOf(o) && <p class="lead">{whereOf(o)}</p>}
        {found.description && <p class="prose">{found.description}</p>}
        <div
          class="qr"
          role="img"
          aria-label={t('gatherings.flyer.qr_label', { title: o.title })}
          // The SVG comes from the QR library, built from our own URL: no user markup.
          dangerouslySetInnerHTML={{ __html: qrSvg }}
        />
        <p class="link-text">{url}</p>
        {said.map((tr, i) => (
          <p lang={langs[i]}>{tr('gatherings.flyer.scan')}</p>
        ))}
        <nav aria-label={t('gatherings.flyer.paper')} class="actions no-print">
          <a href={`${path}/flyer?paper=a4`} aria-current={paper === 'a4' ? 'page' : undefined}>
            A4
          </a>
          <a href={`${path}/flyer?paper=letter`} aria-current={paper === 'letter' ? 'page' : undefined}>
            {t('gatherings.flyer.letter')}
          </a>
          <a href={path}>{t('gatherings.flyer.back')}</a>
        </nav>
        <p class="no-print muted">{t('gatherings.flyer.print_hint')}</p>
      </div>
    </Layout>
  );
}
