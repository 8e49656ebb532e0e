import type { Row } from '../tables.js';

/** Where generated rows go: a DuckDB appender, SQL Server INSERT batches. `checkpoint` lets a slow sink drain. */
export interface Sink {
  append(table: string, row: Row): void;
  checkpoint(): Promise<void>;
}

export interface ProductInfo {
  id: number;
  listPrice4: number;
  category: string;
  subcategory: string;
  online: boolean;
  /** Relative chance of being on an order line. 0 for products nobody buys. */
  weight: number;
  sellStart: number;
  sellEnd: number | null;
}

export interface CustomerInfo {
  id: number;
  isStore: boolean;
  territoryId: number;
  billToAddressId: number;
  shipToAddressId: number;
  /** Repeat-purchase propensity (long-tailed). */
  weight: number;
}

export interface OfferInfo {
  id: number;
  /** Discount in hundredths (2 = 2%), so line totals stay exact. */
  pct100: number;
  category: string;
  type: string;
  start: number;
  end: number;
  minQty: number;
  maxQty: number | null;
  products: Set<number>;
}

/** What order generation needs to know, whether freshly generated or read back from an existing source. */
export interface World {
  customers: CustomerInfo[];
  products: ProductInfo[];
  offers: OfferInfo[];
}

export const DAY = 86_400;
export const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 1000 / DAY);
/** A datetime cell: epoch seconds. */
export const ts = (day: number, seconds = 0): number => day * DAY + seconds;
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
