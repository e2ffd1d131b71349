// A ForwardableEmailMessage as Cloudflare Email Routing hands it to email(), built from real
// message bytes: the envelope is given separately (routing is by envelope, never by To).
export interface FakeEmailMessage extends ForwardableEmailMessage {
  /** The reason passed to setReject, if the Worker refused the message. */
  rejected: string | null;
}

/** Parses the header block the way Email Routing exposes it (unfolded, first occurrence wins). */
function headersOf(raw: Uint8Array): Headers {
  const text = new TextDecoder().decode(raw);
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const headers = new Headers();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

export function fakeEmailMessage(raw: Uint8Array, envelope: { from: string; to: string }): FakeEmailMessage {
  const message: FakeEmailMessage = {
    from: envelope.from,
    to: envelope.to,
    headers: headersOf(raw),
    raw: new Response(raw).body!,
    rawSize: raw.byteLength,
    rejected: null,
    setReject(reason: string) {
      message.rejected = reason;
    },
    forward: async () => {
      throw new Error("Rapport never forwards mail");
    },
    reply: async () => {
      throw new Error("Rapport answers through its Mailer, not reply()");
    },
  };
  return message;
}
