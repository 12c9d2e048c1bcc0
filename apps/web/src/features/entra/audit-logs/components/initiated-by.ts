import type { DirectoryAudit } from "@/shared/api/types";

/** The actor as the audit log shows it: a user's UPN, else an app's name. */
export function initiatedBy(a: DirectoryAudit): string {
  return a.initiatedBy.user?.userPrincipalName ?? a.initiatedBy.user?.displayName ?? a.initiatedBy.app?.displayName ?? "—";
}
