-- CreateTable
CREATE TABLE "LabObject" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastModifiedDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LabObject_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CertificateConnector" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "generation" TEXT NOT NULL DEFAULT 'current',
    "connectorName" TEXT NOT NULL,
    "machineName" TEXT NOT NULL,
    "connectorVersion" TEXT NOT NULL,
    "enrollmentDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastCheckinDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" TEXT NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "CertificateConnector_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceConfiguration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "odataType" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT,
    "settings" TEXT NOT NULL DEFAULT '{}',
    "rootCertificateId" TEXT,
    "roleScopeTagIds" TEXT NOT NULL DEFAULT '["0"]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastModifiedDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeviceConfiguration_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceConfigurationAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "deviceConfigurationId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "intent" TEXT NOT NULL DEFAULT 'apply',
    "source" TEXT NOT NULL DEFAULT 'direct',
    CONSTRAINT "DeviceConfigurationAssignment_deviceConfigurationId_fkey" FOREIGN KEY ("deviceConfigurationId") REFERENCES "DeviceConfiguration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "applicationTemplateId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "connectorGroupId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Application_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ServicePrincipal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "applicationId" TEXT,
    "displayName" TEXT NOT NULL,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ServicePrincipal_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppRoleAssignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "principalId" TEXT NOT NULL,
    "principalType" TEXT NOT NULL,
    "principalDisplayName" TEXT NOT NULL,
    "appRoleId" TEXT NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AppRoleAssignment_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "ServicePrincipal" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConnectorGroup" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ConnectorGroup_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppProxyConnector" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "serverId" TEXT NOT NULL,
    "machineName" TEXT NOT NULL,
    "externalIp" TEXT NOT NULL,
    "connectorVersion" TEXT NOT NULL,
    "connectorGroupId" TEXT,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdDateTime" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AppProxyConnector_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AppProxyConnector_connectorGroupId_fkey" FOREIGN KEY ("connectorGroupId") REFERENCES "ConnectorGroup" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "LabObject_tenantId_kind_idx" ON "LabObject"("tenantId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "LabObject_tenantId_kind_name_key" ON "LabObject"("tenantId", "kind", "name");

-- CreateIndex
CREATE INDEX "CertificateConnector_tenantId_idx" ON "CertificateConnector"("tenantId");

-- CreateIndex
CREATE INDEX "DeviceConfiguration_tenantId_odataType_idx" ON "DeviceConfiguration"("tenantId", "odataType");

-- CreateIndex
CREATE INDEX "DeviceConfiguration_tenantId_rootCertificateId_idx" ON "DeviceConfiguration"("tenantId", "rootCertificateId");

-- CreateIndex
CREATE INDEX "DeviceConfigurationAssignment_tenantId_deviceConfigurationId_idx" ON "DeviceConfigurationAssignment"("tenantId", "deviceConfigurationId");

-- CreateIndex
CREATE UNIQUE INDEX "Application_appId_key" ON "Application"("appId");

-- CreateIndex
CREATE INDEX "Application_tenantId_idx" ON "Application"("tenantId");

-- CreateIndex
CREATE INDEX "ServicePrincipal_tenantId_appId_idx" ON "ServicePrincipal"("tenantId", "appId");

-- CreateIndex
CREATE INDEX "AppRoleAssignment_tenantId_principalId_idx" ON "AppRoleAssignment"("tenantId", "principalId");

-- CreateIndex
CREATE UNIQUE INDEX "AppRoleAssignment_resourceId_principalId_appRoleId_key" ON "AppRoleAssignment"("resourceId", "principalId", "appRoleId");

-- CreateIndex
CREATE INDEX "ConnectorGroup_tenantId_idx" ON "ConnectorGroup"("tenantId");

-- CreateIndex
CREATE INDEX "AppProxyConnector_tenantId_idx" ON "AppProxyConnector"("tenantId");

