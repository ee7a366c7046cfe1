/**
 * The day of an alert, for coordinators: raise one (reason, open shelters, a message), the live
 * board while it is on, and the list of past alerts with their reviews. The board is a plain page
 * that says when it was read and offers a Refresh link; with JavaScript its `data-live` part is
 * fetched again whenever the day changes (the community's live stream). It never refreshes itself
 * otherwise (WCAG 2.2.1: no time limits the reader did not ask for).
 */
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
import { dayLimits } from '../activation-schema.ts';
import type { AlertView, Board, BoardHousehold } from '../board.ts';
import type { ShelterView } from '../service.ts';
import { base } from './common.tsx';

/** The alert's reason, message and open shelters. */
export function AlertFacts({ view, alert }: { view: View; alert: AlertView }) {
  const { t } = view;
  return (
    <div class="notice warning">
      <p>
        <strong>{alert.reason}</strong>
      </p>
      {alert.message && <p class="prose">{alert.message}</p>}
      <p>
        {t('evacuation.alert.raised', {
          at: formatInstant(view, alert.raisedAt),
          name: alert.raisedBy ?? t('evacuation.alert.someone'),
        })}
      </p>
      <p>{t('evacuation.alert.shelters_open', { shelters: alert.shelters.map((s) => s.name).join(', ') })}</p>
    </div>
  );
}

/** Where a household stands, in words and a sign (not by colour alone). */
export function HouseholdState({ view, state }: { view: View; state: BoardHousehold['state'] }) {
  const urgent = state === 'needs_help' || state === 'no_answer' || state === 'waiting';
  return (
    <ul class="tags">
      <li class={urgent ? 'urgent' : undefined}>{view.t(`evacuation.state.${state}`)}</li>
    </ul>
  );
}

/** A coordinator's marks on a household (from a phone call): safe or needs help, with a note. */
function MarkForm({ view, h }: { view: View; h: BoardHousehold }) {
  const { t } = view;
  const id = `note-${h.householdId}`;
  return (
    <form method="post" action={`${base(view)}/alert/households/${h.householdId}`} class="move">
      <input type="hidden" name="_csrf" value={view.csrf} />
      <label for={id}>{t('evacuation.board.note')}</label>
      <input id={id} name="note" type="text" data-maxlength={dayLimits.note} />
      <span class="actions">
        <button type="submit" name="status" value="safe" class="secondary">
          {t('evacuation.mark.safe')}
          <span class="visually-hidden">{`: ${h.name}`}</span>
        </button>
        <button type="submit" name="status" value="needs_help" class="secondary">
          {t('evacuation.mark.needs_help')}
          <span class="visually-hidden">{`: ${h.name}`}</span>
        </button>
      </span>
    </form>
  );
}

function HouseholdLine({ view, h, mark }: { view: View; h: BoardHousehold; mark: boolean }) {
  const { t } = view;
  return (
    <li id={`h-${h.householdId}`}>
      <strong>
        <bdi>{h.name}</bdi>
      </strong>
      <HouseholdState view={view} state={h.state} />
      {h.leftAt && (
        <p class="field-error">{t('evacuation.board.left', { at: formatInstant(view, h.leftAt) })}</p>
      )}
      <p>
        {h.phone ? t('evacuation.card.phone', { phone: h.phone }) : t('evacuation.fields.no_phone')}
        {' · '}
        {h.address || t('evacuation.fields.no_address')}
      </p>
      <p>
        {h.driverName ? (
          t('evacuation.board.with_driver', { driver: h.driverName })
        ) : h.unserved ? (
          <span class="field-error">{h.unserved}</span>
        ) : (
          t('evacuation.board.no_driver')
        )}
        {h.since && ` · ${t('evacuation.board.since', { at: formatInstant(view, h.since) })}`}
      </p>
      {h.note && <p class="muted">{t('evacuation.board.noted', { note: h.note })}</p>}
      {mark && <MarkForm view={view} h={h} />}
    </li>
  );
}

