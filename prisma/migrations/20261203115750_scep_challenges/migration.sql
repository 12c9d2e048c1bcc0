-- CreateTable
CREATE TABLE "ScepChallenge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "deviceName" TEXT NOT NULL,
    "userId" TEXT,
    "subject" TEXT NOT NULL,
    "expiresDateTime" DATETIME NOT NULL,
    "usedDateTime" DATETIME,
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScepChallenge_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScepChallengeKey" (
    "tenantId" TEXT NOT NULL PRIMARY KEY,
    "signingKeyPem" TEXT NOT NULL,
    "encryptionKey" TEXT NOT NULL,
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScepChallengeKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ScepChallenge_tenantId_createdDateTime_idx" ON "ScepChallenge"("tenantId", "createdDateTime");

