/**
 * Live-update fan-out for Server-Sent Events. In one process an EventEmitter is enough; on
 * PostgreSQL every process LISTENs on one channel and publishing NOTIFYs it, so a browser
 * connected to any process sees changes made on any other. The listening connection is
 * re-opened whenever it breaks (a database restart, a failover, an idle-connection killer), with
 * exponential back-off; events sent while it is down are missed, so nothing that must not be
 * missed travels this way (caches read the data version from the database on every request).
 */
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { guardClient, loadPg } from '../db/connect.ts';

/** A live event on `channel` (e.g. `community:<id>`); `data` must be JSON-serialisable. */
export interface LiveEvent {
  channel: string;
  type: string;
  data: unknown;
}

/** Publish/subscribe for live events. */
export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  /** Calls `listener` for each event on `channel`; returns the unsubscribe function. */
  subscribe(channel: string, listener: (event: LiveEvent) => void): () => void;
  /** Whether events published by other processes arrive now (always true without PostgreSQL). */
  listening(): boolean;
  close(): Promise<void>;
}

const pgChannel = 'porch_events';
/** The listening connection's `application_name`, as `pg_stat_activity` shows it. */
export const listenerName = 'porch-events';
/** Back-off between attempts to listen again: doubling from the first to the last, in ms. */
export const listenBackoff = { firstMs: 100, maxMs: 30_000 };

/** An in-process bus, or (with `databaseUrl`) one shared through PostgreSQL LISTEN/NOTIFY. */
export async function createEventBus(
  databaseUrl: string | undefined,
  log: FastifyBaseLogger,
): Promise<EventBus> {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const deliver = (event: LiveEvent) => emitter.emit(event.channel, event);
  const subscribe = (channel: string, listener: (event: LiveEvent) => void) => {
    emitter.on(channel, listener);
    return () => emitter.off(channel, listener);
  };
  if (!databaseUrl) {
    return {
      publish: async (event) => void deliver(event),
      subscribe,
      listening: () => true,
      close: async () => undefined,
    };
  }

  const postgres = loadPg();
  let listener: pg.Client | undefined;
  let closed = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  /** Opens a connection and LISTENs on it; throws when either fails. */
  async function listen(): Promise<void> {
    const client = new postgres.Client({ connectionString: databaseUrl, application_name: listenerName });
    let lost = false;
    let opened = false;
    const lose = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (listener === client) listener = undefined;
      client.end().catch(() => undefined);
      // Before it listens, a failure is the caller's to handle (it throws below).
      if (opened && !closed) {
        log.warn({ err }, 'the live event connection broke; listening again');
        listenLater();
      }
    };
    // Attached before connecting: a termination can arrive at any moment — while connecting, in
    // the same packet as the LISTEN's answer — and an 'error' event with no listener ends the
    // process.
    client.on('error', lose);
    client.on('end', () => lose());
    client.on('notification', (msg) => {
      try {
        if (msg.payload) deliver(JSON.parse(msg.payload));
      } catch (err) {
        log.warn({ err }, 'bad live event payload');
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pgChannel}`);
    } catch (err) {
      lose();
      throw err;
    }
    if (lost) throw new Error('the live event connection broke as it began to listen');
    opened = true;
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
    failures = 0;
  }

  function listenLater(): void {
    if (closed || retry) return;
    const delay = Math.min(listenBackoff.maxMs, listenBackoff.firstMs * 2 ** failures);
    failures++;
    // Jittered, so processes cut off together do not all come back at the same instant.
    retry = setTimeout(
      () => {
        retry = undefined;
        listen()
          .then(() => log.info('listening for live events again'))
          .catch((err) => {
            log.warn({ err }, 'could not listen for live events; trying again');
            listenLater();
          });
      },
      delay * (0.5 + Math.random() / 2),
    );
  }

  await listen();
  const publisher = new postgres.Pool({ connectionString: databaseUrl, max: 2 });
  const broke = (err: Error) => log.warn({ err }, 'a live event connection broke');
  publisher.on('error', broke);
  publisher.on('connect', (client) => guardClient(client, broke));
  return {
    async publish(event) {
      await publisher.query('SELECT pg_notify($1, $2)', [pgChannel, JSON.stringify(event)]);
    },
    subscribe,
    listening: () => listener !== undefined,
    async close() {
      closed = true;
      clearTimeout(retry);
      await listener?.end();
      await publisher.end();
    },
  };
}
