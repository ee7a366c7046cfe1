/** The guidelines: the current version, the reader's acknowledgement, the history, comparing versions. */
import { ErrorSummary, Field, Form, type FormState, TextArea } from '../../../web/components/form.tsx';
import { formatDay, formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { maxGuidelines } from '../schema.ts';
import type { GuidelinesView } from '../service.ts';
import { GuidelinesNav, guidelinesBase, Prose, proposalsBase } from './common.tsx';

/** "I have read these": acknowledges version `number`, then goes to `next` (or back to the guidelines). */
export function AcknowledgeForm({ view, number, next }: { view: View; number: number; next?: string }) {
  const { t } = view;
  return (
    <Form view={view} action={`${guidelinesBase(view)}/acknowledge`}>
      <input type="hidden" name="number" value={String(number)} />
      {next && <input type="hidden" name="next" value={next} />}
      <p class="hint">{t('guidelines.page.acknowledge_hint')}</p>
      <button type="submit">{t('guidelines.page.acknowledge')}</button>
    </Form>
  );
}

/** `GET /c/:community/guidelines`. */
export function GuidelinesPage({
  view,
  g,
  start,
  review,
}: {
  view: View;
  g: GuidelinesView;
  /** The first version's form (stewards, before there is one). */
  start: FormState;
  /** The review date's form (stewards). */
  review: FormState;
}) {
  const { t } = view;
  const b = guidelinesBase(view);
  const current = g.current;
  return (
    <Layout view={view} title={t('guidelines.page.title')}>
      <h1>{t('guidelines.page.title')}</h1>
      <GuidelinesNav view={view} mayPropose={g.may.propose} />
      {!current && <p>{t('guidelines.page.none')}</p>}
      {!current && g.may.steward && (
        <section aria-labelledby="start">
          <h2 id="start">{t('guidelines.page.start')}</h2>
          <p>{t('guidelines.page.none_steward')}</p>
          <Form view={view} action={b}>
            <ErrorSummary view={view} state={start} />
            <TextArea
              state={start}
              name="body"
              label={t('guidelines.fields.guidelines')}
              rows={10}
              maxLength={maxGuidelines}
            />
            <Field
              state={start}
              name="reviewOn"
              type="date"
              label={t('guidelines.fields.review_on')}
              hint={t('guidelines.fields.review_on_hint')}
            />
            <button type="submit">{t('guidelines.page.start')}</button>
          </Form>
        </section>
      )}
      {current && (
        <>
          <section aria-labelledby="current">
            <h2 id="current">
              {t('guidelines.page.made', {
                number: current.number,
                when: formatInstant(view, current.madeAt, false),
              })}
            </h2>
            <p class="hint">
              {current.proposalId && current.proposalTitle ? (
                <a href={`${proposalsBase(view)}/${current.proposalId}`}>
                  {t('guidelines.page.made_by_proposal', { title: current.proposalTitle })}
                </a>
              ) : (
                t('guidelines.page.set_by_steward')
              )}
            </p>
            <Prose text={current.body} />
          </section>
          <section aria-labelledby="read">
            <h2 id="read" class="visually-hidden">
              {t('guidelines.page.reading')}
            </h2>
            {g.acknowledged ? (
              <p>
                {t('guidelines.page.you_read', {
                  number: g.acknowledged.number,
                  when: formatInstant(view, g.acknowledged.at),
                })}
              </p>
            ) : (
              <p>{t('guidelines.page.you_not_read')}</p>
            )}
            {g.needsReading && g.acknowledged && <p class="notice">{t('guidelines.page.new_to_read')}</p>}
            {g.needsReading && <AcknowledgeForm view={view} number={current.number} />}
            <p class="hint">{t('guidelines.page.read_count', { count: g.acknowledgedCount })}</p>
          </section>
          <section aria-labelledby="review">
            <h2 id="review">{t('guidelines.fields.review_on')}</h2>
            <p>
              {current.reviewOn
                ? t('guidelines.page.review', { when: formatDay(view, current.reviewOn) })
                : t('guidelines.page.no_review')}
            </p>
            {g.may.steward && (
              <Form view={view} action={`${b}/review`}>
                <ErrorSummary view={view} state={review} />
                <Field
                  state={review}
                  name="reviewOn"
                  type="date"
                  label={t('guidelines.fields.review_on')}
                  hint={t('guidelines.fields.review_on_hint')}
                />
                <button type="submit" class="secondary">
                  {t('guidelines.page.set_review')}
                </button>
              </Form>
            )}
          </section>
          {g.may.propose && (
            <p class="actions">
              <a href={`${proposalsBase(view)}/new`}>{t('guidelines.page.propose_change')}</a>
            </p>
          )}
        </>
      )}
      {g.versions.length > 0 && (
        <section aria-labelledby="history">
          <h2 id="history">{t('guidelines.page.history')}</h2>
          <ul>
            {g.versions.map((v) => (
              <li>
                <a href={`${b}/versions/${v.number}`}>{t('guidelines.page.version', { number: v.number })}</a>
                {' — '}
                {formatInstant(view, v.madeAt, false)}
                {' · '}
                {v.proposalTitle ? <bdi>{v.proposalTitle}</bdi> : t('guidelines.page.by_steward')}
                {v.number > 1 && (
                  <>
                    {' · '}
                    <a href={`${b}/compare?from=${v.number - 1}&to=${v.number}`}>
                      {t('guidelines.page.compare_title', { from: v.number - 1, to: v.number })}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
          {g.versions.length > 1 && (
            <form method="get" action={`${b}/compare`} class="inline-fields">
              <h3>{t('guidelines.page.compare')}</h3>
              <label for="f-from">{t('guidelines.page.compare_from')}</label>
              <select id="f-from" name="from">
                {g.versions.map((v) => (
                  <option value={String(v.number)} selected={v.number === g.versions[1]?.number}>
                    {t('guidelines.page.version', { number: v.number })}
                  </option>
                ))}
              </select>
              <label for="f-to">{t('guidelines.page.compare_to')}</label>
              <select id="f-to" name="to">
                {g.versions.map((v) => (
                  <option value={String(v.number)} selected={v.number === g.versions[0]?.number}>
                    {t('guidelines.page.version', { number: v.number })}
                  </option>
                ))}
              </select>
              <button type="submit" class="secondary">
                {t('guidelines.page.compare_submit')}
              </button>
            </form>
          )}
        </section>
      )}
    </Layout>
  );
}
