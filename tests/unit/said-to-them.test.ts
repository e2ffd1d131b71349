// The thank-you draft quotes what the user learned, which the user wrote about the person; the
// draft is addressed to that person, so its opening words must speak to them ("your team", not
// "their team"), and nothing else the user wrote may change.
import { describe, expect, it } from "vitest";
import { saidToThem } from "../../src/compose/debrief";

const names = ["Priya Raman", "Priya"];

describe("saidToThem", () => {
  it.each([
    // possessives at the start: the person's, or their organisation's
    ["their robotics PMs spend half their time with warehouse customers", "your robotics PMs spend half their time with warehouse customers"],
    ["her team carries the on-call pager", "your team carries the on-call pager"],
    ["his advice was to start with SQL", "your advice was to start with SQL"],
    ["Priya's team is growing fast", "your team is growing fast"],
    ["Priya Raman\u2019s group hires from support", "your group hires from support"],
    // the person as subject, with the verb made to agree
    ["they hire PMs from support roles", "you hire PMs from support roles"],
    ["he manages three PMs", "you manage three PMs"],
    ["she really likes hiring career changers", "you really like hiring career changers"],
    ["he focuses on growth", "you focus on growth"],
    ["she watches the metrics daily", "you watch the metrics daily"],
    ["he carries two roles", "you carry two roles"],
    ["she was a teacher before moving into product", "you were a teacher before moving into product"],
    ["he has hired three bootcamp grads", "you have hired three bootcamp grads"],
    ["she doesn't hire juniors", "you don't hire juniors"],
    ["Priya thinks SQL matters more than Python", "you think SQL matters more than Python"],
    ["she's been at Acme for eight years", "you've been at Acme for eight years"],
    ["he's a former consultant", "you're a former consultant"],
    ["they're hiring in the spring", "you're hiring in the spring"],
    ["she could introduce me to the data team", "you could introduce me to the data team"],
    // "what you said: you said ..." says it twice
    ["she said the team hires from support", "the team hires from support"],
    ["Priya Raman told me that referrals matter most", "referrals matter most"],
    ["he said his team needs SQL first", "your team needs SQL first"],
  ])("%s", (learned, said) => {
    expect(saidToThem(learned, names)).toBe(said);
  });

  it.each([
    "the best PMs come from support",
    "I need SQL before applying",
    "hers is the only team doing B2B",
    "Priyanka on her team runs the data side",
    "shell scripting matters more than I thought",
    "theory matters less than shipping",
    "she-said/he-said politics are real there",
  ])("leaves what is not about them as written: %s", (learned) => {
    expect(saidToThem(learned, names)).toBe(learned);
  });
});
