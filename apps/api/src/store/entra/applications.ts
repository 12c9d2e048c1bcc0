// Applications and their service principals created from the "Custom" template (graph-reference.md §8.5), with
// application proxy (`onPremisesPublishing`, §8.4): the save-time checks of seed 003 run before anything is
// written, and the custom-domain PFX is parsed for real with packages/pki.
import { randomUUID } from "node:crypto";
import {
  applyOnPremisesPublishingPatch,
  classifyExternalHost,
  urlHost,
  validateAppProxyCaller,
  validateAppProxySave,
  type AppProxyFieldError,
  type TApplicationPatch,
  type TOnPremisesPublishingPatch,
} from "@certlab/domain/entra/on-premises-publishing";
import type { CustomDomainCertificateFacts } from "@certlab/domain/entra/snapshot";
import { parsePfx } from "@certlab/pki/pfx";
import type { Application, ConnectorGroup, ServicePrincipal } from "../../generated/sqlite/client.ts";
import type { Tx } from "../../db/client.ts";
import { AppError, notFound, type ErrorDetail } from "../../http/errors.ts";
import { diff } from "../audit.ts";
import { StoreBase } from "../base.ts";
import { checkIfMatch, concurrentChange } from "../etag.ts";
import { requireGuid } from "../ids.ts";
import { ensureDefaultConnectorGroup } from "./connectors.ts";
import {
  applicationData,
  CUSTOM_SSO_TAGS,
  defaultApplicationData,
  ON_PREM_APP_TAG,
  servicePrincipalData,
  type ApplicationData,
  type ServicePrincipalData,
} from "./data.ts";

export type ApplicationRow = Application & { parsed: ApplicationData };
export type ServicePrincipalRow = ServicePrincipal & { parsed: ServicePrincipalData };

export const KEY_CREDENTIAL_FIELD = "onPremisesPublishing.verifiedCustomDomainKeyCredential";
export const PASSWORD_CREDENTIAL_FIELD = "onPremisesPublishing.verifiedCustomDomainPasswordCredential";

const withParsed = (a: Application): ApplicationRow => ({ ...a, parsed: applicationData(a) });
export const withParsedSp = (s: ServicePrincipal): ServicePrincipalRow => ({ ...s, parsed: servicePrincipalData(s) });

/** A 400 (or 403 for the caller) carrying each save-time error with its code and the field it is about. */
export function saveError(errors: AppProxyFieldError[]): AppError {
  const details: ErrorDetail[] = errors.map((e) => ({ code: e.code, target: e.field, message: e.message }));
  const kind = errors.some((e) => e.code === "APPPROXY_NOT_ADMIN") ? "forbidden" : "badRequest";
  return new AppError(kind, errors.map((e) => e.message).join(" "), { details });
}

/** APPPROXY_NOT_ADMIN as a 403: Cloud Application Administrator manages applications "except App Proxy". */
export function assertAppProxyCaller(roleIds: readonly string[]): void {
  const errors = validateAppProxyCaller(roleIds);
  if (errors.length > 0) throw saveError(errors);
}

function fieldError(target: string, message: string): AppError {
  return new AppError("badRequest", message, { details: [{ code: "InvalidField", target, message }] });
}

/** Reads the uploaded PFX with its password (packages/pki). Wrong password / not a PFX → 400 naming the field. */
export function parseCustomDomainPfx(keyBase64: string, password: string | undefined): CustomDomainCertificateFacts {
  if (password === undefined) {
    throw fieldError(PASSWORD_CREDENTIAL_FIELD, "Provide the PFX password in verifiedCustomDomainPasswordCredential (value or secretText) together with the certificate.");
  }
  let parsed;
  try {
    parsed = parsePfx(new Uint8Array(Buffer.from(keyBase64, "base64")), password);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const wrongPassword = /password/i.test(message);
    throw fieldError(wrongPassword ? PASSWORD_CREDENTIAL_FIELD : KEY_CREDENTIAL_FIELD, `The certificate could not be uploaded: ${message}`);
  }
  const c = parsed.certificate;
  return {
    subject: c.subject,
    sanDns: c.subjectAlternativeNames.filter((s) => s.type === "dns").map((s) => s.value),
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    isSelfSigned: c.isSelfSigned,
    hasPrivateKey: parsed.hasPrivateKey && parsed.privateKeyMatchesCertificate,
    issuer: c.issuer,
    thumbprint: c.thumbprint,
  };
}

