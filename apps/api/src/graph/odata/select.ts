/**
 * Trim an entity to the selected properties. Always kept: "id", keys starting with "@odata.", the names in
 * `keep` (e.g. expanded navigation properties), and annotations of kept properties ("assignments@odata.context").
 * Names match case-insensitively; the entity's own key order is preserved. No select → a shallow copy.
 */
export function applySelect(entity: Record<string, unknown>, select: string[] | undefined, keep: string[] = []): Record<string, unknown> {
  if (select === undefined) return { ...entity };
  const wanted = new Set([...select, ...keep, "id"].map((s) => s.toLowerCase()));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    const at = key.indexOf("@");
    const owner = at > 0 ? key.slice(0, at) : key;
    if (key.startsWith("@odata.") || wanted.has(owner.toLowerCase())) out[key] = value;
  }
  return out;
}
