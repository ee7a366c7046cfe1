/**
 * One proposal: what it proposes and why, what it would do to the guidelines, where it stands, who
 * said what, the reader's position (one per member: a second replaces the first), the discussion,
 * and for those allowed: revising, extending the deadline, the outcome statement.
 */
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  Radios,
  TextArea,
} from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { stances } from '../outcome.ts';
import type { ProposalView } from '../service.ts';
import { Difference, GuidelinesNav, guidelinesBase, Prose, proposalsBase } from './common.tsx';

/** The forms of the page, each with its own state (a refused one keeps what was typed). */
export interface ProposalForms {
  position: FormState;
  comment: FormState;
  deadline: FormState;
  outcome: FormState;
}

/** `GET /c/:community/proposals/:proposalId`. */
export function ProposalPage({ view, v, forms }: { view: View; v: ProposalView; forms: ProposalForms }) {
  const { t } = view;
  const p = v.proposal;
  const b = `${proposalsBase(view)}/${p.id}`;
  const open = p.status === 'open';
  return (
    <Layout view={view} title={p.title}>
      <h1>
        <bdi>{p.title}</bdi>
      </h1>
      <GuidelinesNav view={view} mayPropose={false} />
      <dl>
        <dt>{t('guidelines.proposal.deadline')}</dt>
        <dd>{formatInstant(view, p.closesAt)}</dd>
        <dt>{t(`guidelines.status.${p.status}`)}</dt>
        <dd>{open ? t(`guidelines.standing.${v.standing}`) : t(`guidelines.outcome.${p.outcome}`)}</dd>
        {v.proposerName && (
          <>
            <dt>{t('guidelines.proposal.proposer')}</dt>
            <dd>
              <bdi>{v.proposerName}</bdi>
            </dd>
          </>
        )}
      </dl>
      {p.revision > 0 && <p class="hint">{t('guidelines.proposal.revised', { count: p.revision })}</p>}
      {/* A position refused because the deadline passed: said here, the form being gone. */}
      {!v.takingPositions && <ErrorSummary view={view} state={forms.position} />}
      {open && !v.takingPositions && <p class="notice">{t('guidelines.proposal.deadline_passed')}</p>}
      {p.body && <Prose text={p.body} />}
      {p.rationale && (
        <section aria-labelledby="why">
          <h2 id="why">{t('guidelines.proposal.rationale')}</h2>
          <Prose text={p.rationale} />
        </section>
      )}
      <section aria-labelledby="change">
        <h2 id="change">{t('guidelines.proposal.guideline_change')}</h2>
        <p>{t(`guidelines.change.${p.change}`)}</p>
        {v.needsRevision && (
          <p class="notice">{t('guidelines.proposal.needs_revision', { base: p.baseVersion ?? 0 })}</p>
        )}
        {v.versionMade !== null && (
          <p>
            {t('guidelines.proposal.version_made', { number: v.versionMade })}{' '}
            <a href={`${guidelinesBase(view)}/versions/${v.versionMade}`}>
              {t('guidelines.proposal.open_version', { number: v.versionMade })}
            </a>
          </p>
        )}
        {v.difference && (
          <>
            <h3>
              {v.currentVersion
                ? t('guidelines.proposal.difference', { number: v.currentVersion })
                : t('guidelines.proposal.difference_first')}
            </h3>
            <Difference view={view} parts={v.difference} />
          </>
        )}
      </section>
      <section aria-labelledby="tally">
        <h2 id="tally">{t('guidelines.proposal.tally')}</h2>
        <p class="hint">{t('guidelines.rules')}</p>
        <ul>
          {stances.map((s) => (
            <li>
              {t(`guidelines.stance.${s}`)}: {t('guidelines.proposal.count', { count: v.tally[s] })}
            </li>
          ))}
        </ul>
        <h3>{t('guidelines.proposal.positions')}</h3>
        {v.positions.length === 0 ? (
          <p>{t('guidelines.proposal.no_positions')}</p>
        ) : (
          <ul>
            {v.positions.map((x) => (
              <li>
                <bdi>{x.name}</bdi>: <strong>{t(`guidelines.stance.${x.stance}`)}</strong>
                {x.reason && <> — {x.reason}</>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {v.takingPositions && v.may.takePart && (
        <section aria-labelledby="mine">
          <h2 id="mine">{t('guidelines.proposal.your_position')}</h2>
          {v.mine && (
            <p>
              {t('guidelines.proposal.your_current', { stance: t(`guidelines.stance.${v.mine.stance}`) })}
            </p>
          )}
          <p class="hint">{t('guidelines.proposal.one_position')}</p>
          <Form view={view} action={`${b}/position`}>
            <ErrorSummary view={view} state={forms.position} />
            <Radios
              state={forms.position}
              name="stance"
              label={t('guidelines.fields.stance')}
              options={stances.map((s) => [
                s,
                `${t(`guidelines.stance.${s}`)}: ${t(`guidelines.stance_hint.${s}`)}`,
              ])}
            />
            <TextArea
              state={forms.position}
              name="reason"
              label={t('guidelines.fields.reason')}
              hint={t('guidelines.fields.reason_hint')}
              rows={3}
              maxLength={1000}
            />
            <button type="submit">{t('guidelines.proposal.save_position')}</button>
          </Form>
        </section>
      )}
      {!open && (
        <section aria-labelledby="outcome">
          <h2 id="outcome">{t('guidelines.proposal.outcome')}</h2>
          <p>
            <strong>{t(`guidelines.outcome.${p.outcome}`)}</strong>
          </p>
          {p.outcomeStatement ? (
            <Prose text={p.outcomeStatement} />
          ) : (
            <p>{t('guidelines.proposal.statement_none')}</p>
          )}
          {v.may.writeOutcome && (
            <Form view={view} action={`${b}/outcome`}>
              <ErrorSummary view={view} state={forms.outcome} />
              <TextArea
                state={forms.outcome}
                name="statement"
                label={t('guidelines.fields.statement')}
                hint={t('guidelines.fields.statement_hint')}
                rows={4}
                maxLength={4000}
              />
              <button type="submit">{t('guidelines.proposal.write_outcome')}</button>
            </Form>
          )}
        </section>
      )}
      {(v.may.revise || v.may.extend) && (
        <section aria-labelledby="manage">
          <h2 id="manage" class="visually-hidden">
            {t('guidelines.proposals.revise')}
          </h2>
          {v.may.revise && (
            <p>
              <a href={`${b}/revise`}>{t('guidelines.proposals.revise')}</a>
            </p>
          )}
          {v.may.extend && (
            <Form view={view} action={`${b}/deadline`}>
              <ErrorSummary view={view} state={forms.deadline} />
              <Field
                state={forms.deadline}
                name="deadline"
                type="datetime-local"
                label={t('guidelines.proposal.extend')}
                hint={t('guidelines.fields.deadline_hint')}
              />
              <button type="submit" class="secondary">
                {t('guidelines.proposal.extend_submit')}
              </button>
            </Form>
          )}
        </section>
      )}
      <section aria-labelledby="discussion">
        <h2 id="discussion">{t('guidelines.proposal.discussion')}</h2>
        {v.comments.length === 0 ? (
          <p>{t('guidelines.proposal.no_comments')}</p>
        ) : (
          <ol class="comments">
            {v.comments.map((c) => (
              <li>
                <p class="hint">
                  <bdi>{c.authorName ?? t('guidelines.proposal.someone')}</bdi> · {formatInstant(view, c.at)}
                </p>
                <Prose text={c.body} />
              </li>
            ))}
          </ol>
        )}
        {v.may.takePart && (
          <Form view={view} action={`${b}/comments`}>
            <ErrorSummary view={view} state={forms.comment} />
            <TextArea
              state={forms.comment}
              name="body"
              label={t('guidelines.fields.comment')}
              rows={3}
              maxLength={4000}
            />
            <button type="submit" class="secondary">
              {t('guidelines.proposal.add_comment')}
            </button>
          </Form>
        )}
      </section>
    </Layout>
  );
}