/** The board's live part: who is unaccounted for, the routes, everyone else, whom to phone. */
function BoardBody({ view, board }: { view: View; board: Board }) {
  const { t } = view;
  const missing = board.households.filter((h) => h.unaccounted);
  const others = board.households.filter((h) => !h.unaccounted);
  return (
    <div id="board" data-live="replace" aria-live="polite">
      <p>
        {t('evacuation.board.read_at', { at: formatInstant(view, board.readAt) })}{' '}
        <a href={`${base(view)}/alert`}>{t('evacuation.board.refresh')}</a>
      </p>
      {board.replanning && <p class="notice">{t('evacuation.board.replanning')}</p>}
      <h2 id="missing-heading">{t('evacuation.board.unaccounted', { count: board.unaccounted })}</h2>
      {missing.length === 0 ? (
        <p>{t('evacuation.board.all_accounted')}</p>
      ) : (
        <ul class="cards" aria-labelledby="missing-heading">
          {missing.map((h) => (
            <HouseholdLine view={view} h={h} mark />
          ))}
        </ul>
      )}
      <h2 id="routes-heading">{t('evacuation.board.routes')}</h2>
      <ul class="cards" aria-labelledby="routes-heading">
        {board.routes.map((r) => (
          <li>
            <strong>
              <bdi>{r.driverName}</bdi>
            </strong>
            {r.vehicle && ` · ${r.vehicle}`}
            <ul class="tags">
              <li class={r.state === 'dropped_out' ? 'urgent' : undefined}>
                {r.state === 'en_route' && r.pickedUp > 0
                  ? t('evacuation.route_state.picked_up', { count: r.pickedUp, total: r.households.length })
                  : t(`evacuation.route_state.${r.state}`)}
              </li>
            </ul>
            <p>
              {r.phone ? t('evacuation.card.phone', { phone: r.phone }) : t('evacuation.fields.no_phone')}
              {r.shelter && ` · ${t('evacuation.card.shelter', { shelter: r.shelter })}`}
            </p>
            {r.households.length > 0 && (
              <ol>
                {r.households.map((s) => (
                  <li>
                    <bdi>{s.name}</bdi>: {t(`evacuation.state.${s.state}`)}
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ul>
      <h2 id="others-heading">{t('evacuation.board.accounted')}</h2>
      {others.length === 0 ? (
        <p>{t('evacuation.board.none_yet')}</p>
      ) : (
        <ul class="cards" aria-labelledby="others-heading">
          {others.map((h) => (
            <HouseholdLine view={view} h={h} mark={h.state !== 'safe'} />
          ))}
        </ul>
      )}
      <h2 id="phone-heading">{t('evacuation.board.to_phone')}</h2>
      <p class="muted">{t('evacuation.board.to_phone_hint')}</p>
      {board.toPhone.length === 0 ? (
        <p>{t('evacuation.board.nobody_to_phone')}</p>
      ) : (
        <ul aria-labelledby="phone-heading">
          {board.toPhone.map((p) => (
            <li>
              <bdi>{p.name}</bdi> ({t(`evacuation.board.phone_role.${p.role}`)})
              {p.phone && ` · ${t('evacuation.card.phone', { phone: p.phone })}`}
              {p.about && ` · ${t('evacuation.board.checks_on', { names: p.about })}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The alert page: the board when an alert is on (with the form that ends it), otherwise the form
 * that raises one and the past alerts.
 */
export function AlertPage({
  view,
  board,
  shelters,
  past,
  state,
  endState,
}: {
  view: View;
  board: Board | null;
  shelters: ShelterView[];
  past: AlertView[];
  state: FormState;
  endState: FormState;
}) {
  const { t } = view;
  const b = base(view);
  const title = board ? t('evacuation.board.title') : t('evacuation.alert.title');
  const chosen = new Set([state.values.shelters ?? []].flat().map(String));
  const open = shelters.filter((s) => (s.capacity ?? 0) > 0);
  const shelterError = state.errors.find((e) => e.field === 'shelters')?.message;
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
        <a href={`${b}/contacts`}>{t('evacuation.contacts.title')}</a>
      </p>
      {board ? (
        <>
          <AlertFacts view={view} alert={board.alert} />
          <BoardBody view={view} board={board} />
          <h2>{t('evacuation.board.replan_heading')}</h2>
          <p>{t('evacuation.board.replan_hint')}</p>
          <PostButton
            view={view}
            action={`${b}/alert/replan`}
            label={t('evacuation.board.replan')}
            kind="secondary"
          />
          <h2>{t('evacuation.alert.end_heading')}</h2>
          <ErrorSummary view={view} state={endState} />
          <Form view={view} action={`${b}/alert/end`}>
            <TextArea
              state={endState}
              name="message"
              label={t('evacuation.alert.end_message')}
              hint={t('evacuation.alert.end_hint')}
              maxLength={dayLimits.message}
              rows={3}
            />
            <details class="confirm">
              <summary class="button secondary">{t('evacuation.alert.end')}</summary>
              <p>{t('evacuation.alert.end_confirm')}</p>
              <button type="submit" class="danger">
                {t('evacuation.alert.end_yes')}
              </button>
            </details>
          </Form>
        </>
      ) : (
        <>
          <p class="prose">{t('evacuation.alert.intro')}</p>
          <ErrorSummary view={view} state={state} />
          <Form view={view} action={`${b}/alert`}>
            <Field
              state={state}
              name="reason"
              label={t('evacuation.alert.reason')}
              hint={t('evacuation.alert.reason_hint')}
              maxLength={dayLimits.reason}
              required
            />
            <fieldset
              class={shelterError ? 'field invalid' : 'field'}
              id="f-shelters"
              aria-describedby={shelterError ? 'e-shelters' : undefined}
            >
              <legend>{t('evacuation.alert.shelters')}</legend>
              {shelterError && (
                <p class="field-error" id="e-shelters">
                  {shelterError}
                </p>
              )}
              {open.length === 0 && <p>{t('evacuation.alert.no_shelters')}</p>}
              {open.map((s) => (
                <label class="choice">
                  <input type="checkbox" name="shelters" value={s.placeId} checked={chosen.has(s.placeId)} />{' '}
                  <bdi>{s.name}</bdi>
                </label>
              ))}
            </fieldset>
            <TextArea
              state={state}
              name="message"
              label={t('evacuation.alert.message')}
              hint={t('evacuation.alert.message_hint')}
              maxLength={dayLimits.message}
            />
            <details class="confirm">
              <summary class="button danger">{t('evacuation.alert.raise')}</summary>
              <p>{t('evacuation.alert.raise_confirm')}</p>
              <button type="submit" class="danger">
                {t('evacuation.alert.raise_yes')}
              </button>
            </details>
          </Form>
          <h2>{t('evacuation.alert.past')}</h2>
          {past.length === 0 ? (
            <p>{t('evacuation.alert.no_past')}</p>
          ) : (
            <ul>
              {past.map((a) => (
                <li>
                  <a href={`${b}/alerts/${a.id}`}>{a.reason}</a>
                  {` · ${formatInstant(view, a.raisedAt)}`}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Layout>
  );
}
