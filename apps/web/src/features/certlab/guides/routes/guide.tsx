// One guide (issue 8): its steps with the seed's instruction, the screen each happens on and the source, ticked from
// the tenant's state; the findings that block the current step; follow it in the side panel or restart it.
// Seed 004's guide (the request flow and best practices) also shows the request flow diagram.
import { useParams } from "react-router";
import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { PanelRight20Regular } from "@fluentui/react-icons";
import { useGuide } from "@/shared/api/guides";
import { GuideProgressBar, GuideSteps } from "@/shared/components/guide-steps";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { TenantRequestFlow } from "@/shared/components/request-flow-diagram";
import { GUIDE_START_TEXT, RestartGuideButton } from "@/shared/components/restart-guide";
import { guidePanel, useGuidePanel } from "@/shared/guides/guide-panel-store";

const useStyles = makeStyles({
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  progress: { maxWidth: "480px" },
});

/** Guides whose subject is the request flow itself (seed 004) show the diagram under their steps. */
const SHOWS_REQUEST_FLOW = (source: string) => source.startsWith("004_");

export default function GuideRoute() {
  const s = useStyles();
  const { guideId = "" } = useParams();
  const guide = useGuide(guideId);
  const panel = useGuidePanel();
  const g = guide.data;
  return (
    <Page
      title={g?.title ?? "Guide"}
      subtitle={g?.summary}
      commands={
        g && (
          <>
            <Button appearance="subtle" icon={<PanelRight20Regular />} disabled={panel === g.id} onClick={() => guidePanel.open(g.id)}>
              {panel === g.id ? "Shown in the side panel" : "Follow in the side panel"}
            </Button>
            <RestartGuideButton guide={g} appearance="subtle" />
          </>
        )
      }
    >
      {guide.isPending && <Loading label="Reading the guide…" />}
      {guide.error && <ErrorMessage error={guide.error} />}
      {g && (
        <>
          <Text className={s.meta}>
            Follows {g.source}. Starts from {GUIDE_START_TEXT[g.start]}.
          </Text>
          <div className={s.progress}>
            <GuideProgressBar guide={g} />
          </div>
          <GuideSteps guide={g} />
          {SHOWS_REQUEST_FLOW(g.source) && <TenantRequestFlow />}
        </>
      )}
    </Page>
  );
}
