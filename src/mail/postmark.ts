/**
 * The production Mailer: Postmark's email API over plain fetch. Every provider or network
 * failure comes back as a SendResult, so callers decide about retries from `retryable` alone.
 */
import { MAX_BATCH, type MailError, type Mailer, type OutboundEmail, type SendResult } from "./mailer";

export interface PostmarkMailerOptions {
  serverToken: string;
  /** https://api.postmarkapp.com in production; the loopback stub in tests. */
  apiUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** What Postmark answers for one message, alone (POST /email) or as a batch item. */
interface PostmarkAnswer {
  ErrorCode?: number;
  Message?: string;
  MessageID?: string;
  SubmittedAt?: string;
}

/** An HTTP answer whose body was read; `body` is undefined when it was not JSON. */
interface HttpAnswer {
  status: number;
  body: unknown;
}

export class PostmarkMailer implements Mailer {
  private readonly apiUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: PostmarkMailerOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 10_000;
    // Wrapped rather than stored bare: workerd throws "Illegal invocation" when the global
    // fetch is called as a method of another object.
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async send(message: OutboundEmail): Promise<SendResult> {
    const answer = await this.post("/email", message);
    if (isMailError(answer)) return { ok: false, error: answer };
    // A 422 carries the same {ErrorCode, Message} shape as a failed batch item.
    if (answer.status === 200 || answer.status === 422) return itemResult(answer.status, answer.body);
    return { ok: false, error: failure(answer.status, asAnswer(answer.body)) };
  }

  async sendBatch(messages: OutboundEmail[]): Promise<SendResult[]> {
    if (messages.length > MAX_BATCH) {
      throw new Error(`sendBatch got ${messages.length} messages; split into calls of at most ${MAX_BATCH}`);
    }
    if (messages.length === 0) return [];

    const answer = await this.post("/email/batch", messages);
    let error: MailError;
    if (isMailError(answer)) {
      error = answer;
    } else if (answer.status !== 200 || answer.body === undefined) {
      error = failure(answer.status, asAnswer(answer.body));
    } else if (!Array.isArray(answer.body) || answer.body.length !== messages.length) {
      // Items are matched to messages by position only, so with a different count we cannot
      // tell which messages were accepted. Retrying all may duplicate some; that beats
      // silently dropping mail Postmark never took.
      error = {
        code: "server_error",
        retryable: true,
        status: answer.status,
        message: `Postmark 200: batch answer does not list ${messages.length} results`,
      };
    } else {
      return answer.body.map((item) => itemResult(200, item));
    }
    return messages.map(() => ({ ok: false, error }));
  }

  /** One POST; resolves to the status and parsed body, or to a `network` error. */
  private async post(path: string, payload: unknown): Promise<HttpAnswer | MailError> {
    try {
      const response = await this.fetch(`${this.apiUrl}${path}`, {
        method: "POST",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-Postmark-Server-Token": this.options.serverToken,
        },
        body: JSON.stringify(payload),
        // Covers reading the body too, so a stalled answer cannot hold a send forever.
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      return { status: response.status, body: parseJson(text) };
    } catch (err) {
      const timedOut = err instanceof Error && err.name === "TimeoutError";
      const reason = timedOut ? `no answer within ${this.timeoutMs} ms` : String(err);
      return { code: "network", retryable: true, message: `Postmark unreachable: ${reason}` };
    }
  }
}

function itemResult(status: number, body: unknown): SendResult {
  const answer = asAnswer(body);
  if (status === 200 && answer?.ErrorCode === 0 && answer.MessageID !== undefined) {
    return { ok: true, messageId: answer.MessageID, submittedAt: answer.SubmittedAt ?? "" };
  }
  return { ok: false, error: failure(status, answer) };
}

/** Maps an answer that is not an acceptance; `answer` is undefined when the body was unreadable. */
function failure(status: number, answer: PostmarkAnswer | undefined): MailError {
  const providerCode = answer?.ErrorCode;
  const detail = answer === undefined ? "unreadable answer" : (answer.Message ?? "no message");
  const base = {
    status,
    ...(providerCode === undefined ? {} : { providerCode }),
    message: `Postmark ${status}${providerCode === undefined ? "" : ` (ErrorCode ${providerCode})`}: ${detail}`,
  };
  if (status === 401) return { ...base, code: "unauthorized", retryable: false };
  if (status === 429) return { ...base, code: "rate_limited", retryable: true };
  if (status >= 500) return { ...base, code: "server_error", retryable: true };
  if (providerCode === 406) return { ...base, code: "inactive_recipient", retryable: false };
  if (providerCode === 300) return { ...base, code: "invalid_email_request", retryable: false };
  // Includes a 200 we could not read: Postmark may have taken the message, and a retry could
  // send it twice, so it is reported as final.
  return { ...base, code: "rejected", retryable: false };
}

function asAnswer(body: unknown): PostmarkAnswer | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const raw = body as Record<string, unknown>;
  return {
    ...(typeof raw.ErrorCode === "number" ? { ErrorCode: raw.ErrorCode } : {}),
    ...(typeof raw.Message === "string" ? { Message: raw.Message } : {}),
    ...(typeof raw.MessageID === "string" ? { MessageID: raw.MessageID } : {}),
    ...(typeof raw.SubmittedAt === "string" ? { SubmittedAt: raw.SubmittedAt } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isMailError(value: HttpAnswer | MailError): value is MailError {
  return "code" in value;
}
