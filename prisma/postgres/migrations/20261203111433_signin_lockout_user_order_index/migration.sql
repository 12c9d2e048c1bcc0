-- DropIndex
DROP INDEX "User_tenantId_displayName_idx";

-- CreateTable
CREATE TABLE "SignInLockout" (
    "signInName" TEXT NOT NULL,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "lockoutCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" TIMESTAMP(3),
    "lastFailedDateTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInLockout_pkey" PRIMARY KEY ("signInName")
);

-- CreateIndex
CREATE INDEX "User_tenantId_displayName_id_idx" ON "User"("tenantId", "displayName", "id");

