/** Coordinators' lists: households with their needs, drivers with their vehicles, shelters with their capacity; the stewards' log. */
import { ErrorSummary, Field, Form, type FormState } from '../../../web/components/form.tsx';
import { formatInstant } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { AccessView, DriverView, HouseholdView, ShelterLoad } from '../service.ts';
import { base, Needs } from './common.tsx';
import { Vehicle } from './driver.tsx';

/**
 * Every household with its needs and address; paper members are added here. `toAsk`: households
 * not confirmed in the last three drills.
 */
export function HouseholdsPage({
  view,
  households,
  toAsk,
}: {
  view: View;
  households: HouseholdView[];
  toAsk: ReadonlySet<string>;
}) {
  const { t } = view;
  const b = base(view);
  const title = t('evacuation.households.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
        <a href={`${b}/households/new`}>{t('evacuation.households.add_paper')}</a>
      </p>
      <p class="muted">{t('evacuation.households.logged')}</p>
      {households.length === 0 ? (
        <p>{t('evacuation.households.none')}</p>
      ) : (
        <ul class="cards">
          {households.map((h) => (
            <li class="card">
              <h2>
                <a href={`${b}/households/${h.id}`}>{h.name}</a>
              </h2>
              <Needs view={view} h={h} />
              <p>{h.address || t('evacuation.fields.no_address')}</p>
              {h.latitude === null && <p class="notice">{t('evacuation.fields.no_point')}</p>}
              {[h.buddy, h.backupBuddy].map(
                (bd) =>
                  bd && (
                    <p class={bd.status === 'accepted' ? undefined : 'notice'}>
                      {t(`evacuation.buddy.status.${bd.status}`, { name: bd.name })}
                    </p>
                  ),
              )}
              {toAsk.has(h.id) && <p class="notice warning">{t('evacuation.drill.three_times')}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** Every driver with their vehicle, availability and home. */
export function DriversPage({ view, drivers }: { view: View; drivers: DriverView[] }) {
  const { t } = view;
  const b = base(view);
  const title = t('evacuation.drivers.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
        <a href={`${b}/drivers/new`}>{t('evacuation.drivers.add_paper')}</a>
      </p>
      {drivers.length === 0 ? (
        <p>{t('evacuation.drivers.none')}</p>
      ) : (
        <ul class="cards">
          {drivers.map((d) => (
            <li class="card">
              <h2>
                <a href={`${b}/drivers/${d.id}`}>{d.name}</a>
              </h2>
              <Vehicle view={view} d={d} />
              <p>
                {d.availability.length
                  ? d.availability.map((s) => t(`evacuation.slot.${s}`)).join(', ')
                  : t('evacuation.driver.no_availability')}
              </p>
              {d.latitude === null && <p class="notice">{t('evacuation.drivers.no_point')}</p>}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

/** The shelters (places of kind shelter): capacity, accessibility, pets, and who needs or prefers each. */
export function SheltersPage({
  view,
  shelters,
  state,
  refused,
}: {
  view: View;
  shelters: ShelterLoad[];
  /** The refused form's state, and which shelter it was for. */
  state?: FormState;
  refused?: string;
}) {
  const { t } = view;
  const b = base(view);
  const title = t('evacuation.shelters.title');
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={b}>{t('evacuation.back')}</a>
        <a href={`/c/${view.community?.slug ?? ''}/places`}>{t('evacuation.shelters.places')}</a>
      </p>
      <p class="prose">{t('evacuation.shelters.intro')}</p>
      {shelters.length === 0 && <p class="notice">{t('evacuation.shelters.none')}</p>}
      {shelters.map((s) => {
        const form: FormState =
          refused === s.placeId && state
            ? state
            : {
                values: {
                  capacity: s.capacity ?? undefined,
                  accessible: s.accessible ? '1' : undefined,
                  pets: s.pets ? '1' : undefined,
                },
                errors: [],
              };
        const box = (name: 'accessible' | 'pets', label: string) => {
          const v = form.values[name];
          return (
            <label class="choice">
              <input type="checkbox" name={name} value="1" checked={v === '1' || v === 'on'} /> {label}
            </label>
          );
        };
        return (
          <section class="card" aria-labelledby={`s-${s.placeId}`}>
            <h2 id={`s-${s.placeId}`}>{s.name}</h2>
            <p>{s.address || t('evacuation.fields.no_address')}</p>
            {s.latitude === null && <p class="notice">{t('evacuation.shelters.no_point')}</p>}
            {s.capacity === null && <p class="notice">{t('evacuation.shelters.not_set')}</p>}
            {s.capacity === 0 && <p class="notice">{t('evacuation.shelters.closed')}</p>}
            {s.capacity !== null && s.needed > s.capacity && (
              <p class="notice">
                {t('evacuation.shelters.too_small', { needed: s.needed, capacity: s.capacity })}
              </p>
            )}
            <p>{t('evacuation.shelters.asked', { needed: s.needed, preferred: s.preferred })}</p>
            <Form view={view} action={`${b}/shelters/${s.placeId}`}>
              {refused === s.placeId && <ErrorSummary view={view} state={form} />}
              <Field
                state={form}
                name="capacity"
                type="number"
                inputmode="numeric"
                label={t('evacuation.fields.capacity')}
                hint={t('evacuation.shelters.capacity_hint')}
                required
              />
              {box('accessible', t('evacuation.fields.accessible'))}
              {box('pets', t('evacuation.fields.shelter_pets'))}
              <button type="submit">{t('evacuation.shelters.save', { name: s.name })}</button>
            </Form>
          </section>
        );
      })}
    </Layout>
  );
}

/**
 * A page of lines of the log of reads: the whole log (`log`, stewards) or the lines about the
 * reader's own registrations (`reads`, a household or driver). Both say what is logged and why.
 */
export function LogPage({ view, entries, of }: { view: View; entries: AccessView[]; of: 'log' | 'reads' }) {
  const { t } = view;
  const title = t(`evacuation.${of}.title`);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      <p class="actions">
        <a href={base(view)}>{t('evacuation.back')}</a>
      </p>
      <p class="prose">{t(`evacuation.${of}.intro`)}</p>
      <AccessList view={view} entries={entries} none={t(`evacuation.${of}.none`)} />
    </Layout>
  );
}

/** Lines of the log of reads: when, who (their role), what; `none` when there are none. */
export function AccessList({ view, entries, none }: { view: View; entries: AccessView[]; none: string }) {
  const { t } = view;
  if (entries.length === 0) return <p>{none}</p>;
  // Reads in a row of the same thing by the same person (a live board fetched again at each
  // change) are one line with their count and the first time, newest first as the log is.
  const runs: { last: AccessView; first: AccessView; count: number }[] = [];
  for (const e of entries) {
    const run = runs[runs.length - 1];
    const same =
      run &&
      run.last.reader?.accountId === e.reader?.accountId &&
      run.last.role === e.role &&
      run.last.what === e.what &&
      run.last.subject === e.subject;
    if (same) {
      run.first = e;
      run.count += 1;
    } else runs.push({ last: e, first: e, count: 1 });
  }
  return (
    <ul class="log">
      {runs.map(({ last: e, first, count }) => {
        const values = {
          when: formatInstant(view, e.at),
          who: e.reader?.name ?? t('evacuation.log.someone'),
          role: t(`evacuation.role.${e.role}`),
          what: t(`evacuation.read.${e.what}`, { name: e.subject ?? t('evacuation.log.withdrawn') }),
        };
        return (
          <li>
            {count === 1
              ? t('evacuation.log.entry', values)
              : t('evacuation.log.entries', { ...values, count, since: formatInstant(view, first.at) })}
          </li>
        );
      })}
    </ul>
  );
}
