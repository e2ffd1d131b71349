/**
 * Time zones from the names people and calendars give places: "Berlin", "new york", "Pacific
 * Time", "(UTC-05:00) Eastern Time (US & Canada)". Used for invites whose TZID is a display name
 * and for a user's "time zone <city>" reply. Built on the runtime's own IANA list (Intl).
 */

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
