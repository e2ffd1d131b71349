/**
 * Whether a meeting is over a meal or a drink, and which: drives the 60-minute rule (30 minutes
 * otherwise) and "it's OK to let them pay". Read from the title first, then from the place:
 * "Brunch" at Café de Flore is brunch; "Meet Lina" at Café Kitsuné is coffee. Words in the
 * languages users write titles in, and the coffee chains a place is often named by; tea counts
 * as coffee (a short sit-down drink). "coffee-table book" is not coffee.
 */
import { MEAL_KINDS, type MealKind } from "../db/schema";

export type { MealKind };

const WORDS: Record<MealKind, string[]> = {
  breakfast: ["breakfast", "brekkie", "frühstück", "fruhstuck", "petit déjeuner", "petit-déjeuner", "desayuno", "colazione", "café da manhã", "ontbijt", "zmorge", "zmorgä", "朝食", "早餐", "завтрак"],
  brunch: ["brunch", "브런치"],
  coffee: [
    "coffee", "coffees", "café", "cafe", "caffè", "caffe", "espresso", "cappuccino", "latte", "flat white", "kaffee", "koffie", "kahve", "káva", "kávé", "cà phê",
    "fika", "tea", "chai", "matcha", "starbucks", "peet's", "tim hortons", "dunkin", "pret a manger", "스타벅스",
    "お茶", "コーヒー", "カフェ", "喫茶", "茶", "咖啡", "커피", "кофе", "кафе", "чай",
    // The emoji people put in titles ("Catch up \u2615").
    "\u2615", "\u{1F375}",
  ],
  lunch: ["lunch", "luncheon", "dim sum", "점심", "mittagessen", "déjeuner", "almuerzo", "pranzo", "almoço", "lunchen", "öğle yemeği", "obiad", "zmittag", "ランチ", "昼食", "午餐", "обед"],
  dinner: ["dinner", "supper", "abendessen", "dîner", "cena", "jantar", "diner", "akşam yemeği", "kolacja", "znacht", "ディナー", "夕食", "晚餐", "ужин"],
  drinks: ["drinks", "drink", "beer", "beers", "pint", "pints", "wine", "cocktail", "cocktails", "happy hour", "apéro", "apero", "aperitivo", "bier", "borrel", "vrijdagmiddagborrel", "5 à 7", "cinq à sept", "飲み会", "喝酒", "\u{1F37A}", "\u{1F37B}", "\u{1F377}", "\u{1F378}", "\u{1F942}"],
};

/** Scripts written without spaces between words: a word is found inside the text. */
// Korean is spaced, but its compounds are one word ("커피챗", a coffee chat): read it as unspaced.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Which kind each word names, by its lowercase spelling. */
const KIND_OF = new Map<string, MealKind>(MEAL_KINDS.flatMap((kind) => WORDS[kind].map((word): [string, MealKind] => [word.toLowerCase(), kind])));

// One pattern for every word, longest first so "happy hour" wins over a shorter word at the same
// place. A spaced word counts when letters do not run on either side and no hyphen joins it to
// another word ("coffee-table", "tea-towel"); "coffee?" and "Coffee chat" count. A word of an
// unspaced script counts wherever it stands.
const alternatives = (words: string[]) =>
  words
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");
const words = [...KIND_OF.keys()];
const MEAL_WORD = new RegExp(
  `(?<![\\p{L}\\p{N}'-])(${alternatives(words.filter((word) => !UNSPACED.test(word)))})(?![\\p{L}\\p{N}-])|(${alternatives(words.filter((word) => UNSPACED.test(word)))})`,
  "iu",
);

/** The meal a text names, the earliest in it when it names several; null when none. */
export function mealKindIn(text: string): MealKind | null {
  const match = MEAL_WORD.exec(text);
  const word = match?.[1] ?? match?.[2];
  return word ? (KIND_OF.get(word.toLowerCase()) ?? null) : null;
}

/**
 * A meal the description invites to, when the title and place name none: "Let's grab lunch —
 * my treat", "Breakfast is on me", "happy to chat over coffee". Only in such phrases: a
 * description also says "after lunch" or "coffee-stained" and means no meal together.
 */
const INVITING = /\b(?:grab|get|meet(?: up)? for|over|join (?:me|us) for|treat you to|go for|head out for|catch up over)\s+([^.!?\n]{1,25})/giu;
const ON_ME = /([^.!?\n]{1,20}?)(?:'s|\s+(?:is|are)) on me\b/giu;

export function mealInvitedTo(description: string): MealKind | null {
  for (const pattern of [INVITING, ON_ME]) {
    for (const match of description.matchAll(pattern)) {
      const kind = mealKindIn(match[1]!);
      if (kind) return kind;
    }
  }
  return null;
}
