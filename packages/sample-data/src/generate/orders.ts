import { CATEGORIES } from '../reference/catalog-spec.js';
import type { Rng } from '../rng.js';
import { CustomerChooser, OfferChooser, ProductChooser } from './choosers.js';
import { expectedOrders } from './demand.js';
import { pad, ts } from './world.js';
import type { CustomerInfo, Sink, World } from './world.js';

export interface OrderIds { order: number; detail: number; ret: number }

export interface OrderPlan {
  firstDay: number;
  lastDay: number;
  scale: number;
  /** Share of orders that bring a customer's first order; 0 when only existing customers buy. */
  newShare: { individual: number; store: number };
  /** Returns dated after this day are not written yet (they have not happened). */
  asOfDay: number;
}

const RETURN_RATE = new Map(CATEGORIES.map((c) => [c.name, c.returnRate]));
const RETURN_REASONS: Record<string, string[]> = {
  Clothing: ['Wrong size', 'Wrong size', 'Wrong size', 'Not as described', 'Changed mind', 'Defective'],
  Bikes: ['Defective', 'Damaged in transit', 'Not as described', 'Changed mind'],
  default: ['Defective', 'Defective', 'Damaged in transit', 'Not as described', 'Changed mind'],
};
// AdventureWorks charges 8% tax and 2.5% freight on the subtotal.
const TAX_RATE = 0.08;
const FREIGHT_RATE = 0.025;

/** Writes SalesOrderHeader, SalesOrderDetail and SalesOrderReturn day by day; `ids` advances as it goes. */
export async function generateOrders(rng: Rng, sink: Sink, world: World, plan: OrderPlan, ids: OrderIds): Promise<void> {
  const individuals = new CustomerChooser(world.customers.filter((c) => !c.isStore), plan.newShare.individual,
    plan.newShare.individual > 0 ? 0 : Number.MAX_SAFE_INTEGER);
  const stores = new CustomerChooser(world.customers.filter((c) => c.isStore), plan.newShare.store,
    plan.newShare.store > 0 ? 0 : Number.MAX_SAFE_INTEGER);
  const ctx: Ctx = { rng, sink, plan, ids, products: new ProductChooser(world.products), offers: new OfferChooser(world.offers) };
  const carry = { individual: rng.next(), store: rng.next() };
  for (let day = plan.firstDay; day <= plan.lastDay; day++) {
    const expected = expectedOrders(day, plan.scale);
    for (const kind of ['store', 'individual'] as const) {
      const want = expected[kind] * (0.75 + rng.next() * 0.5) + carry[kind];
      const count = Math.floor(want);
      carry[kind] = want - count;
      const chooser = kind === 'store' ? stores : individuals;
      for (let i = 0; i < count; i++) writeOrder(ctx, chooser.pick(rng), day);
    }
    await sink.checkpoint();
  }
}

interface Ctx {
  rng: Rng;
  sink: Sink;
  plan: OrderPlan;
  ids: OrderIds;
  products: ProductChooser;
  offers: OfferChooser;
}

function writeOrder(ctx: Ctx, customer: CustomerInfo, day: number): void {
  const { rng, ids } = ctx;
  const orderId = ids.order++;
  const shipDay = day + 7;
  const lineCount = customer.isStore ? Math.min(72, rng.geometric(17)) : Math.min(8, rng.geometric(2.2));
  const tracking = customer.isStore ? `${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 2)}` : null;
  const seen = new Set<number>();
  let subtotalMicro = 0;
  for (let n = 0; n < lineCount; n++) {
    const segment = customer.isStore ? 'store' : n === 0 && rng.chance(0.6) ? 'bike' : 'online';
    let product = ctx.products.pick(rng, segment, day);
    // A line per product: redraw a few times on a repeat, then give the line up.
    for (let tries = 0; seen.has(product.id) && tries < 4; tries++) product = ctx.products.pick(rng, segment, day);
    if (seen.has(product.id)) continue;
    seen.add(product.id);
    subtotalMicro += writeLine(ctx, orderId, product, customer.isStore, day, tracking);
  }
  // SubTotal is money (4 decimals) rounded from the exact sum of the 6-decimal line totals, as in AdventureWorks.
  const subtotal = Math.round(subtotalMicro / 100);
  const tax = Math.round(subtotal * TAX_RATE);
  const freight = Math.round(subtotal * FREIGHT_RATE);
  ctx.sink.append('Sales.SalesOrderHeader', [
    orderId, 8, ts(day), ts(day + 12), ts(shipDay), 5, !customer.isStore, `SO${orderId}`,
    customer.isStore ? `PO${rng.int(100000000, 999999999)}${rng.int(10, 99)}` : null,
    `10-4030-${pad(customer.id, 6)}`, customer.id, customer.isStore ? 274 + rng.int(0, 16) : null, customer.territoryId,
    customer.billToAddressId, customer.shipToAddressId, customer.isStore ? 5 : 1,
    rng.chance(0.97) ? rng.int(1, 19000) : null, `${rng.int(100000, 999999)}Vi${rng.int(1000, 99999)}`, null,
    subtotal, tax, freight, subtotal + tax + freight, null, ts(shipDay),
  ]);
}

/** Writes one line (and maybe its return); returns LineTotal in millionths. */
function writeLine(
  ctx: Ctx, orderId: number, product: { id: number; listPrice4: number; category: string },
  isStore: boolean, day: number, tracking: string | null,
): number {
  const { rng, ids } = ctx;
  const qty = isStore ? (rng.chance(0.03) ? 11 + Math.floor(rng.pareto(2.5) * 5) : rng.geometric(2.2)) : 1;
  const orderQty = Math.min(qty, 200);
  // Resellers pay 60% of list, as AdventureWorks' reseller prices run.
  const price4 = isStore ? Math.round(product.listPrice4 * 0.6) : product.listPrice4;
  const offer = ctx.offers.choose(rng, product.id, orderQty, isStore, day);
  const lineMicro = price4 * (100 - offer.pct100) * orderQty;
  const detailId = ids.detail++;
  ctx.sink.append('Sales.SalesOrderDetail', [
    orderId, detailId, tracking, orderQty, product.id, offer.id, price4, offer.pct100 * 100, lineMicro, ts(day),
  ]);
  maybeReturn(ctx, orderId, detailId, product.category, orderQty, isStore, day);
  return lineMicro;
}

function maybeReturn(
  ctx: Ctx, orderId: number, detailId: number, category: string, qty: number, isStore: boolean, day: number,
): void {
  const { rng } = ctx;
  const rate = (RETURN_RATE.get(category) ?? 0.03) * (isStore ? 0.8 : 1.3);
  if (!rng.chance(rate)) return;
  const returnDay = day + 7 + rng.int(3, 45);
  const units = qty === 1 ? 1 : rng.int(1, Math.max(1, Math.ceil(qty / 3)));
  const reason = rng.pick(RETURN_REASONS[category] ?? RETURN_REASONS.default!);
  if (returnDay > ctx.plan.asOfDay) return;
  ctx.sink.append('Sales.SalesOrderReturn', [ctx.ids.ret++, orderId, detailId, ts(returnDay), units, reason, ts(returnDay)]);
}

function hex(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789ABCDEF'[rng.int(0, 15)];
  return s;
}
