// Audit records (Graph directoryAudit). Every write in the store records one in the same transaction,
// so a change and its audit line land together or not at all.
import { randomUUID } from "node:crypto";
import type { Tx } from "../db/client.ts";
import { executeRaw } from "../db/fast-read.ts";
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

// Every write records one: a plain INSERT through $executeRaw on the write's transaction (Prisma's create compiled
// it on every call, about 1 ms of a lab console write; issue 9). The columns in the order of the VALUES below.
const AUDIT_COLUMNS = [
  "id",
  "tenantId",
  "activityDateTime",
  "activityDisplayName",
  "category",
  "operationType",
  "result",
  "resultReason",
  "loggedByService",
  "correlationId",
  "initiatedByUserId",
  "initiatedByUpn",
  "initiatedByApp",
  "targetResources",
] as const;
const INSERT_AUDIT = `INSERT INTO "AuditLog" (${AUDIT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${AUDIT_COLUMNS.map(() => "?").join(", ")})`;

export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const row: Record<(typeof AUDIT_COLUMNS)[number], string | Date | null> = {
    id: randomUUID(),
    tenantId: actor.tenantId,
    activityDateTime: new Date(),
    activityDisplayName: entry.activityDisplayName,
    category: entry.category,
    operationType: entry.operationType,
    result: entry.result ?? "success",
    resultReason: entry.resultReason ?? "",
    loggedByService: entry.loggedByService,
    correlationId: actor.requestId,
    initiatedByUserId: actor.principal.userId ?? null,
    initiatedByUpn: actor.principal.userPrincipalName ?? null,
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
  };
  await executeRaw(tx, INSERT_AUDIT, AUDIT_COLUMNS.map((c) => row[c]));
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
