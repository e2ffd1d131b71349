/**
 * Signed tokens for reply addresses (reply+<token>@domain) and links (unsubscribe, the
 * contacts page). A token
 * names what it is for and is only good for that: purpose, nudge, user and expiry are bound
 * together by an HMAC-SHA-256 (Web Crypto) under a key that rotates by id. Lowercase base32,
 * so it survives mail systems that lowercase the local part; 37 characters, well under 64.
 *
 * Layout (23 bytes): version, key id, purpose, nudge id (u32), user id (u32),
 * expiry in days since the epoch (u16), first 10 bytes of the MAC over the 13 before it.
 */

export type TokenPurpose = "reply" | "unsubscribe" | "page";

export interface TokenClaims {
  purpose: TokenPurpose;
  /** 0 when the token is not about one nudge (an unsubscribe link). */
  nudgeId: number;
  userId: number;
  /** Epoch ms; rounded up to the end of a UTC day. */
  expiresAt: number;
}

export interface TokenKey {
  id: number;
  secret: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: "malformed" | "unknown_key" | "bad_signature" | "expired" | "wrong_purpose" };

const VERSION = 1;
const PURPOSES: TokenPurpose[] = ["reply", "unsubscribe", "page"];
const BODY = 13;
const MAC = 10;
const DAY = 86_400_000;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

export function toBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

export function fromBase32(text: string): Uint8Array | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(bytes);
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keyCache.set(secret, key);
  }
  return key;
}

export async function hmac(secret: string, body: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", await hmacKey(secret), body));
}

async function mac(secret: string, body: Uint8Array): Promise<Uint8Array> {
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), body);
  return new Uint8Array(signature).slice(0, MAC);
}

/** Compares without an early exit, so timing does not reveal how many bytes matched. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

export async function signToken(key: TokenKey, claims: TokenClaims): Promise<string> {
  const body = new Uint8Array(BODY);
  const view = new DataView(body.buffer);
  view.setUint8(0, VERSION);
  view.setUint8(1, key.id);
  view.setUint8(2, PURPOSES.indexOf(claims.purpose));
  view.setUint32(3, claims.nudgeId);
  view.setUint32(7, claims.userId);
  view.setUint16(11, Math.min(0xffff, Math.ceil(claims.expiresAt / DAY)));
  const token = new Uint8Array(BODY + MAC);
  token.set(body);
  token.set(await mac(key.secret, body), BODY);
  return toBase32(token);
}

/** Characters of a token: 23 bytes in base32. */
const TOKEN_LENGTH = Math.ceil(((BODY + MAC) * 8) / 5);

export async function verifyToken(keys: TokenKey[], token: string, purpose: TokenPurpose, now: number): Promise<TokenCheck> {
  const bytes = token.length === TOKEN_LENGTH ? fromBase32(token) : null;
  // One spelling per token: the decoder ignores the unused low bits of the last character, so
  // a token is only accepted as toBase32 writes it (those bits zero, lowercase, no extra
  // character). Otherwise one signed token would have many accepted addresses and links.
  if (!bytes || bytes.length !== BODY + MAC || bytes[0] !== VERSION || toBase32(bytes) !== token) return { ok: false, reason: "malformed" };
  const body = bytes.slice(0, BODY);
  const key = keys.find((k) => k.id === body[1]);
  if (!key) return { ok: false, reason: "unknown_key" };
  if (!constantTimeEqual(await mac(key.secret, body), bytes.slice(BODY))) return { ok: false, reason: "bad_signature" };
  const view = new DataView(body.buffer);
  const claims: TokenClaims = {
    purpose: PURPOSES[view.getUint8(2)] ?? "reply",
    nudgeId: view.getUint32(3),
    userId: view.getUint32(7),
    expiresAt: view.getUint16(11) * DAY,
  };
  if (PURPOSES[view.getUint8(2)] !== purpose) return { ok: false, reason: "wrong_purpose" };
  if (claims.expiresAt < now) return { ok: false, reason: "expired" };
  return { ok: true, claims };
}
