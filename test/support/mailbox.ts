/** A real SMTP server in the test process: Porch sends through SMTP and tests read what arrived. */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received message: recipients, subject and plain text. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** The in-process SMTP server and what it received. */
export interface Mailbox {
  url: string;
  messages: ReceivedMail[];
  /** Messages sent to `address`. */
  to(address: string): ReceivedMail[];
  /** The first https?:// link in the last message to `address`. */
  lastLink(address: string): string | undefined;
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 on a free port. */
export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Looking up 127.0.0.1's name cost each message about 0.1 s before the server's greeting.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    to,
    lastLink(address) {
      const last = to(address).at(-1);
      return last?.text.match(/https?:\/\/\S+/)?.[0];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
