/**
 * The production Mailer: a thin adapter over Postmark's official client (`postmark`, whose
 * ServerClient is fetch-based and runs in workerd without nodejs_compat). The client throws
 * typed errors; this turns every provider or network failure into a SendResult instead, so
 * callers decide about retries from `retryable` alone.
 */
import { Errors, ServerClient, type Message, type Models } from "postmark";
import { MAX_BATCH, type MailError, type Mailer, type OutboundEmail, type SendResult } from "./mailer";

export interface PostmarkMailerOptions {
  serverToken: string;
  /** https://api.postmarkapp.com in production; the loopback stub in tests (a path prefix is kept). */
  apiUrl: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Postmark's ErrorCodes that change what a caller does (the client names the same two). */
const { inactiveRecipient: INACTIVE_RECIPIENT, invalidEmailRequest: INVALID_EMAIL_REQUEST } =
  Errors.ApiInputError.ERROR_CODES;

export class PostmarkMailer implements Mailer {
  private readonly client: ServerClient;
  private readonly timeoutMs: number;

  constructor(options: PostmarkMailerOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    const url = new URL(options.apiUrl);
    // The client joins `http(s)://` + requestHost + "/email", so a path (the stub's scope) rides
    // along in requestHost. Its timeout is in seconds and covers reading the answer too.
    this.client = new ServerClient(options.serverToken, {
      useHttps: url.protocol === "https:",
      requestHost: `${url.host}${url.pathname.replace(/\/+$/, "")}`,
      timeout: this.timeoutMs / 1000,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  async send(message: OutboundEmail): Promise<SendResult> {
    try {
      return itemResult(200, await this.client.sendEmail(asClientMessage(message)));
    } catch (error) {
      return { ok: false, error: this.thrown(error) };
    }
  }

  async sendBatch(messages: OutboundEmail[]): Promise<SendResult[]> {
    if (messages.length > MAX_BATCH) {
      throw new Error(`sendBatch got ${messages.length} messages; split into calls of at most ${MAX_BATCH}`);
    }
    if (messages.length === 0) return [];

    let answer: unknown;
    try {
      answer = await this.client.sendEmailBatch(messages.map(asClientMessage));
    } catch (error) {
      const whole = this.thrown(error);
      return messages.map(() => ({ ok: false, error: whole }));
    }
    // Postmark answers 200 even when some messages failed: each item has its own ErrorCode.
    if (Array.isArray(answer) && answer.length === messages.length) return answer.map((item) => itemResult(200, item));

    let whole: MailError;
    if (unreadable(answer)) {
      // Postmark may have taken the messages, and a retry could send them twice: final.
      whole = failure(200, undefined);
    } else {
      // Items are matched to messages by position only, so with a different count we cannot
      // tell which messages were accepted. Retrying all may duplicate some; that beats
      // silently dropping mail Postmark never took.
      whole = {
        code: "server_error",
        retryable: true,
        status: 200,
        message: `Postmark 200: batch answer does not list ${messages.length} results`,
      };
    }
    return messages.map(() => ({ ok: false, error: whole }));
  }

  /** What the client threw: an HTTP answer that is not a 2xx, or no answer at all. */
  private thrown(error: unknown): MailError {
    if (!(error instanceof Errors.PostmarkError)) {
      // The client turns every failure into a PostmarkError; anything else is our own bug.
      throw error;
    }
    if (error.statusCode === 0) {
      // Connection refused or reset, or the timeout's abort: the message may never have left.
      const reason = /abort|timeout|timed out/i.test(error.message) ? `no answer within ${this.timeoutMs} ms` : error.message;
      return { code: "network", retryable: true, message: `Postmark unreachable: ${reason}` };
    }
    // The client reports a missing ErrorCode as 0, which Postmark only uses for success.
    return failure(error.statusCode, { ...(error.code === 0 ? {} : { ErrorCode: error.code }), Message: error.message }, error);
  }
}

/** What Postmark answers for one message, alone (POST /email) or as a batch item; read defensively. */
type Answer = Partial<Pick<Models.MessageSendingResponse, "ErrorCode" | "Message" | "MessageID" | "SubmittedAt">>;

function itemResult(status: number, body: unknown): SendResult {
  const answer = asAnswer(body);
  if (answer?.ErrorCode === 0 && answer.MessageID !== undefined) {
    return { ok: true, messageId: answer.MessageID, submittedAt: answer.SubmittedAt ?? "" };
  }
  return { ok: false, error: failure(status, answer) };
}

/**
 * Maps an answer that is not an acceptance; `answer` is undefined when the body was unreadable.
 * `typed` is the client's own error class for it, when it threw one.
 */
function failure(status: number, answer: Answer | undefined, typed?: Errors.PostmarkError): MailError {
  const providerCode = answer?.ErrorCode;
  const detail = answer === undefined ? "unreadable answer" : (answer.Message ?? "no message");
  const base = {
    status,
    ...(providerCode === undefined ? {} : { providerCode }),
    message: `Postmark ${status}${providerCode === undefined ? "" : ` (ErrorCode ${providerCode})`}: ${detail}`,
  };
  if (typed instanceof Errors.InvalidAPIKeyError || status === 401) return { ...base, code: "unauthorized", retryable: false };
  if (typed instanceof Errors.RateLimitExceededError || status === 429) return { ...base, code: "rate_limited", retryable: true };
  if (status >= 500) return { ...base, code: "server_error", retryable: true };
  if (typed instanceof Errors.InactiveRecipientsError || providerCode === INACTIVE_RECIPIENT) {
    return { ...base, code: "inactive_recipient", retryable: false };
  }
  if (typed instanceof Errors.InvalidEmailRequestError || providerCode === INVALID_EMAIL_REQUEST) {
    return { ...base, code: "invalid_email_request", retryable: false };
  }
  // Any other refusal (another 422 ErrorCode, 413 too large, ...) will not pass on a retry; and
  // a 200 we could not read may mean Postmark took the message, so it is final too.
  return { ...base, code: "rejected", retryable: false };
}

/**
 * The client hands back a 2xx body parsed as JSON, the raw text when it was not JSON, and `{}`
 * when it was empty: the last two say nothing about what Postmark did.
 */
function unreadable(body: unknown): boolean {
  return typeof body !== "object" || body === null || (!Array.isArray(body) && Object.keys(body).length === 0);
}

function asAnswer(body: unknown): Answer | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const raw = body as Record<string, unknown>;
  return {
    ...(typeof raw.ErrorCode === "number" ? { ErrorCode: raw.ErrorCode } : {}),
    ...(typeof raw.Message === "string" ? { Message: raw.Message } : {}),
    ...(typeof raw.MessageID === "string" ? { MessageID: raw.MessageID } : {}),
    ...(typeof raw.SubmittedAt === "string" ? { SubmittedAt: raw.SubmittedAt } : {}),
  };
}

/**
 * Our message is Postmark's message object field for field. The client's Attachment class marks
 * ContentID as required, though Postmark needs it only for inline images; ours go without one,
 * so the JSON sent is exactly the message the dev outbox shows.
 */
function asClientMessage(message: OutboundEmail): Message {
  return message as Message;
}
