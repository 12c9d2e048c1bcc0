// Audit records (Graph directoryAudit). Every write in the store records one in the same transaction,
// so a change and its audit line land together or not at all.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client.ts";
import type { Principal } from "../http/context.ts";

export interface ModifiedProperty {
  displayName: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface AuditTarget {
  type: string;
  id: string;
  displayName: string;
  userPrincipalName?: string;
  modifiedProperties?: ModifiedProperty[];
}

export interface AuditEntry {
  activityDisplayName: string;
  category: string;
  operationType: "Add" | "Update" | "Delete" | "Assign" | "Unassign";
  loggedByService: string;
  targets: AuditTarget[];
  result?: "success" | "failure";
  resultReason?: string;
}

export interface AuditActor {
  tenantId: string;
  principal: Principal;
  requestId: string;
}

/** Graph serialises old/new values as JSON text. */
const asText = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));

export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      id: randomUUID(),
      tenantId: actor.tenantId,
      activityDisplayName: entry.activityDisplayName,
      category: entry.category,
      operationType: entry.operationType,
      result: entry.result ?? "success",
      resultReason: entry.resultReason ?? "",
      loggedByService: entry.loggedByService,
      correlationId: actor.requestId,
      initiatedByUserId: actor.principal.userId,
      initiatedByUpn: actor.principal.userPrincipalName,
      initiatedByApp: actor.principal.via === "session" ? "Certlab portal" : actor.principal.via === "apiToken" ? "Certlab API token" : "Microsoft Graph",
      targetResources: JSON.stringify(
        entry.targets.map((t) => ({
          ...t,
          modifiedProperties: (t.modifiedProperties ?? []).map((m) => ({
            displayName: m.displayName,
            oldValue: asText(m.oldValue),
            newValue: asText(m.newValue),
          })),
        })),
      ),
    },
  });
}

/** The properties whose values differ between before and after, for an audit line. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>, keys: string[]): ModifiedProperty[] {
  const out: ModifiedProperty[] = [];
  for (const k of keys) {
    const a = before[k];
    const b = after[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ displayName: k, oldValue: a ?? null, newValue: b ?? null });
  }
  return out;
}
