/** Sign-in by magic link, sign-out, first-run setup: pages and `/api/v1/auth`. */
import { h } from 'preact';
import { Type } from 'typebox';
import { Unauthenticated } from '../../platform/errors.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/cookies.ts';
import { flash } from '../../platform/http/flash.ts';
import { limit } from '../../platform/http/rate-limit.ts';
import { sendPage } from '../../platform/http/render.ts';
import type { App } from '../../platform/module.ts';
import { emptyForm, refusedForm } from '../../web/components/form.tsx';
import { viewOf } from '../../web/view.ts';
import { ConfirmSignInPage, LinkSentPage, LoginPage, SetupPage } from './pages/sign-in.tsx';
import {
  Accepted,
  AddEmailIn,
  LoginQuery,
  MeOut,
  SetupIn,
  SetupQuery,
  SignInLinkIn,
  SignInTokenIn,
  SignInTokenParams,
} from './schema.ts';
import * as accounts from './service.ts';
import { normalizeEmail } from './service.ts';

const tags = ['auth'];
// One budget for the page form and the API, per client address, on top of the per-email limit in
// the service.
const linkLimit = limit('sign-in-link', 10, '15 minutes');

/** Registers sign-in, sign-out and setup routes. */
export function accountRoutes(app: App): void {
  const s = app.services;

  app.get('/login', { schema: { hide: true, querystring: LoginQuery } }, async (req, reply) =>
    sendPage(reply, h(LoginPage, { view: viewOf(req, reply), state: emptyForm({ next: req.query.next }) })),
  );
  app.post(
    '/login',
    {
      schema: { hide: true, body: SignInLinkIn },
      config: {
        ...linkLimit,
        form: (req, reply, errors) =>
          h(LoginPage, { view: viewOf(req, reply), state: refusedForm(req.body, errors) }),
      },
    },
    async (req, reply) => {
      await accounts.requestSignInLink(s, req.ctx.t, req.body);
      return sendPage(reply, h(LinkSentPage, { view: viewOf(req, reply), email: req.body.email }));
    },
  );
  app.get('/login/:token', { schema: { hide: true, params: SignInTokenParams } }, async (req, reply) =>
    sendPage(reply, h(ConfirmSignInPage, { view: viewOf(req, reply), token: req.params.token })),
  );
  app.post('/login/verify', { schema: { hide: true, body: SignInTokenIn } }, async (req, reply) => {
    const { sessionToken, next, provedEmail } = await accounts.signInWithToken(
      s,
      req.ctx.t,
      req.body.token,
      req.headers['user-agent'],
      req.account?.id,
    );
    setSessionCookie(reply, sessionToken, s.config.secureCookies);
    if (provedEmail) flash(reply, 'accounts.flash.email_proved', { email: provedEmail });
    return reply.redirect(next, 303);
  });
  app.post(
    '/account/email',
    { schema: { hide: true, body: AddEmailIn }, config: linkLimit },
    async (req, reply) => {
      if (!req.account) throw new Unauthenticated();
      await accounts.addEmail(s, req.ctx.t, req.account.id, req.body.email);
      return sendPage(
        reply,
        h(LinkSentPage, {
          view: viewOf(req, reply),
          email: normalizeEmail(req.body.email),
          proving: true,
        }),
      );
    },
  );
  app.post('/logout', { schema: { hide: true } }, async (req, reply) => {
    await accounts.signOut(s, req.sessionToken);
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });
  app.post('/logout/everywhere', { schema: { hide: true } }, async (req, reply) => {
    if (!req.account) throw new Unauthenticated();
    await accounts.signOutEverywhere(s, req.account.id);
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });

  app.get('/setup', { schema: { hide: true, querystring: SetupQuery } }, async (req, reply) => {
    const token = req.query.token ?? '';
    const tokenValid = token !== '' && (await accounts.isSetupTokenValid(s, token));
    return sendPage(
      reply,
      h(SetupPage, { view: viewOf(req, reply), state: emptyForm({ token }), tokenValid }),
    );
  });
  app.post(
    '/setup',
    {
      schema: { hide: true, body: SetupIn },
      config: {
        form: (req, reply, errors) =>
          h(SetupPage, { view: viewOf(req, reply), state: refusedForm(req.body, errors), tokenValid: true }),
      },
    },
    async (req, reply) => {
      const { sessionToken } = await accounts.completeSetup(s, req.body, req.headers['user-agent']);
      setSessionCookie(reply, sessionToken, s.config.secureCookies);
      return reply.redirect('/communities/new', 303);
    },
  );

  app.post(
    '/api/v1/auth/sign-in-link',
    {
      schema: {
        tags,
        summary: 'Email a single-use sign-in link',
        description: 'Always answers 202 for a valid address, whether or not it has an account.',
        body: SignInLinkIn,
        response: { 202: Accepted },
      },
      config: linkLimit,
    },
    async (req, reply) => {
      await accounts.requestSignInLink(s, req.ctx.t, req.body);
      return reply.code(202).send({ status: 'sent' as const });
    },
  );
  app.post(
    '/api/v1/auth/session',
    {
      schema: {
        tags,
        summary: 'Sign in with the token from a sign-in link',
        description: 'Sets the session cookie. The token is single-use and expires after 20 minutes.',
        body: SignInTokenIn,
        response: { 201: MeOut },
      },
    },
    async (req, reply) => {
      const { account, sessionToken } = await accounts.signInWithToken(
        s,
        req.ctx.t,
        req.body.token,
        req.headers['user-agent'],
        req.account?.id,
      );
      setSessionCookie(reply, sessionToken, s.config.secureCookies);
      return reply.code(201).send(meOut(account));
    },
  );
  app.delete(
    '/api/v1/auth/session',
    { schema: { tags, summary: 'Sign out this session', response: { 204: Type.Null() } } },
    async (req, reply) => {
      await accounts.signOut(s, req.sessionToken);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );
  app.delete(
    '/api/v1/auth/sessions',
    { schema: { tags, summary: 'Sign out everywhere', response: { 204: Type.Null() } } },
    async (req, reply) => {
      if (!req.account) throw new Unauthenticated();
      await accounts.signOutEverywhere(s, req.account.id);
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/v1/me',
    { schema: { tags, summary: 'The signed-in account', response: { 200: MeOut } } },
    async (req) => {
      if (!req.account) throw new Unauthenticated();
      return meOut(req.account);
    },
  );
}

function meOut(a: {
  id: string;
  email: string | null;
  displayName: string;
  locale: string | null;
  operator: number;
}) {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    locale: a.locale,
    operator: a.operator === 1,
  };
}
