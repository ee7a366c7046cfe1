/**
 * Builds the Porch server: platform plugins, then each feature, listed explicitly in `features`
 * (each a `Feature`: its routes, community routes, jobs and start-up work).
 * `buildApp` opens (and migrates) the database; `app.close()` closes everything it opened.
 */

import type { IncomingMessage, ServerResponse } from 'node:http';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import helmet from 'helmet';
import type { KyselyPlugin, LogEvent } from 'kysely';
import type { Config } from './config.ts';
import { accounts } from './features/accounts/feature.ts';
import { communities } from './features/communities/feature.ts';
import { conversations } from './features/conversations/feature.ts';
import { evacuation } from './features/evacuation/feature.ts';
import { feedback } from './features/feedback/feature.ts';
import { gatherings } from './features/gatherings/feature.ts';
import { guidelines } from './features/guidelines/feature.ts';
import { library } from './features/library/feature.ts';
import { milestones } from './features/milestones/feature.ts';
import { newsletter } from './features/newsletter/feature.ts';
import { notifications } from './features/notifications/feature.ts';
import { pilots } from './features/pilots/feature.ts';
import { places } from './features/places/feature.ts';
import { porch } from './features/porch/feature.ts';
import { posts } from './features/posts/feature.ts';
import { profiles } from './features/profiles/feature.ts';
import { push } from './features/push/feature.ts';
import { search } from './features/search/feature.ts';
import { seeds } from './features/seeds/feature.ts';
import { shifts } from './features/shifts/feature.ts';
import { steps } from './features/steps/feature.ts';
import { surveys } from './features/surveys/feature.ts';
import type { Services } from './platform/context.ts';
import { connect } from './platform/db/connect.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { type Clock, systemClock } from './platform/db/time.ts';
import { createEventBus } from './platform/events/bus.ts';
import { registerLiveJobs } from './platform/events/live.ts';
import { communityScope } from './platform/http/community.ts';
import { frameworkError, registerErrorHandler } from './platform/http/error-handler.ts';
import { registerForms } from './platform/http/forms.ts';
import { requestForLog } from './platform/http/log-redact.ts';
import { pageEncodings, registerPageCache } from './platform/http/page-cache.ts';
import { databaseStore, refundRefused } from './platform/http/rate-limit.ts';
import { registerResolve } from './platform/http/resolve.ts';
import { registerValidation } from './platform/http/validation.ts';
import { createJobs } from './platform/jobs/queue.ts';
import { registerTidyJob, startTidyJob } from './platform/jobs/tidy.ts';
import { registerMailJobs } from './platform/mail/jobs.ts';
import { createMailer } from './platform/mail/mailer.ts';
import type { App, Feature } from './platform/module.ts';
import { mailChannel, pushChannel, setChannel } from './platform/notify/channels.ts';
import { setKinds } from './platform/notify/kinds.ts';
import { registerNotifyJobs, startNotifyJobs } from './platform/notify/service.ts';
import { setPorchSources } from './platform/porch.ts';
import { registerUploads, requestTimeoutMs } from './platform/uploads/multipart.ts';
import { photoRoutes } from './platform/uploads/routes.ts';
import { registerAssets } from './web/assets.ts';
import { renderErrorPage } from './web/error-page.tsx';
import { liveRoutes, platformRoutes } from './web/platform-routes.tsx';
import { setAssets } from './web/view.ts';
import './platform/http/types.ts';

export type { App } from './platform/module.ts';

/**
 * Porch's capabilities, in the order their routes and jobs are registered. A new capability is
 * added here, and nowhere else.
 */
export const features: readonly Feature[] = [
  accounts,
  communities,
  profiles,
  conversations,
  posts,
  seeds,
  library,
  places,
  shifts,
  gatherings,
  surveys,
  guidelines,
  newsletter,
  pilots,
  evacuation,
  feedback,
  milestones,
  steps,
  search,
  porch,
  push,
  notifications,
];

/** The origin of a tile URL template, as a CSP source (`{s}.tile.example` → `*.tile.example`). */
function tileOrigin(template: string): string {
  const url = template.replace(/\{s\}/g, 'subdomain').replace(/\{[a-z]+\}/g, '0');
  const { protocol, host } = new URL(url);
  return `${protocol}//${host.replace(/^subdomain\./, '*.')}`;
}

/** Options for tests and tools. */
export interface BuildOptions {
  clock?: Clock;
  /** Kysely plugins (tests add the tenant guard). */
  dbPlugins?: KyselyPlugin[];
  /** Told of every statement run, as run (a test that looks at the SQL a page runs). */
  dbLog?: (event: LogEvent) => void;
  /** Pino logger options, or false for none. */
  logger?: boolean | object;
}

