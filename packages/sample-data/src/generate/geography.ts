import { COUNTRIES, STATES, TERRITORIES } from '../reference/geography.js';
import type { Rng } from '../rng.js';
import { dayOf, ts } from './world.js';
import type { Sink } from './world.js';

export const ADDRESS_TYPES = ['Billing', 'Home', 'Main Office', 'Primary', 'Shipping', 'Archive'] as const;
export const HOME = 2;
export const MAIN_OFFICE = 3;
export const SHIPPING = 5;

const REF_DAY = dayOf('2011-04-30');

/** Writes CountryRegion, SalesTerritory, StateProvince and AddressType; StateProvinceID is the 1-based index. */
export function generateGeography(rng: Rng, sink: Sink): void {
  for (const [code, name] of COUNTRIES) sink.append('Person.CountryRegion', [code, name, ts(REF_DAY)]);
  for (const t of TERRITORIES) {
    const ytd = rng.int(2_000_000, 10_000_000) * 10_000;
    sink.append('Sales.SalesTerritory', [
      t.id, t.name, t.country, t.group, ytd, Math.round(ytd * (0.6 + rng.next() * 0.6)), 0, 0, ts(REF_DAY),
    ]);
  }
  STATES.forEach((s, i) => {
    sink.append('Person.StateProvince', [
      i + 1, s.code.padEnd(3, ' '), s.country, false, s.name, s.territoryId, ts(REF_DAY),
    ]);
  });
  ADDRESS_TYPES.forEach((name, i) => sink.append('Person.AddressType', [i + 1, name, ts(REF_DAY)]));
}

const POSTAL: Record<string, (rng: Rng) => string> = {
  US: (rng) => String(rng.int(10000, 99950)),
  CA: (rng) => `V${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 25))} ${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 25))}${rng.int(1, 9)}`,
  AU: (rng) => String(rng.int(2000, 7999)),
  GB: (rng) => `${rng.pick(['SW', 'W', 'EC', 'OX', 'B', 'M', 'LS', 'EH', 'CF'])}${rng.int(1, 19)} ${rng.int(1, 9)}${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}`,
  FR: (rng) => String(rng.int(10000, 95999)),
  DE: (rng) => String(rng.int(10000, 99999)),
};

export function postalCode(rng: Rng, country: string): string {
  return (POSTAL[country] ?? POSTAL.US!)(rng);
}
