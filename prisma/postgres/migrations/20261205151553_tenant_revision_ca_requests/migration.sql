-- CreateTable
CREATE TABLE "TenantRevision" (
    "tenantId" TEXT NOT NULL,
    "directory" INTEGER NOT NULL DEFAULT 0,
    "lab" INTEGER NOT NULL DEFAULT 0,
    "intune" INTEGER NOT NULL DEFAULT 0,
    "entra" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "TenantRevision_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "CaRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "caId" TEXT NOT NULL,
    "requestId" INTEGER NOT NULL,
    "disposition" TEXT NOT NULL,
    "submittedDateTime" TIMESTAMP(3) NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "CaRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaRequest_tenantId_idx" ON "CaRequest"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "CaRequest_caId_requestId_key" ON "CaRequest"("caId", "requestId");

-- AddForeignKey
ALTER TABLE "TenantRevision" ADD CONSTRAINT "TenantRevision_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaRequest" ADD CONSTRAINT "CaRequest_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaRequest" ADD CONSTRAINT "CaRequest_caId_fkey" FOREIGN KEY ("caId") REFERENCES "LabObject"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The tenant revision counters (issue 9): one row per tenant, the triggers that bump them are installed by
-- `node scripts/prisma.mjs deploy` from prisma/revision-triggers.mjs (PostgreSQL functions cannot go through a migration file here).
INSERT INTO "TenantRevision" ("tenantId") SELECT "id" FROM "Tenant";

-- The CA request log moves out of the CA's JSON into CaRequest (one row per request).
INSERT INTO "CaRequest" ("id", "tenantId", "caId", "requestId", "disposition", "submittedDateTime", "data")
SELECT gen_random_uuid()::text, o."tenantId", o."id", (r->>'requestId')::int, r->>'disposition', (r->>'submittedDateTime')::timestamptz AT TIME ZONE 'UTC',
       (r - 'requestId' - 'disposition')::text
FROM "LabObject" o, jsonb_array_elements(COALESCE(o."data"::jsonb->'requests', '[]'::jsonb)) r WHERE o."kind" = 'ca';
UPDATE "LabObject" SET "data" = ("data"::jsonb - 'requests')::text WHERE "kind" = 'ca' AND ("data"::jsonb) ? 'requests';
