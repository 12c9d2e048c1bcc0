// The triggers behind TenantRevision (issue 9): every insert, update and delete of a table the rule engine's
// snapshot reads bumps that part's counter in the same transaction, so a process can tell with one primary-key read
// whether a part it cached is still current, whoever wrote (another request, another API process, a script).
// Installed, idempotently, by `node scripts/prisma.mjs deploy` after the migrations: PostgreSQL trigger functions
// cannot go through a Prisma migration file here (its driver adapter splits the script at every ";").
// Only UPDATEs of the counter row: the row is made with its tenant, so a tenant being deleted (its rows cascading)
// never re-creates it. apps/api/src/store/tenant-cache.ts reads the counters.

/** Table → the snapshot parts (TenantRevision columns) it feeds. */
export const REVISION_AREAS = {
  Tenant: ["directory"],
  Domain: ["directory", "entra"],
  SubscribedSku: ["directory"],
  User: ["directory"],
  Group: ["directory"],
  GroupMember: ["directory"],
  RoleAssignment: ["directory"],
  LabObject: ["lab"],
  CertificateConnector: ["lab", "intune"],
  AppProxyConnector: ["lab", "entra"],
  ConnectorGroup: ["lab", "entra"],
  DeviceConfiguration: ["intune"],
  DeviceConfigurationAssignment: ["intune"],
  Application: ["entra"],
  ServicePrincipal: ["entra"],
  AppRoleAssignment: ["entra"],
};

const bump = (areas) => areas.map((a) => `"${a}" = "${a}" + 1`).join(", ");

/** SQLite: one trigger per table and operation. */
export function sqliteTriggerSql() {
  const out = [
    `CREATE TRIGGER IF NOT EXISTS "Tenant_revision_row" AFTER INSERT ON "Tenant" BEGIN INSERT OR IGNORE INTO "TenantRevision" ("tenantId") VALUES (NEW."id"); END;`,
    `INSERT OR IGNORE INTO "TenantRevision" ("tenantId") SELECT "id" FROM "Tenant";`,
  ];
  for (const [table, areas] of Object.entries(REVISION_AREAS)) {
    const col = table === "Tenant" ? `"id"` : `"tenantId"`;
    for (const [op, ref] of [["INSERT", "NEW"], ["UPDATE", "NEW"], ["DELETE", "OLD"]]) {
      if (table === "Tenant" && op !== "UPDATE") continue;
      out.push(`CREATE TRIGGER IF NOT EXISTS "${table}_revision_${op.toLowerCase()}" AFTER ${op} ON "${table}" BEGIN UPDATE "TenantRevision" SET ${bump(areas)} WHERE "tenantId" = ${ref}.${col}; END;`);
    }
  }
  return out.join("\n");
}

/** PostgreSQL: one function per table (row triggers), CREATE OR REPLACE so a re-run changes nothing. */
export function postgresTriggerSql() {
  const out = [
    `CREATE OR REPLACE FUNCTION "certlab_tenant_revision_row"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "TenantRevision" ("tenantId") VALUES (NEW."id") ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;`,
    `CREATE OR REPLACE TRIGGER "Tenant_revision_row" AFTER INSERT ON "Tenant" FOR EACH ROW EXECUTE FUNCTION "certlab_tenant_revision_row"();`,
    `INSERT INTO "TenantRevision" ("tenantId") SELECT "id" FROM "Tenant" ON CONFLICT DO NOTHING;`,
  ];
  for (const [table, areas] of Object.entries(REVISION_AREAS)) {
    const key = table === "Tenant" ? `"id"` : `"tenantId"`;
    out.push(`CREATE OR REPLACE FUNCTION "certlab_revision_${table}"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE "TenantRevision" SET ${bump(areas)} WHERE "tenantId" = OLD.${key};
  ELSE
    UPDATE "TenantRevision" SET ${bump(areas)} WHERE "tenantId" = NEW.${key};
  END IF;
  RETURN NULL;
END $$;`);
    const ops = table === "Tenant" ? "UPDATE" : "INSERT OR UPDATE OR DELETE";
    out.push(`CREATE OR REPLACE TRIGGER "${table}_revision" AFTER ${ops} ON "${table}" FOR EACH ROW EXECUTE FUNCTION "certlab_revision_${table}"();`);
  }
  return out.join("\n");
}
