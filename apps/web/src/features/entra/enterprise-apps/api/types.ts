// Graph shapes of the application proxy surface the Enterprise applications blades read (graph-reference.md §8).
import type { TOnPremisesPublishing } from "@certlab/domain/entra/on-premises-publishing";

export type OnPremisesPublishing = Omit<TOnPremisesPublishing, "verifiedCustomDomainKeyCredential" | "verifiedCustomDomainPasswordCredential"> & {
  verifiedCustomDomainCertificatesMetadata?: {
    expiryDate: string;
    issueDate: string;
    issuerName: string;
    subjectName: string;
    thumbprint: string;
  } | null;
};

export type Application = {
  id: string;
  appId: string;
  displayName: string;
  createdDateTime: string;
  applicationTemplateId?: string | null;
  publisherDomain?: string;
  identifierUris?: string[];
  web?: { homePageUrl?: string | null; redirectUris?: string[] };
  onPremisesPublishing?: OnPremisesPublishing | null;
};

export type ServicePrincipal = {
  id: string;
  appId: string;
  displayName: string;
  accountEnabled: boolean;
  appRoleAssignmentRequired: boolean;
  tags: string[];
  homepage?: string | null;
};

export type AppRoleAssignment = {
  id: string;
  appRoleId: string;
  createdDateTime: string;
  principalDisplayName: string;
  principalId: string;
  principalType: string;
  resourceId: string;
};

export type Connector = { id: string; machineName: string; externalIp: string; status: "active" | "inactive"; version: string };

export type ConnectorGroup = {
  id: string;
  name: string;
  connectorGroupType: string;
  isDefault: boolean;
  region: string | null;
};

export type DetectedIssue = { code: string; severity: "error" | "warning" | "info"; title: string; message: string; resolution: string; symptom: string };

export type ApplicationDiagnostic = {
  application: { id: string; displayName: string; externalUrl: string | null; internalUrl: string | null };
  checkedAt: string;
  detectedIssues: DetectedIssue[];
};

export type GraphDomain = { id: string; isVerified: boolean; isDefault: boolean; isInitial: boolean; authenticationType?: string };
