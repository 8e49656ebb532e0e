import { Rng } from '../rng.js';
import { generateCustomers } from './customers.js';
import { FIRST_ORDER_DAY, LAST_ORDER_DAY, ORDERS_AT_SCALE_1, STORE_SHARE } from './demand.js';
import { generateGeography } from './geography.js';
import { generateOrders } from './orders.js';
import type { OrderIds } from './orders.js';
import { generateOffers, generateProducts } from './products.js';
import type { Sink } from './world.js';

export interface GenerateOptions {
  /** 1 ≈ AdventureWorks2019's size; 0.01 – 100. */
  scale: number;
  seed: number;
}

/** AdventureWorks' first SalesOrderID. */
export const FIRST_ORDER_ID = 43_659;

/** Writes every table for a scale and seed into the sink. Each part draws from its own stream of the seed. */
export async function generate(sink: Sink, options: GenerateOptions): Promise<OrderIds> {
  const { scale, seed } = options;
  generateGeography(new Rng(seed, 1), sink);
  const products = generateProducts(new Rng(seed, 2), sink, scale);
  const offers = generateOffers(sink, products);
  const customers = generateCustomers(new Rng(seed, 3), sink, scale);
  await sink.checkpoint();
  const ids: OrderIds = { order: FIRST_ORDER_ID, detail: 1, ret: 1 };
  const individuals = customers.filter((c) => !c.isStore).length;
  const stores = customers.length - individuals;
  const orders = ORDERS_AT_SCALE_1 * scale;
  // About 96.5% of customers order at least once, as in AdventureWorks.
  const newShare = {
    individual: Math.min(0.97, (0.965 * individuals) / (orders * (1 - STORE_SHARE))),
    store: Math.min(0.97, (0.965 * stores) / (orders * STORE_SHARE)),
  };
  await generateOrders(new Rng(seed, 4), sink, { customers, products, offers }, {
    firstDay: FIRST_ORDER_DAY, lastDay: LAST_ORDER_DAY, scale, newShare, asOfDay: LAST_ORDER_DAY,
  }, ids);
  return ids;
}
