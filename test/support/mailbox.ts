/** A real SMTP server in the test process: Porch sends through SMTP and tests read what arrived. */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received message: recipients, subject, plain text, HTML and raw header fields (lower-case names, unfolded). */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, string>;
}

/** The in-process SMTP server and what it received. */
export interface Mailbox {
  url: string;
  messages: ReceivedMail[];
  /** Messages sent to `address`. */
  to(address: string): ReceivedMail[];
  /** The first https?:// link in the last message to `address`. */
  lastLink(address: string): string | undefined;
  /** Refuses the next `n` messages with a temporary failure (451), as a server in trouble does. */
  failNext(n: number): void;
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 on a free port. */
export async function startMailbox(): Promise<Mailbox> {
  const messages: ReceivedMail[] = [];
  let failing = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Looking up 127.0.0.1's name cost each message about 0.1 s before the server's greeting.
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      if (failing > 0) {
        failing--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail: ParsedMail) => {
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: new Map(
              mail.headerLines.map((h) => [
                h.key,
                h.line
                  .slice(h.line.indexOf(':') + 1)
                  .replace(/\r?\n\s+/g, ' ')
                  .trim(),
              ]),
            ),
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
    failNext(n) {
      failing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
