/** One occurrence of a gathering: when, where, who is coming, answering, and organizing it. */

import type { ComponentChildren } from 'preact';
import { FeedbackPrompt, type FeedbackPromptFacts } from '../../../web/components/feedback.tsx';
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PostButton,
  Radios,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { Attendee, OccurrenceDetail } from '../service.ts';
import { base, countsOf, GatheringsNav, occurrencePath, WhenWhere } from './common.tsx';

/** A list of people who answered, each with the guests they bring. */
function People({
  view,
  title,
  people,
  removeAt,
}: {
  view: View;
  title: string;
  people: Attendee[];
  /** For who may remove a visitor's answer: the occurrence's path. */
  removeAt?: string;
}) {
  const { t } = view;
  if (people.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul>
        {people.map((p) => (
          <li>
            {p.name}
            {p.guests > 0 && <> {t('gatherings.occurrence.guests', { count: p.guests })}</>}
            {p.visitor && <> · {t('gatherings.occurrence.visitor')}</>}
            {p.visitor && removeAt && (
              <>
                {' '}
                <PostButton
                  view={view}
                  action={`${removeAt}/visitors/${p.answerId}/remove`}
                  label={t('gatherings.occurrence.remove_visitor')}
                  of={p.name}
                  kind="secondary"
                />
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

/** `GET /c/:community/gatherings/:gatheringId/:occurrence`. */
export function OccurrencePage({
  view,
  found,
  state,
  timeState,
  more,
  feedback,
}: {
  view: View;
  found: OccurrenceDetail;
  /** The answer form's state. */
  state: FormState;
  /** The time form's state (who organizes it). */
  timeState: FormState;
  /** What other parts of the feature add (the potluck's dishes). */
  more?: ComponentChildren;
  /** "How did it go?", for who said yes and came, once it is over. */
  feedback?: FeedbackPromptFacts | null;
}) {
  const { t } = view;
  const o = found.view;
  const path = occurrencePath(view, o);
  const open = !found.started && !o.cancelled;
  return (
    <Layout view={view} title={o.title}>
      <h1>{o.title}</h1>
      <GatheringsNav view={view} mayAdd={false} />
      <dl>
        <WhenWhere view={view} o={o} />
        {o.kind !== 'gathering' && (
          <>
            <dt>{t('gatherings.fields.kind')}</dt>
            <dd>{t(`gatherings.kind.${o.kind}`)}</dd>
          </>
        )}
        <dt>{t('gatherings.occurrence.people')}</dt>
        <dd>{o.cancelled ? t('gatherings.status.cancelled') : countsOf(view, o)}</dd>
      </dl>
      {found.description && <p class="prose">{found.description}</p>}
      <p class="actions">
        <a href={`${path}/event.ics`} download>
          {t('gatherings.occurrence.ics')}
        </a>
      </p>
      {o.cancelled && <p class="notice">{t('gatherings.occurrence.cancelled')}</p>}
      {open && (
        <Form view={view} action={`${path}/rsvp`} id="rsvp">
          <h2>{t('gatherings.rsvp.title')}</h2>
          {o.myAnswer && (
            <p>
              {t(o.myWaiting ? 'gatherings.list.mine_waiting' : `gatherings.list.mine_${o.myAnswer}`)}
              {o.myGuests > 0 && <> {t('gatherings.occurrence.guests', { count: o.myGuests })}</>}
            </p>
          )}
          <ErrorSummary view={view} state={state} />
          <Radios
            state={state}
            name="answer"
            label={t('gatherings.rsvp.answer')}
            options={[
              ['yes', t('gatherings.rsvp.yes')],
              ['maybe', t('gatherings.rsvp.maybe')],
              ['no', t('gatherings.rsvp.no')],
            ]}
          />
          <Field
            state={state}
            name="guests"
            type="number"
            inputmode="numeric"
            label={t('gatherings.fields.guests')}
            hint={t('gatherings.rsvp.guests_hint')}
          />
          <button type="submit">{t('gatherings.rsvp.submit')}</button>
        </Form>
      )}
      {more}
      <h2>{t('gatherings.occurrence.who')}</h2>
      {found.yes.length + found.maybeList.length + found.waitingList.length === 0 ? (
        <p>{t('gatherings.occurrence.nobody')}</p>
      ) : (
        <>
          <People
            view={view}
            title={t('gatherings.occurrence.yes')}
            people={found.yes}
            removeAt={found.mayManage && !found.started ? path : undefined}
          />
          <People
            view={view}
            title={t('gatherings.occurrence.maybe')}
            people={found.maybeList}
            removeAt={found.mayManage && !found.started ? path : undefined}
          />
          <People
            view={view}
            title={t('gatherings.occurrence.waiting')}
            people={found.waitingList}
            removeAt={found.mayManage && !found.started ? path : undefined}
          />
        </>
      )}
      {found.mayManage && (
        <section aria-labelledby="organize">
          <h2 id="organize">{t('gatherings.organize.title')}</h2>
          <p class="actions">
            <a href={`${base(view)}/${o.gatheringId}/edit`}>{t('gatherings.organize.edit')}</a>
            {o.isPublic && <a href={`${path}/flyer`}>{t('gatherings.organize.flyer')}</a>}
            {o.isPublic && <a href={`${path}/invite`}>{t('gatherings.organize.invite')}</a>}
          </p>
          {open && (
            <>
              <Form view={view} action={`${path}/time`} id="time">
                <h3>{t('gatherings.time.title')}</h3>
                <ErrorSummary view={view} state={timeState} />
                <Field state={timeState} name="date" type="date" label={t('gatherings.fields.date')} />
                <Field
                  state={timeState}
                  name="startTime"
                  type="time"
                  label={t('gatherings.fields.start_time')}
                />
                <Field
                  state={timeState}
                  name="endTime"
                  type="time"
                  label={t('gatherings.fields.end_time')}
                  hint={t('gatherings.time.end_hint')}
                />
                <Radios
                  state={timeState}
                  name="which"
                  label={t('gatherings.time.which')}
                  options={[
                    ['this', t('gatherings.time.this')],
                    ['following', t('gatherings.time.following')],
                  ]}
                />
                <button type="submit">{t('gatherings.time.submit')}</button>
              </Form>
              <div class="actions">
                <PostButton
                  view={view}
                  action={`${path}/cancel`}
                  label={t('gatherings.organize.cancel')}
                  kind="danger"
                />
              </div>
            </>
          )}
        </section>
      )}
      {feedback && <FeedbackPrompt view={view} prompt={feedback} />}
    </Layout>
  );
}
