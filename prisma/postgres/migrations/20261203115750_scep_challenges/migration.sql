-- CreateTable
CREATE TABLE "ScepChallenge" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "deviceName" TEXT NOT NULL,
    "userId" TEXT,
    "subject" TEXT NOT NULL,
    "expiresDateTime" TIMESTAMP(3) NOT NULL,
    "usedDateTime" TIMESTAMP(3),
    "createdDateTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScepChallenge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScepChallengeKey" (
    "tenantId" TEXT NOT NULL,
    "signingKeyPem" TEXT NOT NULL,
    "encryptionKey" TEXT NOT NULL,
    "createdDateTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScepChallengeKey_pkey" PRIMARY KEY ("tenantId")
);

-- CreateIndex
CREATE INDEX "ScepChallenge_tenantId_createdDateTime_idx" ON "ScepChallenge"("tenantId", "createdDateTime");

-- AddForeignKey
ALTER TABLE "ScepChallenge" ADD CONSTRAINT "ScepChallenge_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScepChallengeKey" ADD CONSTRAINT "ScepChallengeKey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

