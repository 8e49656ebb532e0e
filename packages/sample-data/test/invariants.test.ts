import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeGeneratedFile } from '@tsdbt/sample-data';
import { query, scalar, tempDir } from './helpers.js';

const path = join(tempDir(), 'inv.duckdb');
beforeAll(async () => {
  await writeGeneratedFile(path, { scale: 0.2, seed: 5 });
});

describe('amounts', () => {
  it('LineTotal = UnitPrice × (1 − UnitPriceDiscount) × OrderQty exactly', async () => {
    expect(await scalar(path, `SELECT count(*) FROM Sales.SalesOrderDetail
      WHERE LineTotal <> UnitPrice * (1 - UnitPriceDiscount) * OrderQty`)).toBe('0');
  });

  it('SubTotal = sum of the lines rounded to money; TotalDue = SubTotal + TaxAmt + Freight', async () => {
    const [[r]] = await query(path, `SELECT
      max(abs(h.SubTotal - d.s)) AS worst, count(*) FILTER (WHERE h.TotalDue <> h.SubTotal + h.TaxAmt + h.Freight) AS bad,
      count(*) FILTER (WHERE h.TaxAmt <> round(h.SubTotal * 0.08, 4)) AS badtax
      FROM Sales.SalesOrderHeader h JOIN (SELECT SalesOrderID, sum(LineTotal) AS s FROM Sales.SalesOrderDetail GROUP BY 1) d
      USING (SalesOrderID)`) as [[Record<string, string>]];
    expect(Number(r.worst)).toBeLessThanOrEqual(0.00005);
    expect(r.bad).toBe('0');
    expect(r.badtax).toBe('0');
  });

  it('has discounts in every band, stores and individuals, returns differing by category', async () => {
    const [bands, kinds, rates] = await query(path,
      `SELECT DISTINCT CASE WHEN UnitPriceDiscount = 0 THEN 'none' WHEN UnitPriceDiscount <= 0.1 THEN 'low'
         WHEN UnitPriceDiscount <= 0.2 THEN 'mid' ELSE 'high' END AS band FROM Sales.SalesOrderDetail ORDER BY 1`,
      `SELECT DISTINCT OnlineOrderFlag AS online FROM Sales.SalesOrderHeader ORDER BY 1`,
      `SELECT c.Name AS category, sum(r.ReturnQty) / sum(d.OrderQty) AS rate
       FROM Sales.SalesOrderDetail d JOIN Production.Product p USING (ProductID)
       JOIN Production.ProductSubcategory s USING (ProductSubcategoryID)
       JOIN Production.ProductCategory c ON c.ProductCategoryID = s.ProductCategoryID
       LEFT JOIN Sales.SalesOrderReturn r ON r.SalesOrderDetailID = d.SalesOrderDetailID GROUP BY 1`);
    expect(bands!.map((b) => b.band)).toEqual(['high', 'low', 'mid', 'none']);
    expect(kinds!.map((k) => k.online)).toEqual([false, true]);
    const byCat = Object.fromEntries(rates!.map((r) => [r.category, Number(r.rate)]));
    expect(byCat.Clothing).toBeGreaterThan(byCat.Bikes! * 2);
  });
});

const ORPHANS: [string, string][] = [
  ['detail → header', 'Sales.SalesOrderDetail d ANTI JOIN Sales.SalesOrderHeader h USING (SalesOrderID)'],
  ['header → detail', 'Sales.SalesOrderHeader h ANTI JOIN Sales.SalesOrderDetail d USING (SalesOrderID)'],
  ['header → customer', 'Sales.SalesOrderHeader h ANTI JOIN Sales.Customer c USING (CustomerID)'],
  ['header → ship address', 'Sales.SalesOrderHeader h ANTI JOIN Person.Address a ON a.AddressID = h.ShipToAddressID'],
  ['header → bill address', 'Sales.SalesOrderHeader h ANTI JOIN Person.Address a ON a.AddressID = h.BillToAddressID'],
  ['header → territory', 'Sales.SalesOrderHeader h ANTI JOIN Sales.SalesTerritory t USING (TerritoryID)'],
  ['detail → offer product', `Sales.SalesOrderDetail d ANTI JOIN Sales.SpecialOfferProduct o
    ON o.SpecialOfferID = d.SpecialOfferID AND o.ProductID = d.ProductID`],
  ['offer product → product', 'Sales.SpecialOfferProduct o ANTI JOIN Production.Product p USING (ProductID)'],
  ['return → detail', `Sales.SalesOrderReturn r ANTI JOIN Sales.SalesOrderDetail d
    ON d.SalesOrderDetailID = r.SalesOrderDetailID AND d.SalesOrderID = r.SalesOrderID AND r.ReturnQty <= d.OrderQty`],
  ['customer → person', 'Sales.Customer c ANTI JOIN Person.Person p ON p.BusinessEntityID = c.PersonID WHERE c.PersonID IS NOT NULL'],
  ['customer → store', 'Sales.Customer c ANTI JOIN Sales.Store s ON s.BusinessEntityID = c.StoreID WHERE c.StoreID IS NOT NULL'],
  ['customer has person or store', 'Sales.Customer c WHERE PersonID IS NULL AND StoreID IS NULL'],
  ['entity address → address', 'Person.BusinessEntityAddress b ANTI JOIN Person.Address a USING (AddressID)'],
  ['entity address → type', 'Person.BusinessEntityAddress b ANTI JOIN Person.AddressType t USING (AddressTypeID)'],
  ['address → state', 'Person.Address a ANTI JOIN Person.StateProvince s USING (StateProvinceID)'],
  ['state → country', 'Person.StateProvince s ANTI JOIN Person.CountryRegion c USING (CountryRegionCode)'],
  ['state → territory', 'Person.StateProvince s ANTI JOIN Sales.SalesTerritory t USING (TerritoryID)'],
  ['product → subcategory', `Production.Product p ANTI JOIN Production.ProductSubcategory s USING (ProductSubcategoryID)
    WHERE p.ProductSubcategoryID IS NOT NULL`],
  ['subcategory → category', 'Production.ProductSubcategory s ANTI JOIN Production.ProductCategory c USING (ProductCategoryID)'],
  ['review → product', 'Production.ProductReview r ANTI JOIN Production.Product p USING (ProductID)'],
];

describe('referential integrity', () => {
  it.each(ORPHANS)('%s', async (_name, from) => {
    expect(await scalar(path, `SELECT count(*) FROM ${from}`)).toBe('0');
  });

  it('gives most individuals one Home address, some several, a few none', async () => {
    const [[r]] = await query(path, `SELECT count(*) FILTER (WHERE n > 1) AS several, count(*) FILTER (WHERE n IS NULL) AS none
      FROM Sales.Customer c LEFT JOIN (SELECT BusinessEntityID, count(*) AS n FROM Person.BusinessEntityAddress
      WHERE AddressTypeID = 2 GROUP BY 1) b ON b.BusinessEntityID = c.PersonID WHERE c.StoreID IS NULL`) as [[Record<string, string>]];
    expect(Number(r.several)).toBeGreaterThan(0);
    expect(Number(r.none)).toBeGreaterThan(0);
  });
});
