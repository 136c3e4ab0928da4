// The I/O edge of escalation delivery: POST a webhook (with a timeout), or send an e-mail over
// SMTP with nodemailer. Each call answers what happened; it never throws for a failed delivery.
import nodemailer from 'nodemailer';
import type { Outgoing } from '../escalation/payloads.js';

export interface SendResult {
  outcome: 'delivered' | 'failed' | 'timeout';
  code: number | null;
  error: string | null;
}

export type Sender = (message: Outgoing) => Promise<SendResult>;

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string | undefined;
  pass?: string | undefined;
  from: string;
}

const describe = (error: unknown): string => {
  const e = error as { message?: string; cause?: { code?: string; message?: string } };
  return [e.message, e.cause?.code ?? e.cause?.message].filter(Boolean).join(': ').slice(0, 500) || String(error);
};

export function createSender(options: { timeoutMs: number; smtp?: SmtpSettings | undefined }): Sender {
  const mailer = options.smtp
    ? nodemailer.createTransport({
        host: options.smtp.host,
        port: options.smtp.port,
        secure: options.smtp.secure,
        ...(options.smtp.user ? { auth: { user: options.smtp.user, pass: options.smtp.pass ?? '' } } : {}),
        connectionTimeout: options.timeoutMs,
        greetingTimeout: options.timeoutMs,
        socketTimeout: options.timeoutMs,
      })
    : null;

  return async (message) => {
    if (message.kind === 'mail') {
      if (!mailer || !options.smtp) return { outcome: 'failed', code: null, error: 'escalation.smtp is not configured' };
      try {
        const info = await mailer.sendMail({ from: options.smtp.from, to: message.to, subject: message.subject, text: message.text });
        const code = Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250);
        return { outcome: 'delivered', code, error: null };
      } catch (error) {
        const e = error as { responseCode?: number; code?: string };
        const timedOut = e.code === 'ETIMEDOUT';
        return { outcome: timedOut ? 'timeout' : 'failed', code: e.responseCode ?? null, error: describe(error) };
      }
    }
    try {
      const response = await fetch(message.url, {
        method: 'POST',
        headers: message.headers,
        body: message.body,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok
        ? { outcome: 'delivered', code: response.status, error: null }
        : { outcome: 'failed', code: response.status, error: `HTTP ${response.status} ${response.statusText}`.trim() };
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === 'TimeoutError' || name === 'AbortError') return { outcome: 'timeout', code: null, error: `no answer within ${options.timeoutMs} ms` };
      return { outcome: 'failed', code: null, error: describe(error) };
    }
  };
}
