/** Desk mode: find a neighbor, check out, check in — big buttons, no JavaScript needed. */
import { ErrorSummary, Form, type FormState } from '../../../web/components/form.tsx';
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { deskMember } from '../desk.ts';
import { conditions } from '../schema.ts';
import { base, LibraryNav } from './common.tsx';
import { statusText } from './loan.tsx';

/** `GET /c/:community/library/desk`: search by name. */
export function DeskPage({
  view,
  q,
  members,
}: {
  view: View;
  q: string;
  members: { id: string; displayName: string }[];
}) {
  const { t } = view;
  const b = base(view);
  return (
    <Layout view={view} title={t('library.desk.title')}>
      <h1>{t('library.desk.title')}</h1>
      <LibraryNav view={view} />
      <form method="get" action={`${b}/desk`} class="card">
        <div class="field">
          <label for="f-q">{t('library.desk.find')}</label>
          <input id="f-q" name="q" type="search" value={q} data-maxlength={100} autofocus />
        </div>
        <button type="submit">{t('library.desk.search')}</button>
      </form>
      {q && members.length === 0 && <p class="notice">{t('library.desk.nobody')}</p>}
      <ul class="cards">
        {members.map((m) => (
          <li>
            <a class="button" href={`${b}/desk/members/${m.id}`}>
              {m.displayName}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

/** `GET /c/:community/library/desk/members/:accountId`: one neighbor at the desk. */
export function DeskMemberPage({
  view,
  desk,
  state,
}: {
  view: View;
  desk: Awaited<ReturnType<typeof deskMember>>;
  state: FormState;
}) {
  const { t } = view;
  const b = base(view);
  const title = t('library.desk.member_title', { name: desk.member.displayName });
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`${b}/desk`}>{t('library.desk.another')}</a>
      </p>
      <ErrorSummary view={view} state={state} />
      <h2>{t('library.desk.has')}</h2>
      {desk.loans.length === 0 && <p class="muted">{t('library.loans.none')}</p>}
      <ul class="cards">
        {desk.loans.map((l) => (
          <li class="card">
            <h3>{l.itemName}</h3>
            <p>
              {statusText(view, l)} — {t('library.desk.due', { due: formatDay(view, l.dueOn) })}
            </p>
            {l.status === 'out' && (
              <Form view={view} action={`${b}/desk/check-in`}>
                <input type="hidden" name="loanId" value={l.id} />
                <input type="hidden" name="accountId" value={desk.member.id} />
                <div class="field">
                  <label for={`c-${l.id}`}>{t('library.fields.return_condition')}</label>
                  <select id={`c-${l.id}`} name="condition">
                    {conditions.map((c) => (
                      <option value={c} selected={c === 'good'}>
                        {t(`library.condition.${c}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={`p-${l.id}`}>{t('library.fields.problem')}</label>
                  <input id={`p-${l.id}`} name="problem" data-maxlength={1000} />
                </div>
                <button type="submit">{t('library.desk.check_in')}</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <h2>{t('library.desk.check_out')}</h2>
      {desk.available.length === 0 ? (
        <p class="muted">{t('library.desk.nothing_free')}</p>
      ) : (
        <Form view={view} action={`${b}/desk/check-out`} class="card">
          <input type="hidden" name="accountId" value={desk.member.id} />
          <div class="field">
            <label for="f-itemId">{t('library.fields.item')}</label>
            <select id="f-itemId" name="itemId">
              {desk.available.map((i) => (
                <option value={i.id}>
                  {i.name}
                  {i.shed ? ` (${t('library.item.shed')})` : ''}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-dueOn">{t('library.fields.due_on')}</label>
            <p class="hint" id="h-dueOn">
              {t('library.desk.due_hint')}
            </p>
            <input id="f-dueOn" name="dueOn" type="date" min={desk.today} aria-describedby="h-dueOn" />
          </div>
          <button type="submit">{t('library.desk.check_out_button')}</button>
        </Form>
      )}
    </Layout>
  );
}
