/**
 * The AdventureWorks2019 tables the generator writes, with their real column names and SQL Server types.
 * Left out on purpose: `rowguid` and the xml/geography columns (Demographics, AdditionalContactInfo,
 * SpatialLocation), which the sales project never reads; computed columns (LineTotal, TotalDue,
 * SalesOrderNumber, AccountNumber) are stored as plain values. `Sales.SalesOrderReturn` is an extension.
 */
export interface ColumnDef {
  readonly name: string;
  /** SQL Server type as AdventureWorks declares it, e.g. `money`, `nvarchar(50)`. */
  readonly type: string;
  readonly nullable: boolean;
}

export interface TableDef {
  readonly schema: 'Sales' | 'Production' | 'Person';
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  readonly primaryKey: readonly string[];
}

/** Spec shorthand: `Name type` with a trailing `?` for nullable. */
function table(schema: TableDef['schema'], name: string, pk: string[], spec: string): TableDef {
  const columns = spec
    .trim()
    .split(/\s*,\s*(?![^()]*\))/)
    .map((part) => {
      const [col, rawType] = part.split(/\s+/) as [string, string];
      const nullable = rawType.endsWith('?');
      return { name: col, type: nullable ? rawType.slice(0, -1) : rawType, nullable };
    });
  return { schema, name, columns, primaryKey: pk };
}

const MD = 'ModifiedDate datetime';

export const TABLES: readonly TableDef[] = [
  table('Person', 'CountryRegion', ['CountryRegionCode'], `CountryRegionCode nvarchar(3), Name nvarchar(50), ${MD}`),
  table('Sales', 'SalesTerritory', ['TerritoryID'], `TerritoryID int, Name nvarchar(50), CountryRegionCode nvarchar(3),
    Group nvarchar(50), SalesYTD money, SalesLastYear money, CostYTD money, CostLastYear money, ${MD}`),
  table('Person', 'StateProvince', ['StateProvinceID'], `StateProvinceID int, StateProvinceCode nchar(3),
    CountryRegionCode nvarchar(3), IsOnlyStateProvinceFlag bit, Name nvarchar(50), TerritoryID int, ${MD}`),
  table('Person', 'AddressType', ['AddressTypeID'], `AddressTypeID int, Name nvarchar(50), ${MD}`),
  table('Person', 'Address', ['AddressID'], `AddressID int, AddressLine1 nvarchar(60), AddressLine2 nvarchar(60)?,
    City nvarchar(30), StateProvinceID int, PostalCode nvarchar(15), ${MD}`),
  table('Person', 'Person', ['BusinessEntityID'], `BusinessEntityID int, PersonType nchar(2), NameStyle bit,
    Title nvarchar(8)?, FirstName nvarchar(50), MiddleName nvarchar(50)?, LastName nvarchar(50), Suffix nvarchar(10)?,
    EmailPromotion int, ${MD}`),
  table('Person', 'BusinessEntityAddress', ['BusinessEntityID', 'AddressID', 'AddressTypeID'],
    `BusinessEntityID int, AddressID int, AddressTypeID int, ${MD}`),
  table('Sales', 'Store', ['BusinessEntityID'], `BusinessEntityID int, Name nvarchar(50), SalesPersonID int?, ${MD}`),
  table('Sales', 'Customer', ['CustomerID'], `CustomerID int, PersonID int?, StoreID int?, TerritoryID int?,
    AccountNumber varchar(10), ${MD}`),
  table('Production', 'ProductCategory', ['ProductCategoryID'], `ProductCategoryID int, Name nvarchar(50), ${MD}`),
  table('Production', 'ProductSubcategory', ['ProductSubcategoryID'], `ProductSubcategoryID int,
    ProductCategoryID int, Name nvarchar(50), ${MD}`),
  table('Production', 'Product', ['ProductID'], `ProductID int, Name nvarchar(50), ProductNumber nvarchar(25),
    MakeFlag bit, FinishedGoodsFlag bit, Color nvarchar(15)?, SafetyStockLevel smallint, ReorderPoint smallint,
    StandardCost money, ListPrice money, Size nvarchar(5)?, SizeUnitMeasureCode nchar(3)?,
    WeightUnitMeasureCode nchar(3)?, Weight decimal(8,2)?, DaysToManufacture int, ProductLine nchar(2)?,
    Class nchar(2)?, Style nchar(2)?, ProductSubcategoryID int?, ProductModelID int?, SellStartDate datetime,
    SellEndDate datetime?, DiscontinuedDate datetime?, ${MD}`),
  table('Production', 'ProductReview', ['ProductReviewID'], `ProductReviewID int, ProductID int,
    ReviewerName nvarchar(50), ReviewDate datetime, EmailAddress nvarchar(50), Rating int, Comments nvarchar(3850)?,
    ${MD}`),
  table('Sales', 'SpecialOffer', ['SpecialOfferID'], `SpecialOfferID int, Description nvarchar(255),
    DiscountPct smallmoney, Type nvarchar(50), Category nvarchar(50), StartDate datetime, EndDate datetime,
    MinQty int, MaxQty int?, ${MD}`),
  table('Sales', 'SpecialOfferProduct', ['SpecialOfferID', 'ProductID'], `SpecialOfferID int, ProductID int, ${MD}`),
  table('Sales', 'SalesOrderHeader', ['SalesOrderID'], `SalesOrderID int, RevisionNumber tinyint, OrderDate datetime,
    DueDate datetime, ShipDate datetime?, Status tinyint, OnlineOrderFlag bit, SalesOrderNumber nvarchar(25),
    PurchaseOrderNumber nvarchar(25)?, AccountNumber nvarchar(15)?, CustomerID int, SalesPersonID int?,
    TerritoryID int?, BillToAddressID int, ShipToAddressID int, ShipMethodID int, CreditCardID int?,
    CreditCardApprovalCode varchar(15)?, CurrencyRateID int?, SubTotal money, TaxAmt money, Freight money,
    TotalDue money, Comment nvarchar(128)?, ${MD}`),
  table('Sales', 'SalesOrderDetail', ['SalesOrderID', 'SalesOrderDetailID'], `SalesOrderID int,
    SalesOrderDetailID int, CarrierTrackingNumber nvarchar(25)?, OrderQty smallint, ProductID int,
    SpecialOfferID int, UnitPrice money, UnitPriceDiscount money, LineTotal numeric(38,6), ${MD}`),
  table('Sales', 'SalesOrderReturn', ['SalesOrderReturnID'], `SalesOrderReturnID int, SalesOrderID int,
    SalesOrderDetailID int, ReturnDate datetime, ReturnQty smallint, ReturnReason nvarchar(50), ${MD}`),
];

