import { filterSyntaxError, ODataError, unknownPropertyError } from "./errors";
import { isScalarKind, resolvePropertyName } from "./entity-type";
import { parseFilter } from "./filter-parser";
import { splitTopLevel } from "./split";
import type { EntityTypeInfo, ODataQuery, OrderDirection, RawOptionName } from "./types";

export const DEFAULT_MAX_TOP = 999;

const SUPPORTED: ReadonlySet<string> = new Set<RawOptionName>(["filter", "select", "expand", "orderby", "top", "skip", "count", "search", "format"]);
/** System options Graph defines that this layer does not implement (our nextLinks page with $skip). */
const UNSUPPORTED: ReadonlySet<string> = new Set(["skiptoken", "deltatoken", "levels", "apply", "compute", "index", "schemaversion", "id"]);

function invalid(option: string, value: string, why: string): ODataError {
  return new ODataError(`Invalid $${option} value '${value}': ${why}`, `$${option}`);
}

/** Parse "$select=a,b" against a type: declared names, de-duplicated, in the order given. "*" means all. */
export function parseSelect(value: string, type: EntityTypeInfo): string[] | undefined {
  if (value.trim() === "*") return undefined;
  const out: string[] = [];
  for (const piece of value.split(",")) {
    const name = piece.trim();
    if (name === "") throw invalid("select", value, "expected a comma-separated list of property names.");
    const declared = resolvePropertyName(type, name);
    if (declared === undefined) throw unknownPropertyError(name, type.name, "$select");
    if (!out.includes(declared)) out.push(declared);
  }
  return out;
}

/** Parse "$orderby=displayName desc,createdDateTime" against a type; only single-valued properties sort. */
export function parseOrderBy(value: string, type: EntityTypeInfo): { property: string; direction: OrderDirection }[] {
  const out: { property: string; direction: OrderDirection }[] = [];
  for (const piece of value.split(",")) {
    const words = piece.trim().split(/\s+/).filter((w) => w !== "");
    if (words.length === 0 || words.length > 2) {
      throw invalid("orderby", value, "expected a comma-separated list of 'property [asc|desc]'.");
    }
    const dir = (words[1] ?? "asc").toLowerCase();
    if (dir !== "asc" && dir !== "desc") {
      throw invalid("orderby", value, `expected 'asc' or 'desc' after '${words[0]}', found '${words[1]}'.`);
    }
    const path: string[] = [];
    let current: EntityTypeInfo | undefined = type;
    const segments = words[0]!.split("/");
    segments.forEach((seg, i) => {
      if (current === undefined) {
        path.push(seg);
        return;
      }
      const declared = resolvePropertyName(current, seg);
      if (declared === undefined) throw unknownPropertyError(seg, current.name, "$orderby");
      const kind = current.properties[declared]!;
      path.push(declared);
      const last = i === segments.length - 1;
      if (last && !isScalarKind(kind)) {
        throw invalid("orderby", value, `'${path.join("/")}' is not a single-valued property and cannot be sorted.`);
      }
      if (!last) {
        if (kind !== "complex") throw invalid("orderby", value, `'${path.join("/")}' has no property '${segments[i + 1]}'.`);
        current = current.nested?.[declared];
      }
    });
    const property = path.join("/");
    if (out.some((o) => o.property === property)) {
      throw invalid("orderby", value, `'${property}' appears more than once.`);
    }
    out.push({ property, direction: dir });
  }
  return out;
}

