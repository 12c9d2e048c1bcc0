// An application's Application proxy page (seed 003, seed 004; rules-reference C.4–C.5): every setting of the
// on-premises form, editable + Save; the Connector Group warning; the External URL with Copy; on a custom domain
// the CNAME info bar and the Certificate (PFX + password → Upload Certificate → Save, problems reported top-right);
// Test Application (detected issues with resolution guidance, Download the report).
import { useRef, useState } from "react";
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownload20Regular, Beaker20Regular, Save20Regular } from "@fluentui/react-icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  classifyExternalHost,
  cnameTargetFor,
  externalDomainOptions,
  urlHost,
} from "@certlab/domain/entra/on-premises-publishing";
import { checkCustomDomainCertificate, cnameNotice } from "@certlab/domain/entra/custom-domain-certificate";
import { errorBody } from "@/shared/api/query-client";
import { notifications } from "@/shared/notifications/notification-store";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { formatDate } from "@/shared/lib/format";
import { useCan, useSignedInSession } from "@/shared/session/session";
import { appsKey, useApplicationConnectorGroup, useApplications, useDomains } from "@/features/entra/enterprise-apps/api/applications";
import { downloadDiagnostic, useConnectorGroups, useTestApplication } from "@/features/entra/enterprise-apps/api/app-proxy";
import { useSaveApplicationProxy, useUploadCertificate } from "@/features/entra/enterprise-apps/api/create-on-premises-app";
import type { Application, GraphDomain } from "@/features/entra/enterprise-apps/api/types";
import { useApp } from "@/features/entra/enterprise-apps/components/app-context";
import { FindingsList, useDraftFindings, useTenantSnapshot } from "@/features/entra/enterprise-apps/components/live-findings";
import { OnPremForm } from "@/features/entra/enterprise-apps/components/on-prem-form";
import type { GroupWithMembers } from "@/features/entra/enterprise-apps/api/app-proxy";
import type { TenantSnapshot } from "@certlab/domain/rules/snapshot";
import { draftOf, externalUrlOf, saveErrors, type OnPremDraft } from "@/features/entra/enterprise-apps/lib/draft";

const useStyles = makeStyles({
  columns: { display: "flex", gap: "32px", flexWrap: "wrap", alignItems: "flex-start" },
  side: { flex: "1 1 320px", maxWidth: "560px", display: "flex", flexDirection: "column", gap: "10px" },
  section: { display: "flex", flexDirection: "column", gap: "8px", maxWidth: "720px" },
  issue: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: "8px" },
});

export default function ApplicationAppProxyRoute() {
  const app = useApp();
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const domains = useDomains(tenantId);
  const groups = useConnectorGroups(tenantId);
  const group = useApplicationConnectorGroup(tenantId, app.id);
  const snapshot = useTenantSnapshot(tenantId);
  const apps = useApplications(tenantId);
  const error = domains.error ?? groups.error ?? group.error ?? snapshot.error;
  if (error) return <ErrorMessage error={error} />;
  if (!domains.data || !groups.data || !group.data || !snapshot.data || !apps.data) return <Loading />;
  return (
    <AppProxyEditor
      key={`${app.id}-${app.onPremisesPublishing?.externalUrl ?? ""}`}
      app={app}
      domains={domains.data}
      groups={groups.data}
      groupId={group.data.id}
      snapshot={snapshot.data}
      applications={apps.data}
    />
  );
}

