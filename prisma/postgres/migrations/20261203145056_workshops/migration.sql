-- CreateTable
CREATE TABLE "Workshop" (
    "id" TEXT NOT NULL,
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
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "releasedHints" TEXT NOT NULL DEFAULT '[]',
    "createdDateTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Workshop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopSeat" (
    "id" TEXT NOT NULL,
    "workshopId" TEXT NOT NULL,
    "seatNumber" INTEGER NOT NULL,
    "tenantId" TEXT NOT NULL,
    "adminUserId" TEXT NOT NULL,
    "seatTokenHash" TEXT,
    "displayName" TEXT,
    "joinedAt" TIMESTAMP(3),
    "lastActivityAt" TIMESTAMP(3),
    "resets" INTEGER NOT NULL DEFAULT 0,
    "revealedHints" TEXT NOT NULL DEFAULT '[]',
    "passedAt" TEXT NOT NULL DEFAULT '{}',
    "progressAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "WorkshopSeat_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopEvent" (
    "id" TEXT NOT NULL,
    "workshopId" TEXT NOT NULL,
    "seatId" TEXT,
    "actor" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkshopEvent_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Workshop" ADD CONSTRAINT "Workshop_trainerTenantId_fkey" FOREIGN KEY ("trainerTenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSeat" ADD CONSTRAINT "WorkshopSeat_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopSeat" ADD CONSTRAINT "WorkshopSeat_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopEvent" ADD CONSTRAINT "WorkshopEvent_workshopId_fkey" FOREIGN KEY ("workshopId") REFERENCES "Workshop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

