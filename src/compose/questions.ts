/**
 * The question bank for the prep sheet: a curated set in the order a good conversation runs
 * (opening, their path, the work, the field, advice, closing), with variants for a known
 * company and for common roles. Selection is deterministic per contact (a hash of their address
 * picks among alternatives), so a prep sheet does not change between sends or test runs, yet
 * two contacts do not get identical lists.
 */

export interface QuestionContext {
  /** Seeds the choice among alternatives: the contact's address. */
  seed: string;
  company: string | null;
  title: string | null;
  /** The user's goal in their words ("move into product management"), when they told it. */
  goal?: string | null;
}

// Verbs a goal may start with: "move into product management" reads "someone who wants to ...".
const GOAL_VERB = /^(?:move|get|break|switch|pivot|land|become|work|transition|find|join|grow|go|start|change|build|lead|enter|return)\b/i;

/** The goal verbs by the stem of their -ing form ("landing" -> "land"). */
const GERUNDS: Record<string, string> = {
  mov: "move", gett: "get", break: "break", switch: "switch", pivot: "pivot", land: "land", becom: "become",
  work: "work", transition: "transition", find: "find", join: "join", grow: "grow", go: "go", start: "start",
  chang: "change", build: "build", lead: "lead", enter: "enter", return: "return",
};

/** "someone who wants to move into product management", "someone aiming for a data role". */
export function goalPhrase(goal: string): string {
  const text = goal.trim().replace(/[.!]+$/, "");
  if (GOAL_VERB.test(text)) return `someone who wants to ${text}`;
  // "landing a data role": the same verbs as -ing forms read "someone who wants to land a data role".
  const gerund = /^(\w+)ing\b/i.exec(text);
  const base = gerund && GERUNDS[gerund[1]!.toLowerCase()];
  if (base) return `someone who wants to ${base}${text.slice(gerund[0].length)}`;
  // "aiming for a PM role", "targeting data roles": already a phrase about someone.
  if (/^(?:aiming for|going for|targeting|focusing on|looking for|hoping for)\b/i.test(text)) return `someone ${text}`;
  return `someone aiming for ${text}`;
}

type Question = string | ((company: string) => string);

interface Section {
  name: string;
  pick: number;
  generic: Question[];
  /** Used instead of generic ones when the company is known. */
  withCompany?: ((company: string) => string)[];
}

const SECTIONS: Section[] = [
  {
    name: "opening",
    pick: 1,
    generic: ["What does a typical week look like in your role?", "What is keeping you busy at work right now?"],
    withCompany: [
      (company) => `What does a typical week look like for you at ${company}?`,
      (company) => `What drew you to ${company}, and what has kept you there?`,
    ],
  },
  {
    name: "path",
    pick: 1,
    generic: [
      "How did you get into this line of work, and what would you do the same way if you started today?",
      "What was the hardest part of breaking into the field, and how did you get past it?",
      "Which step in your career taught you the most?",
    ],
  },
  {
    name: "work",
    pick: 2,
    generic: [
      "What do you enjoy most about your work, and what would you change if you could?",
      "Which skills matter most day to day that people from outside tend to underestimate?",
      "What does doing the job well look like after the first year?",
      "What surprised you most when you started in this role?",
    ],
  },
  {
    name: "field",
    pick: 1,
    generic: [
      "Where do you see the field heading over the next few years?",
      "Which teams or companies are doing the most interesting work right now?",
      "What is changing about how people get hired into this field?",
    ],
  },
  {
    name: "advice",
    pick: 2,
    generic: [
      "If you were in my position, what would you focus on over the next three months?",
      "What do you look for when you hire for your team?",
      "Is there anything in my background you would want me to explain or strengthen?",
      "Which resources, groups or events would you recommend for someone getting started?",
    ],
  },
];

/** Role-specific questions, added when the contact's title says what they do. */
const ROLE_QUESTIONS: [RegExp, string][] = [
  [/engineer|developer|software|programmer|swe\b|devops|sre\b/i, "How do engineers and product people work together on your team, and what does the hiring process look like for engineers?"],
  [/product|\bpm\b/i, "How do you decide what not to build, and who has the final say?"],
  [/design|ux|ui\b/i, "How does design get heard when decisions are made, and what do you want to see in a portfolio?"],
  [/data|analyst|scientist|analytics/i, "Which questions does your team answer with data most often, and which tools do you rely on?"],
  [/sales|account|business development|marketing/i, "How is success measured for your team, and what does a strong first quarter look like?"],
  [/manager|lead|head|director|vp|chief|founder/i, "What do you look for in the people you hire, and what makes someone stand out early?"],
  [/research|professor|phd|scientist/i, "How do you choose what to work on, and how do newcomers find their first project?"],
];

/** The closing questions are always asked: they are what turns one conversation into several. */
const CLOSING = [
  "Who else would you suggest I talk to, and may I mention that you suggested it?",
  "What is the best way to keep you posted on how things go?",
];

function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return value;
}

/** Chooses `count` distinct items, starting at a seed-dependent position. */
function rotate<T>(items: T[], count: number, seed: number): T[] {
  const start = seed % items.length;
  return Array.from({ length: Math.min(count, items.length) }, (_, i) => items[(start + i) % items.length]!);
}

/** 8 or 9 questions, in conversation order, the two closing ones last. */
export function chooseQuestions(context: QuestionContext): string[] {
  const seed = hash(context.seed.toLowerCase());
  const chosen: string[] = [];
  for (const [index, section] of SECTIONS.entries()) {
    const pool: Question[] = context.company && section.withCompany ? section.withCompany : section.generic;
    for (const question of rotate(pool, section.pick, seed >>> index)) {
      chosen.push(typeof question === "function" ? question(context.company ?? "") : question);
    }
  }
  const role = context.title ? ROLE_QUESTIONS.find(([pattern]) => pattern.test(context.title!)) : undefined;
  if (role) chosen.splice(3, 0, role[1]);
  // The user's own aim, when they told it, makes the advice questions theirs.
  if (context.goal) chosen.splice(chosen.length - 1, 0, `What would you tell ${goalPhrase(context.goal)}: where would you start, and what would make them stand out?`);
  return [...chosen, ...CLOSING];
}

/** The advice question every conversation should reach, whatever else is chosen. */
const CORE_ADVICE = "If you were in my position, what would you focus on over the next three months?";

/** The three to ask if there is time for nothing else (the short prep sheet). */
export function essentialQuestions(context: QuestionContext): string[] {
  const advice = context.goal ? `What would you tell ${goalPhrase(context.goal)}?` : CORE_ADVICE;
  return [chooseQuestions(context)[0]!, advice, CLOSING[0]!];
}
