// The two ways to (re)start the lab from the home page: the complete correct setup (issue 8's answer key across
// seeds 000–004) or an empty lab. Both replace the tenant's lab, so each asks first.
import { useState } from "react";
import { Button, Card, makeStyles, Text, tokens } from "@fluentui/react-components";
import { Beaker20Regular, CheckmarkStarburst20Regular } from "@fluentui/react-icons";
import { useResetLab, type LabScenario } from "@/shared/api/lab-reset";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { useSignedInSession } from "@/shared/session/session";

const useStyles = makeStyles({
  row: { display: "grid", gap: "12px", gridTemplateColumns: "repeat(auto-fill, minmax(300px, 1fr))" },
  card: { display: "flex", flexDirection: "column", gap: "8px" },
  muted: { color: tokens.colorNeutralForeground3 },
});

const CHOICES: Record<"complete" | "fresh", { button: string; title: string; text: string; confirm: string }> = {
  complete: {
    button: "Load the complete correct setup",
    title: "Load the complete correct setup?",
    text: "Every seed done right: the lab's servers, CA, templates and NDES, NDES published through application proxy with Passthrough, trusted root and SCEP profiles assigned on every platform. Health reports no errors and no warnings.",
    confirm: "Load",
  },
  fresh: {
    button: "Start from an empty lab",
    title: "Start from an empty lab?",
    text: "The starting point of the guides: the servers exist, nothing is configured yet. Follow a guide to build the setup step by step.",
    confirm: "Start",
  },
};

export function LabStart() {
  const s = useStyles();
  const session = useSignedInSession();
  const reset = useResetLab();
  const [asking, setAsking] = useState<"complete" | "fresh" | null>(null);
  const choice = asking ? CHOICES[asking] : null;
  const run = (scenario: LabScenario & ("complete" | "fresh")) =>
    reset.mutate(scenario, { onSettled: () => setAsking(null) });
  return (
    <div className={s.row}>
      {(["complete", "fresh"] as const).map((id) => (
        <Card key={id} className={s.card}>
          <Text weight="semibold">{CHOICES[id].button}</Text>
          <Text size={200}>{CHOICES[id].text}</Text>
          <Button
            appearance={id === "complete" ? "primary" : "secondary"}
            icon={id === "complete" ? <CheckmarkStarburst20Regular /> : <Beaker20Regular />}
            style={{ alignSelf: "flex-start" }}
            onClick={() => setAsking(id)}
          >
            {CHOICES[id].button}
          </Button>
        </Card>
      ))}
      <ConfirmDialog
        open={!!choice}
        title={choice?.title ?? ""}
        confirmLabel={choice?.confirm ?? ""}
        busy={reset.isPending}
        onCancel={() => setAsking(null)}
        onConfirm={() => asking && run(asking)}
      >
        This replaces the whole lab of {session.tenant.displayName} (servers, Intune profiles, Entra applications and
        connectors). The directory's users and groups stay.
      </ConfirmDialog>
    </div>
  );
}
