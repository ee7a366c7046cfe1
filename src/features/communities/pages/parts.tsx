/** Small pieces shared by the community pages: language names, choices, facts. */

import { languageName } from '../../../platform/i18n/languages.ts';
import { errorFor, type FormState } from '../../../web/components/form.tsx';
import type { View } from '../../../web/view.ts';
import type { CommunityView } from '../service.ts';

/** A group of checkboxes with one name (several values), in a fieldset with a legend. */
export function Checkboxes(p: {
  state: FormState;
  name: string;
  label: string;
  hint?: string;
  options: [string, string][];
}) {
  const error = errorFor(p.state, p.name, p.label);
  const raw = p.state.values[p.name];
  const chosen = new Set(
    Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? raw.split(',') : [],
  );
  const described = [p.hint && `h-${p.name}`, error && `e-${p.name}`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={error ? 'field invalid' : 'field'} id={`f-${p.name}`} aria-describedby={described}>
      <legend>{p.label}</legend>
      {p.hint && (
        <p class="hint" id={`h-${p.name}`}>
          {p.hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`e-${p.name}`}>
          {error}
        </p>
      )}
      {p.options.map(([value, label]) => (
        <label class="choice">
          <input type="checkbox" name={p.name} value={value} checked={chosen.has(value)} /> {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Rhythm, languages and member count as a definition list. */
export function CommunityFacts({ view, community }: { view: View; community: CommunityView }) {
  const { t } = view;
  return (
    <dl class="facts">
      <dt>{t('communities.page.gatherings')}</dt>
      <dd>{t(`communities.rhythm.${community.rhythm}`)}</dd>
      <dt>{t('communities.fields.languages')}</dt>
      <dd>{community.languages.map((l) => languageName(t, l, view.locale)).join(', ')}</dd>
      <dt>{t('communities.page.members')}</dt>
      <dd>{t('communities.page.member_count', { count: community.memberCount })}</dd>
    </dl>
  );
}

/** A date in the community's time zone and the viewer's language. */
export function formatDate(isoInstant: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(isoInstant));
}
