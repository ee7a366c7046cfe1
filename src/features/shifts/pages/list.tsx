/** The coming shifts, and a month of them. */

import { addMonths } from '../../../platform/db/time.ts';
import { formatNumber } from '../../../platform/i18n/index.ts';
import { emptyForm, Form, Radios } from '../../../web/components/form.tsx';
import { dateFormat } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { ShiftView } from '../service.ts';
import { base, ShiftsByDay, ShiftsNav } from './common.tsx';

/** `GET /c/:community/shifts`: the coming weeks, open slots marked, with how many are open. */
export function ShiftsPage({
  view,
  shifts,
  weeks,
  mayAdd,
  unit,
}: {
  view: View;
  shifts: ShiftView[];
  weeks: number;
  mayAdd: boolean;
  /** The community's temperature unit: stewards may change it here. */
  unit: 'C' | 'F';
}) {
  const { t } = view;
  const open = shifts.filter((s) => !s.cancelled && s.open > 0);
  const slots = open.reduce((n, s) => n + s.open, 0);
  return (
    <Layout view={view} title={t('shifts.list.title')}>
      <h1>{t('shifts.list.title')}</h1>
      <ShiftsNav view={view} mayAdd={mayAdd} />
      <p class="notice">
        {slots === 0
          ? t('shifts.list.covered', { weeks: formatNumber(view.locale, weeks) })
          : t('shifts.list.coverage', { count: slots, shifts: open.length, weeks })}
      </p>
      <ShiftsByDay view={view} shifts={shifts} />
      {view.isSteward && (
        <Form view={view} action={`${base(view)}/unit`} class="card">
          <Radios
            state={emptyForm({ unit })}
            name="unit"
            label={t('shifts.unit.label')}
            options={[
              ['C', t('shifts.unit.C')],
              ['F', t('shifts.unit.F')],
            ]}
          />
          <button type="submit" class="secondary">
            {t('shifts.unit.save')}
          </button>
        </Form>
      )}
    </Layout>
  );
}

/**
 * `GET /c/:community/shifts/month/:month`: the month's shifts by day, with the months either side
 * (`next` null past the horizon shifts are shown to).
 */
export function MonthPage({
  view,
  month,
  next,
  shifts,
}: {
  view: View;
  month: string;
  next: string | null;
  shifts: ShiftView[];
}) {
  const { t } = view;
  const name = dateFormat(view.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
  const b = base(view);
  return (
    <Layout view={view} title={t('shifts.month.title', { month: name })}>
      <h1>{t('shifts.month.title', { month: name })}</h1>
      <ShiftsNav view={view} mayAdd={false} />
      <nav aria-label={t('shifts.month.months')} class="actions">
        <a href={`${b}/month/${addMonths(month, -1)}`} rel="prev">
          {t('shifts.month.previous')}
        </a>
        {next && (
          <a href={`${b}/month/${next}`} rel="next">
            {t('shifts.month.next')}
          </a>
        )}
      </nav>
      <ShiftsByDay view={view} shifts={shifts} />
    </Layout>
  );
}
