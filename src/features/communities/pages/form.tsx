/** The form that starts a community, and the same form as its settings page. */
import type { Community } from '../../../platform/db/database.ts';
import { languageChoices } from '../../../platform/i18n/languages.ts';
import {
  Checkbox,
  ErrorSummary,
  Field,
  Form,
  type FormState,
  Radios,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { Checkboxes } from './parts.tsx';

/** Time zones offered in the list; any other IANA zone can be typed below it. */
const commonZones = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
  'America/Mexico_City',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Argentina/Buenos_Aires',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Madrid',
  'Europe/Paris',
  'Europe/Berlin',
  'Africa/Lagos',
  'Asia/Manila',
  'Australia/Sydney',
  'UTC',
];

/** Form values from a community row (the settings page starts from them). */
export function formValues(c: Community): Record<string, unknown> {
  const listed = commonZones.includes(c.timeZone);
  return {
    name: c.name,
    slug: c.slug,
    description: c.description,
    areaLat: c.areaLat ?? undefined,
    areaLng: c.areaLng ?? undefined,
    areaRadiusM: c.areaRadiusM ?? undefined,
    languages: c.languages.split(','),
    timeZone: listed ? c.timeZone : undefined,
    timeZoneOther: listed ? undefined : c.timeZone,
    rhythm: c.rhythm,
    joinPolicy: c.joinPolicy,
    chatUrl: c.chatUrl ?? undefined,
    paperMembers: c.paperMembers === 1 ? '1' : undefined,
    emailOptional: c.emailOptional === 1 ? '1' : undefined,
  };
}

/**
 * Defaults for a new community: the viewer's language, the server's time zone (the page's script
 * puts the browser's in its place: most stewards start a community where they live), a monthly
 * rhythm, invite links.
 */
export function newCommunityValues(locale: string): Record<string, unknown> {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const listed = commonZones.includes(zone);
  return {
    languages: [locale],
    timeZone: listed ? zone : undefined,
    timeZoneOther: listed ? undefined : zone,
    rhythm: 'monthly',
    joinPolicy: 'invite',
    paperMembers: '1',
  };
}

/**
 * `GET /communities/new` and `GET /c/:community/settings`. `community` given: the settings of
 * that community (its slug is fixed, as printed flyers carry it).
 */
export function CommunityFormPage({
  view,
  state,
  community,
  saved,
}: {
  view: View;
  state: FormState;
  community?: Community;
  saved?: boolean;
}) {
  const { t, locale } = view;
  const title = community ? t('communities.settings.title') : t('communities.new.title');
  const zones: [string, string][] = commonZones.map((z) => [z, z.replace(/_/g, ' ')]);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {saved && (
        <p class="notice" role="status">
          {t('communities.settings.saved')}
        </p>
      )}
      {!community && <p>{t('communities.new.intro')}</p>}
      <Form
        view={view}
        action={community ? `/c/${community.slug}/settings` : '/communities'}
        // A new community's form, not yet refused: the client script fills in the browser's zone.
        id={community || state.errors.length > 0 ? undefined : 'new-community'}
      >
        <ErrorSummary view={view} state={state} />
        <Field state={state} name="name" label={t('communities.fields.name')} maxLength={80} required />
        {community ? (
          <p class="hint">{t('communities.settings.slug_fixed', { slug: community.slug })}</p>
        ) : (
          <Field
            state={state}
            name="slug"
            label={t('communities.fields.slug')}
            hint={t('communities.fields.slug_hint')}
            maxLength={40}
          />
        )}
        <TextArea
          state={state}
          name="description"
          label={t('communities.fields.description')}
          hint={t('communities.fields.description_hint')}
          maxLength={2000}
        />
        <Checkboxes
          state={state}
          name="languages"
          label={t('communities.fields.languages')}
          hint={t('communities.fields.languages_hint')}
          options={languageChoices(t, locale)}
        />
        <Radios
          state={state}
          name="rhythm"
          label={t('communities.fields.rhythm')}
          options={(['weekly', 'monthly', 'seasonal'] as const).map((r) => [r, t(`communities.rhythm.${r}`)])}
        />
        <Radios
          state={state}
          name="joinPolicy"
          label={t('communities.fields.join_policy')}
          options={(['open', 'invite', 'approval'] as const).map((p) => [
            p,
            t(`communities.join_policy.${p}`),
          ])}
        />
        <Select state={state} name="timeZone" label={t('communities.fields.time_zone')} options={zones} />
        <Field
          state={state}
          name="timeZoneOther"
          label={t('communities.fields.time_zone_other')}
          hint={t('communities.fields.time_zone_other_hint')}
          maxLength={64}
        />
        <Field
          state={state}
          name="chatUrl"
          type="url"
          label={t('communities.fields.chat_url')}
          hint={t('communities.fields.chat_url_hint')}
          maxLength={500}
        />
        <Checkbox state={state} name="paperMembers" label={t('communities.fields.paper_members')} />
        <Checkbox
          state={state}
          name="emailOptional"
          label={t('communities.fields.email_optional')}
          hint={t('communities.fields.email_optional_hint')}
        />
        <fieldset class="field">
          <legend>{t('communities.fields.area')}</legend>
          <p class="hint">{t('communities.fields.area_hint')}</p>
          <Field state={state} name="areaLat" label={t('communities.fields.area_lat')} inputmode="decimal" />
          <Field state={state} name="areaLng" label={t('communities.fields.area_lng')} inputmode="decimal" />
          <Field
            state={state}
            name="areaRadiusM"
            label={t('communities.fields.area_radius')}
            inputmode="numeric"
          />
        </fieldset>
        <button type="submit">
          {community ? t('communities.settings.save') : t('communities.new.submit')}
        </button>
      </Form>
    </Layout>
  );
}
