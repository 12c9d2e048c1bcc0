-- CreateTable
CREATE TABLE "Workshop" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trainerTenantId" TEXT NOT NULL,
    "trainerUserId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "scenarioVersion" TEXT NOT NULL,
    "scenarioTitle" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "joinCode" TEXT NOT NULL,
    "seats" INTEGER NOT NULL,
    "timeLimitMinutes" INTEGER NOT NULL,
    "hintPolicy" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'running',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "releasedHints" TEXT NOT NULL DEFAULT '[]',
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "Workshop_trainerTenantId_fkey" FOREIGN KEY ("trainerTenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkshopSeat" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "seatNumber" INTEGER NOT NULL,
    "tenantId" TEXT NOT NULL,
    "adminUserId" TEXT NOT NULL,
    "seatTokenHash" TEXT,
    "displayName" TEXT,
    "joinedAt" DATETIME,
    "lastActivityAt" DATETIME,
    "resets" INTEGER NOT NULL DEFAULT 0,
    "revealedHints" TEXT NOT NULL DEFAULT '[]',
    "passedAt" TEXT NOT NULL DEFAULT '{}',
    "progressAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "WorkshopSeat_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkshopSeat_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WorkshopEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workshopId" TEXT NOT NULL,
    "seatId" TEXT,
    "actor" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "WorkshopEvent_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Workshop_joinCode_key" ON "Workshop"("joinCode");

-- CreateIndex
CREATE INDEX "Workshop_trainerTenantId_trainerUserId_idx" ON "Workshop"("trainerTenantId", "trainerUserId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopSeat_tenantId_key" ON "WorkshopSeat"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopSeat_seatTokenHash_key" ON "WorkshopSeat"("seatTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopSeat_workshopId_seatNumber_key" ON "WorkshopSeat"("workshopId", "seatNumber");

-- CreateIndex
CREATE INDEX "WorkshopEvent_workshopId_at_idx" ON "WorkshopEvent"("workshopId", "at");

