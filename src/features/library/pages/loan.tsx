/** A loan with the actions the viewer may take, and the viewer's loans. */
import { FeedbackPrompt, type FeedbackPromptFacts } from '../../../web/components/feedback.tsx';
import { ErrorSummary, Form, type FormState, Radios, TextArea } from '../../../web/components/form.tsx';
import { formatDay, formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { LoanView } from '../loans.ts';
import type { LoanAction } from '../policy.ts';
import { conditions } from '../schema.ts';
import { base, LibraryNav } from './common.tsx';

/** The status in words, "overdue" included. */
export function statusText(view: View, loan: LoanView): string {
  return loan.overdue ? view.t('library.status.overdue') : view.t(`library.status.${loan.status}`);
}

/** Whether the viewer is the loan's borrower (else its lender or a steward). */
const borrowing = (view: View, loan: LoanView) => view.account?.id === loan.borrowerId;

/** Who lends it, in words: the owner's name, or the shed's stewards. */
function lenderName(view: View, loan: LoanView): string {
  return loan.ownerName ?? view.t('library.loan.shed_lender');
}

/**
 * What happens next, in one sentence for the person reading: who does what, where and by when.
 * Statuses with nothing left to do say nothing.
 */
function nextStep(view: View, loan: LoanView): string | null {
  const { t } = view;
  const side = borrowing(view, loan) ? 'borrower' : 'lender';
  const params = {
    lender: lenderName(view, loan),
    borrower: loan.borrowerName,
    place: loan.pickupPlace || t('library.loan.place_unknown'),
    from: formatDay(view, loan.startsOn),
    due: formatDay(view, loan.dueOn),
  };
  const status = loan.overdue ? 'overdue' : loan.status;
  if (!['requested', 'approved', 'out', 'overdue', 'returned'].includes(status)) return null;
  return t(`library.next.${status}_${side}`, params);
}

function Actions({ view, loan, state }: { view: View; loan: LoanView; state: FormState }) {
  const { t } = view;
  const at = (a: LoanAction) => `${base(view)}/loans/${loan.id}/${a}`;
  const conditionOptions: [string, string][] = conditions.map((c) => [c, t(`library.condition.${c}`)]);
  return (
    <>
      {loan.actions.map((a) => {
        switch (a) {
          case 'return':
            return (
              <Form view={view} action={at(a)} class="card">
                <Radios
                  state={state}
                  name="condition"
                  label={t('library.fields.return_condition')}
                  options={conditionOptions}
                />
                <TextArea
                  state={state}
                  name="problem"
                  label={t('library.fields.problem')}
                  rows={2}
                  maxLength={1000}
                />
                <button type="submit">{t('library.action.return')}</button>
              </Form>
            );
          case 'thank':
            return (
              <Form view={view} action={at(a)} class="card">
                <TextArea
                  state={state}
                  name="thanks"
                  label={t('library.fields.thanks')}
                  hint={t('library.loan.thanks_hint')}
                  rows={2}
                  maxLength={500}
                />
                <button type="submit">{t('library.action.thank')}</button>
              </Form>
            );
          case 'decline':
            return (
              <Form view={view} action={at(a)} class="card">
                <TextArea
                  state={state}
                  name="note"
                  label={t('library.fields.note')}
                  rows={2}
                  maxLength={1000}
                />
                <button type="submit" class="secondary">
                  {t('library.action.decline')}
                </button>
              </Form>
            );
          case 'lost':
            // One form for both reports (one note field); each button posts to its own action.
            return (
              <Form view={view} action={at(a)} class="card">
                <TextArea
                  state={state}
                  name="note"
                  label={t('library.fields.note')}
                  rows={2}
                  maxLength={1000}
                />
                <div class="actions">
                  <button type="submit" class="danger">
                    {t('library.action.lost')}
                  </button>
                  {loan.actions.includes('damaged') && (
                    <button type="submit" class="danger" formAction={at('damaged')}>
                      {t('library.action.damaged')}
                    </button>
                  )}
                </div>
              </Form>
            );
          case 'damaged':
            return loan.actions.includes('lost') ? null : (
              <Form view={view} action={at(a)} class="card">
                <TextArea
                  state={state}
                  name="note"
                  label={t('library.fields.note')}
                  rows={2}
                  maxLength={1000}
                />
                <button type="submit" class="danger">
                  {t('library.action.damaged')}
                </button>
              </Form>
            );
          case 'renew':
            // The borrower keeps it longer; the lender extends the loan: both to the same day.
            return (
              <Form view={view} action={at(a)} class="inline">
                <button type="submit">
                  {t(borrowing(view, loan) ? 'library.action.renew' : 'library.action.extend', {
                    due: loan.renewsTo ? formatDay(view, loan.renewsTo) : '',
                  })}
                </button>
              </Form>
            );
          default:
            return (
              <Form view={view} action={at(a)} class="inline">
                <button type="submit" class={a === 'cancel' ? 'secondary' : undefined}>
                  {t(`library.action.${a}`)}
                </button>
              </Form>
            );
        }
      })}
    </>
  );
}

/** `GET /c/:community/library/loans/:loanId`. */
export function LoanPage({
  view,
  loan,
  state,
  feedback,
}: {
  view: View;
  loan: LoanView;
  state: FormState;
  /** "How did it go?", for who borrowed or lent it once it is back. */
  feedback?: FeedbackPromptFacts | null;
}) {
  const { t } = view;
  const b = base(view);
  const title = t('library.loan.title', { item: loan.itemName });
  const next = nextStep(view, loan);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <LibraryNav view={view} />
      <ErrorSummary view={view} state={state} />
      {loan.overdue && (
        <p class="notice warning">{t('library.loan.overdue_notice', { due: formatDay(view, loan.dueOn) })}</p>
      )}
      {loan.holdUntil && loan.status === 'approved' && (
        <p class="notice">{t('library.loan.hold_notice', { until: formatInstant(view, loan.holdUntil) })}</p>
      )}
      <dl class="facts">
        <dt>{t('library.fields.item')}</dt>
        <dd>
          <a href={`${b}/items/${loan.itemId}`}>{loan.itemName}</a>
        </dd>
        <dt>{t('library.fields.lender')}</dt>
        <dd>{lenderName(view, loan)}</dd>
        <dt>{t('library.fields.borrower')}</dt>
        <dd>{loan.borrowerName}</dd>
        <dt>{t('library.fields.pickup_place')}</dt>
        <dd>{loan.pickupPlace || t('library.loan.place_unknown')}</dd>
        <dt>{t('library.fields.status')}</dt>
        <dd>{statusText(view, loan)}</dd>
        <dt>{t('library.fields.starts_on')}</dt>
        <dd>{formatDay(view, loan.startsOn)}</dd>
        <dt>{t('library.fields.due_on')}</dt>
        <dd>{formatDay(view, loan.dueOn)}</dd>
        {loan.message && (
          <>
            <dt>{t('library.fields.message')}</dt>
            <dd>{loan.message}</dd>
          </>
        )}
        {loan.returnCondition && (
          <>
            <dt>{t('library.fields.return_condition')}</dt>
            <dd>{t(`library.condition.${loan.returnCondition}`)}</dd>
          </>
        )}
        {loan.problem && (
          <>
            <dt>{t('library.fields.problem')}</dt>
            <dd>{loan.problem}</dd>
          </>
        )}
        {loan.thanks && (
          <>
            <dt>{t('library.fields.thanks')}</dt>
            <dd>{loan.thanks}</dd>
          </>
        )}
      </dl>
      {(next || loan.actions.length > 0) && <h2>{t('library.loan.what_next')}</h2>}
      {next && <p>{next}</p>}
      <Actions view={view} loan={loan} state={state} />
      {feedback && <FeedbackPrompt view={view} prompt={feedback} />}
    </Layout>
  );
}

