// The shared OData layer: parse Graph query options, evaluate them over Graph-shaped JSON, page and trim.
export { ODataError } from "./errors";
export type { EntityTypeInfo, ODataQuery, PropKind, OrderDirection } from "./types";
export type * from "./filter-ast";
export { tokenize } from "./filter-lexer";
export { parseFilter, parseFilterSyntax } from "./filter-parser";
export { validateFilter } from "./filter-validate";
export { matchesFilter } from "./filter-eval";
export { formatFilter } from "./filter-format";
export { parseODataQuery, parseSelect, parseOrderBy, parseExpand, DEFAULT_MAX_TOP } from "./query-options";
export { applyODataQuery, nextLinkFor, pageLengthOf, DEFAULT_PAGE_SIZE } from "./apply";
export { applySelect } from "./select";
