// The prep sheet's goal question quotes the user's goal in their words; it must read as English
// however they put it: a verb, an -ing form, a noun phrase, or a phrase about themselves.
import { describe, expect, it } from "vitest";
import { goalPhrase } from "../../src/compose/questions";

describe("goalPhrase", () => {
  it.each([
    ["move into product management", "someone who wants to move into product management"],
    ["landing a data role", "someone who wants to land a data role"],
    ["becoming a PM.", "someone who wants to become a PM"],
    ["getting into UX research", "someone who wants to get into UX research"],
    ["changing careers into data", "someone who wants to change careers into data"],
    ["transitioning to UX", "someone who wants to transition to UX"],
    ["product management", "someone aiming for product management"],
    ["PM at Spotify", "someone aiming for PM at Spotify"],
    ["targeting data roles", "someone targeting data roles"],
    // An -ing word that is no goal verb stays a noun phrase.
    ["pricing strategy roles", "someone aiming for pricing strategy roles"],
  ])("%s -> %s", (goal, phrase) => {
    expect(goalPhrase(goal)).toBe(phrase);
  });
});
