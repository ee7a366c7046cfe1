/**
 * A member's buddy page: each household that asks them to be its buddy, with what they would see
 * and Accept / Decline; the households they look after, with their phone and "I can't be their
 * buddy any more". Forms only: no JavaScript needed.
 */
import { PostButton } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { BuddyOf } from '../buddies.ts';
import { base } from './common.tsx';

/** The buddy page. */
export function BuddiesPage({ view, households }: { view: View; households: BuddyOf[] }) {
  const { t } = view;
  const b = base(view);
  const title = t('evacuation.buddy.title');
  const asks = households.filter((h) => h.status !== 'accepted');
  const mine = households.filter((h) => h.status === 'accepted');
  const answer = (
    h: BuddyOf,
    value: 'accepted' | 'declined',
    label: string,
    kind?: 'secondary' | 'danger',
  ) => (
    <PostButton
      view={view}
      action={`${b}/buddy/${h.householdId}`}
      hidden={{ answer: value }}
      label={label}
      of={h.name}
      kind={kind}
    />
  );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
      </p>
      <p class="prose">{t('evacuation.buddy.intro')}</p>
      {households.length === 0 && <p>{t('evacuation.buddy.none')}</p>}
      {asks.length > 0 && (
        <section aria-labelledby="asks">
          <h2 id="asks">{t('evacuation.buddy.asks_title')}</h2>
          <ul class="cards">
            {asks.map((h) => (
              <li class="card">
                <h3>
                  <bdi>{h.name}</bdi>
                </h3>
                <p class="prose">{t(`evacuation.buddy.asks.${h.role}`, { name: h.name })}</p>
                <p class="prose">{t('evacuation.buddy.you_see')}</p>
                <p class="prose">{t('evacuation.buddy.stop_any_time')}</p>
                {h.status === 'declined' && <p class="notice">{t('evacuation.buddy.you_declined')}</p>}
                <div class="actions">
                  {answer(h, 'accepted', t('evacuation.buddy.accept'))}
                  {h.status === 'asked' && answer(h, 'declined', t('evacuation.buddy.decline'), 'secondary')}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {mine.length > 0 && (
        <section aria-labelledby="mine">
          <h2 id="mine">{t('evacuation.buddy.mine_title')}</h2>
          <ul class="cards">
            {mine.map((h) => (
              <li class="card">
                <h3>
                  <bdi>{h.name}</bdi>
                </h3>
                <p>{t(`evacuation.buddy.role.${h.role}`)}</p>
                <p>
                  {t('evacuation.fields.phone')}:{' '}
                  {h.phone ? <a href={`tel:${h.phone.replace(/[^\d+]/gu, '')}`}>{h.phone}</a> : '—'}
                </p>
                {answer(h, 'declined', t('evacuation.buddy.stop', { name: h.name }), 'danger')}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}
