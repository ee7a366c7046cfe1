/**
 * `npm run bench:http`: load test of the everyday pages, with autocannon (Fastify's own load
 * generator) at 100 concurrent connections, each signed in as a different member (session and
 * CSRF cookies, as a browser holds them) and accepting compressed pages, after a 2 s warm-up per
 * page. Prints p50/p99 latency and requests per second per page, in two shapes:
 *
 * 1. One community of 500 members and 5,000 items (plus 300 posts and 60 seed varieties); with
 *    `--writes N` a neighbor posts on its board N times a second meanwhile.
 * 2. Many small communities (`--communities N`, 100: 20 members, 40 items, 30 posts and 10 seed
 *    varieties each), each connection a member of a different one, while posts are added
 *    `--community-writes` times a second (10), each in the next community in turn. Then bare
 *    Fastify serves the same compressed board from memory to the same connections: the ceiling
 *    of this machine, framework and load generator; then the same with Porch's response headers,
 *    and with the request's standing resolved besides (`resolveStanding`: on PostgreSQL one
 *    statement, on SQLite the standing kept since the last commit), as every stored page is
 *    validated: the floor of a stored page. The stored board (with the posts
 *    going on) and these three run in turn, `--rounds` times (3), and their medians are
 *    compared, so the load of a shared machine weighs on each alike. The run ends with the line
 *    `many communities: board p99 N ms, N req/s; bare Fastify N req/s; ratio N.NN`.
 *
 * The server runs in this process, on a fresh SQLite file (or, with `--database-url`, a fresh
 * database created on that PostgreSQL server and dropped afterwards); the load generator runs in
 * a child process (`http-load.mjs`), so it neither waits behind the server's work nor delays it,
 * and this process's CPU time per request (a column of its own) is the server's: on a machine
 * shared with other work it varies much less than latency and throughput. Options: --connections N (100), --seconds N (10 per page), --warmup N (2 s), --members N
 * (500; 0 skips the one-community shape), --items N (5000), --writes N (0), --communities N (100;
 * 0 skips that shape), --community-writes N (10), --rounds N (3), --database-url URL.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyRequest } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createPost } from '../src/features/posts/service.ts';
import { createSession, sessionCookie } from '../src/platform/auth/sessions.ts';
import { resolveStanding } from '../src/platform/standing.ts';
import { actingAs, seedBenchCommunity, seedCommunity } from './http-seed.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    writes: { type: 'string', default: '0' },
    members: { type: 'string', default: '500' },
    items: { type: 'string', default: '5000' },
    communities: { type: 'string', default: '100' },
    'community-writes': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    'database-url': { type: 'string' },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const memberCount = Number(values.members);
const communityCount = Number(values.communities);
const rounds = Number(values.rounds);

const loadAverage = () => loadavg()[0].toFixed(2);
process.stdout.write(`${cpus().length} CPUs, load average ${loadAverage()} (1 min) at the start\n`);

const dir = mkdtempSync(join(tmpdir(), 'porch-bench-'));
const database = values['database-url'] ? await createDatabase(values['database-url']) : undefined;
const config = loadConfig({
  PORCH_DATA_DIR: dir,
  LOG_LEVEL: 'silent',
  SECRET_KEY: 'b'.repeat(40),
  ...(database ? { DATABASE_URL: database.url } : {}),
});
const app = await buildApp(config, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
process.stdout.write(`database: ${database ? 'PostgreSQL' : 'SQLite'}\n`);

/** One connection of the load: its cookies and the community it visits. */
interface Visitor {
  cookie: string;
  /** `/c/<slug>`. */
  community: string;
}
interface Measured {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  /** CPU milliseconds of this process (the server) per request answered. */
  cpuMs: number;
}

const loadGenerator = fileURLToPath(new URL('./http-load.mjs', import.meta.url));

/** Runs the load generator (a child process) for `duration` seconds; resolves to its figures. */
function load(url: string, clients: { cookie: string; path: string }[], duration: number) {
  return new Promise<Omit<Measured, 'cpuMs'> & { total: number }>((resolve, reject) => {
    const options = JSON.stringify({ url, connections, duration, clients });
    execFile(process.execPath, [loadGenerator, options], { maxBuffer: 1 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout)),
    );
  });
}

/** A signed-in visitor of `/c/<slug>` as `accountId`, with the CSRF cookie a first page sets. */
async function visitor(accountId: string, slug: string): Promise<Visitor> {
  const session = `porch_session=${await createSession(app.services.db, app.services.clock, accountId)}`;
  const first = await fetch(`${base}/c/${slug}/board`, { headers: { cookie: session } });
  await first.arrayBuffer();
  const csrf = first.headers.getSetCookie().find((c) => c.startsWith('_csrf='));
  return { cookie: csrf ? `${session}; ${csrf.split(';')[0]}` : session, community: `/c/${slug}` };
}

