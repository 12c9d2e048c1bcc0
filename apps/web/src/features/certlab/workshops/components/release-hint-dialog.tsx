// Release a hint to every trainee at once (the scenario's hints per objective; a released hint is free to reveal
// under the "trainer-released" policy and visible to all).
import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from "@fluentui/react-components";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useScenario, useWorkshopAction, workshopApi, type Workshop } from "@/shared/workshops/api";

export function ReleaseHintDialog(props: { workshop: Workshop; open: boolean; onClose: () => void }) {
  const w = props.workshop;
  const scenario = useScenario(props.open ? w.scenario.id : undefined);
  const release = useWorkshopAction(w.id, (v: { objectiveId: string; hintId: string }) => workshopApi.releaseHint(w.id, v.objectiveId, v.hintId), {
    success: "Released the hint to everyone",
    error: "Could not release the hint",
  });
  const released = (objectiveId: string, hintId: string) => w.releasedHints.some((h) => h.objectiveId === objectiveId && h.hintId === hintId);
  return (
    <Dialog open={props.open} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Release a hint</DialogTitle>
          <DialogContent>
            {scenario.isPending && <Loading />}
            {scenario.error && <ErrorMessage error={scenario.error} />}
            {scenario.data?.objectives.map((o) => (
              <section key={o.id} style={{ marginBottom: 12 }} aria-label={o.title}>
                <Text weight="semibold" block>
                  {o.title}
                </Text>
                {(o.hints ?? []).length === 0 && <Text block>No hints</Text>}
                {(o.hints ?? []).map((h, i) => (
                  <div key={h.id} style={{ display: "flex", gap: 8, alignItems: "center", marginTop: 4 }}>
                    <Text style={{ flex: "1 1 auto" }}>
                      Hint {i + 1} (−{h.penalty} pt): {h.text}
                    </Text>
                    {released(o.id, h.id) ? (
                      <Badge color="success">Released</Badge>
                    ) : (
                      <Button
                        size="small"
                        aria-label={`Release hint ${i + 1} of ${o.title}`}
                        disabled={release.isPending || w.state === "ended"}
                        onClick={() => release.mutate({ objectiveId: o.id, hintId: h.id })}
                      >
                        Release
                      </Button>
                    )}
                  </div>
                ))}
              </section>
            ))}
          </DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
