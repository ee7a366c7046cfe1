/** Stewards' pages: the overdue call list, the spreadsheet import, the library settings. */

import { formatNumber } from '../../../platform/i18n/index.ts';
import { ErrorSummary, Field, Form, type FormState, UploadForm } from '../../../web/components/form.tsx';
import { ScrollRegion } from '../../../web/components/scroll.tsx';
import { formatDay } from '../../../web/dates.ts';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import type { ImportPreview, RowOutcome } from '../csv.ts';
import type { listOverdue } from '../desk.ts';
import { base, LibraryNav } from './common.tsx';

/** `GET /c/:community/library/overdue`. */
export function OverduePage({ view, rows }: { view: View; rows: Awaited<ReturnType<typeof listOverdue>> }) {
  const { t } = view;
  const b = base(view);
  return (
    <Layout view={view} title={t('library.overdue.title')}>
      <h1>{t('library.overdue.title')}</h1>
      <LibraryNav view={view} />
      <p>{t('library.overdue.intro')}</p>
      <p class="actions">
        <a class="button secondary" href={`${b}/overdue.csv`} download>
          {t('library.overdue.csv')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p class="notice">{t('library.overdue.none')}</p>
      ) : (
        <ScrollRegion label={t('library.overdue.title')}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('library.fields.borrower')}</th>
                <th scope="col">{t('library.fields.phone')}</th>
                <th scope="col">{t('library.fields.item')}</th>
                <th scope="col">{t('library.fields.due_on')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.borrowerName}</td>
                  <td>
                    {r.phone ? (
                      <a href={`tel:${r.phone}`}>{r.phone}</a>
                    ) : (
                      <span class="muted">{t('library.overdue.no_phone')}</span>
                    )}
                  </td>
                  <td>
                    <a href={`${b}/loans/${r.loanId}`}>{r.itemName}</a>
                  </td>
                  <td>
                    {formatDay(view, r.dueOn)} ({t('library.overdue.days', { count: r.daysOverdue })})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

/** How many rows of an import add, change or leave an item, in words. */
function Counts({ view, counts }: { view: View; counts: Record<RowOutcome, number> }) {
  const { t } = view;
  return (
    <>
      {t('library.import.count_new', { count: counts.new })},{' '}
      {t('library.import.count_changed', { count: counts.changed })},{' '}
      {t('library.import.count_unchanged', { count: counts.unchanged })}.
    </>
  );
}

/**
 * `GET /c/:community/library/import`: choose a file (or paste), then see the preview; after an
 * import, `done` says what it did.
 */
export function ImportPage({
  view,
  state,
  done = null,
}: {
  view: View;
  state: FormState;
  done?: Record<RowOutcome, number> | null;
}) {
  const { t } = view;
  const b = base(view);
  return (
    <Layout view={view} title={t('library.import.title')}>
      <h1>{t('library.import.title')}</h1>
      <LibraryNav view={view} />
      {done && (
        <p class="notice" role="status">
          {t('library.import.done')} <Counts view={view} counts={done} />
        </p>
      )}
      <p>{t('library.import.intro')}</p>
      <p class="muted">{t('library.import.columns')}</p>
      <p class="actions">
        <a href={`${b}/export/items.csv`} download>
          {t('library.import.export_items')}
        </a>
        <a href={`${b}/export/loans.csv`} download>
          {t('library.import.export_loans')}
        </a>
      </p>
      <UploadForm view={view} action={`${b}/import/preview`}>
        <ErrorSummary view={view} state={state} />
        <div class="field">
          <label for="f-file">{t('library.import.file')}</label>
          <input id="f-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <div class="field">
          <label for="f-csv">{t('library.import.paste')}</label>
          <textarea id="f-csv" name="csv" rows={6} />
        </div>
        <button type="submit">{t('library.import.check')}</button>
      </UploadForm>
    </Layout>
  );
}

/** The preview: every row, every problem by row and column, and "import" only when all is well. */
export function ImportPreviewPage({ view, preview }: { view: View; preview: ImportPreview }) {
  const { t } = view;
  const b = base(view);
  const ok = preview.errors.length === 0;
  return (
    <Layout view={view} title={t('library.import.preview_title')}>
      <h1>{t('library.import.preview_title')}</h1>
      {ok ? (
        <p class="notice">
          {t('library.import.ready', { count: preview.rows.length })}{' '}
          <Counts view={view} counts={preview.counts} />
        </p>
      ) : (
        <div class="error-summary" role="alert">
          <h2>{t('library.import.problems', { count: preview.errors.length })}</h2>
          <ul>
            {preview.errors.map((e) => (
              <li>
                {t('library.import.at', { row: e.row, column: e.column || '—' })}:{' '}
                {t(e.code, { ...e.params, defaultValue: t('validation.invalid') })}
              </li>
            ))}
          </ul>
          <p>{t('library.import.nothing_written')}</p>
        </div>
      )}
      {preview.unknownColumns.length > 0 && (
        <p class="notice warning">
          {t('library.import.unknown_columns', {
            count: preview.unknownColumns.length,
            columns: preview.unknownColumns.map((c) => `“${c}”`).join(', '),
          })}
        </p>
      )}
      {ok && (
        <Form view={view} action={`${b}/import`}>
          <input type="hidden" name="csv" value={preview.csv} />
          <button type="submit">{t('library.import.confirm', { count: preview.rows.length })}</button>
        </Form>
      )}
      <p>
        <a href={`${b}/import`}>{t('library.import.again')}</a>
      </p>
      <ScrollRegion label={t('library.import.rows')}>
        <table>
          <caption>{t('library.import.rows')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('library.import.row')}</th>
              <th scope="col">{t('library.import.outcome')}</th>
              <th scope="col">{t('library.fields.name')}</th>
              <th scope="col">{t('library.fields.category')}</th>
              <th scope="col">{t('library.fields.condition')}</th>
              <th scope="col">{t('library.fields.owner')}</th>
              <th scope="col">{t('library.fields.loan_days')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr>
                <td>{formatNumber(view.locale, r.row)}</td>
                <td>{t(`library.import.outcome_${r.outcome}`)}</td>
                <td>{r.name}</td>
                <td>{r.category}</td>
                <td>{r.condition}</td>
                <td>{r.owner}</td>
                <td>{formatNumber(view.locale, r.loanDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </Layout>
  );
}

/** `GET /c/:community/library/settings`. */
export function SettingsPage({ view, state }: { view: View; state: FormState }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('library.settings.title')}>
      <h1>{t('library.settings.title')}</h1>
      <LibraryNav view={view} />
      <Form view={view} action={`${base(view)}/settings`}>
        <ErrorSummary view={view} state={state} />
        <Field
          state={state}
          name="maxActivePerMember"
          type="number"
          inputmode="numeric"
          label={t('library.settings.max_active')}
          hint={t('library.settings.max_active_hint')}
          required
        />
        <Field
          state={state}
          name="holdDays"
          type="number"
          inputmode="numeric"
          label={t('library.settings.hold_days')}
          hint={t('library.settings.hold_days_hint')}
          required
        />
        <Field
          state={state}
          name="reminderDays"
          type="number"
          inputmode="numeric"
          label={t('library.settings.reminder_days')}
          hint={t('library.settings.reminder_days_hint')}
          required
        />
        <button type="submit">{t('library.settings.save')}</button>
      </Form>
    </Layout>
  );
}
