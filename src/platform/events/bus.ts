/**
 * Live-update fan-out for Server-Sent Events. In one process an EventEmitter is enough; on
 * PostgreSQL every process LISTENs on one channel and publishing NOTIFYs it, so a browser
 * connected to any process sees changes made on any other.
 */
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

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
  close(): Promise<void>;
}

const pgChannel = 'porch_events';

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
    return { publish: async (event) => void deliver(event), subscribe, close: async () => undefined };
  }
  const listener = new pg.Client({ connectionString: databaseUrl });
  await listener.connect();
  listener.on('notification', (msg) => {
    try {
      if (msg.payload) deliver(JSON.parse(msg.payload));
    } catch (err) {
      log.warn({ err }, 'bad live event payload');
    }
  });
  listener.on('error', (err) => log.error({ err }, 'live event listener error'));
  await listener.query(`LISTEN ${pgChannel}`);
  const publisher = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  publisher.on('error', (err) => log.warn({ err }, 'an idle live event connection broke'));
  return {
    async publish(event) {
      await publisher.query('SELECT pg_notify($1, $2)', [pgChannel, JSON.stringify(event)]);
    },
    subscribe,
    async close() {
      await listener.end();
      await publisher.end();
    },
  };
}
