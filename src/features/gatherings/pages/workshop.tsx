/** A workshop proposal: what, when, who is asked to host, and the host's answer. */
import { PostButton } from '../../../web/components/form.tsx';
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Proposal } from '../service.ts';
import { base, GatheringsNav } from './common.tsx';

/** `GET /c/:community/gatherings/workshops/:gatheringId`. */
export function WorkshopPage({ view, proposal }: { view: View; proposal: Proposal }) {
  const { t } = view;
  const g = proposal.gathering;
  const b = `${base(view)}/workshops/${g.id}`;
  return (
    <Layout view={view} title={g.title}>
      <h1>{g.title}</h1>
      <GatheringsNav view={view} mayAdd={false} />
      <dl>
        <dt>{t('gatherings.fields.skill')}</dt>
        <dd>{g.skill}</dd>
        <dt>{t('gatherings.fields.host')}</dt>
        <dd>{proposal.hostName}</dd>
        <dt>{t('gatherings.occurrence.when')}</dt>
        <dd>
          {formatDay(view, g.startLocal.slice(0, 10))}, {g.startLocal.slice(11)}
        </dd>
        <dt>{t('gatherings.workshop.status')}</dt>
        <dd>{t(`gatherings.workshop.status_${proposal.status}`)}</dd>
      </dl>
      {g.description && <p class="prose">{g.description}</p>}
      {proposal.status === 'accepted' && (
        <p class="actions">
          <a href={`${base(view)}/${g.id}/${g.startLocal}`}>{t('gatherings.workshop.open')}</a>
        </p>
      )}
      {proposal.mayWithdraw && (
        <div class="actions">
          <p class="hint">{t('gatherings.workshop.withdraw_hint')}</p>
          <PostButton
            view={view}
            action={`${b}/withdraw`}
            label={t('gatherings.workshop.withdraw')}
            kind="secondary"
          />
        </div>
      )}
      {proposal.mayAnswer && (
        <div class="actions">
          <PostButton view={view} action={`${b}/accept`} label={t('gatherings.workshop.accept')} />
          <PostButton
            view={view}
            action={`${b}/decline`}
            label={t('gatherings.workshop.decline')}
            kind="secondary"
          />
        </div>
      )}
    </Layout>
  );
}