const auditView = (a: ApplicationRow) => ({
  displayName: a.displayName,
  identifierUris: a.parsed.identifierUris,
  web: a.parsed.web,
  onPremisesPublishing: a.parsed.onPremisesPublishing,
  customDomainCertificate: a.parsed.customDomainCertificate ? { subject: a.parsed.customDomainCertificate.subject, thumbprint: a.parsed.customDomainCertificate.thumbprint } : null,
  maintenanceMode: a.parsed.maintenanceMode,
});
const AUDITED = ["displayName", "identifierUris", "web", "onPremisesPublishing", "customDomainCertificate", "maintenanceMode"];

export class ApplicationsStore extends StoreBase {
  async list(): Promise<ApplicationRow[]> {
    const rows = await this.db.application.findMany({ where: { tenantId: this.tenantId }, orderBy: [{ displayName: "asc" }, { id: "asc" }] });
    return rows.map(withParsed);
  }

  async get(id: string): Promise<ApplicationRow> {
    const app = await this.db.application.findFirst({ where: { id: requireGuid(id), tenantId: this.tenantId } });
    if (!app) throw notFound(id);
    return withParsed(app);
  }

  async servicePrincipalOf(app: Application): Promise<ServicePrincipalRow | null> {
    const sp = await this.db.servicePrincipal.findFirst({ where: { tenantId: this.tenantId, appId: app.appId } });
    return sp ? withParsedSp(sp) : null;
  }

  /** POST applicationTemplates/{id}/instantiate: an application and its service principal (§8.5 step 1). */
  async instantiate(displayName: string, templateId: string): Promise<{ application: ApplicationRow; servicePrincipal: ServicePrincipalRow }> {
    return this.write(async (tx) => {
      const appId = randomUUID();
      const application = await tx.application.create({
        data: { id: randomUUID(), tenantId: this.tenantId, appId, displayName, applicationTemplateId: templateId, data: JSON.stringify(defaultApplicationData()) },
      });
      const spData: ServicePrincipalData = {
        accountEnabled: true,
        appRoleAssignmentRequired: true,
        servicePrincipalType: "Application",
        tags: [...CUSTOM_SSO_TAGS],
        applicationTemplateId: templateId,
        preferredSingleSignOnMode: null,
        homepage: null,
      };
      const sp = await tx.servicePrincipal.create({
        data: { id: randomUUID(), tenantId: this.tenantId, appId, applicationId: application.id, displayName, data: JSON.stringify(spData) },
      });
      return {
        result: { application: withParsed(application), servicePrincipal: withParsedSp(sp) },
        audit: {
          activityDisplayName: "Add application",
          category: "ApplicationManagement",
          operationType: "Add",
          loggedByService: "Core Directory",
          targets: [
            { type: "Application", id: application.id, displayName, modifiedProperties: [{ displayName: "AppId", oldValue: null, newValue: appId }] },
            { type: "ServicePrincipal", id: sp.id, displayName },
          ],
        },
      };
    });
  }

  private async saveContext(tx: Tx | StoreBase["db"]) {
    const [domains, apps] = await Promise.all([
      tx.domain.findMany({ where: { tenantId: this.tenantId } }),
      tx.application.findMany({ where: { tenantId: this.tenantId } }),
    ]);
    return {
      tenantInitialDomain: domains.find((d) => d.isInitial)?.name ?? "",
      domains: domains.map((d) => ({ name: d.name, isVerified: d.isVerified })),
      applications: apps.map((a) => {
        const p = applicationData(a).onPremisesPublishing;
        return { id: a.id, displayName: a.displayName, onPremisesPublishing: p ? { internalUrl: p.internalUrl, externalUrl: p.externalUrl } : null };
      }),
    };
  }

