/**
 * A loopback stand-in for Postmark's email API (POST /email and /email/batch). It plays
 * Postmark's rules (tests/support/postmark-rules.ts: token, JSON, sizes, batch count, sender
 * signature, stream, recipients, metadata, inactive recipients) and records its own verdict on
 * every message: accepted (with a MessageID) or refused (with Postmark's ErrorCode). Tests read
 * those verdicts (/__stub/verdicts); they never work out on their side what it would accept.
 *
 * Faults injected in place of the rules answer 429 (ErrorCode 429), 503 (ErrorCode 100), 500
 * (Postmark documents no ErrorCode for it), any status with a body of the test's choosing, or
 * never.
 *
 * Runs in Node. Test files run in parallel against the one server, so each takes its own
 * scope: with a base URL of `<url>/scope/<name>`, both the API (`.../email`) and the controls
 * (`.../__stub/reset`) act on that scope's records only (tests/support/postmark-scope.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RecordedRequest, StubFault, Verdict } from "./postmark-scope";
import { answer, MB, PostmarkServer, requestLimit, type Outcome, type Result } from "./postmark-rules";

export const STUB_SERVER_TOKEN = "stub-server-token";

/** Bodies larger than this are not kept in the request log (their verdicts are). */
const KEEP_BODY_BYTES = MB;

export interface StubOptions {
  token?: string;
  /** Sender signatures of the server: an address, or a domain (a verified domain signs all its addresses). */
  senderSignatures: string[];
  /** The server's message streams; Postmark's default is "outbound" alone. */
  messageStreams?: string[];
}

export interface PostmarkStub {
  url: string;
  close(): Promise<void>;
}

const FAULT_BODIES: Record<number, { ErrorCode?: number; Message: string }> = {
  429: { ErrorCode: 429, Message: "Rate limit exceeded. Slow down and retry later." },
  500: { Message: "Internal Server Error." },
  503: { ErrorCode: 100, Message: "The Postmark API is offline for maintenance." },
};

/** What one scope remembers: its requests, the stub's verdicts, pending faults and suppressed addresses. */
class ScopeState {
  requests: RecordedRequest[] = [];
  verdicts: Verdict[] = [];
  faults: (StubFault & { times: number })[] = [];
  inactive = new Set<string>();

  reset(): void {
    this.requests = [];
    this.verdicts = [];
    this.faults = [];
    this.inactive = new Set();
  }

  takeFault(): StubFault | undefined {
    const next = this.faults[0];
    if (next === undefined) return undefined;
    next.times -= 1;
    if (next.times <= 0) this.faults.shift();
    return next;
  }
}

export async function startPostmarkStub(options: StubOptions): Promise<PostmarkStub> {
  const server = new PostmarkServer({
    token: options.token ?? STUB_SERVER_TOKEN,
    senderSignatures: options.senderSignatures,
    messageStreams: options.messageStreams ?? ["outbound"],
  });
  const scopes = new Map<string, ScopeState>();

  /** Splits "/scope/<name>/email" into the scope's state and "/email"; no scope is scope "". */
  function scopeOf(fullPath: string): { state: ScopeState; path: string } {
    const match = /^\/scope\/([\w-]{1,64})(\/.*)$/.exec(fullPath);
    const [name, path] = match ? [match[1]!, match[2]!] : ["", fullPath];
    let state = scopes.get(name);
    if (!state) scopes.set(name, (state = new ScopeState()));
    return { state, path };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const { state, path } = scopeOf(new URL(req.url ?? "/", "http://stub").pathname);
    const method = req.method ?? "GET";

    if (path.startsWith("/__stub/")) return reply(res, control(state, method, path, parseJson(raw.toString("utf8"))));

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const tooLarge = raw.byteLength > requestLimit(path);
    // Postmark's front door refuses an oversized request before reading it: no message in it is seen.
    const body = tooLarge ? undefined : parseJson(raw.toString("utf8"));
    const kept = raw.byteLength <= KEEP_BODY_BYTES;
    const request: RecordedRequest = { method, path, headers, rawBody: kept ? raw.toString("utf8") : "", body: kept ? body : undefined };
    const number = state.requests.push(request) - 1;
    const messages = path === "/email/batch" && Array.isArray(body) ? body : [body];

    const fault = state.takeFault();
    if (fault?.hang) {
      state.verdicts.push(...messages.map((m, i) => verdict(number, i, path, m, null, { Message: "injected hang: never answered" })));
      return;
    }
    let outcome: Outcome;
    let results: Partial<Result>[];
    if (fault?.status !== undefined) {
      const faultBody = fault.body ?? JSON.stringify(FAULT_BODIES[fault.status] ?? { Message: "Injected fault." });
      const parsed = parseJson(faultBody);
      outcome = { status: fault.status, body: faultBody };
      // Whatever the injected answer says, the stub did not take the message.
      results = messages.map(() => refusalOf(parsed, `injected answer: ${faultBody.slice(0, 200)}`));
    } else {
      ({ outcome, results } = answer(server, state.inactive, { method, path, headers, tooLarge, body, messages }));
    }
    state.verdicts.push(...messages.map((m, i) => verdict(number, i, path, m, outcome.status, results[i]!)));
    reply(res, outcome);
  }

  const http = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, { status: 500, body: { Message: String(err) } }));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: async () => {
      // Hung requests keep their sockets open; close() alone would wait for them forever.
      http.closeAllConnections();
      await new Promise<void>((resolve, reject) => http.close((e) => (e ? reject(e) : resolve())));
    },
  };
}

