/**
 * A loopback stand-in for Postmark's email API (POST /email and /email/batch), strict about
 * what the real one checks: token, JSON headers, required fields, recipient syntax, inactive
 * recipients and the batch limit. Runs in Node. Tests inside workerd cannot reach this
 * object, so everything they need (reset, faults, inactive list, recorded requests) is also
 * on the same server under /__stub/.
 *
 * Test files run in parallel against the one server, so each can take its own scope: with a
 * base URL of `<url>/scope/<name>`, both the API (`.../email`) and the controls
 * (`.../__stub/reset`) act on that scope's records and faults only.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const STUB_SERVER_TOKEN = "stub-server-token";
const BATCH_LIMIT = 500;

export interface RecordedRequest {
  method: string;
  path: string;
  /** Header names lower-cased, as Node gives them. */
  headers: Record<string, string>;
  /** The body as sent, and parsed (undefined when it was not JSON). */
  rawBody: string;
  body: unknown;
}

export interface StubFault {
  /** Answer with this status instead of handling the request. */
  status?: number;
  /** Never answer: the client has to give up on its own. */
  hang?: boolean;
  /** How many of the next requests get this fault; 1 by default. */
  times?: number;
  /** Overrides the Postmark-style JSON body, e.g. to send something unparseable. */
  body?: string;
}

export interface PostmarkStub {
  url: string;
  requests: RecordedRequest[];
  reset(): void;
  fault(fault: StubFault): void;
  /** Replaces the inactive (suppressed) list; matching is case-insensitive. */
  setInactive(addresses: string[]): void;
  close(): Promise<void>;
}

interface Outcome {
  status: number;
  body: unknown;
}

const FAULT_BODIES: Record<number, { ErrorCode: number; Message: string }> = {
  429: { ErrorCode: 429, Message: "Rate limit exceeded. Slow down and retry later." },
  500: { ErrorCode: 1, Message: "Internal server error." },
  503: { ErrorCode: 100, Message: "Postmark is down for maintenance." },
};

/** What one scope remembers: its recorded requests, pending faults and suppressed addresses. */
class ScopeState {
  requests: RecordedRequest[] = [];
  faults: (StubFault & { times: number })[] = [];
  inactive = new Set<string>();

