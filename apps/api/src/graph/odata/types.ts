import type { FilterNode } from "./filter-ast";

/** How a property behaves in $filter / $orderby / $select. */
export type PropKind = "string" | "number" | "boolean" | "datetime" | "guid" | "enum" | "flags" | "collection" | "complex";

/** A description of the entity type a collection serves, so query options can be validated. */
export interface EntityTypeInfo {
  /** Qualified name, e.g. "microsoft.graph.user". */
  name: string;
  /** Top-level properties that $filter / $orderby / $select may name. */
  properties: Record<string, PropKind>;
  /**
   * For "complex" properties and collections of complex values: the shape of one value, so that paths
   * (`onPremisesPublishing/externalUrl`) and lambdas (`assignedLicenses/any(x:x/skuId eq ...)`) validate.
   * Without an entry, any sub-path is accepted and compared by its runtime value.
   */
  nested?: Record<string, EntityTypeInfo>;
  /**
   * For collections of primitives (`groupTypes`, `scepServerUrls`, `disabledPlans`): the kind of one element.
   * Without an entry the element is compared by its runtime value (strings as strings).
   */
  elementKinds?: Record<string, PropKind>;
  /** Names usable in isof('...'), e.g. "microsoft.graph.iosScepCertificateProfile". */
  derivedTypes?: string[];
  /**
   * Direct base type of each (derived) type, e.g. { "microsoft.graph.iosScepCertificateProfile":
   * "microsoft.graph.iosCertificateProfileBase" }, so isof() on an abstract intermediate type matches.
   */
  baseTypes?: Record<string, string>;
  /**
   * Navigation properties $expand may name. When declared, any other $expand is refused with 400;
   * when absent, the route handles $expand itself.
   */
  navigationProperties?: string[];
  /** Directory objects compare strings case-insensitively (default true). */
  caseInsensitive?: boolean;
}

export type OrderDirection = "asc" | "desc";

/** The system query options this layer understands, as the client sent them (used to build nextLink). */
export type RawOptionName = "filter" | "select" | "expand" | "orderby" | "search" | "count" | "top" | "skip" | "format";

export interface ODataQuery {
  filter?: FilterNode;
  select?: string[];
  orderby?: { property: string; direction: OrderDirection }[];
  top?: number;
  skip?: number;
  count?: boolean;
  /** Single level; Graph allows one relationship, kept as a list anyway. Names are NOT validated here. */
  expand?: { property: string; select?: string[] }[];
  /** Raw $search string; callers decide whether they support it. */
  search?: string;
  /** The options exactly as received (decoded), keyed without "$"; nextLink re-encodes these. */
  raw?: Partial<Record<RawOptionName, string>>;
}
