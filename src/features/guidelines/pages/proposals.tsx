/** The proposals: open ones with their deadline, then those decided with their outcome. */
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { ProposalLine } from '../service.ts';
import { GuidelinesNav, proposalsBase } from './common.tsx';

/** `GET /c/:community/proposals`. */
export function ProposalsPage({
  view,
  proposals,
  mayPropose,
}: {
  view: View;
  proposals: ProposalLine[];
  mayPropose: boolean;
}) {
  const { t } = view;
  const open = proposals.filter((p) => p.status === 'open');
  const closed = proposals.filter((p) => p.status === 'closed');
  const line = (p: ProposalLine) => (
    <li>
      <a href={`${proposalsBase(view)}/${p.id}`}>
        <bdi>{p.title}</bdi>
      </a>
      {' — '}
      {p.status === 'open'
        ? t('guidelines.proposals.closes', { when: formatInstant(view, p.closesAt) })
        : t(`guidelines.outcome.${p.outcome}`)}
      {p.proposerName && (
        <>
          {' · '}
          {t('guidelines.proposals.by', { name: p.proposerName })}
        </>
      )}
    </li>
  );
  return (
    <Layout view={view} title={t('guidelines.proposals.title')}>
      <h1>{t('guidelines.proposals.title')}</h1>
      <GuidelinesNav view={view} mayPropose={mayPropose} />
      <p class="hint">{t('guidelines.rules')}</p>
      {proposals.length === 0 && <p>{t('guidelines.proposals.none')}</p>}
      {open.length > 0 && (
        <section aria-labelledby="open">
          <h2 id="open">{t('guidelines.proposals.open')}</h2>
          <ul>{open.map(line)}</ul>
        </section>
      )}
      {closed.length > 0 && (
        <section aria-labelledby="closed">
          <h2 id="closed">{t('guidelines.proposals.closed')}</h2>
          <ul>{closed.map(line)}</ul>
        </section>
      )}
    </Layout>
  );
}