  reset(): void {
    this.requests.length = 0;
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

export async function startPostmarkStub(options: { token?: string } = {}): Promise<PostmarkStub> {
  const token = options.token ?? STUB_SERVER_TOKEN;
  const scopes = new Map<string, ScopeState>([["", new ScopeState()]]);
  const root = scopes.get("")!;

  const stub = {
    url: "",
    requests: root.requests,
    reset() {
      for (const scope of scopes.values()) scope.reset();
    },
    fault(fault: StubFault) {
      root.faults.push({ ...fault, times: fault.times ?? 1 });
    },
    setInactive(addresses: string[]) {
      root.inactive = new Set(addresses.map((a) => a.toLowerCase()));
    },
    close: async () => {
      // Hung requests keep their sockets open; close() alone would wait for them forever.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };

  /** Splits "/scope/<name>/email" into the scope's state and "/email". */
  function scopeOf(fullPath: string): { state: ScopeState; path: string } {
    const match = /^\/scope\/([\w-]{1,64})(\/.*)$/.exec(fullPath);
    if (!match) return { state: root, path: fullPath };
    let state = scopes.get(match[1]!);
    if (!state) scopes.set(match[1]!, (state = new ScopeState()));
    return { state, path: match[2]! };
  }

  function control(scope: ScopeState, method: string, path: string, body: unknown): Outcome {
    const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const bad = (why: string): Outcome => ({ status: 400, body: { Message: `${path}: ${why}` } });
    if (method === "GET" && path === "/__stub/requests") return { status: 200, body: scope.requests };
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

  /** Postmark's documented checks: endpoint, token, JSON headers, JSON body, then the messages. */
  function postmark(request: RecordedRequest, inactive: Set<string>): Outcome {
    if (request.method !== "POST" || (request.path !== "/email" && request.path !== "/email/batch")) {
      return { status: 404, body: { Message: `No such endpoint: ${request.method} ${request.path}` } };
    }
    if (request.headers["x-postmark-server-token"] !== token) {
      return {
        status: 401,
        body: { ErrorCode: 10, Message: "Request does not contain a valid Server token." },
      };
    }
    const isJson = (name: string) => (request.headers[name] ?? "").toLowerCase().startsWith("application/json");
    if (!isJson("accept") || !isJson("content-type")) {
      return { status: 415, body: { ErrorCode: 409, Message: "Send Accept and Content-Type: application/json." } };
    }
    if (request.body === undefined) {
      return { status: 422, body: { ErrorCode: 402, Message: "Received invalid JSON input." } };
    }
    if (request.path === "/email") {
      const result = checkMessage(request.body, inactive);
      return { status: result.ErrorCode === 0 ? 200 : 422, body: result };
    }
    if (!Array.isArray(request.body)) {
      return { status: 422, body: { ErrorCode: 403, Message: "The batch must be a JSON array of messages." } };
    }
    if (request.body.length > BATCH_LIMIT) {
      return {
        status: 422,
        body: { ErrorCode: 410, Message: `Too many batch messages: at most ${BATCH_LIMIT} per call.` },
      };
    }
    return { status: 200, body: request.body.map((message) => checkMessage(message, inactive)) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const body = parseJson(rawBody);
    const { state, path } = scopeOf(new URL(req.url ?? "/", "http://stub").pathname);
    const method = req.method ?? "GET";

    if (path.startsWith("/__stub/")) return reply(res, control(state, method, path, body));

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
    const request: RecordedRequest = { method, path, headers, rawBody, body };
    state.requests.push(request);

    const fault = state.takeFault();
    if (fault?.hang) return;
    if (fault?.status !== undefined) {
      res.writeHead(fault.status, { "Content-Type": "application/json" });
      res.end(fault.body ?? JSON.stringify(FAULT_BODIES[fault.status] ?? { ErrorCode: 1, Message: "Stub fault." }));
      return;
    }
    reply(res, postmark(request, state.inactive));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => reply(res, { status: 500, body: { Message: String(err) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return stub;
}

/** One message's verdict, shaped like a Postmark batch item. */
function checkMessage(message: unknown, inactive: Set<string>): Record<string, unknown> {
  const invalid = (text: string) => ({ ErrorCode: 300, Message: text });
  if (typeof message !== "object" || message === null || Array.isArray(message)) {
    return invalid("Each message must be a JSON object.");
  }
  const m = message as Record<string, unknown>;
  if (!nonEmpty(m.From)) return invalid("Invalid 'From' address: none given.");
  if (!nonEmpty(m.To)) return invalid("Zero recipients specified.");
  if (!nonEmpty(m.Subject)) return invalid("Provide a 'Subject'.");
  if (!nonEmpty(m.TextBody) && !nonEmpty(m.HtmlBody)) {
    return invalid("Provide either email TextBody or HtmlBody or both.");
  }
  const recipients = m.To.split(",").map((r) => r.trim());
  const addresses = recipients.map((r) => /<([^<>]*)>\s*$/.exec(r)?.[1] ?? r);
  const bad = addresses.find((a) => !/^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/.test(a));
  if (bad !== undefined) return invalid(`Invalid 'To' address: '${bad}'.`);
  const suppressed = addresses.filter((a) => inactive.has(a.toLowerCase()));
  if (suppressed.length > 0) {
    return {
      ErrorCode: 406,
      Message:
        "You tried to send to recipient(s) that have been marked as inactive. " +
        `Found inactive addresses: ${suppressed.join(", ")}. Inactive recipients are ones that ` +
        "have generated a hard bounce, a spam complaint, or a manual suppression.",
    };
  }
  return { To: m.To, SubmittedAt: new Date().toISOString(), MessageID: randomUUID(), ErrorCode: 0, Message: "OK" };
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
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
  res.end(JSON.stringify(outcome.body));
}
