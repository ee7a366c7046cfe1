/** "Notifications" of my account: per kind, how mail and push tell me; my time zone and quiet hours. */
import type { NotificationKind } from '../../../platform/notify/kinds.ts';
import { cadencesFor, channels, kindLabel } from '../../../platform/notify/kinds.ts';
import { fieldOf } from '../../../platform/notify/preferences.ts';
import { ErrorSummary, Field, Form, type FormState, Select } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

let zones: [string, string][] | undefined;

/** `GET /account/notifications`. */
export function PreferencesPage({
  view,
  state,
  kinds,
  saved = false,
}: {
  view: View;
  state: FormState;
  kinds: readonly NotificationKind[];
  saved?: boolean;
}) {
  const { t } = view;
  const title = t('notify.preferences.title');
  zones ??= Intl.supportedValuesOf('timeZone').map((z) => [z, z.replaceAll('_', ' ')]);
  return (
    <Layout view={view} title={title}>
      <h1>{title}</h1>
      {saved && <p class="notice success">{t('notify.preferences.saved')}</p>}
      <p>{t('notify.preferences.intro')}</p>
      <p>
        {t('notify.preferences.push_devices')} <a href="/account/push">{t('notify.preferences.push_link')}</a>
      </p>
      {view.account?.operator === 1 && (
        <p>
          <a href="/operator/notifications">{t('notify.operator.link')}</a>
        </p>
      )}
      <Form view={view} action="/account/notifications">
        <ErrorSummary view={view} state={state} />
        {kinds.map((kind) => (
          <fieldset class="field">
            <legend>{t(kindLabel(kind.name))}</legend>
            {channels.map((channel) => (
              <Select
                state={state}
                name={fieldOf(kind.name, channel)}
                label={t(`notify.channels.${channel}`)}
                options={cadencesFor(kind, channel).map((c) => [c, t(`notify.cadences.${c}`)])}
              />
            ))}
          </fieldset>
        ))}
        <fieldset class="field">
          <legend>{t('notify.preferences.quiet')}</legend>
          <p class="hint">{t('notify.preferences.quiet_hint')}</p>
          <Field state={state} name="quietStart" type="time" label={t('notify.preferences.quiet_start')} />
          <Field state={state} name="quietEnd" type="time" label={t('notify.preferences.quiet_end')} />
          <Select
            state={state}
            name="timeZone"
            label={t('notify.preferences.time_zone')}
            hint={t('notify.preferences.time_zone_hint')}
            options={[['', t('notify.preferences.community_zone')], ...zones]}
          />
        </fieldset>
        <button type="submit">{t('notify.preferences.save')}</button>
      </Form>
    </Layout>
  );
}
