// One spelling per signed token (issue #11, finding 10): the last base32 character carries an
// unused bit, and the decoder stopped at 23 bytes, so a token had several accepted spellings
// (that bit set, a trailing extra character). Only the spelling toBase32 writes is accepted.
import { describe, expect, it } from "vitest";
import { signToken, verifyToken } from "../../src/links/token";

const KEY = { id: 1, secret: "a-test-secret-that-is-long-enough-to-use" };
const NOW = Date.parse("2026-11-26T12:00:00Z");
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

async function token() {
  return signToken(KEY, { purpose: "reply", nudgeId: 7, userId: 3, expiresAt: NOW + 86_400_000 * 30 });
}

describe("reply and link tokens", () => {
  it("accept the token as issued", async () => {
    expect(await verifyToken([KEY], await token(), "reply", NOW)).toMatchObject({ ok: true, claims: { nudgeId: 7, userId: 3 } });
  });

  it("refuse the same bytes spelled with the last character's unused bit set", async () => {
    const issued = await token();
    const last = ALPHABET.indexOf(issued.at(-1)!);
    const respelled = issued.slice(0, -1) + ALPHABET[last ^ 1];
    expect(respelled).not.toBe(issued);
    expect(await verifyToken([KEY], respelled, "reply", NOW)).toEqual({ ok: false, reason: "malformed" });
  });

  it.each(["a", "q", "7"])("refuse the token with an extra %s at the end", async (extra) => {
    expect(await verifyToken([KEY], (await token()) + extra, "reply", NOW)).toEqual({ ok: false, reason: "malformed" });
  });

  it("refuse the token in capitals (the router lowercases addresses; links are issued lowercase)", async () => {
    expect(await verifyToken([KEY], (await token()).toUpperCase(), "reply", NOW)).toEqual({ ok: false, reason: "malformed" });
  });
});
