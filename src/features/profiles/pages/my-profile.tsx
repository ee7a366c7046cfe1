/** "My profile": the profile form, my communities, and signing out everywhere. */
import { ErrorSummary, Form, type FormState } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { ProfileFields } from './profile-form.tsx';

/** A community the person belongs to or waits to join. */
export interface MyCommunity {
  slug: string;
  name: string;
  role: 'member' | 'steward' | 'coordinator';
  status: 'active' | 'pending';
}

/** The signed-in person's profile page. */
export function MyProfilePage({
  view,
  state,
  email,
  communities,
  saved,
}: {
  view: View;
  state: FormState;
  email: string | null;
  communities: MyCommunity[];
  saved?: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('profiles.mine.title')}>
      <h1>{t('profiles.mine.title')}</h1>
      {saved && (
        <p class="notice" role="status">
          {t('profiles.mine.saved')}
        </p>
      )}
      <Form view={view} action="/account">
        <ErrorSummary view={view} state={state} />
        <ProfileFields view={view} state={state} email={email} />
        <button type="submit">{t('profiles.form.save')}</button>
      </Form>

      <h2>{t(email === null ? 'profiles.mine.add_email' : 'profiles.mine.change_email')}</h2>
      <p>
        {t(email === null ? 'profiles.mine.add_email_intro' : 'profiles.mine.change_email_intro', {
          email: email ?? '',
        })}
      </p>
      <Form view={view} action="/account/email">
        <div class="field">
          <label for="f-add-email">{t(email === null ? 'fields.email' : 'profiles.mine.new_email')}</label>
          <input
            id="f-add-email"
            name="email"
            type="email"
            autocomplete="email"
            required
            data-maxlength={254}
          />
        </div>
        <button type="submit">{t('profiles.mine.add_email_button')}</button>
      </Form>

      <h2>{t('profiles.mine.communities')}</h2>
      {communities.length === 0 ? (
        <p>{t('profiles.mine.no_communities')}</p>
      ) : (
        <ul>
          {communities.map((c) => (
            <li>
              <a href={`/c/${c.slug}`}>{c.name}</a> · {t(`profiles.role.${c.role}`)}
              {c.status === 'pending' && <span class="muted"> ({t('profiles.mine.waiting')})</span>}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('profiles.mine.notifications')}</h2>
      <p>
        {t('profiles.mine.notifications_intro')}{' '}
        <a href="/account/push">{t('profiles.mine.notifications_link')}</a>
      </p>
      <p>
        <a href="/account/notifications">{t('notify.inbox.preferences')}</a>
      </p>

      <h2>{t('profiles.mine.security')}</h2>
      <p>{t('profiles.mine.sign_out_everywhere_intro')}</p>
      <form method="post" action="/logout/everywhere">
        <input type="hidden" name="_csrf" value={view.csrf} />
        <button type="submit" class="secondary">
          {t('profiles.mine.sign_out_everywhere')}
        </button>
      </form>
    </Layout>
  );
}
