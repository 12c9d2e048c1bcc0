-- DropIndex
DROP INDEX "User_tenantId_displayName_idx";

-- CreateTable
CREATE TABLE "SignInLockout" (
    "signInName" TEXT NOT NULL PRIMARY KEY,
    "failedCount" INTEGER NOT NULL DEFAULT 0,
    "lockoutCount" INTEGER NOT NULL DEFAULT 0,
    "lockedUntil" DATETIME,
    "lastFailedDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "User_tenantId_displayName_id_idx" ON "User"("tenantId", "displayName", "id");

