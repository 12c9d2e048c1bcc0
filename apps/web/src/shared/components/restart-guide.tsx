// "Restart" for a guide (issue 8): resets the lab to the guide's starting point after a confirmation, since it
// replaces the tenant's lab (POST /api/guides/{id}/restart).
import { useState } from "react";
import { Button } from "@fluentui/react-components";
import { ArrowCounterclockwise20Regular } from "@fluentui/react-icons";
import { useRestartGuide, type GuideProgress } from "@/shared/api/guides";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { useSignedInSession } from "@/shared/session/session";

export const GUIDE_START_TEXT = { fresh: "an empty lab (the fresh scenario)", complete: "the complete correct setup" } as const;

export function RestartGuideButton(props: { guide: Pick<GuideProgress, "id" | "title" | "start">; appearance?: "subtle" | "secondary" }) {
  const session = useSignedInSession();
  const restart = useRestartGuide();
  const [confirm, setConfirm] = useState(false);
  const g = props.guide;
  return (
    <>
      <Button
        appearance={props.appearance ?? "secondary"}
        icon={<ArrowCounterclockwise20Regular />}
        disabled={restart.isPending}
        onClick={() => setConfirm(true)}
      >
        Restart
      </Button>
      <ConfirmDialog
        open={confirm}
        title="Restart this guide?"
        confirmLabel="Restart"
        busy={restart.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() => restart.mutate(g.id, { onSettled: () => setConfirm(false) })}
      >
        This replaces the lab of {session.tenant.displayName} with {GUIDE_START_TEXT[g.start]}, the starting point of “{g.title}”.
        Servers, Intune profiles, Entra applications and connectors made since are lost.
      </ConfirmDialog>
    </>
  );
}