export function tableDef(qualified: string): TableDef {
  const def = TABLES.find((t) => `${t.schema}.${t.name}` === qualified);
  if (!def) throw new Error(`unknown table ${qualified}`);
  return def;
}

/**
 * How a value of this SQL Server type travels through the generator: money is an integer count of 1/10,000,
 * numeric(38,6) of 1/1,000,000 and decimal(8,2) of 1/100 (exact arithmetic); datetime is epoch seconds.
 */
export type ValueKind = 'int' | 'bit' | 'scaled' | 'datetime' | 'text';

export function valueKind(type: string): { kind: ValueKind; scale: number } {
  if (type === 'money' || type === 'smallmoney') return { kind: 'scaled', scale: 4 };
  const dec = /^(?:numeric|decimal)\(\d+,(\d+)\)$/.exec(type);
  if (dec) return { kind: 'scaled', scale: Number(dec[1]) };
  if (type === 'bit') return { kind: 'bit', scale: 0 };
  if (type === 'datetime') return { kind: 'datetime', scale: 0 };
  if (/^(int|smallint|tinyint|bigint)$/.test(type)) return { kind: 'int', scale: 0 };
  return { kind: 'text', scale: 0 };
}

/** The DuckDB type an embedded source file uses for a SQL Server type. */
export function duckdbType(type: string): string {
  if (type === 'money') return 'DECIMAL(19,4)';
  if (type === 'smallmoney') return 'DECIMAL(10,4)';
  const dec = /^(?:numeric|decimal)\((\d+),(\d+)\)$/.exec(type);
  if (dec) return `DECIMAL(${dec[1]},${dec[2]})`;
  const simple: Record<string, string> = {
    int: 'INTEGER', smallint: 'SMALLINT', tinyint: 'UTINYINT', bigint: 'BIGINT', bit: 'BOOLEAN', datetime: 'TIMESTAMP',
  };
  return simple[type] ?? 'VARCHAR';
}

export type Cell = number | string | boolean | null;
export type Row = Cell[];
