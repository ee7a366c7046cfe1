/**
 * The invite page of a public gathering's date: what, when, where, how many are coming (never
 * who), and answering with a name, without an account — where a flyer's QR code leads.
 */
import { ErrorSummary, Field, Form, type FormState, Radios } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { CalledOffDate } from '../publics.ts';
import type { OccurrenceDetail } from '../service.ts';
import { countsOf, occurrencePath, WhenWhere } from './common.tsx';

/** `GET /c/:community/gatherings/:gatheringId/:occurrence/invite`, for anyone. */
export function InvitePage({
  view,
  found,
  state,
}: {
  view: View;
  found: OccurrenceDetail;
  state: FormState;
}) {
  const { t } = view;
  const o = found.view;
  const open = !found.started && !o.cancelled;
  const member = view.actor.role !== 'visitor';
  return (
    <Layout view={view} title={o.title}>
      <h1>{o.title}</h1>
      <p class="lead">{t('gatherings.invite.welcome', { community: view.community?.name })}</p>
      <dl>
        <WhenWhere view={view} o={o} />
        <dt>{t('gatherings.occurrence.people')}</dt>
        <dd>{o.cancelled ? t('gatherings.status.cancelled') : countsOf(view, o)}</dd>
      </dl>
      {found.description && <p class="prose">{found.description}</p>}
      {o.cancelled && <p class="notice">{t('gatherings.occurrence.cancelled')}</p>}
      {member ? (
        <p class="actions">
          <a href={occurrencePath(view, o)}>{t('gatherings.invite.as_member')}</a>
        </p>
      ) : (
        open && (
          <Form view={view} action={`${occurrencePath(view, o)}/invite`} id="rsvp">
            <h2>{t('gatherings.invite.title')}</h2>
            <p class="hint">{t('gatherings.invite.hint')}</p>
            <ErrorSummary view={view} state={state} />
            <Field
              state={state}
              name="name"
              label={t('gatherings.fields.your_name')}
              required
              maxLength={80}
              autocomplete="name"
            />
            <Radios
              state={state}
              name="answer"
              label={t('gatherings.rsvp.answer')}
              options={[
                ['yes', t('gatherings.rsvp.yes')],
                ['maybe', t('gatherings.rsvp.maybe')],
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
            <div class="honeypot" aria-hidden="true">
              <label for="f-website">{t('gatherings.invite.honeypot')}</label>
              <input id="f-website" name="website" tabindex={-1} autocomplete="off" />
            </div>
            <button type="submit">{t('gatherings.rsvp.submit')}</button>
          </Form>
        )
      )}
    </Layout>
  );
}

/**
 * The invite page of a public gathering called off since its flyer was printed: what it was, and
 * that it was called off, and when (in the community's zone).
 */
export function CalledOffInvitePage({ view, date }: { view: View; date: CalledOffDate }) {
  const { t } = view;
  return (
    <Layout view={view} title={date.title}>
      <h1>{date.title}</h1>
      <p class="notice">
        {t('gatherings.invite.called_off', { when: formatInstant(view, date.calledOffAt) })}
      </p>
      <dl>
        <WhenWhere view={view} o={date} />
      </dl>
    </Layout>
  );
}
