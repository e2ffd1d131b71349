/**
 * Is a reply really from its envelope sender? Anyone can put any address in MAIL FROM, so a
 * reply acts only when the receiving server's own verdict (the topmost Authentication-Results,
 * added by Cloudflare's MX; anything below it may have been written by the sender) shows SPF
 * or DKIM passing for the sender's domain (docs/design.md §5).
 */

/** Headers are read from at most this much of the message: the header block is small. */
const HEADER_SCAN_BYTES = 64 * 1024;

/** The first occurrence of a header in the raw message (unfolded), or null. */
export function topmostHeader(raw: Uint8Array, name: string): string | null {
  const text = new TextDecoder("latin1").decode(raw.subarray(0, HEADER_SCAN_BYTES));
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const prefix = `${name.toLowerCase()}:`;
  for (const line of block.split(/\r?\n/)) {
    if (line.toLowerCase().startsWith(prefix)) return line.slice(prefix.length).trim();
  }
  return null;
}

/**
 * The header without its comments (RFC 5322 CFWS: parentheses, nested, with backslash
 * escapes), each replaced by a space. A comment is free text the writer of any hop chose:
 * `spf=pass (smtp.mailfrom=jane@example.com) smtp.mailfrom=evil.test` must be read as a pass
 * for evil.test only.
 */
export function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i]!;
    if (char === "\\" && depth > 0) {
      i += 1;
      continue;
    }
    if (char === "(") {
      if (depth === 0) out += " ";
      depth += 1;
    } else if (char === ")" && depth > 0) depth -= 1;
    else if (depth === 0) out += char;
  }
  return out;
}

/** Splits on ";" outside parenthesised comments. */
function clauses(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of value) {
    if (char === "(") depth += 1;
    else if (char === ")") depth = Math.max(0, depth - 1);
    if (char === ";" && depth === 0) {
      out.push(current.trim());
      current = "";
    } else current += char;
  }
  out.push(current.trim());
  return out.filter(Boolean);
}

/** Relaxed alignment (RFC 7489): one domain is the other or a subdomain of it. */
function aligned(domain: string, senderDomain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, "");
  if (!d.includes(".")) return false;
  return d === senderDomain || senderDomain.endsWith(`.${d}`) || d.endsWith(`.${senderDomain}`);
}

export type AuthVerdict = { ok: true; via: "spf" | "dkim" | "postmark_trusted" } | { ok: false; reason: string };

export function senderAuthenticated(authenticationResults: string | null, sender: string, authservId: string): AuthVerdict {
  if (!authenticationResults) return { ok: false, reason: "no Authentication-Results header" };
  const [server, ...results] = clauses(withoutComments(authenticationResults));
  if (server?.split(/\s+/)[0]?.toLowerCase() !== authservId.toLowerCase()) {
    return { ok: false, reason: `topmost Authentication-Results is from ${server ?? "nobody"}, not ${authservId}` };
  }
  const senderDomain = sender.slice(sender.lastIndexOf("@") + 1).toLowerCase();
  for (const result of results) {
    const method = /^(spf|dkim)\s*=\s*(\w+)/i.exec(result);
    if (!method || method[2]!.toLowerCase() !== "pass") continue;
    const kind = method[1]!.toLowerCase() as "spf" | "dkim";
    const property = kind === "spf" ? /smtp\.mailfrom=(?:[^@\s;]*@)?([^\s;]+)/i.exec(result) : /header\.d=([^\s;]+)/i.exec(result);
    if (property && aligned(property[1]!, senderDomain)) return { ok: true, via: kind };
  }
  return { ok: false, reason: "no SPF or DKIM pass aligned with the sender's domain" };
}
