import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createEventBus, type EventBus, type LiveEvent, listenBackoff, listenerName } from './bus.ts';

const log = Fastify({ logger: false }).log;

describe('the event bus in one process', () => {
  it('delivers an event to the channel’s subscribers until they unsubscribe', async () => {
    const bus = await createEventBus(undefined, log);
    const seen: LiveEvent[] = [];
    const unsubscribe = bus.subscribe('community:1', (e) => seen.push(e));
    bus.subscribe('community:2', () => seen.push({ channel: 'wrong', type: 'x', data: null }));
    await bus.publish({ channel: 'community:1', type: 'post', data: { id: 'a' } });
    unsubscribe();
    await bus.publish({ channel: 'community:1', type: 'post', data: { id: 'b' } });
    expect(seen).toEqual([{ channel: 'community:1', type: 'post', data: { id: 'a' } }]);
    expect(bus.listening()).toBe(true);
    await bus.close();
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the event bus on PostgreSQL', () => {
  let database: TestDatabase;
  let one: EventBus;
  let two: EventBus;
  beforeAll(async () => {
    database = await createTestDatabase();
    one = await createEventBus(database.databaseUrl, log);
    two = await createEventBus(database.databaseUrl, log);
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  /** Terminates the backends the buses LISTEN on; returns how many. */
  async function killListeners(): Promise<number> {
    const admin = new pg.Client({ connectionString: database.databaseUrl });
    await admin.connect();
    try {
      const r = await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [listenerName],
      );
      return r.rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  /** Publishes on `from` until `to` has received one (each try a new event). */
  async function reaches(from: EventBus, to: EventBus): Promise<void> {
    const seen = new Set<number>();
    const unsubscribe = to.subscribe('community:x', (e) => seen.add(e.data as number));
    let sent = 0;
    try {
      await vi.waitFor(
        async () => {
          await from.publish({ channel: 'community:x', type: 'ping', data: ++sent });
          await new Promise((r) => setTimeout(r, 20));
          expect(seen.size).toBeGreaterThan(0);
        },
        { timeout: 10_000, interval: 50 },
      );
    } finally {
      unsubscribe();
    }
  }

  it('carries events from one process to another', async () => {
    await reaches(one, two);
    await reaches(two, one);
  });

  it('listens again, with back-off, after the listening connections are killed (again and again)', async () => {
    for (let round = 0; round < 3; round++) {
      expect(await killListeners()).toBe(2);
      await reaches(two, one);
      await reaches(one, two);
      expect(one.listening() && two.listening()).toBe(true);
    }
  });

  // A termination that lands while a connection is being opened or has just LISTENed (an
  // idle-connection killer, a failover ending every connection in bursts) must not surface as
  // an unhandled 'error' event, which ends the whole process.
  it('survives its connection being terminated over and over while it reconnects', async () => {
    const saved = { ...listenBackoff };
    Object.assign(listenBackoff, { firstMs: 1, maxMs: 8 });
    const admin = new pg.Client({ connectionString: database.databaseUrl });
    admin.on('error', () => undefined);
    await admin.connect();
    try {
      const until = Date.now() + 4_000;
      let kills = 0;
      while (Date.now() < until) {
        const r = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = $1`,
          [listenerName],
        );
        kills += r.rowCount ?? 0;
        await new Promise((r) => setTimeout(r, Math.random() * 6));
      }
      expect(kills).toBeGreaterThan(20);
    } finally {
      await admin.end();
      Object.assign(listenBackoff, saved);
    }
    await reaches(two, one);
    await reaches(one, two);
    expect(one.listening() && two.listening()).toBe(true);
  });
});
