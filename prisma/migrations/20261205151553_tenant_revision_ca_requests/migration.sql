-- CreateTable
CREATE TABLE "TenantRevision" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "directory" INTEGER NOT NULL DEFAULT 0,
    "lab" INTEGER NOT NULL DEFAULT 0,
    "intune" INTEGER NOT NULL DEFAULT 0,
    "entra" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "TenantRevision_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "caId" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "disposition" TEXT NOT NULL,
    "submittedDateTime" DATETIME NOT NULL,
    "data" TEXT NOT NULL,
    CONSTRAINT "CaRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CaRequest_caId_fkey" FOREIGN KEY ("caId") REFERENCES "LabObject" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CaRequest_tenantId_idx" ON "CaRequest"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "CaRequest_caId_requestId_key" ON "CaRequest"("caId", "requestId");


-- The tenant revision counters (issue 9): one row per tenant, the triggers that bump them are installed by
-- `node scripts/prisma.mjs deploy` from prisma/revision-triggers.mjs (PostgreSQL functions cannot go through a migration file here).
INSERT INTO "TenantRevision" ("tenantId") SELECT "id" FROM "Tenant";

-- The CA request log moves out of the CA's JSON into CaRequest (one row per request).
INSERT INTO "CaRequest" ("id", "tenantId", "caId", "requestId", "disposition", "submittedDateTime", "data")
SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       o."tenantId", o."id", json_extract(r.value, '$.requestId'), json_extract(r.value, '$.disposition'),
       strftime('%Y-%m-%dT%H:%M:%f+00:00', json_extract(r.value, '$.submittedDateTime')),
       json_remove(r.value, '$.requestId', '$.disposition')
FROM "LabObject" o, json_each(o."data", '$.requests') r WHERE o."kind" = 'ca';
UPDATE "LabObject" SET "data" = json_remove("data", '$.requests') WHERE "kind" = 'ca' AND json_type("data", '$.requests') IS NOT NULL;
