/**
 * A person's name as people write it, from what calendars and mail headers carry: "Nakamura,
 * Kenji" is Kenji Nakamura, "Dr. Amara Okonkwo, MBA" is Amara Okonkwo, "O'NEILL, DEREK" is
 * Derek O'Neill, "de la Cruz, Ana" is Ana de la Cruz. Also the given name a note greets them
 * by, which is not simply the first word: 佐藤 美咲 is greeted as 美咲.
 *
 * The grammar of Western names (titles, particles, suffixes, "Last, First", nicknames) is
 * parse-full-name's; this module only tidies what it is given and decides what to keep.
 */
import { parseFullName } from "parse-full-name";
import { localPart } from "./domains";

export interface PersonName {
  /** The full name as the person would write it. */
  name: string;
  /** How a note to them starts ("Hi Kenji"); null when the name does not say. */
  givenName: string | null;
}

/** Scripts whose names are written family name first, without reordering by a comma. */
const FAMILY_FIRST_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const LETTER = /\p{L}/u;
/** Suffixes that are part of the name (James Whitfield III); degrees and honours are not. */
const GENERATIONAL = /^(jr|jnr|sr|snr|ii|iii|iv|v|vi)\.?$/i;
/** Quote marks a directory or a copied contact leaves around a name ('Rohan Mehta', "Sam"). */
const WRAPPING_QUOTES = /^["'\u2018\u2019\u201c\u201d\u00ab\u00bb`]+|["'\u2018\u2019\u201c\u201d\u00ab\u00bb`]+$/g;

/**
 * Collapses stray spacing and strips wrapping quotes and dangling separators. What follows a
 * spaced separator is a company or a team, not the name: "Priya Raman | Helios Labs",
 * "Sam Lee - Acme", "Sam Lee @ Acme".
 */
/**
 * German and Austrian degrees written with a title, which the parser does not know: "Dr. med.
 * Anna Müller", "Prof. Dr. rer. nat. Jan Weber", "Dipl.-Ing. Eva Huber", "Mag. Lena Gruber".
 */
const DEGREE_AFTER_TITLE = /\b((?:Prof|Dr)\.?)((?:\s+(?:med|rer\.\s?nat|rer\.\s?pol|phil|jur|habil|dent|vet|oec|pol|theol|techn|sc|mult|h\.\s?c)\.)+)/giu;
const LEADING_DEGREE = /^(?:(?:Dipl\.-\p{L}+\.|Mag\.|MMag\.|Ing\.)\s+)+/u;

function tidy(raw: string): string {
  let text = raw.normalize("NFC").replace(/\s+/gu, " ").trim().replace(DEGREE_AFTER_TITLE, "$1").replace(LEADING_DEGREE, "");
  // A label of several words in brackets is a team or a place: "Murphy, Siobhan (Treasury - Dublin)".
  text = text.replace(/\s*[([][^()[\]]*[\s/|,\u2013\u2014-][^()[\]]*[)\]]/gu, " ").trim();
  const [before] = text.split(/\s+[|@\u2013\u2014-]\s+|\s*\|\s*/u);
  if (before && /\p{L}/u.test(before)) text = before;
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(WRAPPING_QUOTES, "").replace(/^[\s,;:]+|[\s,;:]+$/g, "").trim();
  }
  return text;
}

/**
 * "García Márquez, Gabriel" -> "Gabriel García Márquez". The parser reads a comma after two
 * words as "First Last, Suffix"; in a directory's "Last, First" the part after the comma is a
 * given name when it is written like one (capital, then small letters), unlike "MBA" or "Jr.".
 */
/**
 * "DUPONT Jean-Pierre", "KIM Min-jun": the family name first and in capitals, as French and
 * other directories write it. Read as "Jean-Pierre Dupont", "Yann Le Gall". Three capitals at
 * least, so "AJ Smith" stays as written.
 */
const ORGANISATION_WORD = /^(?:research|labs?|group|team|ventures|capital|partners|consulting|health|bank|university|college|school|institute|foundation|solutions|systems|technologies|digital|media|studios?|careers?|recruiting|talent|events?|cloud|security|sales|support|marketing|finance|legal)$/i;

