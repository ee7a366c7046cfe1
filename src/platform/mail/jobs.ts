import type { Services } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { Mail } from './mailer.ts';

/** Queues `mail` in `tx`; it is sent by the worker once the transaction has committed. */
export function enqueueMail(services: Pick<Services, 'jobs'>, tx: Db, mail: Mail): Promise<void> {
  return services.jobs.enqueue(tx, 'mail.send', mail);
}

/** Registers the `mail.send` job. */
export function registerMailJobs(services: Services): void {
  services.jobs.register('mail.send', (mail: Mail) => services.mailer.send(mail));
}
