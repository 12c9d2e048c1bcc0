-- CreateTable
CREATE TABLE "ManagedDevice" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "deviceName" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT,
    "azureADDeviceId" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "lastSync" TEXT,
    "lastSyncDateTime" TIMESTAMP(3),
    "enrolledDateTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ManagedDevice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ManagedDeviceProfileState" (
    "deviceId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "statusText" TEXT NOT NULL DEFAULT '',
    "lastReportedDateTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ManagedDeviceProfileState_pkey" PRIMARY KEY ("deviceId","profileId")
);

-- CreateTable
CREATE TABLE "DeviceCertificate" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "deviceId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "thumbprint" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "certificatePem" TEXT NOT NULL,
    "chainPems" TEXT NOT NULL DEFAULT '[]',
    "caRequestId" INTEGER,
    "createdDateTime" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeviceCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ManagedDevice_tenantId_deviceName_idx" ON "ManagedDevice"("tenantId", "deviceName");

-- CreateIndex
CREATE INDEX "ManagedDevice_tenantId_userId_idx" ON "ManagedDevice"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "ManagedDeviceProfileState_tenantId_profileId_idx" ON "ManagedDeviceProfileState"("tenantId", "profileId");

-- CreateIndex
CREATE INDEX "DeviceCertificate_tenantId_deviceId_idx" ON "DeviceCertificate"("tenantId", "deviceId");

-- CreateIndex
CREATE INDEX "DeviceCertificate_tenantId_profileId_idx" ON "DeviceCertificate"("tenantId", "profileId");

-- AddForeignKey
ALTER TABLE "ManagedDevice" ADD CONSTRAINT "ManagedDevice_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ManagedDeviceProfileState" ADD CONSTRAINT "ManagedDeviceProfileState_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "ManagedDevice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeviceCertificate" ADD CONSTRAINT "DeviceCertificate_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "ManagedDevice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

