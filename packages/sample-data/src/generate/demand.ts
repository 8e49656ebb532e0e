import { dayOf } from './world.js';

/** AdventureWorks2019 at scale 1: 31,465 orders (about 12% from stores), 2011-05-31 .. 2014-06-30. */
export const ORDERS_AT_SCALE_1 = 31_465;
export const STORE_SHARE = 0.12;
export const FIRST_ORDER_DAY = dayOf('2011-05-31');
export const LAST_ORDER_DAY = dayOf('2014-06-30');

const ONLINE_TAKEOFF = dayOf('2013-06-20');
// Spring and December are busy, late winter slow: a bike shop's year.
const SEASON = [0.85, 0.8, 1.0, 1.05, 1.1, 1.15, 1.1, 1.05, 0.95, 0.95, 1.0, 1.2];

function season(day: number): number {
  return SEASON[new Date(day * 86_400_000).getUTCMonth()] as number;
}

/** Relative order intake of individuals: slow at first, then a sharp rise mid-2013 (the web shop took off). */
export function individualWeight(day: number): number {
  const growth = 1 + 11 / (1 + Math.exp(-(day - ONLINE_TAKEOFF) / 20)) + (day - FIRST_ORDER_DAY) / 700;
  return growth * season(day);
}

/** Relative order intake of stores: steady growth, with resellers ordering at the end of a month. */
export function storeWeight(day: number): number {
  const date = new Date(day * 86_400_000);
  const next = new Date((day + 3) * 86_400_000);
  const monthEnd = next.getUTCMonth() !== date.getUTCMonth() ? 6 : 0.4;
  return (1 + (day - FIRST_ORDER_DAY) / 600) * season(day) * monthEnd;
}

function totalWeight(weight: (day: number) => number): number {
  let sum = 0;
  for (let d = FIRST_ORDER_DAY; d <= LAST_ORDER_DAY; d++) sum += weight(d);
  return sum;
}

const IND_TOTAL = totalWeight(individualWeight);
const STORE_TOTAL = totalWeight(storeWeight);

/** Expected orders on a day at a scale; the same function drives the first load and `--advance`. */
export function expectedOrders(day: number, scale: number): { individual: number; store: number } {
  return {
    individual: (ORDERS_AT_SCALE_1 * (1 - STORE_SHARE) * scale * individualWeight(day)) / IND_TOTAL,
    store: (ORDERS_AT_SCALE_1 * STORE_SHARE * scale * storeWeight(day)) / STORE_TOTAL,
  };
}
