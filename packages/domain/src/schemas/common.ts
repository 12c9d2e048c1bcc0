// Building blocks shared by every Graph-shaped schema.
import { z } from "zod";

/**
 * A directory object id. Graph ids are GUIDs, but not all are RFC 9562 UUIDs: Intune's pseudo-group ids
 * (allDevices "adadadad-…", allLicensedUsers "acacacac-…") and Microsoft's all-zero ids are rejected by
 * z.uuid(). z.guid() accepts any 8-4-4-4-12 hex string, which is what Graph accepts.
 */
export const ZGuid = z.guid();
export type TGuid = z.infer<typeof ZGuid>;

/** Graph's Edm.DateTimeOffset as an ISO 8601 string ("2026-03-12T08:19:05Z"); offsets are accepted on input. */
export const ZDateTime = z.iso.datetime({ offset: true });
export type TDateTime = z.infer<typeof ZDateTime>;

/** An absolute URL, as used by `@odata.id` and `…@odata.bind`. */
export const ZUrl = z.url();

/** The body of POST/PUT `…/$ref` (graph-reference.md §1.6). */
export const ZRef = z.object({ "@odata.id": ZUrl });
export type TRef = z.infer<typeof ZRef>;

/** An `@odata.type` value in a request body: Graph accepts it with or without the leading '#'. */
export function zODataType<const T extends string>(qualifiedName: T) {
  return z.enum([qualifiedName, `#${qualifiedName}`] as [T, `#${T}`]);
}

/** A Graph collection response page. */
export function zCollection<T extends z.ZodType>(item: T) {
  return z.object({
    "@odata.context": z.string().optional(),
    "@odata.count": z.number().int().nonnegative().optional(),
    "@odata.nextLink": ZUrl.optional(),
    value: z.array(item),
  });
}

/** Graph's error body (graph-reference.md §1.4); validation errors add `details[]` naming each failing field. */
export const ZGraphError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ code: z.string(), target: z.string(), message: z.string() })).optional(),
    innerError: z.object({
      date: z.string(),
      "request-id": z.string(),
      "client-request-id": z.string(),
    }),
  }),
});
export type TGraphError = z.infer<typeof ZGraphError>;
