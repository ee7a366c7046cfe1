/** Pages of sign-in and first-run setup. */
import { ErrorSummary, Field, Form, type FormState } from '../../../web/components/form.tsx';
import { Layout } from '../../../web/layout.tsx';
import type { View } from '../../../web/view.ts';

/** "Sign in": one field, the email address. */
export function LoginPage({ view, state }: { view: View; state: FormState }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.login.title')}>
      <h1>{t('accounts.login.title')}</h1>
      <p>{t('accounts.login.intro')}</p>
      <Form view={view} action="/login">
        <ErrorSummary view={view} state={state} />
        {typeof state.values.next === 'string' && (
          <input type="hidden" name="next" value={state.values.next} />
        )}
        <Field
          state={state}
          name="email"
          type="email"
          label={t('fields.email')}
          autocomplete="email"
          required
        />
        <button type="submit">{t('accounts.login.send')}</button>
      </Form>
    </Layout>
  );
}

/** After asking for a link: where to look, and what to do if nothing arrives. */
export function LinkSentPage({
  view,
  email,
  proving = false,
}: {
  view: View;
  email: string;
  /** Adding or changing an address: the link proves it for this account, wherever it is opened. */
  proving?: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.sent.title')}>
      <h1>{t('accounts.sent.title')}</h1>
      <p>{t(proving ? 'accounts.sent.proving' : 'accounts.sent.body', { email })}</p>
      <p class="muted">{t('accounts.sent.help')}</p>
    </Layout>
  );
}

/**
 * The page a sign-in link opens. Signing in takes one more press, because mail scanners open
 * links by themselves and would otherwise use up the single-use link.
 */
export function ConfirmSignInPage({ view, token }: { view: View; token: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.confirm.title')}>
      <h1>{t('accounts.confirm.title')}</h1>
      <Form view={view} action="/login/verify">
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t('accounts.confirm.button')}</button>
      </Form>
    </Layout>
  );
}

/** First-run setup: the first operator's name and email, unlocked by the token from the log. */
export function SetupPage({
  view,
  state,
  tokenValid,
}: {
  view: View;
  state: FormState;
  tokenValid: boolean;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t('accounts.setup.title')}>
      <h1>{t('accounts.setup.title')}</h1>
      {tokenValid ? (
        <>
          <p>{t('accounts.setup.intro')}</p>
          <Form view={view} action="/setup">
            <ErrorSummary view={view} state={state} />
            <input type="hidden" name="token" value={String(state.values.token ?? '')} />
            <Field state={state} name="name" label={t('fields.display_name')} autocomplete="name" required />
            <Field
              state={state}
              name="email"
              type="email"
              label={t('fields.email')}
              autocomplete="email"
              required
            />
            <button type="submit">{t('accounts.setup.submit')}</button>
          </Form>
        </>
      ) : (
        <p class="notice warning">{t('accounts.setup.need_token')}</p>
      )}
    </Layout>
  );
}