/**
 * Loans as a list of cards (a table's columns crush its words on a phone): the item as a link,
 * then the borrower, the dates and the status, each labelled.
 */
export function LoanList({ view, loans, who }: { view: View; loans: LoanView[]; who: 'borrower' | 'item' }) {
  const { t } = view;
  const b = base(view);
  if (loans.length === 0) return <p class="muted">{t('library.loans.none')}</p>;
  return (
    <ul class="cards">
      {loans.map((l) => (
        <li class="card">
          <p class="card-title">
            <a href={`${b}/loans/${l.id}`}>{l.itemName}</a>
          </p>
          <dl class="facts">
            {who === 'borrower' && (
              <>
                <dt>{t('library.fields.borrower')}</dt>
                <dd>{l.borrowerName}</dd>
              </>
            )}
            <dt>{t('library.fields.dates')}</dt>
            <dd>
              {t('library.calendar.range', {
                from: formatDay(view, l.startsOn),
                until: formatDay(view, l.dueOn),
              })}
            </dd>
            <dt>{t('library.fields.status')}</dt>
            <dd>{statusText(view, l)}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** `GET /c/:community/library/loans`: what I borrow, what I lend, and (stewards) the shed's requests. */
export function MyLoansPage({
  view,
  loans,
}: {
  view: View;
  loans: { borrowing: LoanView[]; lending: LoanView[]; shedRequests: LoanView[] };
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('library.loans.title')}>
      <h1>{t('library.loans.title')}</h1>
      <LibraryNav view={view} />
      {view.isSteward && (
        <>
          <h2>{t('library.loans.shed_requests')}</h2>
          <LoanList view={view} loans={loans.shedRequests} who="borrower" />
        </>
      )}
      <h2>{t('library.loans.borrowing')}</h2>
      <LoanList view={view} loans={loans.borrowing} who="item" />
      <h2>{t('library.loans.lending')}</h2>
      <LoanList view={view} loans={loans.lending} who="borrower" />
    </Layout>
  );
}
