import type { EntityTypeInfo, PropKind } from "./types";

/** A property's declared name: exact match first, then case-insensitive (Graph accepts `DisplayName`). */
export function resolvePropertyName(type: EntityTypeInfo, name: string): string | undefined {
  if (Object.hasOwn(type.properties, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(type.properties).find((p) => p.toLowerCase() === lower);
}

export function propertyKind(type: EntityTypeInfo, name: string): PropKind | undefined {
  return Object.hasOwn(type.properties, name) ? type.properties[name] : undefined;
}

export function isScalarKind(kind: PropKind | undefined): boolean {
  return kind !== "collection" && kind !== "complex";
}

/** The Edm-ish name used in messages. */
export function edmName(kind: PropKind | "null" | "unknown"): string {
  switch (kind) {
    case "string": return "Edm.String";
    case "number": return "Edm.Double";
    case "boolean": return "Edm.Boolean";
    case "datetime": return "Edm.DateTimeOffset";
    case "guid": return "Edm.Guid";
    case "enum": return "an enumeration";
    case "flags": return "a flags enumeration";
    case "collection": return "a collection";
    case "complex": return "a complex type";
    case "null": return "null";
    default: return "an untyped value";
  }
}

/** Strip the leading '#' of an "@odata.type" value. */
export function bareTypeName(odataType: unknown): string | undefined {
  if (typeof odataType !== "string" || odataType === "") return undefined;
  return odataType.startsWith("#") ? odataType.slice(1) : odataType;
}

/**
 * Does an entity whose own type is `actual` count as an instance of `wanted`? True when it is that type, when
 * `wanted` is an ancestor through `baseTypes`, or when `wanted` is the collection's type (every member is one).
 */
export function isInstanceOf(actual: string, wanted: string, type: EntityTypeInfo): boolean {
  const want = wanted.toLowerCase();
  if (want === type.name.toLowerCase()) return true;
  const seen = new Set<string>();
  let current: string | undefined = actual;
  while (current !== undefined && !seen.has(current)) {
    if (current.toLowerCase() === want) return true;
    seen.add(current);
    current = type.baseTypes?.[current];
  }
  return false;
}
