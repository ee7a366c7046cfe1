/** A member's profile page, and a steward's form for a paper member's profile. */

import { languageName } from '../../../platform/i18n/languages.ts';
import {
  ErrorSummary,
  emptyForm,
  Form,
  type FormState,
  Select,
  TextArea,
} from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';
import { messageLimits } from '../../conversations/service.ts';
import type { MemberProfile } from '../service.ts';
import { Tags } from './directory.tsx';
import { ProfileFields, slotLabel } from './profile-form.tsx';

// A tel: link dials on a phone; keep only what a dialer understands.
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => (
          <p>{line}</p>
        ))}
    </>
  );
}

function Contacts({ view, member }: { view: View; member: MemberProfile }) {
  const { t } = view;
  const { email, phone, chatHandle } = member.contacts;
  if (!email && !phone && !chatHandle) return <p>{t('profiles.member.no_contacts')}</p>;
  return (
    <ul>
      {email && (
        <li>
          {t('profiles.member.email')}: <a href={`mailto:${email}`}>{email}</a>
        </li>
      )}
      {phone && (
        <li>
          {t('profiles.member.phone')}: <a href={telHref(phone)}>{phone}</a>
        </li>
      )}
      {chatHandle && (
        <li>
          {t('profiles.member.chat_handle')}: {chatHandle}
        </li>
      )}
    </ul>
  );
}

// Forms posting to the communities feature's role and removal routes.
function StewardActions({ view, base, member }: { view: View; base: string; member: MemberProfile }) {
  const { t } = view;
  const roles = (['member', 'steward', 'coordinator'] as const).map((r): [string, string] => [
    r,
    t(`profiles.role.${r}`),
  ]);
  return (
    <section aria-labelledby="steward-actions">
      <h2 id="steward-actions">{t('profiles.member.steward_actions')}</h2>
      <Form view={view} action={`${base}/members/${member.id}/role`}>
        <Select
          state={emptyForm({ role: member.role })}
          name="role"
          label={t('profiles.member.new_role')}
          options={roles}
        />
        <button type="submit" class="secondary">
          {t('profiles.member.change_role')}
        </button>
      </Form>
      {/* Two deliberate steps without JavaScript: open, then confirm. */}
      <details>
        <summary>{t('profiles.member.remove')}</summary>
        <p class="hint">{t('profiles.member.remove_hint')}</p>
        <Form view={view} action={`${base}/members/${member.id}/remove`}>
          <button type="submit" class="danger">
            {t('profiles.member.remove_confirm', { name: member.displayName })}
          </button>
        </Form>
      </details>
    </section>
  );
}

/** A member's profile, with contacts only as their visibility allows. */
export function MemberPage({ view, member, saved }: { view: View; member: MemberProfile; saved?: boolean }) {
  const { t } = view;
  const community = view.community!;
  const base = `/c/${community.slug}`;
  const since = member.memberSince
    ? new Intl.DateTimeFormat(view.locale, { dateStyle: 'long', timeZone: community.timeZone }).format(
        new Date(member.memberSince),
      )
    : undefined;
  return (
    <Layout view={view} title={member.displayName}>
      <p>
        <a href={`${base}/members`}>{t('profiles.member.back')}</a>
      </p>
      <h1>{member.displayName}</h1>
      {saved && (
        <p class="notice" role="status">
          {t('profiles.edit.saved')}
        </p>
      )}
      {member.paperMember && <p class="notice">{t('profiles.member.paper_member')}</p>}
      <p class="muted">
        {t(`profiles.role.${member.role}`)}
        {since && ` · ${t('profiles.member.member_since', { date: since })}`}
      </p>
      {member.about && (
        <>
          <h2>{t('profiles.member.about')}</h2>
          <Paragraphs text={member.about} />
        </>
      )}
      {member.languages.length > 0 && (
        <p>
          <strong>{t('profiles.member.languages')}:</strong>{' '}
          {member.languages.map((c) => languageName(t, c, view.locale)).join(', ')}
        </p>
      )}
      {member.availableAt.length > 0 && (
        <p>
          <strong>{t('profiles.member.available_at')}:</strong>{' '}
          {member.availableAt.map((slot) => slotLabel(t, slot)).join(', ')}
        </p>
      )}
      {member.availability && (
        <p>
          <strong>{t('profiles.member.availability')}:</strong> {member.availability}
        </p>
      )}
      {member.skillsToShare.length > 0 && (
        <>
          <h2>{t('profiles.member.skills_to_share')}</h2>
          <Tags items={member.skillsToShare} />
        </>
      )}
      {member.skillsToLearn.length > 0 && (
        <>
          <h2>{t('profiles.member.skills_to_learn')}</h2>
          <Tags items={member.skillsToLearn} />
        </>
      )}
      {member.livesInArea && <p>{t('profiles.member.in_area')}</p>}
      <h2>{t('profiles.member.contact')}</h2>
      <Contacts view={view} member={member} />
      {member.id !== view.account?.id && (
        // A conversation between the two of them (conversations feature); no contact details shown.
        <section aria-labelledby="write-heading">
          <h2 id="write-heading">{t('conversations.to_member.heading', { name: member.displayName })}</h2>
          <Form view={view} action={`${base}/members/${member.id}/message`}>
            <TextArea
              state={emptyForm()}
              name="body"
              label={t('conversations.fields.body')}
              hint={t('conversations.to_member.hint')}
              maxLength={messageLimits.body}
              required
            />
            <button type="submit">{t('conversations.to_member.send')}</button>
          </Form>
        </section>
      )}
      {member.id === view.account?.id && (
        <p>
          <a href="/account">{t('profiles.directory.edit_profile')}</a>
        </p>
      )}
      {member.canEdit && (
        <p>
          <a class="button" href={`${base}/members/${member.id}/edit`}>
            {t('profiles.member.edit')}
          </a>
        </p>
      )}
      {member.canHelpSignIn && (
        <p>
          <a class="button secondary" href={`${base}/members/${member.id}/sign-in-link`}>
            {t('profiles.member.help_sign_in')}
          </a>
        </p>
      )}
      {member.canManage && <StewardActions view={view} base={base} member={member} />}
    </Layout>
  );
}

/** A steward edits the profile of a paper member (a neighbor without email). */
export function EditMemberPage({
  view,
  state,
  accountId,
  displayName,
}: {
  view: View;
  state: FormState;
  accountId: string;
  displayName: string;
}) {
  const { t } = view;
  const base = `/c/${view.community!.slug}`;
  const title = t('profiles.edit.title', { name: displayName });
  return (
    <Layout view={view} title={title}>
      <p>
        <a href={`${base}/members/${accountId}`}>{displayName}</a>
      </p>
      <h1>{title}</h1>
      <p>{t('profiles.edit.intro', { name: displayName })}</p>
      <Form view={view} action={`${base}/members/${accountId}/edit`}>
        <ErrorSummary view={view} state={state} />
        <ProfileFields view={view} state={state} />
        <button type="submit">{t('profiles.form.save_for')}</button>
      </Form>
    </Layout>
  );
}
