import { WeightedPicker } from '../rng.js';
import type { Rng } from '../rng.js';
import type { CustomerInfo, OfferInfo, ProductInfo } from './world.js';

/**
 * Picks the customer of an order: with probability `newShare` the next customer not yet seen (their first
 * order), otherwise a repeat buyer among those already acquired, weighted by a long-tailed propensity.
 */
export class CustomerChooser {
  private readonly cumulative: Float64Array;
  private acquired: number;

  constructor(private readonly customers: CustomerInfo[], private readonly newShare: number, acquired = 0) {
    this.cumulative = new Float64Array(customers.length);
    let sum = 0;
    customers.forEach((c, i) => {
      sum += c.weight;
      this.cumulative[i] = sum;
    });
    this.acquired = Math.min(acquired, customers.length);
  }

  pick(rng: Rng): CustomerInfo {
    const fresh = rng.next() < this.newShare;
    if ((fresh || this.acquired === 0) && this.acquired < this.customers.length) {
      return this.customers[this.acquired++] as CustomerInfo;
    }
    const x = rng.next() * (this.cumulative[this.acquired - 1] as number);
    let lo = 0;
    let hi = this.acquired - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > x) hi = mid;
      else lo = mid + 1;
    }
    return this.customers[lo] as CustomerInfo;
  }
}

type Segment = 'bike' | 'online' | 'store';

/** Picks products on sale on a day, per segment; pickers are cached per month. */
export class ProductChooser {
  private readonly cache = new Map<string, { items: ProductInfo[]; picker: WeightedPicker }>();

  constructor(private readonly products: ProductInfo[]) {}

  pick(rng: Rng, segment: Segment, day: number): ProductInfo {
    const month = Math.floor(day / 30.44);
    const key = `${segment}:${month}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const mid = Math.round((month + 0.5) * 30.44);
      const items = this.products.filter((p) => p.weight > 0 && onSale(p, mid) && inSegment(p, segment));
      const fallback = items.length > 0 ? items : this.products.filter((p) => p.weight > 0);
      entry = { items: fallback, picker: new WeightedPicker(fallback.map((p) => p.weight)) };
      this.cache.set(key, entry);
    }
    return entry.items[entry.picker.pick(rng)] as ProductInfo;
  }
}

function onSale(p: ProductInfo, day: number): boolean {
  return p.sellStart <= day && (p.sellEnd === null || day <= p.sellEnd);
}

function inSegment(p: ProductInfo, segment: Segment): boolean {
  if (segment === 'store') return true;
  if (segment === 'bike') return p.online && p.category === 'Bikes';
  return p.online && p.category !== 'Bikes';
}

/** Chooses the special offer of a line: the best active promotion or volume tier, else "No Discount". */
export class OfferChooser {
  private readonly none: OfferInfo;

  constructor(private readonly offers: OfferInfo[]) {
    const none = offers.find((o) => o.pct100 === 0) ?? offers[0];
    if (!none) throw new Error('no special offers to choose from');
    this.none = none;
  }

  choose(rng: Rng, productId: number, qty: number, isStore: boolean, day: number): OfferInfo {
    let best = this.none;
    for (const o of this.offers) {
      if (o.pct100 <= best.pct100 || day < o.start || day > o.end || !o.products.has(productId)) continue;
      if (o.category !== (isStore ? 'Reseller' : 'Customer')) continue;
      if (qty < o.minQty || (o.maxQty !== null && qty > o.maxQty)) continue;
      // Volume tiers always apply; a promotion is taken up on most lines, not all.
      if (o.type !== 'Volume Discount' && !rng.chance(0.7)) continue;
      best = o;
    }
    return best;
  }
}
