/** The profile form's fields, shared by "My profile" and a steward editing a paper member. */

import { languageChoices } from '../../../platform/i18n/languages.ts';
import type { FormState } from '../../../web/components/form.tsx';
import { errorFor, Field, Radios, Select, TextArea } from '../../../web/components/form.tsx';
import type { View } from '../../../web/view.ts';
import { availabilitySlots, limits } from '../schema.ts';

/** A slot of the availability grid in words: "Saturday morning". */
export function slotLabel(t: View['t'], slot: string): string {
  const [day, part] = slot.split('-');
  return t('profiles.slot', { day: t(`profiles.days.${day}`), part: t(`profiles.parts.${part}`) });
}

/** `[value, label]` pairs of the three visibilities, in the viewer's language. */
function visibilityOptions(view: View): [string, string][] {
  return (['community', 'stewards', 'nobody'] as const).map((v) => [v, view.t(`profiles.visibility.${v}`)]);
}

/** Checkboxes in a fieldset, one per `options` pair; several may be checked. */
function CheckboxGroup(p: { state: FormState; name: string; label: string; options: [string, string][] }) {
  const raw = p.state.values[p.name];
  const chosen = new Set(Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : []);
  const error = errorFor(p.state, p.name, p.label);
  return (
    <fieldset
      class={error ? 'field invalid' : 'field'}
      id={`f-${p.name}`}
      aria-describedby={error ? `e-${p.name}` : undefined}
    >
      <legend>{p.label}</legend>
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

/**
 * Every field of a profile. `email` is shown (not editable: it is how the person signs in) with
 * its visibility when given; a paper member has none.
 */
export function ProfileFields({
  view,
  state,
  email,
}: {
  view: View;
  state: FormState;
  email?: string | null;
}) {
  const { t } = view;
  const visibility = visibilityOptions(view);
  const languages = languageChoices(t, view.locale);
  return (
    <>
      <Field
        state={state}
        name="displayName"
        label={t('profiles.form.display_name')}
        hint={t('profiles.form.display_name_hint')}
        autocomplete="name"
        maxLength={limits.displayName}
        required
      />
      <Select
        state={state}
        name="locale"
        label={t('profiles.form.locale')}
        options={[
          ['', t('profiles.form.locale_browser')],
          ['en', t('locale.en')],
          ['es', t('locale.es')],
        ]}
      />
      <CheckboxGroup
        state={state}
        name="languages"
        label={t('profiles.form.languages')}
        options={languages}
      />
      <TextArea
        state={state}
        name="about"
        label={t('profiles.form.about')}
        hint={t('profiles.form.about_hint', { max: limits.about })}
        maxLength={limits.about}
        rows={4}
      />
      <TextArea
        state={state}
        name="skillsToShare"
        label={t('profiles.form.skills_to_share')}
        hint={t('profiles.form.skills_hint', { max: limits.skills })}
        rows={2}
      />
      <TextArea
        state={state}
        name="skillsToLearn"
        label={t('profiles.form.skills_to_learn')}
        hint={t('profiles.form.skills_hint', { max: limits.skills })}
        rows={2}
      />
      <CheckboxGroup
        state={state}
        name="availableAt"
        label={t('profiles.form.available_at')}
        options={availabilitySlots.map((slot) => [slot, slotLabel(t, slot)])}
      />
      <Field
        state={state}
        name="availability"
        label={t('profiles.form.availability')}
        hint={t('profiles.form.availability_hint')}
        maxLength={limits.availability}
      />

      <h2>{t('profiles.form.contacts')}</h2>
      <p>{t('profiles.form.contacts_intro')}</p>
      {email && (
        <>
          <p>
            <strong>{t('profiles.form.email')}:</strong> {email}
          </p>
          <p class="hint">{t('profiles.form.email_hint')}</p>
          <Radios
            state={state}
            name="emailVisibility"
            label={t('profiles.form.email_visibility')}
            options={visibility}
          />
        </>
      )}
      <Field
        state={state}
        name="phone"
        type="tel"
        label={t('profiles.form.phone')}
        hint={t('profiles.form.phone_hint')}
        autocomplete="tel"
        maxLength={30}
      />
      <Radios
        state={state}
        name="phoneVisibility"
        label={t('profiles.form.phone_visibility')}
        options={visibility}
      />
      <Field
        state={state}
        name="chatHandle"
        label={t('profiles.form.chat_handle')}
        hint={t('profiles.form.chat_handle_hint')}
        maxLength={limits.chatHandle}
      />
      <Radios
        state={state}
        name="chatVisibility"
        label={t('profiles.form.chat_visibility')}
        options={visibility}
      />

      <h2>{t('profiles.form.location')}</h2>
      <p class="hint">{t('profiles.form.location_hint')}</p>
      <Field
        state={state}
        name="locationLat"
        label={t('profiles.form.latitude')}
        inputmode="decimal"
        maxLength={20}
      />
      <Field
        state={state}
        name="locationLng"
        label={t('profiles.form.longitude')}
        inputmode="decimal"
        maxLength={20}
      />
    </>
  );
}
