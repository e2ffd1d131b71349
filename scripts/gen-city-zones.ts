/**
 * `npm run gen:city-zones`: writes src/time/city-zones.json, the cities a person may name in a
 * reply ("I'm in Bangalore now") with their IANA zone, from the `city-timezones` package (MIT;
 * Natural Earth populated places). Only cities of 300,000 people or more, so the table stays
 * small (it ships in the Worker): a smaller place is still found when it gives its name to an
 * IANA zone (time/place-zones.ts). Where two cities share a name, the larger wins.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

interface City {
  city: string;
  city_ascii: string;
  pop: number;
  timezone: string;
}

const MIN_POPULATION = 300_000;
const require = createRequire(import.meta.url);
const cities = JSON.parse(readFileSync(require.resolve("city-timezones/data/cityMap.json"), "utf8")) as City[];

const byName = new Map<string, { zone: string; pop: number }>();
for (const city of cities) {
  if (city.pop < MIN_POPULATION || !city.timezone) continue;
  for (const name of new Set([city.city, city.city_ascii].map((n) => n.trim().toLowerCase()))) {
    const known = byName.get(name);
    if (!known || known.pop < city.pop) byName.set(name, { zone: city.timezone, pop: city.pop });
  }
}
const table = Object.fromEntries([...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, { zone }]) => [name, zone]));
writeFileSync(new URL("../src/time/city-zones.json", import.meta.url), `${JSON.stringify(table, null, 0)}\n`);
process.stdout.write(`${Object.keys(table).length} cities\n`);
