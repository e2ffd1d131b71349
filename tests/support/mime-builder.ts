// Builds test messages in layouts the corpus lacks (several calendars, big attachments, deep
// nesting, other charsets). Small on purpose: headers + parts, CRLF line endings.
export interface Part {
  headers: Record<string, string>;
  body: string | Uint8Array;
}

const CRLF = "\r\n";

function concat(chunks: (string | Uint8Array)[]): Uint8Array {
  const encoded = chunks.map((c) => (typeof c === "string" ? new TextEncoder().encode(c) : c));
  const out = new Uint8Array(encoded.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of encoded) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function part(headers: Record<string, string>, body: string | Uint8Array): Uint8Array {
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}${CRLF}`).join("");
  return concat([head, CRLF, body]);
}

export function multipart(subtype: string, boundary: string, parts: Uint8Array[], headers: Record<string, string> = {}): Uint8Array {
  const body: (string | Uint8Array)[] = [];
  for (const p of parts) body.push(`--${boundary}${CRLF}`, p, CRLF);
  body.push(`--${boundary}--${CRLF}`);
  return part({ ...headers, "Content-Type": `multipart/${subtype}; boundary="${boundary}"` }, concat(body));
}

export function message(headers: Record<string, string>, body: Uint8Array): Uint8Array {
  // `body` is a part with its own Content-Type header: prepend the message headers to it.
  return concat([Object.entries(headers).map(([n, v]) => `${n}: ${v}${CRLF}`).join(""), body]);
}

export function base64Lines(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]!);
  return (btoa(binary).match(/.{1,76}/g) ?? []).join(CRLF);
}

export function calendar(uid: string, start: string, summary: string, extra: string[] = []): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport tests//EN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20261120T100000Z",
    `DTSTART;TZID=Europe/Berlin:${start}`,
    "DURATION:PT30M",
    `SUMMARY:${summary}`,
    "ORGANIZER;CN=Priya Natarajan:mailto:priya@globex.example",
    "ATTENDEE;CN=Jane Doe:mailto:jane@example.com",
    ...extra,
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ].join(CRLF);
}
