/**
 * A real SMTP server (the nodemailer project's smtp-server) in this process on a free loopback
 * port, keeping every message it accepts, parsed. It can answer "421 try again later" to the first
 * transactions, as a mail server under load or in maintenance does.
 */
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  envelopeFrom: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

export interface SmtpReceiver {
  url: string;
  mails: ReceivedMail[];
  /** Transactions refused with 421 so far. */
  refused: number;
  /** Refuse the next n transactions: 421 (try again later) or a permanent 5xx. */
  refuseNext(n: number, responseCode?: number): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  let toRefuse = 0;
  let refusalCode = 421;
  const receiver = { mails: [] as ReceivedMail[], refused: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (toRefuse > 0) {
        toRefuse -= 1;
        receiver.refused += 1;
        const reason = refusalCode < 500 ? 'Busy, try again later' : 'Refused';
        callback(Object.assign(new Error(reason), { responseCode: refusalCode }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          receiver.mails.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
          });
          callback();
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${String(port)}`,
    mails: receiver.mails,
    get refused() {
      return receiver.refused;
    },
    refuseNext(n, responseCode = 421) {
      toRefuse = n;
      refusalCode = responseCode;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
