/**
 * Outgoing mail. With `SMTP_URL` set, nodemailer sends over SMTP; without it, each message is
 * written to the server log under a clear "no mail configured" notice, so a fresh server still
 * lets its first people sign in.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Transporter } from 'nodemailer';
import { htmlOf } from './html.ts';

/**
 * One message: its plain text, and the same text as HTML (`html.ts`) unless given. `lang` is the
 * language it is written in (the HTML's `lang`); `headers` adds header fields
 * (`List-Unsubscribe`).
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  lang?: string;
  headers?: Record<string, string>;
}

/** Sends mail; throws the transport's error when sending fails (the job then retries). */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/** A mailer for `smtpUrl`, or one that logs when it is undefined. */
export function createMailer(smtpUrl: string | undefined, from: string, log: FastifyBaseLogger): Mailer {
  if (!smtpUrl) {
    return {
      async send(mail) {
        log.warn(
          { to: mail.to, subject: mail.subject },
          `no mail configured (set SMTP_URL); this message was not sent:\n\n${mail.text}\n`,
        );
      },
      close() {},
    };
  }
  // nodemailer is loaded with the first message: a start does not need its half megabyte of code.
  let transport: Promise<Transporter> | undefined;
  return {
    async send(mail) {
      // Pooled: the connection (and its TLS and login) is kept for the next message, so a worker
      // sending a thousand notifications does not open a thousand connections.
      transport ??= import('nodemailer').then((m) => m.default.createTransport({ url: smtpUrl, pool: true }));
      await (await transport).sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? htmlOf(mail.text, mail.subject, mail.lang ?? 'en'),
        headers: mail.headers,
      });
    },
    close() {
      void transport?.then(
        (t) => t.close(),
        () => undefined,
      );
    },
  };
}