/** The controls under /__stub/: reset, faults, the inactive list, and the records to read. */
function control(scope: ScopeState, method: string, path: string, body: unknown): Outcome {
  const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const bad = (why: string): Outcome => ({ status: 400, body: { Message: `${path}: ${why}` } });
  if (method === "GET" && path === "/__stub/requests") return { status: 200, body: scope.requests };
  if (method === "GET" && path === "/__stub/verdicts") return { status: 200, body: scope.verdicts };
  if (method !== "POST") return { status: 404, body: { Message: `No stub control at ${method} ${path}` } };
  if (path === "/__stub/reset") {
    scope.reset();
  } else if (path === "/__stub/fault") {
    const { status, hang, times, body: faultBody } = input;
    if (typeof status !== "number" && hang !== true) return bad("give a status or hang: true");
    if (times !== undefined && (typeof times !== "number" || times < 1)) return bad("times must be >= 1");
    if (faultBody !== undefined && typeof faultBody !== "string") return bad("body must be a string");
    scope.faults.push({ ...(input as StubFault), times: (times as number | undefined) ?? 1 });
  } else if (path === "/__stub/inactive") {
    const { addresses } = input;
    if (!Array.isArray(addresses) || !addresses.every((a) => typeof a === "string")) {
      return bad("addresses must be an array of strings");
    }
    scope.inactive = new Set(addresses.map((a: string) => a.toLowerCase()));
  } else {
    return { status: 404, body: { Message: `No stub control at ${method} ${path}` } };
  }
  return { status: 200, body: { ok: true } };
}

/** The stub's verdict on one message, from what it answered. */
function verdict(request: number, index: number, path: string, message: unknown, status: number | null, result: Partial<Result>): Verdict {
  const m = (typeof message === "object" && message !== null && !Array.isArray(message) ? message : {}) as Record<string, unknown>;
  const field = (name: string) => (typeof m[name] === "string" ? (m[name] as string) : null);
  const accepted = status === 200 && result.ErrorCode === 0 && result.MessageID !== undefined;
  return {
    request,
    index,
    path,
    From: field("From"),
    To: field("To"),
    Cc: field("Cc"),
    Bcc: field("Bcc"),
    Tag: field("Tag"),
    Subject: field("Subject"),
    MessageStream: field("MessageStream"),
    status,
    accepted,
    ...(accepted ? { MessageID: result.MessageID! } : {}),
    ...(!accepted && typeof result.ErrorCode === "number" ? { ErrorCode: result.ErrorCode } : {}),
    Message: result.Message ?? "",
  };
}

/** An injected answer read as a refusal: its ErrorCode and Message when it has them. */
function refusalOf(parsed: unknown, fallback: string): Partial<Result> {
  const body = (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  return {
    ...(typeof body.ErrorCode === "number" && body.ErrorCode !== 0 ? { ErrorCode: body.ErrorCode } : {}),
    Message: typeof body.Message === "string" ? body.Message : fallback,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function reply(res: ServerResponse, outcome: Outcome): void {
  res.writeHead(outcome.status, { "Content-Type": "application/json" });
  res.end(typeof outcome.body === "string" ? outcome.body : JSON.stringify(outcome.body));
}
