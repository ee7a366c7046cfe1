/** An item: photos, facts, the availability calendar, requesting, the waitlist and its history. */
import { addDays } from '../../../platform/db/time.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import {
  ErrorSummary,
  Field,
  Form,
  type FormState,
  PostButton,
  TextArea,
} from '../../../web/components/form.tsx';
import { dateFormat, formatDay, formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { monthGrid } from '../dates.ts';
import type { ItemDetail } from '../service.ts';
import { base, ItemTags, LibraryNav } from './common.tsx';

type Booking = ItemDetail['bookings'][number];

type DayState = 'overdue' | 'booked' | 'requested' | 'free';

// A loan still out past its due day holds the item until it comes back: every day from today.
function dayState(bookings: Booking[], day: string, today: string): DayState {
  let state: DayState = 'free';
  for (const b of bookings) {
    if (b.status === 'out' && b.dueOn < today && b.startsOn <= day) return 'overdue';
    if (b.startsOn <= day && day <= b.dueOn) {
      if (b.status === 'approved' || b.status === 'out') state = 'booked';
      else if (state === 'free') state = 'requested';
    }
  }
  return state;
}

/**
 * A month as a table, Monday first. A day that is booked or asked for shows a mark (filled or
 * hollow, not colour alone) and says so in words to screen readers; the weekdays show their
 * initial (a word would not fit a seventh of a phone) and are read in full.
 */
function Month({
  view,
  first,
  bookings,
  today,
}: {
  view: View;
  first: string;
  bookings: Booking[];
  today: string;
}) {
  const { t } = view;
  const weekdays = [0, 1, 2, 3, 4, 5, 6].map((i) => {
    const day = new Date(Date.UTC(2024, 0, 1 + i));
    const name = (weekday: 'narrow' | 'long') =>
      dateFormat(view.locale, { weekday, timeZone: 'UTC' }).format(day);
    return { narrow: name('narrow'), long: name('long') };
  });
  const title = dateFormat(view.locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${first}T00:00:00Z`));
  return (
    <div class="table-wrap">
      <table class="calendar">
        <caption>{title}</caption>
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th scope="col">
                <span aria-hidden="true">{w.narrow}</span>
                <span class="visually-hidden">{w.long}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(first).map((week) => (
            <tr>
              {week.map((day) => {
                if (!day) return <td />;
                const state = day < today ? 'past' : dayState(bookings, day, today);
                return (
                  <td class={`day-${state === 'overdue' ? 'booked' : state}`}>
                    {formatNumber(view.locale, Number(day.slice(8)))}
                    {state !== 'past' && state !== 'free' && (
                      <>
                        <span class="mark" aria-hidden="true" />
                        <span class="visually-hidden">{t(`library.calendar.${state}`)}</span>
                      </>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** `GET /c/:community/library/items/:itemId`. */
export function ItemPage({ view, detail, state }: { view: View; detail: ItemDetail; state: FormState }) {
  const { t } = view;
  const { item, today } = detail;
  const b = base(view);
  const nextMonth = addDays(`${today.slice(0, 8)}01`, 32);
  return (
    <Layout view={view} title={item.name}>
      <h1>{item.name}</h1>
      <LibraryNav view={view} />
      <ItemTags view={view} item={item} />
      {item.photos.length > 0 && (
        <ul class="tags thumbs">
          {item.photos.map((p, i) => (
            <li>
              <a href={p.url}>
                <img
                  src={p.thumbUrl}
                  alt={t('library.item.photo_n', { n: i + 1, name: item.name })}
                  width={200}
                />
              </a>
            </li>
          ))}
        </ul>
      )}
      <dl class="facts">
        <dt>{t('library.fields.value_band')}</dt>
        <dd>{t(`library.value.${item.valueBand}`)}</dd>
        <dt>{t('library.fields.pickup_place')}</dt>
        <dd>{item.pickupPlace || '—'}</dd>
        {item.place && (
          <>
            <dt>{t('library.fields.place')}</dt>
            <dd>
              <a href={`/c/${view.community?.slug}/places/${item.place.id}`}>{item.place.name}</a>
            </dd>
          </>
        )}
        <dt>{t('library.fields.loan_days')}</dt>
        <dd>{t('library.item.days', { count: item.loanDays })}</dd>
        <dt>{t('library.fields.rules')}</dt>
        <dd>{item.rules || '—'}</dd>
      </dl>
      {detail.mayEdit && (
        <p class="actions">
          <a class="button secondary" href={`${b}/items/${item.id}/edit`}>
            {t('library.item.edit')}
          </a>
          <PostButton
            view={view}
            action={`${b}/items/${item.id}/archive`}
            label={t('library.item.archive')}
            kind="secondary"
          />
        </p>
      )}

      <h2>{t('library.calendar.title')}</h2>
      {detail.overdueSince && (
        <p class="notice warning">
          {t(detail.mayEdit ? 'library.item.overdue_owner' : 'library.item.overdue_notice', {
            due: formatDay(view, detail.overdueSince),
          })}
        </p>
      )}
      {detail.bookings.length === 0 ? (
        <p>{t('library.calendar.all_free')}</p>
      ) : (
        <ul>
          {detail.bookings.map((bk) => (
            <li>
              {t('library.calendar.range', {
                from: formatDay(view, bk.startsOn),
                until: formatDay(view, bk.dueOn),
              })}{' '}
              —{' '}
              {bk.status === 'out' && bk.dueOn < today
                ? t('library.status.overdue')
                : t(`library.status.${bk.status}`)}
              {bk.mine && ` (${t('library.calendar.yours')})`}
              {(bk.mine || detail.mayEdit) && (
                <>
                  {' '}
                  (<a href={`${b}/loans/${bk.id}`}>{t('library.history.loan')}</a>)
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <Month view={view} first={`${today.slice(0, 8)}01`} bookings={detail.bookings} today={today} />
      <Month view={view} first={`${nextMonth.slice(0, 8)}01`} bookings={detail.bookings} today={today} />
      {detail.bookings.length > 0 && (
        // What the marks mean, for the eye (each marked day says it in words to screen readers).
        <ul class="calendar-legend" aria-hidden="true">
          <li class="day-booked">
            <span class="mark" /> {t('library.calendar.booked')}
          </li>
          <li class="day-requested">
            <span class="mark" /> {t('library.calendar.requested')}
          </li>
        </ul>
      )}

      {detail.mayRequest && (
        <>
          <h2>{t('library.request.title')}</h2>
          <Form view={view} action={`${b}/items/${item.id}/loans`}>
            <ErrorSummary view={view} state={state} />
            <Field state={state} name="startsOn" type="date" label={t('library.fields.starts_on')} required />
            <Field
              state={state}
              name="dueOn"
              type="date"
              label={t('library.fields.due_on')}
              hint={t('library.request.due_hint', { count: item.loanDays })}
              required
            />
            <TextArea
              state={state}
              name="message"
              label={t('library.fields.message')}
              rows={2}
              maxLength={500}
            />
            <button type="submit">{t('library.request.submit')}</button>
          </Form>
          <h2>{t('library.waitlist.title')}</h2>
          {detail.myPlace === 'held' ? (
            <p class="notice">{t('library.waitlist.held')}</p>
          ) : detail.myPlace > 0 ? (
            <>
              <p>{t('library.waitlist.place', { n: detail.myPlace })}</p>
              <PostButton
                view={view}
                action={`${b}/items/${item.id}/waitlist/leave`}
                label={t('library.waitlist.leave')}
                kind="secondary"
              />
            </>
          ) : item.availableToday && detail.waiting === 0 ? (
            <p class="muted">{t('library.waitlist.not_needed')}</p>
          ) : (
            <>
              <p>
                {detail.waiting === 0
                  ? t('library.waitlist.explain_none')
                  : t('library.waitlist.explain', { count: detail.waiting })}
              </p>
              <PostButton
                view={view}
                action={`${b}/items/${item.id}/waitlist`}
                label={t('library.waitlist.join')}
              />
            </>
          )}
        </>
      )}

      <h2>{t('library.history.title')}</h2>
      <ol>
        {detail.history.map((e) => (
          <li>
            {formatInstant(view, e.createdAt)}: {t(`library.event.${e.kind}`)}
            {e.actorName && ` — ${e.actorName}`}
            {e.note && e.note !== 'desk' && e.note !== 'import' && <> — “{e.note}”</>}
            {e.loanId && (
              <>
                {' '}
                (<a href={`${b}/loans/${e.loanId}`}>{t('library.history.loan')}</a>)
              </>
            )}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