/**
 * Runs the load on `target` (each visitor asking for its community's `page`) after a warm-up;
 * also measures this process's CPU time per request meanwhile (the server's: the load generator
 * is another process), which depends much less than latency on what else the machine runs.
 */
async function measure(target: string, visitors: Visitor[], page: string): Promise<Measured> {
  const probe = await fetch(target + visitors[0].community + page, {
    headers: { cookie: visitors[0].cookie },
  });
  await probe.arrayBuffer();
  if (probe.status !== 200) throw new Error(`${visitors[0].community + page} answered ${probe.status}`);
  const clients = visitors.map((v) => ({ cookie: v.cookie, path: v.community + page }));
  await load(target, clients, warmup);
  const cpu = process.cpuUsage();
  const result = await load(target, clients, seconds);
  const used = process.cpuUsage(cpu);
  return { ...result, cpuMs: (used.user + used.system) / 1000 / result.total };
}

/** Each figure's median over `runs` (non-2xx: the most of any run). */
function median(runs: Measured[]): Measured {
  const mid = (pick: (m: Measured) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  };
  return {
    p50: mid((m) => m.p50),
    p99: mid((m) => m.p99),
    rps: mid((m) => m.rps),
    cpuMs: mid((m) => m.cpuMs),
    non2xx: Math.max(...runs.map((m) => m.non2xx)),
  };
}

function row(name: string, m: Measured): string {
  const cells = [
    String(m.p50).padStart(7),
    String(m.p99).padStart(8),
    String(m.rps).padStart(7),
    m.cpuMs.toFixed(3).padStart(10),
    String(m.non2xx).padStart(8),
  ];
  return `${name.padEnd(16)}  ${cells.join('  ')}\n`;
}
const header = 'page              p50 ms   p99 ms   req/s   CPU ms/req   non-2xx\n';

/**
 * Has every visitor ask for every page once, as a browser would have: each page is rendered and
 * stored before any is measured, so the first page measured does not pay for the others' first
 * renders (nor for compiling the code that renders them).
 */
async function visitEveryPage(visitors: Visitor[]): Promise<void> {
  for (const [, page] of pages)
    for (const v of visitors)
      await (await fetch(base + v.community + page, { headers: { cookie: v.cookie } })).arrayBuffer();
}

/** Posts `perSecond` times a second, each time in the next of `communities`, until stopped. */
function keepPosting(perSecond: number, communities: { communityId: string; memberIds: string[] }[]) {
  if (perSecond <= 0 || communities.length === 0) return () => undefined;
  let posted = 0;
  const timer = setInterval(() => {
    const { communityId, memberIds } = communities[posted % communities.length];
    const title = `Fresh eggs, batch ${++posted}`;
    actingAs(app.services, memberIds[memberIds.length - 1], communityId)
      .then((writer) => createPost(writer, { kind: 'offer', title, category: 'food' }))
      .catch((err) => process.stderr.write(`write failed: ${err}\n`));
  }, 1000 / perSecond);
  return () => clearInterval(timer);
}

const pages: [string, string][] = [
  ['board', '/board'],
  ['catalog', '/library'],
  ['catalog search', '/library?q=ladder'],
  ['search', '/search?q=ladder'],
  ['members', '/members?q=gardening'],
];

if (memberCount > 0) {
  process.stdout.write(
    `\none community: generating ${memberCount} members, ${values.items} items, 300 posts…\n`,
  );
  const bench = await seedBenchCommunity(app.services, memberCount, Number(values.items));
  const visitors: Visitor[] = [];
  for (const accountId of bench.memberIds.slice(0, connections))
    visitors.push(await visitor(accountId, 'bench-street'));
  const writes = Number(values.writes);
  process.stdout.write(
    `${connections} connections, one member each, ${seconds} s per page, ${writes} posts a second\n\n${header}`,
  );
  await visitEveryPage(visitors);
  const stop = keepPosting(writes, [bench]);
  for (const [name, page] of pages) process.stdout.write(row(name, await measure(base, visitors, page)));
  stop();
}

