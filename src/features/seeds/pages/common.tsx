/** Small pieces shared by the seed library's pages: paths, labels, dates, the seasons group. */
import { errorFor, type FormState } from '../../../web/components/form.tsx';
import type { View } from '../../../web/view.ts';
import { seasons } from '../schema.ts';

/** The seed library's base path in the viewed community. */
export function seedsPath(view: View, ...rest: string[]): string {
  return [`/c/${view.community?.slug ?? ''}/seeds`, ...rest].join('/');
}

/** "March 2027" in the viewer's language, for a `YYYY-MM` month. */
export function monthLabel(view: View, month: string): string {
  return new Intl.DateTimeFormat(view.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T12:00:00Z`),
  );
}

/** A date (no time) in the viewer's language and the community's time zone. */
export function dateLabel(view: View, instant: string): string {
  return new Intl.DateTimeFormat(view.locale, {
    dateStyle: 'medium',
    timeZone: view.community?.timeZone ?? 'UTC',
  }).format(new Date(instant));
}

/** Seasons as words, joined ("spring, summer"). */
export function seasonsLabel(view: View, list: readonly string[]): string {
  return list.map((s) => view.t(`seeds.season.${s}`)).join(', ');
}

/** Free text as paragraphs: blank lines separate them, single line breaks are kept. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n\s*\n/).map((para) => (
        <p>
          {para.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </>
  );
}

/** The sowing seasons as a group of checkboxes in a fieldset, with the error beside it. */
export function SeasonsField({ view, state }: { view: View; state: FormState }) {
  const { t } = view;
  const error = errorFor(state, 'seasons', t('seeds.fields.seasons'));
  const raw = state.values.seasons;
  const chosen = new Set(Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : []);
  return (
    <fieldset
      class={error ? 'field invalid' : 'field'}
      id="f-seasons"
      aria-describedby={error ? 'h-seasons e-seasons' : 'h-seasons'}
    >
      <legend>{t('seeds.fields.seasons')}</legend>
      <p class="hint" id="h-seasons">
        {t('seeds.fields.seasons_hint')}
      </p>
      {error && (
        <p class="field-error" id="e-seasons">
          {error}
        </p>
      )}
      {seasons.map((s) => (
        <label class="choice">
          <input type="checkbox" name="seasons" value={s} checked={chosen.has(s)} /> {t(`seeds.season.${s}`)}
        </label>
      ))}
    </fieldset>
  );
}
