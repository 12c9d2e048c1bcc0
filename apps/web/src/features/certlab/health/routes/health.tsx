// Certlab Health: the tenant's findings by severity, filterable by severity and text; and the rule catalogue.
import { useState } from "react";
import { useSearchParams } from "react-router";
import {
  Button,
  makeStyles,
  SearchBox,
  Tab,
  TabList,
  Text,
  ToggleButton,
  tokens,
} from "@fluentui/react-components";
import { ArrowClockwise20Regular, Organization20Regular } from "@fluentui/react-icons";
import { useNavigate } from "react-router";
import type { Severity } from "@/shared/api/types";
import { Page } from "@/shared/components/page";
import { TenantRequestFlow } from "@/shared/components/request-flow-diagram";
import { paths } from "@/shared/paths";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useSignedInSession } from "@/shared/session/session";
import { useFindings } from "@/features/certlab/health/api/get-findings";
import { useRules } from "@/features/certlab/health/api/get-rules";
import { FindingsList, matches } from "@/features/certlab/health/components/findings-list";
import { RuleCatalogue } from "@/features/certlab/health/components/rule-catalogue";
import { AttackPaths, isSecurityFinding } from "@/features/certlab/health/components/attack-paths";
import { SEVERITIES, SEVERITY_ICON, SEVERITY_PLURAL } from "@/features/certlab/health/components/severity";

const useStyles = makeStyles({
  summary: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "center" },
  filters: { display: "flex", gap: "8px", flexWrap: "wrap", alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export default function HealthRoute() {
  const s = useStyles();
  const session = useSignedInSession();
  const navigate = useNavigate();
  const [tab, setTab] = useState<"findings" | "rules">("findings");
  const [shown, setShown] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  // ?q= pre-fills the filter: the lab browser's "Why?" links open Health on one rule code.
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get("q") ?? "");
  const findings = useFindings(session.tenant.id);
  const rules = useRules(tab === "rules");
  const all = findings.data?.value ?? [];
  const summary = findings.data?.summary ?? { error: 0, warning: 0, info: 0 };
  const visible = all.filter((f) => shown[f.severity] && matches(f, text.trim()));

  return (
    <Page
      title="Certlab Health"
      subtitle={`${session.tenant.displayName} (${session.tenant.defaultDomain})`}
      commands={
        <>
          <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void findings.refetch()}>
            Refresh
          </Button>
          {/* Issue 8: the same findings drawn on the lab. */}
          <Button appearance="subtle" icon={<Organization20Regular />} onClick={() => navigate(paths.lab.topology)}>
            Lab topology
          </Button>
        </>
      }
    >
      <TabList selectedValue={tab} onTabSelect={(_e, d) => setTab(d.value as "findings" | "rules")} aria-label="Health sections">
        <Tab value="findings">Findings</Tab>
        <Tab value="rules">Rule catalogue</Tab>
      </TabList>
      {tab === "findings" && (
        <>
          {/* Seed 004's request flow, each hop marked with the findings that break it (issue 8). */}
          <TenantRequestFlow />
          {findings.isPending && <Loading label="Evaluating rules…" />}
          {findings.error && <ErrorMessage error={findings.error} />}
          {findings.data && (
            <>
              <div className={s.filters} role="group" aria-label="Filter by severity">
                {SEVERITIES.map((sev) => (
                  <ToggleButton
                    key={sev}
                    checked={shown[sev]}
                    icon={SEVERITY_ICON[sev]}
                    onClick={() => setShown((v) => ({ ...v, [sev]: !v[sev] }))}
                  >
                    {`${SEVERITY_PLURAL[sev]}: ${summary[sev] ?? 0}`}
                  </ToggleButton>
                ))}
                <SearchBox aria-label="Filter findings" placeholder="Filter by text" value={text} onChange={(_e, d) => setText(d.value)} />
              </div>
              {all.length === 0 ? (
                <Text>No findings: every rule passes in this tenant.</Text>
              ) : (
                <>
                  <Text className={s.muted} aria-live="polite">
                    Showing {visible.length} of {all.length} findings
                  </Text>
                  {/* Issue 14: attack paths apart from enrollment failures. */}
                  <AttackPaths findings={visible} />
                  <FindingsList findings={visible.filter((f) => !isSecurityFinding(f))} />
                </>
              )}
            </>
          )}
        </>
      )}
      {tab === "rules" && (
        <>
          {rules.isPending && <Loading />}
          {rules.error && <ErrorMessage error={rules.error} />}
          {rules.data && <RuleCatalogue rules={rules.data.value} />}
        </>
      )}
    </Page>
  );
}
