// A Windows-style wizard in a dialog: the page list on the left (the current page in bold), the page on the right,
// and < Previous / Next > / the final action / Cancel at the bottom.
import type { ReactNode } from "react";
import { Button, Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  surface: { maxWidth: "820px", width: "95vw" },
  body: { display: "grid", gridTemplateColumns: "200px 1fr", gap: "16px", minHeight: "320px" },
  steps: { listStyle: "none", margin: 0, padding: "0 8px 0 0", borderRight: `1px solid ${tokens.colorNeutralStroke2}`, display: "flex", flexDirection: "column", gap: "6px" },
  current: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  page: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  buttons: { display: "flex", justifyContent: "flex-end", gap: "8px", marginTop: "16px" },
});

export function Wizard(props: {
  open: boolean;
  title: string;
  steps: string[];
  step: number;
  onStep: (n: number) => void;
  children: ReactNode;
  /** The last page's action ("Install", "Configure"); shown instead of Next > on the page before the results. */
  finishLabel: string;
  finishStep?: number;
  onFinish: () => void;
  busy?: boolean;
  nextDisabled?: boolean;
  /** The wizard has finished: only Close is offered. */
  done?: boolean;
  closeLabel?: string;
  onClose: () => void;
}) {
  const s = useStyles();
  const finishAt = props.finishStep ?? props.steps.length - 1;
  const last = props.step === finishAt;
  return (
    <Dialog open={props.open} onOpenChange={(_e, d) => !d.open && props.onClose()}>
      <DialogSurface className={s.surface} aria-label={props.title}>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>
            <div className={s.body}>
              <ol className={s.steps} aria-label="Wizard pages">
                {props.steps.map((name, i) => (
                  <li key={name} className={i === props.step ? s.current : undefined} aria-current={i === props.step ? "step" : undefined}>
                    {name}
                  </li>
                ))}
              </ol>
              <div className={s.page}>
                <h3 style={{ margin: 0 }}>{props.steps[props.step]}</h3>
                {props.children}
              </div>
            </div>
            <div className={s.buttons}>
              {props.done ? (
                <Button appearance="primary" onClick={props.onClose}>
                  {props.closeLabel ?? "Close"}
                </Button>
              ) : (
                <>
                  <Button disabled={props.step === 0 || props.busy} onClick={() => props.onStep(props.step - 1)}>
                    &lt; Previous
                  </Button>
                  {last ? (
                    <Button appearance="primary" disabled={props.busy || props.nextDisabled} onClick={props.onFinish}>
                      {props.busy ? "Working…" : props.finishLabel}
                    </Button>
                  ) : (
                    <Button appearance="primary" disabled={props.nextDisabled} onClick={() => props.onStep(props.step + 1)}>
                      Next &gt;
                    </Button>
                  )}
                  <Button onClick={props.onClose}>Cancel</Button>
                </>
              )}
            </div>
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
