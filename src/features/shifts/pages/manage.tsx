/** Pages of keeping a series going: who is trained for it, no-shows, a swap asked for. */
import { ErrorSummary, Form, type FormState, PostButton, Select } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { base, ShiftsNav, shiftPath } from './common.tsx';

/** `GET /c/:community/shifts/series/:seriesId/trained`: who is trained, and marking others. */
export function TrainedPage({
  view,
  title,
  seriesId,
  trained,
  others,
  state,
}: {
  view: View;
  title: string;
  seriesId: string;
  trained: { accountId: string; displayName: string }[];
  others: { accountId: string; displayName: string }[];
  state: FormState;
}) {
  const { t } = view;
  const path = `${base(view)}/series/${seriesId}/trained`;
  return (
    <Layout view={view} title={t('shifts.trained.title', { title })}>
      <h1>{t('shifts.trained.title', { title })}</h1>
      <ShiftsNav view={view} mayAdd={false} />
      <ErrorSummary view={view} state={state} />
      <p>{t('shifts.trained.intro')}</p>
      {trained.length === 0 ? (
        <p class="notice">{t('shifts.trained.none')}</p>
      ) : (
        <ul class="porch-entries">
          {trained.map((m) => (
            <li>
              <span class="porch-line">{m.displayName}</span>
              <PostButton
                view={view}
                action={`${path}/${m.accountId}/remove`}
                label={t('shifts.trained.unmark', { name: m.displayName })}
                kind="secondary"
              />
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <Form view={view} action={path}>
          <Select
            state={state}
            name="accountId"
            label={t('shifts.trained.member')}
            options={others.map((m) => [m.accountId, m.displayName])}
          />
          <button type="submit">{t('shifts.trained.mark')}</button>
        </Form>
      )}
    </Layout>
  );
}

/** `GET /c/:community/shifts/no-shows`: the reader's own no-shows, or every member's for a steward. */
export function NoShowsPage({
  view,
  members,
  months,
  steward,
}: {
  view: View;
  members: { accountId: string; name: string; count: number }[];
  months: number;
  steward: boolean;
}) {
  const { t } = view;
  const mine = members.find((m) => m.accountId === view.account?.id)?.count ?? 0;
  return (
    <Layout view={view} title={t('shifts.no_shows.title')}>
      <h1>{t('shifts.no_shows.title')}</h1>
      <ShiftsNav view={view} mayAdd={false} />
      <p>{t('shifts.no_shows.private', { months })}</p>
      {steward ? (
        members.length === 0 ? (
          <p class="notice">{t('shifts.no_shows.nobody', { months })}</p>
        ) : (
          <ul>
            {members.map((m) => (
              <li>{t('shifts.no_shows.member', { name: m.name, count: m.count })}</li>
            ))}
          </ul>
        )
      ) : (
        <p>{t('shifts.no_shows.mine', { count: mine, months })}</p>
      )}
    </Layout>
  );
}

/** A swap as its page shows it. */
export interface SwapView {
  id: string;
  seriesId: string;
  title: string;
  occurrence: string;
  startsAt: string;
  name: string;
  otherOccurrence: string;
  otherStartsAt: string;
  otherName: string;
  answeredAt: string | null;
  accepted: number | null;
  mayAnswer: boolean;
}

/** `GET /c/:community/shifts/swaps/:swapId`: a swap asked for; the asked volunteer answers it. */
export function SwapPage({ view, swap, state }: { view: View; swap: SwapView; state: FormState }) {
  const { t } = view;
  // From the instant, in the community's zone: a moved occurrence is not on its key's day.
  const when = (startsAt: string) => formatInstant(view, startsAt);
  const path = `${base(view)}/swaps/${swap.id}`;
  return (
    <Layout view={view} title={t('shifts.swap.title', { title: swap.title })}>
      <h1>{t('shifts.swap.title', { title: swap.title })}</h1>
      <ShiftsNav view={view} mayAdd={false} />
      <ErrorSummary view={view} state={state} />
      <p>
        {t('shifts.swap.asks', {
          name: swap.name,
          otherName: swap.otherName,
          theirs: when(swap.otherStartsAt),
          mine: when(swap.startsAt),
        })}
      </p>
      <ul>
        <li>
          <a href={shiftPath(view, { seriesId: swap.seriesId, occurrence: swap.occurrence })}>
            {when(swap.startsAt)}
          </a>
        </li>
        <li>
          <a href={shiftPath(view, { seriesId: swap.seriesId, occurrence: swap.otherOccurrence })}>
            {when(swap.otherStartsAt)}
          </a>
        </li>
      </ul>
      <p class="notice">
        {swap.answeredAt === null
          ? t('shifts.swap.waiting')
          : swap.accepted
            ? t('shifts.swap.accepted')
            : t('shifts.swap.declined')}
      </p>
      {swap.mayAnswer && (
        <div class="actions">
          <PostButton view={view} action={`${path}/accept`} label={t('shifts.swap.accept')} />
          <PostButton
            view={view}
            action={`${path}/decline`}
            label={t('shifts.swap.decline')}
            kind="secondary"
          />
        </div>
      )}
    </Layout>
  );
}