/** Parse "$expand=assignments($select=id,target),rootCertificate". Names are not validated here. */
export function parseExpand(value: string): { property: string; select?: string[] }[] {
  const pieces = splitTopLevel(value, ",");
  if (!pieces) throw invalid("expand", value, "unbalanced parentheses.");
  return pieces.map((raw) => {
    const piece = raw.trim();
    const open = piece.indexOf("(");
    const property = (open < 0 ? piece : piece.slice(0, open)).trim();
    if (property === "" || /\s/.test(property)) throw invalid("expand", value, "expected a navigation property name.");
    if (open < 0) return { property };
    if (!piece.endsWith(")")) throw invalid("expand", value, `unexpected text after '${piece.slice(0, piece.lastIndexOf(")") + 1)}'.`);
    const inner = piece.slice(open + 1, -1);
    const item: { property: string; select?: string[] } = { property };
    const options = splitTopLevel(inner, ";") ?? [];
    for (const opt of options) {
      if (opt.trim() === "") continue;
      const eq = opt.indexOf("=");
      const key = (eq < 0 ? opt : opt.slice(0, eq)).trim().toLowerCase().replace(/^\$/, "");
      if (key !== "select" || eq < 0) {
        throw new ODataError(`Query option '$${key}' is not supported inside $expand; only $select is.`, "$expand");
      }
      const names = opt.slice(eq + 1).split(",").map((n) => n.trim());
      if (names.some((n) => n === "")) throw invalid("expand", value, "expected a comma-separated list of property names in $select.");
      item.select = [...new Set(names)];
    }
    return item;
  });
}

function parseInteger(option: "top" | "skip", value: string, min: number, max: number, why: string): number {
  if (!/^\d+$/.test(value)) throw invalid(option, value, why);
  const n = Number(value);
  if (n < min || n > max) throw invalid(option, value, why);
  return n;
}

/**
 * Read the OData system query options out of `req.query`. `$filter` and `filter` are the same option (Graph's
 * beta makes the "$" optional; both are accepted everywhere), names are case-insensitive, an unknown `$xxx`
 * is rejected, and parameters without "$" that are not OData options are ignored. Throws ODataError.
 */
export function parseODataQuery(query: Record<string, unknown>, type: EntityTypeInfo, opts: { maxTop?: number } = {}): ODataQuery {
  const maxTop = opts.maxTop ?? DEFAULT_MAX_TOP;
  const raw: Partial<Record<RawOptionName, string>> = {};
  for (const [key, rawValue] of Object.entries(query)) {
    if (rawValue === undefined) continue;
    const lower = key.toLowerCase();
    const dollar = lower.startsWith("$");
    const name = dollar ? lower.slice(1) : lower;
    if (UNSUPPORTED.has(name) && dollar) throw new ODataError(`Query option '${key}' is not supported.`, key);
    if (!SUPPORTED.has(name)) {
      if (dollar) throw new ODataError(`Query option '${key}' is not supported.`, key);
      continue;
    }
    const option = name as RawOptionName;
    const values = Array.isArray(rawValue) ? rawValue : [rawValue];
    if (values.length > 1 || raw[option] !== undefined) {
      throw new ODataError(`Query option '$${option}' was specified more than once, but it must be specified at most once.`, `$${option}`);
    }
    const value = values[0];
    if (typeof value !== "string") throw new ODataError(`Invalid $${option} value: expected text.`, `$${option}`);
    raw[option] = value;
  }

  const q: ODataQuery = { raw };
  if (raw.filter !== undefined) {
    if (raw.filter.trim() === "") throw filterSyntaxError(raw.filter, 0);
    q.filter = parseFilter(raw.filter, type);
  }
  if (raw.select !== undefined) {
    const select = parseSelect(raw.select, type);
    if (select) q.select = select;
  }
  if (raw.orderby !== undefined) q.orderby = parseOrderBy(raw.orderby, type);
  if (raw.expand !== undefined) q.expand = parseExpand(raw.expand);
  if (raw.top !== undefined) {
    q.top = parseInteger("top", raw.top, 1, maxTop, `must be an integer between 1 and ${maxTop}.`);
  }
  if (raw.skip !== undefined) {
    q.skip = parseInteger("skip", raw.skip, 0, Number.MAX_SAFE_INTEGER, "must be an integer of 0 or more.");
  }
  if (raw.count !== undefined) {
    const c = raw.count.toLowerCase();
    if (c !== "true" && c !== "false") throw invalid("count", raw.count, "must be true or false.");
    q.count = c === "true";
  }
  if (raw.search !== undefined) q.search = raw.search;
  if (raw.format !== undefined && !/^(json|application\/json)(;.*)?$/i.test(raw.format.trim())) {
    throw invalid("format", raw.format, "only json is supported.");
  }
  return q;
}
