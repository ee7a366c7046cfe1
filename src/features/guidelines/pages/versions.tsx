/** One version of the guidelines, and the difference between two. */
import type { GuidelineVersion } from '../../../platform/db/database.ts';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { DiffPart } from '../service.ts';
import { Difference, GuidelinesNav, guidelinesBase, Prose, proposalsBase } from './common.tsx';

/** `GET /c/:community/guidelines/versions/:number`. */
export function VersionPage({ view, version }: { view: View; version: GuidelineVersion }) {
  const { t } = view;
  const title = t('guidelines.page.version', { number: version.number });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <GuidelinesNav view={view} mayPropose={false} />
      <p class="hint">
        {formatInstant(view, version.madeAt, false)}
        {' · '}
        {version.proposalId ? (
          <a href={`${proposalsBase(view)}/${version.proposalId}`}>{t('guidelines.nav.proposals')}</a>
        ) : (
          t('guidelines.page.by_steward')
        )}
      </p>
      <Prose text={version.body} />
      {version.number > 1 && (
        <p class="actions">
          <a href={`${guidelinesBase(view)}/compare?from=${version.number - 1}&to=${version.number}`}>
            {t('guidelines.page.compare_title', { from: version.number - 1, to: version.number })}
          </a>
        </p>
      )}
    </Layout>
  );
}

/** `GET /c/:community/guidelines/compare?from=&to=`. */
export function ComparePage({
  view,
  from,
  to,
  parts,
}: {
  view: View;
  from: GuidelineVersion;
  to: GuidelineVersion;
  parts: DiffPart[];
}) {
  const { t } = view;
  const title = t('guidelines.page.compare_title', { from: from.number, to: to.number });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <GuidelinesNav view={view} mayPropose={false} />
      <Difference view={view} parts={parts} />
    </Layout>
  );
}
