// Leads: the people a note says to talk to, and when an invite is with one of them.
import { describe, expect, it } from "vitest";
import { findLeads, isLead } from "../../src/nudges/leads";

const lead = (name: string, more: Partial<{ company: string; team: string; email: string }> = {}) => ({
  name,
  company: more.company ?? null,
  team: more.team ?? null,
  email: more.email ?? null,
});

describe("finding leads in a note", () => {
  it.each([
    ["he said to ask Omar in their data team about analytics roles", [lead("Omar", { team: "data team" })]],
    ["She suggested I talk to Priya Raman at Globex", [lead("Priya Raman", { company: "Globex" })]],
    ["talk to Omar Reyes (omar.reyes@helios.io) next week", [lead("Omar Reyes", { email: "omar.reyes@helios.io" })]],
    ["She offered to introduce me to her colleague Dana", [lead("Dana")]],
    ["reach out to Sam from the design team", [lead("Sam", { team: "design team" })]],
    ["he'll intro me to Maria Lopez", [lead("Maria Lopez")]],
    ["should connect with Ana de la Cruz at HubSpot", [lead("Ana de la Cruz", { company: "HubSpot" })]],
    ["She recommended Jordan Lee at Stripe and Wei Chen from Figma", [lead("Jordan Lee", { company: "Stripe" }), lead("Wei Chen", { company: "Figma" })]],
    ["Done! He said I should also talk to Omar.", [lead("Omar")]],
    // The debrief the thank-you prompt asks for, and the labels people write instead.
    ["learned: PM is half customer calls\nsuggested: Omar Reyes in their data team\nnext: apply", [lead("Omar Reyes", { team: "data team" })]],
    ["Who: Priya Raman at Globex", [lead("Priya Raman", { company: "Globex" })]],
    ["- talk to: Jordan Lee at Stripe; Wei Chen from Figma", [lead("Jordan Lee", { company: "Stripe" }), lead("Wei Chen", { company: "Figma" })]],
    ["Intros: Maria Lopez and Dana", [lead("Maria Lopez"), lead("Dana")]],
    // As new users write them, unlabelled.
    ["It went great! She's going to intro me to her manager, Dana Kim.", [lead("Dana Kim")]],
    ["offered to connect me with Leo Park from Figma", [lead("Leo Park", { company: "Figma" })]],
    ["talk to: Ana Souza (Nubank)", [lead("Ana Souza", { company: "Nubank" })]],
  ])("%j", (text, expected) => {
    expect(findLeads(text)).toEqual(expected);
  });

  it.each(["talk to her again in March", "I should talk to my manager", "talk to HR first", "meet Friday at noon", "He suggested I read Inspired by Marty Cagan", "we talked about the market", "suggested: nobody in particular", "who: HR", "next: update my resume"])(
    "finds no one in %j",
    (text) => {
      expect(findLeads(text)).toEqual([]);
    },
  );
});

describe("an invite with a lead", () => {
  const omar = { name: "Omar Reyes", email: "omar@helios.io", company: "Helios Labs" };
  it("matches by address when the note gave one, whatever the name", () => {
    expect(isLead(lead("Omar", { email: "omar@helios.io" }), { ...omar, name: "O. Reyes" })).toBe(true);
    expect(isLead(lead("Omar Reyes", { email: "omar.reyes@other.io" }), omar)).toBe(false);
  });
  it("matches by full name, accents and case aside, and by company when both name one", () => {
    expect(isLead(lead("omar reyés"), omar)).toBe(true);
    expect(isLead(lead("Omar Reyes", { company: "Helios" }), omar)).toBe(true);
    expect(isLead(lead("Omar Reyes", { company: "Globex" }), omar)).toBe(false);
  });
  it("never matches a first name alone: 'Omar' could be anyone", () => {
    expect(isLead(lead("Omar"), omar)).toBe(false);
  });
});
