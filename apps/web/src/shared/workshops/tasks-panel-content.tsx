// The trainee's Tasks panel (issue 11 part 4): the workshop's objectives with their state on this seat's lab
// (evaluated by the API; every write in the portal marks it stale, shared/api/query-client.ts), each task's text,
// its hints (revealed at their point cost when the hint policy or the trainer allows), time left and score.
import { useEffect, useState } from "react";
import { Badge, Button, makeStyles, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { CheckmarkCircle16Filled, Circle16Regular, Dismiss20Regular } from "@fluentui/react-icons";
import { ConfirmDialog } from "@/shared/components/confirm-dialog";
import { useRevealHint, type MyWorkshop, type TraineeHint, type TraineeObjective } from "@/shared/workshops/api";
import { tasksPanel } from "@/shared/workshops/tasks-panel-store";

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
    gap: "10px",
  },
  head: { display: "flex", alignItems: "flex-start", gap: "4px" },
  title: { flex: "1 1 auto", margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  stats: { display: "flex", gap: "16px", fontVariantNumeric: "tabular-nums" },
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "10px" },
  item: { display: "flex", flexDirection: "column", gap: "4px", paddingBottom: "8px", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  itemHead: { display: "flex", alignItems: "center", gap: "6px", fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
  task: { whiteSpace: "pre-line", fontSize: tokens.fontSizeBase200 },
  hint: { fontSize: tokens.fontSizeBase200, background: tokens.colorNeutralBackground1, padding: "6px", borderRadius: tokens.borderRadiusMedium },
  small: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

function useTimeLeft(endsAt: string): string {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(t);
  }, []);
  const total = Math.max(0, Math.floor((new Date(endsAt).getTime() - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

function Hint(props: { objective: TraineeObjective; hint: TraineeHint; index: number; ended: boolean; onReveal: () => void }) {
  const s = useStyles();
  const h = props.hint;
  if (h.revealed && h.text) {
    return (
      <div className={s.hint}>
        <strong>Hint {props.index + 1}</strong> (−{h.penalty} pt): {h.text}
      </div>
    );
  }
  if (!h.available) return <Text className={s.small}>Hint {props.index + 1}: not released yet</Text>;
  return (
    <Button size="small" disabled={props.ended} onClick={props.onReveal} aria-label={`Reveal hint ${props.index + 1} of ${props.objective.title} (costs ${h.penalty} points)`}>
      Reveal hint {props.index + 1} (−{h.penalty} pt)
    </Button>
  );
}

export default function TasksPanelContent(props: { workshop: MyWorkshop }) {
  const s = useStyles();
  const w = props.workshop;
  const left = useTimeLeft(w.endsAt);
  const reveal = useRevealHint();
  const [asking, setAsking] = useState<{ objective: TraineeObjective; hint: TraineeHint }>();
  const ended = w.state === "ended" || left === "0:00";
  const done = w.objectives.filter((o) => o.passed).length;
  return (
    <aside className={s.panel} aria-label="Tasks panel">
      <div className={s.head}>
        <h2 className={s.title}>{w.workshopName}</h2>
        <Button appearance="subtle" icon={<Dismiss20Regular />} aria-label="Close the tasks panel" onClick={() => tasksPanel.close()} />
      </div>
      <div className={s.stats}>
        <span role="timer" aria-label="Time left">
          {ended ? "The workshop has ended" : `Time left ${left}`}
        </span>
        <span aria-label="Score">
          Score {w.score} / {w.maxScore}
        </span>
      </div>
      <ProgressBar value={w.objectives.length ? done / w.objectives.length : 0} aria-label="Objectives done" aria-valuetext={`${done} of ${w.objectives.length} objectives done`} />
      <ol className={s.list} aria-label="Objectives">
        {w.objectives.map((o) => (
          <li key={o.id} className={s.item} data-objective={o.id} data-state={o.passed ? "passed" : "failing"}>
            <span className={s.itemHead}>
              {o.passed ? <CheckmarkCircle16Filled className={s.done} aria-hidden /> : <Circle16Regular aria-hidden />}
              <span style={{ flex: "1 1 auto" }}>{o.title}</span>
              <Badge appearance="tint" color={o.passed ? "success" : "danger"}>
                {o.passed ? "Done" : "Failing"}
              </Badge>
            </span>
            <Text className={s.small}>{o.points} pt</Text>
            <Text className={s.task}>{o.task}</Text>
            {/* Hints "off": none shows, except one the trainer released (hintAvailable in the domain). */}
            {o.hints.map((h, i) =>
              w.hintPolicy === "off" && !h.available ? null : (
                <Hint key={h.id} objective={o} hint={h} index={i} ended={ended} onReveal={() => (h.penalty > 0 ? setAsking({ objective: o, hint: h }) : reveal.mutate({ objectiveId: o.id, hintId: h.id }))} />
              ),
            )}
          </li>
        ))}
      </ol>
      <ConfirmDialog
        open={!!asking}
        title="Reveal hint"
        confirmLabel="Reveal"
        busy={reveal.isPending}
        onCancel={() => setAsking(undefined)}
        onConfirm={() => asking && reveal.mutate({ objectiveId: asking.objective.id, hintId: asking.hint.id }, { onSettled: () => setAsking(undefined) })}
      >
        This hint costs {asking?.hint.penalty} point{asking?.hint.penalty === 1 ? "" : "s"} of “{asking?.objective.title}”.
      </ConfirmDialog>
    </aside>
  );
}
