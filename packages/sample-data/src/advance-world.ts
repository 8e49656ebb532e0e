import type { DuckDBConnection } from '@duckdb/node-api';
import type { CustomerInfo, OfferInfo, ProductInfo, World } from './generate/world.js';
import { CATEGORIES } from './reference/catalog-spec.js';
import type { Rng } from './rng.js';

const ONLINE = new Map(CATEGORIES.flatMap((c) => c.subcategories.map((s) => [s.name, s.online] as const)));
const day = (v: unknown): number => Math.floor(Number(v) / 86_400);

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjects();
}

/**
 * Reads back what new orders need from an existing source (generated or real): customers with an address,
 * sellable products weighted by past sales (so best sellers stay best sellers), and the special offers.
 */
export async function readWorld(conn: DuckDBConnection, rng: Rng): Promise<World> {
  const customers: CustomerInfo[] = (await rows(conn, `
    SELECT c.CustomerID AS id, c.StoreID IS NOT NULL AS store, coalesce(c.TerritoryID, 1) AS territory,
           coalesce(o.bill, a.addr) AS bill, coalesce(o.ship, a.addr) AS ship, coalesce(o.n, 0) AS n
    FROM Sales.Customer c
    LEFT JOIN (SELECT CustomerID, max(BillToAddressID) AS bill, max(ShipToAddressID) AS ship, count(*) AS n
               FROM Sales.SalesOrderHeader GROUP BY 1) o USING (CustomerID)
    LEFT JOIN (SELECT BusinessEntityID, min(AddressID) AS addr FROM Person.BusinessEntityAddress GROUP BY 1) a
           ON a.BusinessEntityID = coalesce(c.StoreID, c.PersonID)
    WHERE coalesce(o.bill, a.addr) IS NOT NULL
    ORDER BY c.CustomerID`)).map((r) => ({
    id: Number(r.id), isStore: r.store === true, territoryId: Number(r.territory), billToAddressId: Number(r.bill),
    shipToAddressId: Number(r.ship), weight: (1 + Number(r.n)) * rng.pareto(2),
  }));
  const products: ProductInfo[] = (await rows(conn, `
    SELECT p.ProductID AS id, p.ListPrice AS price, c.Name AS category, s.Name AS sub,
           epoch(p.SellStartDate) AS start, epoch(p.SellEndDate) AS "end", coalesce(d.n, 0) AS n
    FROM Production.Product p
    JOIN Production.ProductSubcategory s USING (ProductSubcategoryID)
    JOIN Production.ProductCategory c ON c.ProductCategoryID = s.ProductCategoryID
    LEFT JOIN (SELECT ProductID, count(*) AS n FROM Sales.SalesOrderDetail GROUP BY 1) d USING (ProductID)
    WHERE p.ListPrice > 0 ORDER BY p.ProductID`)).map((r) => ({
    id: Number(r.id), listPrice4: Math.round(Number(r.price) * 10_000), category: String(r.category),
    subcategory: String(r.sub), online: ONLINE.get(String(r.sub)) ?? true, weight: Number(r.n),
    sellStart: day(r.start), sellEnd: r.end === null ? null : day(r.end),
  }));
  const members = await rows(conn, 'SELECT SpecialOfferID AS o, ProductID AS p FROM Sales.SpecialOfferProduct');
  const offers: OfferInfo[] = (await rows(conn, `
    SELECT SpecialOfferID AS id, DiscountPct AS pct, Category AS category, Type AS type, epoch(StartDate) AS s,
           epoch(EndDate) AS e, MinQty AS minq, MaxQty AS maxq
    FROM Sales.SpecialOffer ORDER BY SpecialOfferID`)).map((r) => ({
    id: Number(r.id), pct100: Math.round(Number(r.pct) * 100), category: String(r.category), type: String(r.type),
    start: day(r.s), end: day(r.e), minQty: Number(r.minq), maxQty: r.maxq === null ? null : Number(r.maxq),
    products: new Set(members.filter((m) => Number(m.o) === Number(r.id)).map((m) => Number(m.p))),
  }));
  return { customers, products, offers };
}
