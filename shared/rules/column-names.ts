/**
 * The column names the mapping guess knows (shared/rules/column-mapping.ts): the synonyms of
 * Personalize's reserved fields and the names that say what an order-line export's columns
 * describe (the order, the customer, the product). Normalised: lower case, letters and digits
 * only. The studio's own lists, read from common exports (Online Retail, MovieLens, Retail Demo
 * Store), not Personalize's.
 */

/** Normalised names (lower case, letters and digits only) that mean each reserved field. */
export const NAME_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  USER_ID: [
    'userid',
    'user',
    'customerid',
    'customer',
    'custid',
    'clientid',
    'client',
    'memberid',
    'visitorid',
    'accountid',
    'shopperid',
    'buyerid',
  ],
  ITEM_ID: [
    'itemid',
    'item',
    'stockcode',
    'productid',
    'product',
    'productcode',
    'sku',
    'articleid',
    'movieid',
    'asin',
    'contentid',
    'offerid',
  ],
  TIMESTAMP: [
    'timestamp',
    'invoicedate',
    'eventtime',
    'eventdate',
    'orderdate',
    'datetime',
    'date',
    'time',
    'ts',
    'createdat',
  ],
  EVENT_TYPE: ['eventtype', 'event', 'action', 'interactiontype', 'eventname'],
  EVENT_VALUE: ['eventvalue', 'rating', 'score', 'value'],
  CREATION_TIMESTAMP: ['creationtimestamp', 'createdat', 'created', 'releasedate', 'publishedat'],
};

/** A column name normalised for the lists below: `Customer ID` → `customerid`. */
export function normal(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/gu, '');
}

/**
 * Normalised names of columns holding when an event happened (a sale, an order, a view): on an
 * items file they are never the item's CREATION_TIMESTAMP, which is when the item was added to
 * the catalogue.
 */
export const EVENT_TIME_NAMES = [
  'invoicedate',
  'orderdate',
  'eventtime',
  'eventdate',
  'purchasedate',
  'transactiondate',
  'saledate',
];

/** Normalised column names that mark an order-line export (one row per purchased line). */
export const ORDER_LINE_NAMES = [
  'invoiceno',
  'invoice',
  'invoiceid',
  'orderid',
  'orderno',
  'ordernumber',
  'quantity',
  'qty',
  'unitprice',
  'price',
  'lineitem',
];

/** Normalised names of metadata columns holding categories (`|`-joined or not). */
export const CATEGORICAL_NAMES = [
  'genre',
  'genres',
  'category',
  'categories',
  'tags',
  'brand',
  'color',
  'colour',
  'country',
  'gender',
  'membership',
];

/** Normalised names of metadata columns holding free text. */
export const TEXTUAL_NAMES = [
  'title',
  'description',
  'name',
  'productname',
  'summary',
  'overview',
  'plot',
];

/**
 * Normalised names of columns describing the customer or the order, not the product (Online
 * Retail's Country): in an order-line export they are user metadata, never item metadata.
 */
export const CUSTOMER_NAMES = [
  'country',
  'customercountry',
  'city',
  'region',
  'state',
  'zip',
  'zipcode',
  'postcode',
  'postalcode',
  'gender',
  'age',
  'membership',
  'segment',
  'customersegment',
];

/** Normalised names of columns describing the product: item metadata, never user metadata. */
export const PRODUCT_NAMES = [
  'description',
  'title',
  'productname',
  'itemname',
  'genre',
  'genres',
  'category',
  'categories',
  'brand',
  'color',
  'colour',
];

/** True for a column named like an order line, a customer or a product attribute (Quantity, Country, Title). */
export function hasKnownName(name: string): boolean {
  const folded = normal(name);
  return [
    ...ORDER_LINE_NAMES,
    ...CUSTOMER_NAMES,
    ...PRODUCT_NAMES,
    ...CATEGORICAL_NAMES,
    ...TEXTUAL_NAMES,
  ].includes(folded);
}

/** True for a column named like a product attribute (Description, Title, Category, Brand). */
export function isProductName(name: string): boolean {
  return PRODUCT_NAMES.includes(normal(name));
}

/** An Avro-safe upper-case field name for a metadata column: `UnitPrice` → `UNIT_PRICE`. */
export function metadataFieldName(column: string): string {
  const name = column
    .replace(/([a-z0-9])([A-Z])/gu, '$1_$2')
    .replace(/[^A-Za-z0-9]+/gu, '_')
    .replace(/^_+|_+$/gu, '')
    .toUpperCase();
  return name === '' || /^\d/u.test(name) ? `FIELD_${name}` : name;
}
