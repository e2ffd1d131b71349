// Replies in Spanish, French, German, Portuguese, Italian and Dutch: the phrasebook gives the
// English recognisers the words they know, and what it does not know stays as written (a note).
import { describe, expect, it } from "vitest";
import { readReply, type AnsweredKind, type Command } from "../../src/replies/commands";
import { inEnglish } from "../../src/replies/phrasebook";

const NOW = Date.parse("2026-12-08T15:00:00Z"); // Tuesday 8 December 2026
const read = (text: string, to: AnsweredKind, digestItems?: number) =>
  readReply(text, { now: NOW, timeZone: "America/New_York", to, ...(digestItems ? { digestItems } : {}) });

describe("inEnglish", () => {
  it.each([
    ["ya lo mandé", "sent"],
    ["hab's geschickt", "sent"],
    ["já enviei", "sent"],
    ["c'est fait", "done"],
    ["je lui ai écrit hier", "wrote to her"],
    ["rappelle-moi demain", "remind me tomorrow"],
    ["bitte erst wieder i'm februar erinnern", "please remind me in february"],
    ["tous les 3 mois c'est suffisant", "every 3 months is fine"],
    ["3 en enero", "3 in january"],
    ["lembrar semana que vem", "remind me next week"],
    ["gracias por recordarme", "thanks"],
  ])("%s -> %s", (said, english) => {
    expect(inEnglish(said)).toBe(english);
  });

  it("leaves English, and words it does not know, as they are", () => {
    for (const text of ["sent it yesterday", "she moved to mars", "no lo he enviado todavía", "we met at the café", ""]) expect(inEnglish(text)).toBe(text);
  });
});

describe("replies in other languages", () => {
  it.each<[string, AnsweredKind, Command[]]>([
    ["Ya lo mandé 👍", "thanks", [{ kind: "done" }]],
    ["Hab's geschickt, danke!", "thanks", [{ kind: "done" }]],
    ["Já enviei, obrigado!", "thanks_followup", [{ kind: "done" }]],
    ["enviado ✅ gracias", "thanks", [{ kind: "done" }]],
    ["Pas encore envoyé, rappelle-moi demain stp", "thanks", [{ kind: "snooze", until: "2026-12-09" }]],
    ["Ya le escribí, gracias por recordarme", "keep_in_touch", [{ kind: "done" }]],
    ["Je lui ai écrit hier. Et tous les 3 mois c'est suffisant.", "keep_in_touch", [{ kind: "done" }, { kind: "cadence", every: "P3M" }]],
    ["Bitte erst wieder im Februar erinnern", "keep_in_touch", [{ kind: "snooze", until: "2027-02-01" }]],
    ["Bitte keine Erinnerungen mehr, danke", "keep_in_touch", [{ kind: "stop" }]],
    ["Bonjour, c'est bien ça, mais ce sera en visio (Teams). Merci !", "confirm", [{ kind: "yes" }, { kind: "correct", format: "video" }]],
    ["Sí, todo correcto. Solo que es almuerzo, not coffee 🙂", "confirm", [{ kind: "yes" }, { kind: "correct", mealKind: "lunch" }]],
    ["será por teléfono", "confirm", [{ kind: "correct", format: "phone" }]],
    // Not sent yet: nothing is marked, the words are kept.
    ["no lo he enviado todavía", "thanks", [{ kind: "note", text: "no lo he enviado todavía" }]],
    ["pas encore envoyé", "thanks", [{ kind: "note", text: "pas encore envoyé" }]],
    ["noch nicht geschickt", "thanks", [{ kind: "note", text: "noch nicht geschickt" }]],
  ])("%s (%s)", (text, to, expected) => {
    expect(read(text, to)).toEqual(expected);
  });

  it("reads a digest's lines in Portuguese and Spanish", () => {
    expect(read("1 feito, 2 pular, 3 lembrar semana que vem", "digest", 3)).toEqual([
      { kind: "done", item: 1 },
      { kind: "skip", item: 2 },
      { kind: "snooze", until: "2026-12-14", item: 3 },
    ]);
    expect(read("1 listo\n3 en enero", "digest", 3)).toEqual([
      { kind: "done", item: 1 },
      { kind: "snooze", until: "2027-01-01", item: 3 },
    ]);
  });
});
