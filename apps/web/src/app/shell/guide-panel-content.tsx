// The guide side panel (issue 8): stays open beside the Intune, Entra, Lab and Certlab screens while the admin
// works, ticks steps as the tenant's state changes (every write marks the guides stale: shared/api/query-client),
// links each step to its screen, shows the findings that block the current step, and restarts the guide after a
// confirmation (POST /api/guides/{id}/restart resets the lab to the guide's starting point).
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { Dismiss20Regular } from "@fluentui/react-icons";
import { useGuide } from "@/shared/api/guides";
import { AppLink } from "@/shared/components/app-link";
import { GuideProgressBar, GuideSteps } from "@/shared/components/guide-steps";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { RestartGuideButton } from "@/shared/components/restart-guide";
import { guidePanel } from "@/shared/guides/guide-panel-store";
import { paths } from "@/shared/paths";

const useStyles = makeStyles({
  panel: {
    width: "340px",
    flex: "0 0 340px",
    overflowY: "auto",
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    background: tokens.colorNeutralBackground2,
    padding: "12px",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
  },
  head: { display: "flex", alignItems: "flex-start", gap: "4px" },
  title: { flex: "1 1 auto", margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap" },
  small: { fontSize: tokens.fontSizeBase200 },
});

export default function GuidePanelContent(props: { guideId: string }) {
  const s = useStyles();
  const guide = useGuide(props.guideId);
  const g = guide.data;
  return (
    <aside className={s.panel} aria-label="Guide panel">
      <div className={s.head}>
        <h2 className={s.title}>{g ? g.title : "Guide"}</h2>
        <Button appearance="subtle" icon={<Dismiss20Regular />} aria-label="Close the guide panel" onClick={() => guidePanel.close()} />
      </div>
      {guide.isPending && <Loading label="Reading the guide…" />}
      {guide.error && <ErrorMessage error={guide.error} />}
      {g && (
        <>
          <GuideProgressBar guide={g} />
          {g.currentStepId === null && <Text className={s.small}>Every step of this guide is done on this tenant.</Text>}
          <GuideSteps guide={g} compact />
          <div className={s.actions}>
            <RestartGuideButton guide={g} />
            <AppLink to={paths.guide(g.id)}>Open the guide</AppLink>
          </div>
        </>
      )}
    </aside>
  );
}