  /**
   * PATCH /applications/{id} (§8.5 steps 2–3). `callerRoleIds` are checked when the patch touches
   * onPremisesPublishing (APPPROXY_NOT_ADMIN → 403). Every seed 003 save-time error is refused with 400.
   */
  async update(id: string, patch: TApplicationPatch, opts: { ifMatch?: string; callerRoleIds: readonly string[] }): Promise<ApplicationRow> {
    const current = await this.get(id);
    checkIfMatch(opts.ifMatch, current.version);
    const next: ApplicationData = structuredClone(current.parsed);
    if (patch.identifierUris !== undefined) next.identifierUris = [...new Set(patch.identifierUris)];
    if (patch.web !== undefined) next.web = { ...next.web, ...patch.web, ...(patch.web.redirectUris ? { redirectUris: [...patch.web.redirectUris] } : {}) };

    const publishing: TOnPremisesPublishingPatch | undefined = patch.onPremisesPublishing;
    if (publishing !== undefined) {
      assertAppProxyCaller(opts.callerRoleIds);
      if (next.identifierUris.length === 0) {
        throw fieldError("identifierUris", "Set the application's identifierUris (for example api://{appId}) and web URLs before onPremisesPublishing: the URIs must be set before application proxy is configured.");
      }
      next.onPremisesPublishing = applyOnPremisesPublishingPatch(current.parsed.onPremisesPublishing, publishing);
      const ctx = await this.saveContext(this.db);
      const errors = validateAppProxySave(
        { applicationId: current.id, internalUrl: next.onPremisesPublishing.internalUrl, externalUrl: next.onPremisesPublishing.externalUrl },
        ctx,
      );
      if (errors.length > 0) throw saveError(errors);

      const host = urlHost(next.onPremisesPublishing.externalUrl.trim()) ?? "";
      const onCustomDomain = classifyExternalHost(host, ctx.tenantInitialDomain, ctx.domains).kind === "custom";
      if (publishing.verifiedCustomDomainKeyCredential) {
        if (!onCustomDomain) {
          throw fieldError(KEY_CREDENTIAL_FIELD, `A custom domain certificate applies only to an External URL on a verified custom domain; '${next.onPremisesPublishing.externalUrl}' uses the default application proxy domain.`);
        }
        next.customDomainCertificate = parseCustomDomainPfx(publishing.verifiedCustomDomainKeyCredential.key, publishing.verifiedCustomDomainPasswordCredential?.secretText);
      } else if (publishing.verifiedCustomDomainKeyCredential === null || !onCustomDomain) {
        next.customDomainCertificate = null;
      }
      const cert = next.customDomainCertificate;
      next.onPremisesPublishing.verifiedCustomDomainCertificatesMetadata = cert
        ? { expiryDate: cert.notAfter, issueDate: cert.notBefore, issuerName: cert.issuer, subjectName: cert.subject, thumbprint: cert.thumbprint ?? "" }
        : null;
    }

    if (next.identifierUris.length > 0 && patch.identifierUris !== undefined) {
      for (const uri of next.identifierUris) {
        if (!/^[a-z][a-z0-9+.-]*:\/\/?\S+$/i.test(uri)) throw fieldError("identifierUris", `'${uri}' is not a valid identifier URI (for example api://${current.appId}).`);
      }
      const others = (await this.list()).filter((a) => a.id !== current.id);
      const taken = next.identifierUris.find((u) => others.some((o) => o.parsed.identifierUris.some((x) => x.toLowerCase() === u.toLowerCase())));
      if (taken) throw fieldError("identifierUris", `Another object with the same value for property identifierUris already exists: '${taken}'.`);
    }

    const displayName = patch.displayName ?? current.displayName;
    const firstPublish = current.parsed.onPremisesPublishing === null && next.onPremisesPublishing !== null;
    return this.write(async (tx) => {
      const res = await tx.application.updateMany({
        where: { id: current.id, version: current.version },
        data: { displayName, data: JSON.stringify(next), version: { increment: 1 } },
      });
      if (res.count !== 1) throw concurrentChange();
      const sp = await tx.servicePrincipal.findFirst({ where: { tenantId: this.tenantId, appId: current.appId } });
      if (sp) {
        const spData = servicePrincipalData(sp);
        if (firstPublish && !spData.tags.includes(ON_PREM_APP_TAG)) spData.tags.push(ON_PREM_APP_TAG);
        if (patch.web?.homePageUrl !== undefined) spData.homepage = patch.web.homePageUrl;
        await tx.servicePrincipal.update({ where: { id: sp.id }, data: { displayName, data: JSON.stringify(spData) } });
      }
      if (firstPublish && !current.connectorGroupId) {
        const def = await ensureDefaultConnectorGroup(tx, this.tenantId);
        await tx.application.update({ where: { id: current.id }, data: { connectorGroupId: def.id } });
      }
      const updated = withParsed(await tx.application.findUniqueOrThrow({ where: { id: current.id } }));
      return {
        result: updated,
        audit: {
          activityDisplayName: publishing !== undefined ? "Update application – Application Proxy settings" : "Update application",
          category: "ApplicationManagement",
          operationType: "Update",
          loggedByService: publishing !== undefined ? "Application Proxy" : "Core Directory",
          targets: [{ type: "Application", id: updated.id, displayName: updated.displayName, modifiedProperties: diff(auditView(current), auditView(updated), AUDITED) }],
        },
      };
    });
  }