/** Builds the app on `config`'s database, migrated to the latest schema. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  // A request's id in the logs: a prefix drawn at random for this server, and a count. Unique
  // across processes like a random UUID, without drawing random bytes for every request (that
  // was 3 % of a freshly rendered page's CPU).
  const server = crypto.randomUUID().slice(0, 8);
  let requests = 0;
  const app: App = Fastify({
    // Every logger logs requests without the secrets their URLs may carry (http/log-redact.ts).
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(typeof options.logger === 'object' ? options.logger : {}),
            serializers: { req: requestForLog },
          },
    // A hop count as Express counts it (Fastify refuses numbers): the socket's peer and the
    // next n-1 addresses to its left are proxies; the one before them is the client.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    requestTimeout: requestTimeoutMs,
    genReqId: () => `${server}-${(++requests).toString(36)}`,
    frameworkErrors: frameworkError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const connection = connect({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    plugins: options.dbPlugins,
    log: options.dbLog,
    onIdleError: (err) => app.log.warn({ err }, 'an idle database connection broke'),
  });
  await migrateToLatest(connection.db, connection.dialect);
  const clock = options.clock ?? systemClock;
  const services: Services = {
    db: connection.db,
    dialect: connection.dialect,
    config,
    clock,
    jobs: createJobs(connection.db, connection.dialect, clock, app.log),
    events: await createEventBus(config.databaseUrl, app.log),
    mailer: createMailer(config.smtpUrl, config.mailFrom, app.log),
    log: app.log,
    stamped: connection.stamped,
  };
  app.decorate('services', services);
  // Before any route, so that every route naming :community is seen (see http/community.ts).
  const inCommunityScope = communityScope(app);
  app.addHook('onClose', async () => {
    await services.jobs.stop();
    await services.events.close();
    services.mailer.close();
    await connection.close();
  });

  // Helmet's headers, worked out once: none depends on the request (the policy has no nonce), and
  // @fastify/helmet would build helmet's middleware anew for every request.
  const secureHeaders: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => (secureHeaders[name] = value),
    removeHeader() {},
  };
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Map tiles come from the tile server (a `{s}` subdomain template allows its subdomains).
        imgSrc: ["'self'", 'data:', tileOrigin(config.mapTileUrl)],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(secureHeaders);
    done();
  });
  // First: a route or plugin registered before it would keep Fastify's default handler (a 500 for
  // any of our refusals).
  registerErrorHandler(app, renderErrorPage);
  await app.register(cookie, { secret: config.secretKey });
  // Before resolving (a stored page needs only its standing in brief) and compression (it stores the
  // page itself).
  registerPageCache(app, secureHeaders);
  registerResolve(app, services);
  await app.register(compress, { threshold: 1024, encodings: [...pageEncodings, 'deflate'] });
  await app.register(formbody);
  await app.register(csrf, {
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: config.secureCookies, signed: true },
  });
  // Budgets counted in the database, so processes sharing it share them (platform/http/rate-limit.ts).
  await app.register(rateLimit, { global: false, store: databaseStore(services.db, services.clock) });
  app.addHook('onResponse', refundRefused(services.db, services.clock));
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Porch API',
        version: '1',
        description: 'JSON API of Porch. Sign in by magic link; the session cookie authenticates calls.',
        license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
      },
    },
    transform: ({ schema, url }) => ({
      schema: (url.startsWith('/api/v1/') ? schema : { ...schema, hide: true }) as typeof schema,
      url,
    }),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Multipart bodies must be parsed before the CSRF check of registerForms reads `_csrf`.
  await registerUploads(app);
  registerForms(app);
  registerValidation(app);
  setAssets(await registerAssets(app));
  registerMailJobs(services);
  registerLiveJobs(services);
  registerTidyJob(services);
  app.addHook('onReady', () => startTidyJob(services));
  setKinds(features.flatMap((f) => f.notifications ?? []));
  setChannel(mailChannel);
  setChannel(pushChannel);
  registerNotifyJobs(services);
  app.addHook('onReady', () => startNotifyJobs(services));

  platformRoutes(app);
  setPorchSources(features.flatMap((f) => (f.porch ? [f.porch] : [])));
  for (const feature of features) {
    feature.jobs?.(services);
    feature.routes?.(app);
  }
  await inCommunityScope((scope) => {
    liveRoutes(scope);
    photoRoutes(scope);
    for (const feature of features) feature.communityRoutes?.(scope);
  });
  app.addHook('onReady', async () => {
    for (const feature of features) await feature.onReady?.(services);
  });
  return app;
}