if (communityCount > 0) {
  const perSecond = Number(values['community-writes']);
  process.stdout.write(`\nmany communities: generating ${communityCount} communities of 20 members…\n`);
  const communities = [];
  for (let k = 0; k < communityCount; k++) {
    communities.push(
      await seedCommunity(app.services, {
        slug: `street-${k}`,
        name: `Street ${k}`,
        members: 20,
        items: 40,
        posts: 30,
        varieties: 10,
      }),
    );
  }
  // Connection i is a member of community i (modulo their number), a different member each round.
  const visitors: Visitor[] = [];
  for (let i = 0; i < connections; i++) {
    const k = i % communityCount;
    const members = communities[k].memberIds;
    visitors.push(
      await visitor(members[Math.floor(i / communityCount) % (members.length - 1)], `street-${k}`),
    );
  }
  process.stdout.write(
    `${connections} connections, connection i a member of community i mod ${communityCount}, ${perSecond} posts a second spread over the communities\n\n${header}`,
  );
  await visitEveryPage(visitors);
  let stop = keepPosting(perSecond, communities);
  for (const [name, page] of pages) process.stdout.write(row(name, await measure(base, visitors, page)));
  stop();

  // The ceiling: bare Fastify sending the board as this process stores it, compressed, from memory.
  const stored = async () =>
    app.inject({
      url: `${visitors[0].community}/board`,
      headers: { cookie: visitors[0].cookie, 'accept-encoding': 'gzip, deflate, br' },
    });
  await stored();
  const page = await stored();
  const bytes = page.rawPayload;
  const encoding = String(page.headers['content-encoding']);
  /** Bare Fastify sending the stored board from memory with `headers`, after `before` if given. */
  const bare = async (
    headers: Record<string, string>,
    before?: (req: FastifyRequest) => Promise<unknown>,
  ) => {
    const server = Fastify({ logger: false });
    if (before) {
      await server.register(cookie);
      server.addHook('onRequest', before);
    }
    server.get('/*', (_req, reply) => {
      reply.headers(headers);
      reply.header('content-type', 'text/html; charset=utf-8').header('content-encoding', encoding);
      reply.header('vary', 'accept-encoding').send(bytes);
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    return server;
  };
  // What a stored page cannot skip, step by step: Porch's response headers (security headers,
  // x-cache), then the session cookie read and the request's standing resolved, as
  // each stored page is validated: the floor of a stored page. The rest is Porch's own.
  const same = Object.fromEntries(
    Object.entries(page.headers).filter(
      ([name]) => !/^(content-(type|encoding|length)|date|connection|keep-alive|vary|set-cookie)$/.test(name),
    ),
  ) as Record<string, string>;
  const servers = [
    await bare({}),
    await bare(same),
    await bare(same, (req) =>
      resolveStanding(app.services, req.cookies[sessionCookie] ?? '', req.url.split('/')[2]),
    ),
  ];
  const urlOf = (server: (typeof servers)[number]) =>
    `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  const targets: [string, string][] = [
    ['board, stored', base],
    ['bare Fastify', urlOf(servers[0])],
    ['+ its headers', urlOf(servers[1])],
    ['+ standing', urlOf(servers[2])],
  ];
  // The board (posts still being written) and the three in turn, `rounds` times: a shared
  // machine's load moves within a minute, and each figure is the median of runs side by side.
  const runs = new Map<string, Measured[]>(targets.map(([name]) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, url] of targets) {
      if (url === base) stop = keepPosting(perSecond, communities);
      runs.get(name)!.push(await measure(url, visitors, '/board'));
      stop();
    }
  }
  for (const server of servers) await server.close();
  process.stdout.write(
    `\nthe stored board against bare Fastify, ${rounds} rounds in turn, medians:\n${header}`,
  );
  const medians = new Map([...runs].map(([name, list]) => [name, median(list)]));
  for (const [name, m] of medians) process.stdout.write(row(name, m));
  const board = medians.get('board, stored')!;
  const ceiling = medians.get('bare Fastify')!;
  process.stdout.write(
    `(the board as stored: ${bytes.length} bytes, ${encoding}); load average ${loadAverage()} at the end\n`,
  );
  const ratio = board.rps / ceiling.rps;
  process.stdout.write(
    `server CPU per request: board ${board.cpuMs.toFixed(3)} ms, bare Fastify ${ceiling.cpuMs.toFixed(3)} ms (ratio ${(ceiling.cpuMs / board.cpuMs).toFixed(2)})\n`,
  );
  process.stdout.write(
    `many communities: board p99 ${board.p99} ms, ${board.rps} req/s; bare Fastify ${ceiling.rps} req/s; ratio ${ratio.toFixed(2)}\n`,
  );
}

await app.close();
await database?.drop();
rmSync(dir, { recursive: true, force: true });

/** A new, empty database on the PostgreSQL server at `url`, and how to drop it. */
async function createDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `porch_bench_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