  /** Maintenance Mode of the portal's form (not a Graph property). */
  async setMaintenanceMode(id: string, enabled: boolean, callerRoleIds: readonly string[]): Promise<ApplicationRow> {
    assertAppProxyCaller(callerRoleIds);
    const current = await this.get(id);
    const next = { ...current.parsed, maintenanceMode: enabled };
    return this.write(async (tx) => {
      await tx.application.update({ where: { id: current.id }, data: { data: JSON.stringify(next), version: { increment: 1 } } });
      const updated = withParsed(await tx.application.findUniqueOrThrow({ where: { id: current.id } }));
      return {
        result: updated,
        audit: {
          activityDisplayName: "Update application – Application Proxy settings",
          category: "ApplicationManagement",
          operationType: "Update",
          loggedByService: "Application Proxy",
          targets: [{ type: "Application", id: updated.id, displayName: updated.displayName, modifiedProperties: diff(auditView(current), auditView(updated), ["maintenanceMode"]) }],
        },
      };
    });
  }

  /** DELETE /applications/{id}: the application and its service principal (and the service principal's assignments). */
  async delete(id: string, ifMatch?: string): Promise<void> {
    const current = await this.get(id);
    checkIfMatch(ifMatch, current.version);
    await this.write(async (tx) => {
      const sps = await tx.servicePrincipal.findMany({ where: { tenantId: this.tenantId, appId: current.appId } });
      await tx.appRoleAssignment.deleteMany({ where: { resourceId: { in: sps.map((s) => s.id) } } });
      await tx.servicePrincipal.deleteMany({ where: { id: { in: sps.map((s) => s.id) } } });
      await tx.application.delete({ where: { id: current.id } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Delete application",
          category: "ApplicationManagement",
          operationType: "Delete",
          loggedByService: "Core Directory",
          targets: [
            { type: "Application", id: current.id, displayName: current.displayName },
            ...sps.map((s) => ({ type: "ServicePrincipal", id: s.id, displayName: s.displayName })),
          ],
        },
      };
    });
  }

  /** The application's connector group: its own, or the Default group (seed 003: "your app is assigned to Default"). */
  async connectorGroupOf(id: string): Promise<ConnectorGroup> {
    const app = await this.get(id);
    if (app.connectorGroupId) {
      const g = await this.db.connectorGroup.findFirst({ where: { id: app.connectorGroupId, tenantId: this.tenantId } });
      if (g) return g;
    }
    return ensureDefaultConnectorGroup(this.db, this.tenantId);
  }

  /** The published applications of a connector group. */
  async inConnectorGroup(group: ConnectorGroup): Promise<ApplicationRow[]> {
    const where = group.isDefault ? { OR: [{ connectorGroupId: group.id }, { connectorGroupId: null }] } : { connectorGroupId: group.id };
    const rows = await this.db.application.findMany({ where: { tenantId: this.tenantId, ...where }, orderBy: [{ displayName: "asc" }, { id: "asc" }] });
    return rows.map(withParsed).filter((a) => a.parsed.onPremisesPublishing !== null);
  }

  /** PUT applications/{id}/connectorGroup/$ref and POST connectorGroups/{id}/applications (§8.5 step 6). */
  async setConnectorGroup(id: string, groupId: string, callerRoleIds: readonly string[]): Promise<void> {
    assertAppProxyCaller(callerRoleIds);
    const app = await this.get(id);
    const group = await this.db.connectorGroup.findFirst({ where: { id: requireGuid(groupId), tenantId: this.tenantId } });
    if (!group) throw notFound(groupId);
    const from = await this.connectorGroupOf(app.id);
    await this.write(async (tx) => {
      await tx.application.update({ where: { id: app.id }, data: { connectorGroupId: group.id, version: { increment: 1 } } });
      return {
        result: undefined,
        audit: {
          activityDisplayName: "Assign application to connector group",
          category: "ApplicationManagement",
          operationType: "Assign",
          loggedByService: "Application Proxy",
          targets: [
            { type: "Application", id: app.id, displayName: app.displayName, modifiedProperties: [{ displayName: "ConnectorGroup", oldValue: from.name, newValue: group.name }] },
            { type: "ConnectorGroup", id: group.id, displayName: group.name },
          ],
        },
      };
    });
  }
}
