/** Drills for coordinators: the history with the start form, and a drill's report. */
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PostButton,
  TextArea,
} from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { AnswerView, DrillReport, DrillView } from '../drill-report.ts';
import { drillLimits } from '../drills-schema.ts';
import { base } from './common.tsx';

/** The drill's counts in one line ("12 asked: 7 confirmed, 2 changed, 1 cannot this month, 2 not yet"). */
export function Counts({ view, drill }: { view: View; drill: Pick<DrillView, 'counts'> }) {
  const { t } = view;
  const c = drill.counts;
  return (
    <p>
      {t('evacuation.drill.counts', {
        asked: t('evacuation.drill.asked', { count: c.asked }),
        confirmed: t('evacuation.drill.confirmed_n', { count: c.confirmed }),
        changed: t('evacuation.drill.changed_n', { count: c.changed }),
        unavailable: t('evacuation.drill.unavailable_n', { count: c.unavailable }),
        waiting: t('evacuation.drill.waiting_n', { count: c.waiting }),
      })}
    </p>
  );
}

/** The history of drills, newest first, and the form that starts one (when none is open). */
export function DrillsPage({ view, drills, state }: { view: View; drills: DrillView[]; state: FormState }) {
  const { t } = view;
  const b = base(view);
  const title = t('evacuation.drill.title');
  const open = drills.find((d) => d.status === 'open');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
      </p>
      <p class="prose">{t('evacuation.drill.intro')}</p>
      {open ? (
        <p class="notice">
          <a href={`${b}/drills/${open.id}`}>
            {t('evacuation.drill.open_now', { deadline: formatInstant(view, open.deadline) })}
          </a>
        </p>
      ) : (
        <section aria-labelledby="start">
          <h2 id="start">{t('evacuation.drill.start')}</h2>
          <Form view={view} action={`${b}/drills`}>
            <ErrorSummary view={view} state={state} />
            <Field
              state={state}
              name="deadline"
              type="datetime-local"
              label={t('evacuation.drill.fields.deadline')}
              hint={t('evacuation.drill.hints.deadline')}
            />
            <Field
              state={state}
              name="buddyAfterHours"
              type="number"
              inputmode="numeric"
              label={t('evacuation.drill.fields.buddy_after')}
              hint={t('evacuation.drill.hints.buddy_after')}
            />
            <Field
              state={state}
              name="coordinatorsAfterHours"
              type="number"
              inputmode="numeric"
              label={t('evacuation.drill.fields.coordinators_after')}
              hint={t('evacuation.drill.hints.coordinators_after')}
            />
            <TextArea
              state={state}
              name="message"
              label={t('evacuation.drill.fields.message')}
              hint={t('evacuation.drill.hints.message')}
              maxLength={drillLimits.message}
              rows={3}
            />
            <button type="submit">{t('evacuation.drill.start_button')}</button>
          </Form>
        </section>
      )}
      <h2>{t('evacuation.drill.history')}</h2>
      {drills.length === 0 ? (
        <p>{t('evacuation.drill.none')}</p>
      ) : (
        <ul class="cards">
          {drills.map((d) => (
            <li class="card">
              <h3>
                <a href={`${b}/drills/${d.id}`}>
                  {t('evacuation.drill.started_on', { when: formatInstant(view, d.startedAt) })}
                </a>
              </h3>
              <p>{t(`evacuation.drill.status.${d.status}`)}</p>
              <Counts view={view} drill={d} />
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** One answer in the report: status, changes, note, escalation. */
function AnswerItem({ view, a }: { view: View; a: AnswerView }) {
  const { t } = view;
  return (
    <li class="card">
      <h3>
        <bdi>{a.name}</bdi> <span class="muted">{t(`evacuation.drill.kind.${a.kind}`)}</span>
      </h3>
      <p>
        {t(`evacuation.drill.answer.${a.status}`)}
        {a.answeredAt && ` · ${formatInstant(view, a.answeredAt)}`}
        {a.recordedBy && ` · ${t('evacuation.drill.recorded_by', { name: a.recordedBy.name })}`}
      </p>
      {a.unconfirmedThreeTimes && <p class="notice warning">{t('evacuation.drill.three_times')}</p>}
      {a.changes.length > 0 && (
        <ul>
          {a.changes.map((c) => (
            <li>
              {t('evacuation.drill.change', {
                field: t(`evacuation.drill.field.${c.field}`),
                before: c.before || t('evacuation.fields.not_said'),
                after: c.after || t('evacuation.fields.not_said'),
              })}
            </li>
          ))}
        </ul>
      )}
      {a.testDriveAt && (
        <p>{t('evacuation.drill.test_drive_done', { when: formatInstant(view, a.testDriveAt) })}</p>
      )}
      {a.note && <p class="prose">{t('evacuation.drill.note', { note: a.note })}</p>}
      {a.buddyAsked && (
        <p class="muted">
          {t('evacuation.drill.buddy_asked', {
            name: a.buddyAsked.person?.name ?? t('evacuation.log.someone'),
            when: formatInstant(view, a.buddyAsked.at),
          })}
        </p>
      )}
      {a.buddyFound && (
        <p class={a.buddyFound.found === 'reached' ? 'muted' : 'notice'}>
          {t(`evacuation.drill.buddy_found.${a.buddyFound.found}`, {
            name: a.buddyFound.person?.name ?? t('evacuation.log.someone'),
            when: formatInstant(view, a.buddyFound.at),
          })}
        </p>
      )}
      {a.noBuddy && a.coordinatorsToldAt && (
        <p class="notice">
          {t('evacuation.drill.no_buddy', { when: formatInstant(view, a.coordinatorsToldAt) })}
        </p>
      )}
      {a.backupAsked && (
        <p class="muted">
          {t('evacuation.drill.backup_asked', {
            name: a.backupAsked.person?.name ?? t('evacuation.log.someone'),
            when: formatInstant(view, a.backupAsked.at),
          })}
        </p>
      )}
      {a.coordinatorsToldAt && (
        <p class="muted">
          {t('evacuation.drill.coordinators_told', { when: formatInstant(view, a.coordinatorsToldAt) })}
        </p>
      )}
    </li>
  );
}

/** A drill's report: printable; with the actions of an open drill. */
export function DrillPage({ view, drill }: { view: View; drill: DrillReport }) {
  const { t } = view;
  const b = base(view);
  const self = `${b}/drills/${drill.id}`;
  const title = t('evacuation.drill.report_title', { when: formatInstant(view, drill.startedAt) });
  const groups = (['waiting', 'unavailable', 'changed', 'confirmed'] as const).map(
    (status) => [status, drill.answers.filter((a) => a.status === status)] as const,
  );
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={`${b}/drills`}>{t('evacuation.back')}</a>
        <a href={`${self}/report.csv`}>{t('evacuation.drill.csv_link')}</a>
        {drill.status === 'open' && <a href={`${self}/calls`}>{t('evacuation.drill.calls')}</a>}
      </p>
      <p>{t(`evacuation.drill.status.${drill.status}`)}</p>
      <dl class="facts">
        <dt>{t('evacuation.drill.fields.deadline')}</dt>
        <dd>{formatInstant(view, drill.deadline)}</dd>
        <dt>{t('evacuation.drill.fields.buddy_at')}</dt>
        <dd>{formatInstant(view, drill.buddyAt)}</dd>
        <dt>{t('evacuation.drill.fields.backup_at')}</dt>
        <dd>{formatInstant(view, drill.backupAt)}</dd>
        <dt>{t('evacuation.drill.fields.coordinators_at')}</dt>
        <dd>{formatInstant(view, drill.coordinatorsAt)}</dd>
        {drill.message && (
          <>
            <dt>{t('evacuation.drill.fields.message')}</dt>
            <dd class="prose">{drill.message}</dd>
          </>
        )}
      </dl>
      <Counts view={view} drill={drill} />
      {drill.status === 'open' && (
        <div class="actions">
          <PostButton
            view={view}
            action={`${self}/sheet`}
            label={t('evacuation.drill.print_sheet')}
            kind="secondary"
          />
          <PostButton view={view} action={`${self}/close`} label={t('evacuation.drill.close')} />
          <PostButton
            view={view}
            action={`${self}/cancel`}
            label={t('evacuation.drill.cancel')}
            kind="danger"
          />
        </div>
      )}
      {drill.status === 'open' && <p class="muted">{t('evacuation.drill.sheet_hint')}</p>}
      {groups.map(([status, answers]) =>
        answers.length === 0 ? null : (
          <section aria-labelledby={`g-${status}`}>
            <h2 id={`g-${status}`}>{t(`evacuation.drill.group.${status}`, { count: answers.length })}</h2>
            <ul class="cards">
              {answers.map((a) => (
                <AnswerItem view={view} a={a} />
              ))}
            </ul>
          </section>
        ),
      )}
    </Layout>
  );
}
