// The guided flows with their progress on this tenant (home page and Guides page): title, what it covers, the
// seed it follows, "n of m steps done", and a way to follow it in the side panel.
import { Button, Card, makeStyles, Text, tokens } from "@fluentui/react-components";
import { PanelRight20Regular } from "@fluentui/react-icons";
import type { GuideProgress } from "@/shared/api/guides";
import { AppLink } from "@/shared/components/app-link";
import { GuideProgressBar } from "@/shared/components/guide-steps";
import { guidePanel, useGuidePanel } from "@/shared/guides/guide-panel-store";
import { paths } from "@/shared/paths";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: "12px", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))" },
  card: { display: "flex", flexDirection: "column", gap: "6px", height: "100%" },
  source: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap", marginTop: "auto" },
});

export function GuideList(props: { guides: readonly GuideProgress[] }) {
  const s = useStyles();
  const open = useGuidePanel();
  return (
    <ul className={s.list} aria-label="Guides">
      {props.guides.map((g) => (
        <li key={g.id}>
          <Card className={s.card} role="article" aria-label={g.title}>
            <AppLink to={paths.guide(g.id)}>
              <Text weight="semibold">{g.title}</Text>
            </AppLink>
            <Text size={200}>{g.summary}</Text>
            <span className={s.source}>Follows {g.source}</span>
            <GuideProgressBar guide={g} />
            <div className={s.actions}>
              <Button
                size="small"
                icon={<PanelRight20Regular />}
                disabled={open === g.id}
                onClick={() => guidePanel.open(g.id)}
                aria-label={`Follow “${g.title}” in the side panel`}
              >
                {open === g.id ? "In the side panel" : "Follow in the side panel"}
              </Button>
            </div>
          </Card>
        </li>
      ))}
    </ul>
  );
}
