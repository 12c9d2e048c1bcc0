// Add your own on-premises application (seed 003; rules-reference C.5). The form checks itself as the admin types
// (the URL rules under each field; the rules engine's findings on the draft beside it). "Add" refuses every save-time
// error of seed 003's troubleshooting list with a notification top-right, then runs the §8.5 Graph flow.
import { useState } from "react";
import { Button, makeStyles, Spinner, Text } from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import { externalDomainOptions } from "@certlab/domain/entra/on-premises-publishing";
import { notifications } from "@/shared/notifications/notification-store";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { paths } from "@/shared/paths";
import { useSignedInSession } from "@/shared/session/session";
import { useApplications, useDomains } from "@/features/entra/enterprise-apps/api/applications";
import { useConnectorGroups } from "@/features/entra/enterprise-apps/api/app-proxy";
import { useAddOnPremisesApplication } from "@/features/entra/enterprise-apps/api/create-on-premises-app";
import { FindingsList, useDraftFindings } from "@/features/entra/enterprise-apps/components/live-findings";
import { OnPremForm } from "@/features/entra/enterprise-apps/components/on-prem-form";
import { newDraft, saveErrors, type OnPremDraft } from "@/features/entra/enterprise-apps/lib/draft";

const useStyles = makeStyles({
  columns: { display: "flex", gap: "32px", flexWrap: "wrap", alignItems: "flex-start" },
  side: { flex: "1 1 320px", maxWidth: "520px", display: "flex", flexDirection: "column", gap: "8px" },
});

export default function NewOnPremisesApplicationRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const tenantId = session.tenant.id;
  const initial = session.tenant.initialDomain;
  const navigate = useNavigate();
  const domains = useDomains(tenantId);
  const groups = useConnectorGroups(tenantId);
  const apps = useApplications(tenantId);
  const [draft, setDraft] = useState<OnPremDraft>(() => newDraft(initial));
  const [prefixTyped, setPrefixTyped] = useState(false);
  const findings = useDraftFindings(draft);
  const add = useAddOnPremisesApplication(tenantId, initial);
  const domainList = (domains.data ?? []).map((d) => ({ name: d.id, isVerified: d.isVerified }));
  const options = externalDomainOptions(initial, domainList);

  const onAdd = () => {
    const errors = saveErrors(draft, {
      tenantInitialDomain: initial,
      domains: domainList,
      applications: apps.data ?? [],
      callerRoleIds: session.roles.map((r) => r.id),
    });
    if (draft.name.trim() === "") errors.unshift({ code: "APPPROXY_URL_FORMAT", field: "caller", message: "Enter a Name for the application.", checklist: "" });
    if (errors.length > 0) {
      notifications.push({ intent: "error", title: "Could not add the application", body: errors.map((e) => e.message).join("\n") });
      return;
    }
    const defaultGroupId = groups.data?.find((g) => g.isDefault)?.id ?? "";
    add.mutate({ ...draft, connectorGroupId: draft.connectorGroupId || defaultGroupId }, { onSuccess: (created) => navigate(paths.entra.application(created.application.id, "app-proxy")) });
  };

  return (
    <Page
      title="Add your own on-premises application"
      commands={
        <Button appearance="primary" icon={<Add20Regular />} disabled={add.isPending} onClick={onAdd}>
          Add
        </Button>
      }
    >
      {(domains.isPending || groups.isPending) && <Loading />}
      {domains.error && <ErrorMessage error={domains.error} />}
      {groups.error && <ErrorMessage error={groups.error} />}
      <div className={s.columns}>
        <OnPremForm
          draft={draft}
          onChange={setDraft}
          tenantInitialDomain={initial}
          domainOptions={options}
          groups={groups.data ?? []}
          prefixFollowsName={!prefixTyped}
          onPrefixTyped={() => setPrefixTyped(true)}
          disabled={add.isPending}
        />
        <div className={s.side}>
          <h2 style={{ fontSize: 16, margin: 0 }}>Configuration findings</h2>
          <Text size={200}>The application proxy rules (A.8, A.9) on the tenant as it would be with this application added.</Text>
          {!findings && <Spinner size="tiny" label="Checking…" labelPosition="after" />}
          <FindingsList findings={findings} label="Configuration findings" empty="No findings for this configuration." />
        </div>
      </div>
      {add.isPending && <Spinner size="small" label="Adding the application…" labelPosition="after" />}
    </Page>
  );
}
