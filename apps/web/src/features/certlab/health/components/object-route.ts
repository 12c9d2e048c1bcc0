import type { ObjectRef } from "@/shared/api/types";

/** Where a finding's object is shown; undefined for kinds without a blade yet (rendered as plain text). */
export function objectRoute(ref: ObjectRef): string | undefined {
  switch (ref.type) {
    case "user":
      return `/entra/users/${encodeURIComponent(ref.id)}`;
    case "group":
      return `/entra/groups/${encodeURIComponent(ref.id)}`;
    case "tenant":
      return "/entra/overview";
    default:
      return undefined;
  }
}
