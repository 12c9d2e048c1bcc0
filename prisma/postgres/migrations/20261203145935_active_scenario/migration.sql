-- CreateTable
CREATE TABLE "ActiveScenario" (
    "tenantId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "seed" INTEGER NOT NULL DEFAULT 1,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "baselineCodes" TEXT NOT NULL DEFAULT '[]',
    "loadedBy" TEXT,

    CONSTRAINT "ActiveScenario_pkey" PRIMARY KEY ("tenantId")
);

-- AddForeignKey
ALTER TABLE "ActiveScenario" ADD CONSTRAINT "ActiveScenario_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

