import { CATEGORIES, NON_SELLABLE_COUNT, PART_NOUNS } from '../reference/catalog-spec.js';
import type { SubcategorySpec } from '../reference/catalog-spec.js';
import { REVIEW_COMMENTS, FIRST_NAMES, LAST_NAMES } from '../reference/names.js';
import type { Rng } from '../rng.js';
import { dayOf, ts } from './world.js';
import type { OfferInfo, ProductInfo, Sink } from './world.js';

const CATALOG_DAY = dayOf('2011-04-30');
const LAUNCHES = [dayOf('2011-05-31'), dayOf('2012-05-30'), dayOf('2013-05-30')];

/** Writes ProductCategory, ProductSubcategory, Product and ProductReview; returns what orders need. */
export function generateProducts(rng: Rng, sink: Sink, scale: number): ProductInfo[] {
  const products: ProductInfo[] = [];
  let subId = 0;
  CATEGORIES.forEach((cat, ci) => {
    sink.append('Production.ProductCategory', [ci + 1, cat.name, ts(CATALOG_DAY)]);
    for (const sub of cat.subcategories) {
      subId += 1;
      sink.append('Production.ProductSubcategory', [subId, ci + 1, sub.name, ts(CATALOG_DAY)]);
      for (const item of pickCombos(rng, sub)) {
        products.push(writeProduct(rng, sink, products.length + 1, { ...item, sub, subId, ...cat, category: cat.name }));
      }
    }
  });
  writeParts(rng, sink, products.length + 1);
  writeReviews(rng, sink, products, scale);
  return products;
}

interface Combo { family: string; familyIndex: number; color: string | null; size: string | null }

/** Every family × colour × size, thinned evenly to the subcategory's product count. */
function pickCombos(rng: Rng, sub: SubcategorySpec): Combo[] {
  const all: Combo[] = [];
  sub.families.forEach((family, familyIndex) => {
    for (const color of sub.colors) for (const size of sub.sizes) all.push({ family, familyIndex, color, size });
  });
  const step = all.length / sub.count;
  const offset = rng.next() * step;
  return Array.from({ length: sub.count }, (_, i) => all[Math.floor(offset + i * step)] as Combo);
}

interface ProductSpec extends Combo {
  sub: SubcategorySpec;
  subId: number;
  category: string;
  costRatio: number;
}

function writeProduct(rng: Rng, sink: Sink, id: number, p: ProductSpec): ProductInfo {
  const { sub } = p;
  const tier = sub.families.length > 1 ? p.familyIndex / (sub.families.length - 1) : 0;
  const [lo, hi] = sub.price;
  const list = lo * Math.pow(hi / lo, tier) * (1 + (rng.next() - 0.5) * 0.04);
  const listPrice4 = Math.round(list * 100) * 100;
  const cost4 = Math.round(listPrice4 * p.costRatio * (0.95 + rng.next() * 0.1));
  const name = `${p.family}${p.color ? ` ${p.color}` : ''}${p.size ? `, ${p.size}` : ''}`;
  const number = `${sub.code}-${p.family.replace(/[^A-Z0-9]/g, '').slice(0, 4)}${p.color?.[0] ?? ''}${p.size ? `-${p.size}` : ''}`;
  const launch = rng.chance(0.75) ? (LAUNCHES[0] as number) : rng.pick(LAUNCHES);
  const sellEnd = launch === LAUNCHES[0] && rng.chance(0.12) ? dayOf('2013-05-29') : null;
  const isBike = p.category === 'Bikes';
  // Entry models sell more often than top models: popularity falls with the tier.
  const weight = rng.chance(0.08) ? 0 : sub.lines * (1.6 - tier) * rng.pareto(2);
  sink.append('Production.Product', [
    id, name, `${number}-${id}`, isBike, true, p.color, isBike ? 100 : 500, isBike ? 75 : 375, cost4, listPrice4,
    p.size, p.size && /^\d+$/.test(p.size) ? 'CM ' : null, isBike ? 'LB ' : null, isBike ? 1300 + rng.int(0, 1200) : null,
    isBike ? 4 : rng.int(0, 1), isBike ? rng.pick(['M ', 'R ', 'T ']) : rng.pick(['S ', 'M ', 'R ']),
    rng.pick(['L ', 'M ', 'H ']), sub.sizes[0] ? rng.pick(['U ', 'M ', 'W ']) : null, p.subId, p.subId * 10 + p.familyIndex,
    ts(launch), sellEnd === null ? null : ts(sellEnd), null, ts(launch - 30),
  ]);
  return {
    id, listPrice4, category: p.category, subcategory: `${sub.name}|${p.family}`, online: sub.online, weight,
    sellStart: launch, sellEnd,
  };
}

function writeParts(rng: Rng, sink: Sink, firstId: number): void {
  for (let i = 0; i < NON_SELLABLE_COUNT; i++) {
    const noun = PART_NOUNS[i % PART_NOUNS.length] as string;
    const n = Math.floor(i / PART_NOUNS.length) + 1;
    const id = firstId + i;
    sink.append('Production.Product', [
      id, `${noun} ${n}`, `${noun.replace(/[^A-Z]/g, '')}-${1000 + id}`, rng.chance(0.5), false, null, 800, 600, 0, 0,
      null, null, null, null, 0, null, null, null, null, null, ts(CATALOG_DAY), null, null, ts(CATALOG_DAY),
    ]);
  }
}