function AppProxyEditor(props: {
  app: Application;
  domains: GraphDomain[];
  groups: GroupWithMembers[];
  groupId: string;
  snapshot: TenantSnapshot;
  applications: Application[];
}) {
  const s = useStyles();
  const { app } = props;
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const initial = session.tenant.initialDomain;
  const canWrite = useCan("entra.appProxy.write");
  const qc = useQueryClient();
  const domainList = props.domains.map((d) => ({ name: d.id, isVerified: d.isVerified }));
  const snapApp = props.snapshot.entra?.applications.find((a) => a.id === app.id);
  const saved = draftOf(app, initial, domainList, { maintenanceMode: snapApp?.maintenanceMode ?? false, connectorGroupId: props.groupId });
  const [draft, setDraft] = useState<OnPremDraft>(saved);
  const findings = useDraftFindings(draft, app.id);
  const save = useSaveApplicationProxy(tenantId, initial);
  const test = useTestApplication(app.id);
  const upload = useUploadCertificate(tenantId);
  const fileRef = useRef<HTMLInputElement>(null);
  const [pfx, setPfx] = useState<{ name: string; base64: string } | null>(null);
  const [password, setPassword] = useState("");
  const [staged, setStaged] = useState(false);
  const [downloading, setDownloading] = useState(false);

  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const externalUrl = externalUrlOf(draft, initial);
  const host = urlHost(app.onPremisesPublishing?.externalUrl ?? "") ?? "";
  const kind = classifyExternalHost(host, initial, domainList);
  const onCustom = kind.kind === "custom";
  const cert = snapApp?.customDomainCertificate;
  const certProblems = cert && host ? checkCustomDomainCertificate(cert, host) : [];

  const onSave = () => {
    if (dirty) {
      const errors = saveErrors(draft, {
        tenantInitialDomain: initial,
        domains: domainList,
        applications: props.applications,
        callerRoleIds: session.roles.map((r) => r.id),
        applicationId: app.id,
      });
      if (errors.length > 0) {
        notifications.push({ intent: "error", title: "Could not save the application proxy settings", body: errors.map((e) => e.message).join("\n") });
        return;
      }
      save.mutate({ app, draft, groupChanged: draft.connectorGroupId !== saved.connectorGroupId, maintenanceChanged: draft.maintenanceMode !== saved.maintenanceMode });
    }
    if (staged && pfx) {
      upload.mutate(
        { appId: app.id, pfxBase64: pfx.base64, password },
        {
          onSuccess: async () => {
            setStaged(false);
            setPfx(null);
            setPassword("");
            const snap = await qc.fetchQuery({ queryKey: [...appsKey(tenantId), "snapshot"], queryFn: () => fetch(`/api/tenants/${tenantId}/snapshot`).then((r) => r.json() as Promise<TenantSnapshot>) });
            const uploaded = snap.entra?.applications.find((a) => a.id === app.id)?.customDomainCertificate;
            const problems = uploaded && host ? checkCustomDomainCertificate(uploaded, host) : [];
            if (problems.length)
              notifications.push({ intent: "error", title: "The certificate has problems", body: problems.map((p) => p.message).join("\n") });
          },
        },
      );
    }
  };

  const onUploadCertificate = async () => {
    if (!pfx) {
      notifications.push({ intent: "error", title: "Could not upload the certificate", body: "Choose a PFX file. You must use a PFX certificate; the certificate must include the private key." });
      return;
    }
    setStaged(true);
  };

  const onFile = async (file: File | undefined) => {
    setStaged(false);
    if (!file) return setPfx(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    let bin = "";
    for (const b of bytes) bin += String.fromCharCode(b);
    setPfx({ name: file.name, base64: btoa(bin) });
  };

  const onDownload = async () => {
    setDownloading(true);
    try {
      await downloadDiagnostic(app.id, session.csrfToken);
    } catch (e) {
      notifications.push({ intent: "error", title: "Could not download the diagnostic report", body: errorBody(e) });
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Page
      title={`${app.displayName} | Application proxy`}
      subtitle="Enterprise Application"
      commands={
        <>
          {canWrite && (
            <Button appearance="subtle" icon={<Save20Regular />} disabled={(!dirty && !staged) || save.isPending || upload.isPending} onClick={onSave}>
              Save
            </Button>
          )}
          {canWrite && (
            <Button appearance="subtle" disabled={!dirty} onClick={() => setDraft(saved)}>
              Discard
            </Button>
          )}
          <Button appearance="subtle" icon={<Beaker20Regular />} disabled={test.isPending} onClick={() => test.mutate()}>
            Test Application
          </Button>
        </>
      }
    >
      {!app.onPremisesPublishing && (
        <MessageBar intent="info">
          <MessageBarBody>Application proxy is not configured for this application yet. Fill in the URLs and Save.</MessageBarBody>
        </MessageBar>
      )}
      {onCustom && (
        <MessageBar intent="info">
          <MessageBarBody>{cnameNotice(host, cnameTargetFor(host, kind.domain, initial))}</MessageBarBody>
        </MessageBar>
      )}
      {(test.isPending || test.data) && (
        <section aria-label="Test Application results" className={s.section}>
          <h2 style={{ fontSize: 16, margin: 0 }}>Test Application</h2>
          {test.isPending && <Spinner size="small" label="Testing the application…" labelPosition="after" />}
          {test.data && (
            <>
              <Text>
                {test.data.detectedIssues.length === 0
                  ? "No issues detected."
                  : `Detected issues: ${test.data.detectedIssues.length}. Review the resolution guidance for each.`}
              </Text>
              {test.data.detectedIssues.map((i) => (
                <div key={`${i.code}|${i.message}`} className={s.issue}>
                  <Badge appearance="tint" color={i.severity === "error" ? "danger" : i.severity === "warning" ? "warning" : "informative"}>
                    {i.severity}
                  </Badge>{" "}
                  <Text weight="semibold">
                    {i.code}: {i.title}
                  </Text>
                  <div>{i.message}</div>
                  <div>
                    <Text weight="semibold">Resolution:</Text> {i.resolution}
                  </div>
                </div>
              ))}
              <Button icon={<ArrowDownload20Regular />} style={{ alignSelf: "flex-start" }} disabled={downloading} onClick={() => void onDownload()}>
                Download
              </Button>
            </>
          )}
        </section>
      )}
      <div className={s.columns}>
        <div className={s.section}>
          <OnPremForm
            draft={draft}
            onChange={setDraft}
            tenantInitialDomain={initial}
            domainOptions={externalDomainOptions(initial, domainList)}
            groups={props.groups}
            disabled={!canWrite}
          />
          {externalUrl !== (app.onPremisesPublishing?.externalUrl ?? "") && app.onPremisesPublishing && (
            <Text size={200}>Unsaved: the External URL becomes {externalUrl}</Text>
          )}
          {onCustom && (
            <section aria-label="Certificate" className={s.section}>
              <h2 style={{ fontSize: 16, margin: "12px 0 0" }}>Certificate</h2>
              {app.onPremisesPublishing?.verifiedCustomDomainCertificatesMetadata ? (
                <Text>
                  {app.onPremisesPublishing.verifiedCustomDomainCertificatesMetadata.subjectName}, issued by{" "}
                  {app.onPremisesPublishing.verifiedCustomDomainCertificatesMetadata.issuerName}, expires{" "}
                  {formatDate(app.onPremisesPublishing.verifiedCustomDomainCertificatesMetadata.expiryDate)}
                </Text>
              ) : (
                <Text>No certificate uploaded for {host}. Upload a PFX that includes the private key.</Text>
              )}
              {certProblems.length > 0 && (
                <MessageBar intent="error">
                  <MessageBarBody>
                    <MessageBarTitle>Certificate problems</MessageBarTitle>
                    {certProblems.map((p) => (
                      <div key={p.code}>{p.message}</div>
                    ))}
                  </MessageBarBody>
                </MessageBar>
              )}
              {canWrite && (
                <>
                  <Field label="PFX certificate">
                    <input ref={fileRef} type="file" accept=".pfx,.p12" onChange={(e) => void onFile(e.target.files?.[0])} />
                  </Field>
                  <Field label="Password">
                    <Input type="password" value={password} onChange={(_e, d) => (setPassword(d.value), setStaged(false))} />
                  </Field>
                  <Button style={{ alignSelf: "flex-start" }} onClick={() => void onUploadCertificate()}>
                    Upload Certificate
                  </Button>
                  {staged && pfx && <Text>{pfx.name} is ready: select Save to upload it.</Text>}
                </>
              )}
            </section>
          )}
        </div>
        <div className={s.side}>
          <h2 style={{ fontSize: 16, margin: 0 }}>Configuration findings</h2>
          {save.isError && <ErrorMessage error={save.error} title="The last save was refused" />}
          <FindingsList findings={findings} label="Configuration findings" empty="No findings for this configuration." />
        </div>
      </div>
    </Page>
  );
}