function capitalsFirst(text: string): string {
  // ("D'HARCOURT Pierre-Louis": an elided particle before the family name.)
  const match = /^((?:\p{Lu}['\u2019])?\p{Lu}{2,}(?:[ '-]\p{Lu}{2,})*)\s+(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}?\p{Ll}+)*)$/u.exec(text);
  if (!match || match[1]!.replace(/\P{L}/gu, "").length < 3 || ORGANISATION_WORD.test(match[2]!)) return text;
  const family = match[1]!.toLowerCase().replace(/(^|[ '-])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
  return `${match[2]} ${family}`;
}

/** An initial, with or without its dot: "K.", "J". */
const INITIAL = /^\p{L}\.?$/u;

/**
 * Given names of two words that are one name: "María José", "Juan Carlos", "Ana Lucía".
 * A note to María José Fernández Gil opens "Hi María José", not "Hi María".
 */
const COMPOUND_FIRST = /^(?:mar[ií]a|jos[eé]|juan|ana|luis|luz|rosa|jean|anne|marie)$/i;
const COMPOUND_SECOND = /^(?:jos[eé]|luis|carlos|pablo|manuel|antonio|mar[ií]a|elena|fernanda|isabel|luisa|teresa|carmen|paz|jes[uú]s|ignacio|francisco|andr[eé]s|miguel|eugenia|cristina|victoria|alejandra|laura|luc[ií]a|camila|paula|david|diego|felipe|sof[ií]a|pierre|paul|luc|marc|claude|baptiste|fran[cç]ois|marie|laure|claire|sophie|christine)$/i;

function givenFirst(text: string): string {
  const match = /^([^,]+),\s*(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?)$/u.exec(text);
  if (!match || GENERATIONAL.test(match[2]!)) return text;
  return `${match[2]} ${match[1]}`;
}

/** A name all in capitals or all in small letters says nothing about its case: write it as a name. */
function isSingleCase(text: string): boolean {
  return text === text.toUpperCase() || text === text.toLowerCase();
}

/** "ANNE-MARIE" -> "Anne-Marie" and "MCDONALD" -> "McDonald" once the parser has lowered them. */
function capitaliseParts(word: string): string {
  // Only inside a hyphenated word: the parser has set each word's case, particles included ("da Silva").
  return word
    .replace(/(-)(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase())
    .replace(/(^|[-\s])Mc(\p{Ll})/gu, (_, before: string, letter: string) => `${before}Mc${letter.toUpperCase()}`)
    // "o'dwyer" written all in small letters is O'Dwyer.
    .replace(/(^|[-\s])([OD])['\u2019](\p{Ll})/gu, (_, before: string, prefix: string, letter: string) => `${before}${prefix}'${letter.toUpperCase()}`);
}

/**
 * A nickname worth greeting someone by: one word in quotes ("Robert 'Bob' Smith"). Words in
 * brackets are labels ("(Prof.)", "(Sales)", "(she/her)", "(external)"), not what they are called.
 */
function usableNickname(nick: string, text: string): string | null {
  const word = nick.trim();
  if (!/^\p{Lu}\p{Ll}[\p{L}'-]*$/u.test(word)) return null;
  return new RegExp(`["'\u2018\u201c]${word}["'\u2019\u201d]`, "u").test(text) ? word : null;
}

/**
 * The name in a display name or CN, or null when there is none (empty, only punctuation, or
 * really an address).
 * @example personName("Nakamura, Kenji") // { name: "Kenji Nakamura", givenName: "Kenji" }
 */
export function personName(raw: string | null | undefined): PersonName | null {
  if (!raw) return null;
  // The parser builds its word lists and patterns on every call; an invite asks about the same
  // few display names many times over (each rule looks at every participant).
  const known = remembered.get(raw);
  if (known !== undefined) return known;
  if (remembered.size >= REMEMBERED_NAMES) remembered.clear();
  const parsed = parse(raw);
  remembered.set(raw, parsed && Object.freeze(parsed));
  return parsed;
}

const REMEMBERED_NAMES = 500;
const remembered = new Map<string, PersonName | null>();

function parse(raw: string): PersonName | null {
  const text = tidy(raw);
  if (!LETTER.test(text) || text.includes("@")) return null;

  if (FAMILY_FIRST_SCRIPT.test(text)) {
    // Written family name first, as people in these scripts write it: keep the order; the
    // given name is the last part. Without a space the parts cannot be told apart.
    const words = text.replace(/,/g, " ").split(" ").filter(Boolean);
    return { name: words.join(" "), givenName: words.length > 1 ? words[words.length - 1]! : text };
  }

  const fixCase = isSingleCase(text.replace(/[^\p{L}]/gu, "")) ? 1 : 0;
  // Styles the parser does not know are not names: "Dame Helena …", "Rev. Samuel …".
  const styled = text.replace(STYLE_FIRST, "");
  if (styled !== text && /\s/.test(styled.trim())) return parse(styled);
  const parsed = parseFullName(fixCase ? text : givenFirst(capitalsFirst(text)), "all", fixCase, 0, 0);
  const suffix = parsed.suffix
    .split(/[,\s]+/)
    .filter((part) => GENERATIONAL.test(part))
    .map((part) => (fixCase ? part.toUpperCase().replace(/^(J|S)R(\.?)$/, (_, l: string, dot: string) => `${l}r${dot}`) : part))
    .join(" ");
  const parts = [parsed.first, parsed.middle, parsed.last, suffix].map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const name = (fixCase ? parts.map(capitaliseParts) : parts).join(" ");
  if (!LETTER.test(name)) return null;
  // A lone word ("Marge") is parsed as a family name, but it is how they sign: greet them by it.
  // "J. Robert Oppenheimer" goes by Robert: an initial is not what a note opens with.
  const middle = parsed.middle.trim().split(" ")[0] ?? "";
  let first = INITIAL.test(parsed.first.trim()) && middle ? middle : parsed.first.trim();
  // "María José Fernández Gil": both given names, when a family name follows them.
  if (first === parsed.first.trim() && COMPOUND_FIRST.test(first) && COMPOUND_SECOND.test(middle) && parsed.last.trim()) first = `${first} ${middle}`;
  const given = usableNickname(parsed.nick, text) ?? (first || (parts.length === 1 ? parts[0]! : null));
  return { name, givenName: given ? (fixCase ? capitaliseParts(given) : given) : null };
}

/**
 * A name rebuilt from an address's local part when nothing better exists: "kenji.nakamura@"
 * and "anne-marie.dubois-laurent@" spell their owner's name; "rk@", "frashed@" and "info@" do not.
 */
export function nameFromAddress(email: string): PersonName | null {
  let words = localPart(email).split(/[._]+/).filter(Boolean);
  if (words.length === 1) words = words[0]!.split("-").filter(Boolean);
  // Trailing digits are a mailbox's disambiguation ("jane.doe2"), not part of the name.
  words = words.map((word) => word.replace(/\d+$/, ""));
  // "priya.raman.sf": a short tag after the name is a place or team, not a third name.
  if (words.length === 3 && words[2]!.length <= 2) words = words.slice(0, 2);
  if (words.length < 2 || words.length > 3) return null;
  if (!words.every((word) => /^\p{L}[\p{L}-]*$/u.test(word))) return null;
  if (words[0]!.length < 2 || words[words.length - 1]!.length < 2) return null;
  const written = words.map((word) => capitaliseParts(word.charAt(0).toUpperCase() + word.slice(1)));
  return { name: written.join(" "), givenName: written[0]! };
}

/**
 * Family names written first in romanised Chinese, Vietnamese and Korean names ("Wang Fang",
 * "Nguyễn Thị Thu Hà"): with one of these first, the first word may be the family name.
 */
const FAMILY_FIRST_NAMES = new Set(
  ("wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang han feng deng " +
    "cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng su lu ding ren shen yao zhong jin cui tan fan fu " +
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly kim park choi jung kang cho yoon jang lim oh seo shin kwon ahn hong " +
    // Hungarian, written family name first ("Nagy Eszter"): the commonest, but not those that are given names too (Simon).
    "nagy kovacs toth szabo horvath varga molnar nemeth farkas balogh papp takacs juhasz lakatos meszaros olah racz fekete szilagyi torok feher balazs gal kocsis orsos").split(" "),
);
/** Abbreviations that open a Malay or Bangladeshi name and are not what its owner is called: "Mohd Hafiz" is Hafiz. */
const NOT_CALLED = /^(?:mohd|muhd|mhd|md)\.?$/i;
/** East Slavic and Kazakh patronymics: "Сериковна", "Ivanovich". */
const PATRONYMIC = /^(?:\p{L}+(?:овна|евна|ична|инична|ович|евич|ич|ұлы|қызы)|\p{L}+(?:ovna|evna|ovich|evich|ichna))$/iu;
/** Forms of address before a name that the name parser leaves in: "Dame", "Rev.", "Sheikh", "Fr.". */
const STYLE_FIRST = /^(?:dame|lady|lord|rev\.?|reverend|the rev\.?|fr\.?|father|pastor|rabbi|imam|sheikh|shaikh|hon\.?|the hon\.?|honourable|rt\.? hon\.?|sr\.?|sister|brother|chief|alhaji|alhaja|engr\.?|eng\.?|arch\.?|atty\.?)\s+/i;

/**
 * The given name, checked against how the person's address spells their name: "K. Ramesh" at
 * ramesh.k@ is Ramesh, "Nguyễn Thị Thu Hà" at ha.nguyenthithu@ is Hà, "Wang Fang" at fang.wang@
 * is Fang. Only a doubtful given name is changed (an initial, "Mohd", a family name that may come
 * first): "John Smith" at smith.john@ stays John.
 */
export function givenNameByAddress(name: PersonName, email: string): PersonName {
  const words = name.name.split(" ").filter(Boolean);
  const given = name.givenName ?? "";
  const keys = words.map(nameKey);
  const familyFirst = words.length >= 2 && given === words[0] && FAMILY_FIRST_NAMES.has(keys[0]!);
  // "von Buelow Friederike": a directory's family name first, which a particle opens.
  const particleFirst = /^(?:von|van|de|da|di|du|del|della|der|den|le|la|dos|das|ter|ten|zu)\s/i.test(given);
  // "Ахметова Айгерим Сериковна": family name, given name, patronymic; the given name is before the patronymic.
  const patronymic = words.findIndex((word, index) => index > 0 && PATRONYMIC.test(word));
  if (patronymic > 0 && words[patronymic - 1] !== given && !PATRONYMIC.test(words[patronymic - 1]!)) return { ...name, givenName: words[patronymic - 1]! };
  const doubtful = given === "" || INITIAL.test(given) || NOT_CALLED.test(given) || familyFirst || particleFirst;
  if (!doubtful) return name;
  const parts = localPart(email)
    .split(/[._-]+/)
    .map((part) => part.replace(/\d+$/, ""))
    .filter(Boolean);
  // The address's first part is one word of the name, or two run together ("minhanh" for Minh Anh).
  for (const length of [1, 2]) {
    const at = parts.length >= 2 ? keys.findIndex((_, index) => keys.slice(index, index + length).join("") === parts[0] && index + length <= keys.length) : -1;
    const called = at >= 0 ? words.slice(at, at + length).join(" ") : "";
    if (at < 0 || parts[0]!.length < 2 || called === given) continue;
    // The rest of the address must be the other words, whole or as initials, in their order.
    const others = keys.filter((_, index) => index < at || index >= at + length);
    if (spells(parts.slice(1).join(""), others)) return { ...name, givenName: called };
  }
  // Without the address to say so: "Mohd Hafiz" is Hafiz; "K. Ramesh" keeps no initial as a greeting.
  if (NOT_CALLED.test(given) && words[1] && !INITIAL.test(words[1])) return { ...name, givenName: words[1] };
  return name;
}

/** Whether `text` is some of these words, whole or by their initial, run together in order. */
function spells(text: string, words: string[]): boolean {
  if (text === "") return true;
  return words.some((word, index) => {
    const rest = words.slice(index + 1);
    return (text.startsWith(word) && spells(text.slice(word.length), rest)) || (text.startsWith(word[0]!) && spells(text.slice(1), rest));
  });
}

/** Letters only, lowercased and without accents: "Chloé  Martin" and "chloe.martin" compare equal. */
export function nameKey(text: string): string {
  // Most text is ASCII: no accents to take off, so no Unicode normalisation to pay for.
  if (!/[^\x00-\x7f]/.test(text)) return text.toLowerCase().replace(/[^a-z0-9]/g, "");
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}
