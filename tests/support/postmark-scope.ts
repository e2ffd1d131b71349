// One test file's scope on the loopback Postmark stub (tests/support/postmark-stub.ts), driven
// over HTTP because tests run inside workerd and the stub runs in Node. The stub is the source
// of truth: it records its own verdict for every message, and tests read those verdicts.

/** One message's verdict, as the stub decided and answered it. */
export interface Verdict {
  /** Which request of the scope (0-based, the order of `requests()`) and which message in it. */
  request: number;
  index: number;
  path: string;
  /** The message's own fields, null when it did not have them as strings. */
  From: string | null;
  To: string | null;
  Cc: string | null;
  Bcc: string | null;
  Tag: string | null;
  Subject: string | null;
  MessageStream: string | null;
  /** The HTTP status of the answer; null when the stub never answered (an injected hang). */
  status: number | null;
  accepted: boolean;
  /** Postmark's id for an accepted message. */
  MessageID?: string;
  /** Postmark's ErrorCode for a refusal, when its answer carries one (a 500 does not). */
  ErrorCode?: number;
  Message: string;
}

/** A fault injected in place of the stub's own handling of the next requests. */
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

export interface RecordedRequest {
  method: string;
  path: string;
  /** Header names lower-cased, as Node gives them. */
  headers: Record<string, string>;
  /** The body as sent, and parsed (undefined when it was not JSON). */
  rawBody: string;
  body: unknown;
}

/** What a test needs to tell sent messages apart. */
export interface StubMessage {
  To: string;
  Tag: string;
  Subject: string;
}

export interface PostmarkScope {
  /** The API base URL of this scope: use as POSTMARK_API_URL / PostmarkMailer's apiUrl. */
  url: string;
  /** Forgets this scope's requests, verdicts, faults and inactive list. */
  reset(): Promise<void>;
  /** The next `times` requests (1 by default) answer with `status`, or never answer (`hang`). */
  fault(fault: StubFault): Promise<void>;
  /** Recipients the stub refuses with ErrorCode 406 (inactive), as Postmark's suppression list. */
  inactive(addresses: string[]): Promise<void>;
  /** Every request the stub received, faulted ones included. */
  requests(): Promise<RecordedRequest[]>;
  /** The stub's verdict on every message it received, oldest first. */
  verdicts(): Promise<Verdict[]>;
  /** The messages the stub accepted (answered ErrorCode 0 and a MessageID for), oldest first. */
  accepted(): Promise<StubMessage[]>;
}

export function postmarkScope(stubUrl: string, name: string): PostmarkScope {
  const url = `${stubUrl}/scope/${name}`;
  const control = async (path: string, body?: unknown): Promise<unknown> => {
    const init = body === undefined ? undefined : { method: "POST", body: JSON.stringify(body) };
    const response = await fetch(`${url}/__stub/${path}`, init);
    if (!response.ok) throw new Error(`stub control ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const verdicts = async () => (await control("verdicts")) as Verdict[];
  return {
    url,
    reset: async () => void (await control("reset", {})),
    fault: async (fault) => void (await control("fault", fault)),
    inactive: async (addresses) => void (await control("inactive", { addresses })),
    requests: async () => (await control("requests")) as RecordedRequest[],
    verdicts,
    async accepted() {
      return (await verdicts())
        .filter((v) => v.accepted)
        .map((v) => ({ To: v.To ?? "", Tag: v.Tag ?? "", Subject: v.Subject ?? "" }));
    },
  };
}