function writeReviews(rng: Rng, sink: Sink, products: ProductInfo[], scale: number): void {
  const sold = products.filter((p) => p.weight > 0 && p.online);
  const count = Math.max(4, Math.round(4 * scale));
  for (let i = 1; i <= count; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const day = dayOf('2012-01-01') + rng.int(0, 900);
    sink.append('Production.ProductReview', [
      i, rng.pick(sold).id, `${first} ${last}`, ts(day), `${first}.${last}@example.com`.toLowerCase(),
      rng.pick([2, 3, 4, 4, 5, 5, 5]), rng.pick(REVIEW_COMMENTS), ts(day),
    ]);
  }
}

/** Sales.SpecialOffer and Sales.SpecialOfferProduct: volume tiers for resellers, dated promotions. */
export function generateOffers(sink: Sink, products: ProductInfo[]): OfferInfo[] {
  return OFFER_SPECS.map(([desc, pct, type, category, start, end, minQty, maxQty, match], i) => {
    const offer: OfferInfo = {
      id: i + 1, pct100: pct, category, type, start: dayOf(start), end: dayOf(end), minQty, maxQty,
      products: new Set(products.filter((p) => matches(p, match)).map((p) => p.id)),
    };
    const modified = ts(offer.start - 30);
    sink.append('Sales.SpecialOffer', [
      offer.id, desc, pct * 100, type, category, ts(offer.start), ts(offer.end), minQty, maxQty, modified,
    ]);
    for (const id of offer.products) sink.append('Sales.SpecialOfferProduct', [offer.id, id, modified]);
    return offer;
  });
}

function matches(p: ProductInfo, match: string): boolean {
  return match === '*' || p.subcategory.startsWith(`${match}|`) || p.subcategory.split('|')[1]?.startsWith(match) === true;
}

type OfferSpec = [string, number, string, string, string, string, number, number | null, string];
const OFFER_SPECS: OfferSpec[] = [
  ['No Discount', 0, 'No Discount', 'No Discount', '2011-05-01', '2014-11-30', 0, null, '*'],
  ['Volume Discount 11 to 14', 2, 'Volume Discount', 'Reseller', '2011-05-31', '2014-05-30', 11, 14, '*'],
  ['Volume Discount 15 to 24', 5, 'Volume Discount', 'Reseller', '2011-05-31', '2014-05-30', 15, 24, '*'],
  ['Volume Discount 25 to 40', 10, 'Volume Discount', 'Reseller', '2011-05-31', '2014-05-30', 25, 40, '*'],
  ['Volume Discount 41 to 60', 15, 'Volume Discount', 'Reseller', '2011-05-31', '2014-05-30', 41, 60, '*'],
  ['Volume Discount over 60', 20, 'Volume Discount', 'Reseller', '2011-05-31', '2014-05-30', 61, null, '*'],
  ['Summit-100 Clearance Sale', 35, 'Discontinued Product', 'Reseller', '2012-04-13', '2012-05-29', 0, null, 'Summit-100'],
  ['Helmet Discount 2012', 10, 'Seasonal Discount', 'Reseller', '2012-05-30', '2012-06-29', 0, null, 'Helmets'],
  ['Velo-650 Overstock', 30, 'Excess Inventory', 'Reseller', '2012-05-30', '2012-07-30', 0, null, 'Velo-650'],
  ['Mountain Tire Sale', 50, 'Excess Inventory', 'Customer', '2013-05-14', '2013-07-29', 0, null, 'HL Mountain Tire'],
  ['Helmet Discount 2013', 15, 'Seasonal Discount', 'Reseller', '2013-05-30', '2013-06-29', 0, null, 'Helmets'],
  ['LL Road Frame Sale', 35, 'Excess Inventory', 'Reseller', '2013-05-30', '2013-07-14', 0, null, 'LL Road Frame'],
  ['Tour-3000 Promotion', 15, 'New Product', 'Reseller', '2013-05-30', '2013-08-29', 0, null, 'Tour-3000'],
  ['Tour-1000 Promotion', 20, 'New Product', 'Reseller', '2013-05-30', '2013-08-29', 0, null, 'Tour-1000'],
  ['Half-Price Pedal Sale', 50, 'Seasonal Discount', 'Customer', '2013-07-14', '2013-08-14', 0, null, 'Pedals'],
  ['Trail-500 Clearance Sale', 40, 'Discontinued Product', 'Reseller', '2014-03-31', '2014-05-30', 0, null, 'Trail-500'],
  ['Summer Accessories Promotion', 5, 'Seasonal Discount', 'Customer', '2013-06-01', '2013-08-31', 0, null, 'Helmets'],
  ['Jersey Week', 10, 'Seasonal Discount', 'Customer', '2014-04-01', '2014-04-30', 0, null, 'Jerseys'],
];
