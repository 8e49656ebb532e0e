import { STATES, STREET_KINDS, STREETS } from '../reference/geography.js';
import { FIRST_NAMES, LAST_NAMES, STORE_FIRST, STORE_SECOND, STORE_THIRD, SUFFIXES, TITLES } from '../reference/names.js';
import { WeightedPicker } from '../rng.js';
import type { Rng } from '../rng.js';
import { HOME, MAIN_OFFICE, SHIPPING, postalCode } from './geography.js';
import { dayOf, pad, ts } from './world.js';
import type { CustomerInfo, Sink } from './world.js';

/** AdventureWorks2019 at scale 1: 19,820 customers of which 701 are stores. */
export const CUSTOMERS_AT_SCALE_1 = 19_820;
export const STORES_AT_SCALE_1 = 701;
const FIRST_DAY = dayOf('2011-05-01');
const LAST_DAY = dayOf('2014-06-30');

interface Ids { entity: number; address: number }

/**
 * Writes Person, Store, Customer, Address and BusinessEntityAddress. Stores come first (CustomerID 1..S), then
 * individuals. Every individual has a Home address except ~0.5% (their orders ship to an unlinked address);
 * ~1% have a second Home address with a higher AddressID; stores have a Main Office and sometimes Shipping.
 */
export function generateCustomers(rng: Rng, sink: Sink, scale: number): CustomerInfo[] {
  const total = Math.max(20, Math.round(CUSTOMERS_AT_SCALE_1 * scale));
  const stores = Math.max(2, Math.round(STORES_AT_SCALE_1 * scale));
  const statePicker = new WeightedPicker(STATES.map((s) => s.weight));
  const ids: Ids = { entity: 0, address: 0 };
  const customers: CustomerInfo[] = [];
  for (let i = 1; i <= total; i++) {
    const stateIndex = statePicker.pick(rng);
    customers.push(i <= stores ? writeStore(rng, sink, ids, i, stateIndex) : writeIndividual(rng, sink, ids, i, stateIndex));
  }
  return customers;
}

function writeStore(rng: Rng, sink: Sink, ids: Ids, customerId: number, stateIndex: number): CustomerInfo {
  const storeId = ++ids.entity;
  const day = modifiedDay(rng);
  const name = `${rng.pick(STORE_FIRST)} ${rng.pick(STORE_SECOND)} ${rng.pick(STORE_THIRD)}`;
  sink.append('Sales.Store', [storeId, name, 274 + rng.int(0, 16), ts(day)]);
  const main = writeAddress(rng, sink, ids, stateIndex, day);
  sink.append('Person.BusinessEntityAddress', [storeId, main, MAIN_OFFICE, ts(day)]);
  let ship = main;
  if (rng.chance(0.1)) {
    ship = writeAddress(rng, sink, ids, stateIndex, day);
    sink.append('Person.BusinessEntityAddress', [storeId, ship, SHIPPING, ts(day)]);
  }
  let personId: number | null = null;
  if (rng.chance(0.5)) {
    personId = ++ids.entity;
    writePerson(rng, sink, personId, 'SC', day);
  }
  const territoryId = (STATES[stateIndex] as { territoryId: number }).territoryId;
  sink.append('Sales.Customer', [customerId, personId, storeId, territoryId, `AW${pad(customerId, 8)}`, ts(day)]);
  return { id: customerId, isStore: true, territoryId, billToAddressId: main, shipToAddressId: ship, weight: rng.pareto(1.8) };
}

function writeIndividual(rng: Rng, sink: Sink, ids: Ids, customerId: number, stateIndex: number): CustomerInfo {
  const personId = ++ids.entity;
  const day = modifiedDay(rng);
  writePerson(rng, sink, personId, 'IN', day);
  const home = writeAddress(rng, sink, ids, stateIndex, day);
  if (rng.chance(0.005)) {
    // No linked address: the orders still ship somewhere, so the address exists but no BusinessEntityAddress.
  } else {
    sink.append('Person.BusinessEntityAddress', [personId, home, HOME, ts(day)]);
    if (rng.chance(0.01)) {
      const second = writeAddress(rng, sink, ids, stateIndex, day);
      sink.append('Person.BusinessEntityAddress', [personId, second, HOME, ts(day)]);
    }
  }
  const territoryId = (STATES[stateIndex] as { territoryId: number }).territoryId;
  sink.append('Sales.Customer', [customerId, personId, null, territoryId, `AW${pad(customerId, 8)}`, ts(day)]);
  return { id: customerId, isStore: false, territoryId, billToAddressId: home, shipToAddressId: home, weight: rng.pareto(1.6) };
}

function writePerson(rng: Rng, sink: Sink, id: number, type: 'IN' | 'SC', day: number): void {
  const middle = rng.chance(0.6) ? `${String.fromCharCode(65 + rng.int(0, 25))}` : null;
  sink.append('Person.Person', [
    id, type, false, rng.chance(0.06) ? rng.pick(TITLES) : null, rng.pick(FIRST_NAMES), middle, rng.pick(LAST_NAMES),
    rng.chance(0.01) ? rng.pick(SUFFIXES) : null, rng.int(0, 2), ts(day),
  ]);
}

function writeAddress(rng: Rng, sink: Sink, ids: Ids, stateIndex: number, day: number): number {
  const state = STATES[stateIndex] as (typeof STATES)[number];
  const id = ++ids.address;
  const line2 = rng.chance(0.04) ? `Unit ${rng.int(1, 400)}` : null;
  sink.append('Person.Address', [
    id, `${rng.int(1, 9999)} ${rng.pick(STREETS)} ${rng.pick(STREET_KINDS)}`, line2, rng.pick(state.cities),
    stateIndex + 1, postalCode(rng, state.country), ts(day),
  ]);
  return id;
}

function modifiedDay(rng: Rng): number {
  return FIRST_DAY + rng.int(0, LAST_DAY - FIRST_DAY);
}
