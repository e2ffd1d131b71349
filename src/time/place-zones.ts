/**
 * Time zones from the names people and calendars give places: "Berlin", "new york", "Pacific
 * Time", "(UTC-05:00) Eastern Time (US & Canada)". Used for invites whose TZID is a display name
 * and for a user's "time zone <city>" reply. Built on the runtime's own IANA list (Intl).
 */
// Larger cities that give no name to an IANA zone ("Bangalore", "Boston", "São Paulo"), from
// the `city-timezones` data package (scripts/gen-city-zones.ts writes this table).
import CITY_ZONES from "./city-zones.json";
import { canonicalTimeZone } from "./zoned";

// Region words in Windows display names that name no city.
const REGION_ZONES: [RegExp, string][] = [
  [/\beastern time\b/i, "America/New_York"],
  [/\bcentral time\b/i, "America/Chicago"],
  [/\bmountain time\b/i, "America/Denver"],
  [/\bpacific time\b/i, "America/Los_Angeles"],
  [/\balaska\b/i, "America/Anchorage"],
  [/\bhawaii\b/i, "Pacific/Honolulu"],
  [/\batlantic time\b/i, "America/Halifax"],
  [/\barizona\b/i, "America/Phoenix"],
  [/\bcoordinated universal time\b/i, "UTC"],
];

let cityIndex: Map<string, string> | null = null;

/** Last segment of every IANA name ("new york" -> "America/New_York"), built once. */
function cities(): Map<string, string> {
  if (!cityIndex) {
    cityIndex = new Map();
    for (const name of Intl.supportedValuesOf("timeZone")) {
      const city = name.split("/").pop()!.replace(/_/g, " ").toLowerCase();
      if (name.includes("/") && !cityIndex.has(city)) cityIndex.set(city, name);
    }
  }
  return cityIndex;
}

/** IANA zones suggested by a display name: its region words, then the cities it lists. */
export function zonesNamedIn(tzid: string): string[] {
  const found: string[] = [];
  for (const [pattern, zone] of REGION_ZONES) if (pattern.test(tzid)) found.push(zone);
  for (const word of tzid.toLowerCase().split(/[(),/&]+|\s-\s/)) {
    const zone = cities().get(word.trim());
    if (zone) found.push(zone);
  }
  return found;
}

/** A zone from a place name a person might type ("Berlin", "new york", "Pacific Time"), or null. */
export function cityZone(place: string): string | null {
  const key = place.trim().toLowerCase();
  return cities().get(key) ?? zonesNamedIn(place)[0] ?? null;
}


// Names people use that neither IANA nor the city table has.
const ALIASES: Record<string, string> = {
  bangalore: "Asia/Kolkata",
  bombay: "Asia/Kolkata",
  nyc: "America/New_York",
  sf: "America/Los_Angeles",
  "bay area": "America/Los_Angeles",
  "silicon valley": "America/Los_Angeles",
  la: "America/Los_Angeles",
  dc: "America/New_York",
  "washington dc": "America/New_York",
  "washington d.c.": "America/New_York",
  uk: "Europe/London",
  england: "Europe/London",
  japan: "Asia/Tokyo",
  india: "Asia/Kolkata",
  germany: "Europe/Berlin",
  france: "Europe/Paris",
  joburg: "Africa/Johannesburg",
  jozi: "Africa/Johannesburg",
  jhb: "Africa/Johannesburg",
  "south africa": "Africa/Johannesburg",
  hk: "Asia/Hong_Kong",
  kl: "Asia/Kuala_Lumpur",
};

// Region names people say with "time": "Pacific time", "central", "eastern".
const REGIONS: Record<string, string> = {
  pacific: "America/Los_Angeles",
  mountain: "America/Denver",
  central: "America/Chicago",
  eastern: "America/New_York",
  atlantic: "America/Halifax",
  alaska: "America/Anchorage",
  hawaii: "Pacific/Honolulu",
  "central european": "Europe/Berlin",
  "western european": "Europe/Lisbon",
  "eastern european": "Europe/Helsinki",
  greenwich: "Etc/UTC",
};

/** Zone abbreviations stand for several zones each (IST: India, Israel, Ireland). */
const ABBREVIATION = /^[a-z]{2,5}$/;

function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * The zone a person means by a place or zone name: "Berlin", "São Paulo", "Pacific", "GMT+1",
 * "Europe/Berlin". "ambiguous" for an abbreviation such as "IST" or "CET" (say the city
 * instead), null when it is no place Rapport knows.
 */
export function zoneOfPlace(place: string): string | "ambiguous" | null {
  const text = folded(place).replace(/^(the|a)\s+/, "").replace(/[.!?,;:]+$/, "");
  if (text === "") return null;
  const offset = /^(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?00)?$/.exec(text);
  if (offset) {
    const hours = Number(offset[2]);
    if (hours === 0) return "Etc/UTC";
    // IANA's Etc/GMT zones carry the sign the other way round: UTC+1 is Etc/GMT-1.
    return hours <= 14 ? `Etc/GMT${offset[1] === "+" ? "-" : "+"}${hours}` : null;
  }
  if (/^(utc|gmt|zulu)$/.test(text)) return "Etc/UTC";
  if (/\//.test(place)) return canonicalTimeZone(place.trim());
  const region = REGIONS[text.replace(/\s+(standard |daylight )?time$/, "")];
  if (region) return region;
  const known = ALIASES[text] ?? (CITY_ZONES as Record<string, string>)[text] ?? cities().get(text) ?? null;
  if (known) return known;
  // "Phoenix AZ", "Portland, Oregon", "Lyon, France": the city, without its state or country.
  const city = /^(.+?),?\s+[a-z. ]{2,20}$/.exec(text)?.[1];
  if (city && city !== text) {
    const found = ALIASES[city] ?? (CITY_ZONES as Record<string, string>)[city] ?? cities().get(city);
    if (found) return found;
  }
  if (ABBREVIATION.test(text)) return "ambiguous";
  return null;
}
