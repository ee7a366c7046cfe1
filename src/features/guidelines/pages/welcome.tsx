/** The guidelines shown to a newcomer right after joining, to read and acknowledge (or later). */
import type { GuidelineVersion } from '../../../platform/db/database.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { Prose } from './common.tsx';
import { AcknowledgeForm } from './guidelines.tsx';

/**
 * `GET /c/:community/guidelines/welcome`: the current guidelines with "I have read these" (or,
 * read already or none yet, a way on into the community).
 */
export function WelcomePage({
  view,
  current,
  needsReading,
}: {
  view: View;
  current: GuidelineVersion | null;
  needsReading: boolean;
}) {
  const { t } = view;
  const home = `/c/${view.community?.slug}`;
  return (
    <Layout view={view} title={t('guidelines.welcome.title')}>
      <h1>{t('guidelines.welcome.title')}</h1>
      {current ? (
        <>
          <p>{t('guidelines.welcome.intro')}</p>
          <h2>{t('guidelines.page.version', { number: current.number })}</h2>
          <Prose text={current.body} />
          {needsReading && <AcknowledgeForm view={view} number={current.number} next={home} />}
          {needsReading && <p class="hint">{t('guidelines.welcome.hint')}</p>}
        </>
      ) : (
        <p>{t('guidelines.page.none')}</p>
      )}
      <p class="actions">
        <a href={home}>{needsReading ? t('guidelines.welcome.later') : t('guidelines.welcome.go_on')}</a>
      </p>
    </Layout>
  );
}
