// A guide's steps (issue 8), as the guide page and the side panel show them: done steps ticked, the current step
// (the first not done) with the seed's instruction, a link to the screen where it happens, and the findings that
// block it. Whether a step is done comes from the API's check on the tenant's state, never from clicks here.
import { Field, makeStyles, mergeClasses, ProgressBar, Text, tokens } from "@fluentui/react-components";
import { CheckmarkCircle20Filled, Circle20Regular, ArrowCircleRight20Filled } from "@fluentui/react-icons";
import type { GuideProgress, GuideStepProgress } from "@/shared/api/guides";
import { AppLink } from "@/shared/components/app-link";
import { FindingSummaryList } from "@/shared/components/finding-summary";

const useStyles = makeStyles({
  list: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  step: { display: "grid", gridTemplateColumns: "24px 1fr", gap: "2px 8px", padding: "8px", borderRadius: tokens.borderRadiusMedium },
  current: { background: tokens.colorBrandBackground2 },
  icon: { paddingTop: "1px" },
  body: { display: "flex", flexDirection: "column", gap: "4px", minWidth: 0 },
  title: { display: "flex", gap: "6px", alignItems: "baseline", flexWrap: "wrap" },
  state: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  doneTitle: { color: tokens.colorNeutralForeground2 },
  small: { fontSize: tokens.fontSizeBase200 },
  source: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  part: { margin: "8px 0 2px", fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

export function stepState(step: GuideStepProgress, currentStepId: string | null): "done" | "current" | "todo" {
  if (step.done) return "done";
  return step.id === currentStepId ? "current" : "todo";
}

const STATE_TEXT = { done: "Done", current: "Current step", todo: "To do" } as const;

function Step(props: { step: GuideStepProgress; index: number; currentStepId: string | null; compact?: boolean }) {
  const s = useStyles();
  const { step } = props;
  const state = stepState(step, props.currentStepId);
  const expanded = !props.compact || state === "current";
  return (
    <li
      className={mergeClasses(s.step, state === "current" && s.current)}
      aria-current={state === "current" ? "step" : undefined}
      data-state={state}
    >
      <span className={s.icon} aria-hidden>
        {state === "done" ? (
          <CheckmarkCircle20Filled color={tokens.colorPaletteGreenForeground1} />
        ) : state === "current" ? (
          <ArrowCircleRight20Filled color={tokens.colorBrandForeground1} />
        ) : (
          <Circle20Regular color={tokens.colorNeutralForeground3} />
        )}
      </span>
      <div className={s.body}>
        <div className={s.title}>
          <Text weight="semibold" className={state === "done" ? s.doneTitle : undefined}>
            {props.index + 1}. {step.title}
          </Text>
          <span className={s.state}>{STATE_TEXT[state]}</span>
        </div>
        {expanded && <Text className={s.small}>{step.instruction}</Text>}
        <span className={s.small}>
          <AppLink to={step.screen.path} aria-label={`Go to ${step.screen.label} for “${step.title}”`}>
            {step.screen.label}
          </AppLink>
        </span>
        {expanded && state !== "done" && (
          <FindingSummaryList findings={step.blockingFindings} label={`Findings blocking “${step.title}”`} />
        )}
        {!props.compact && (
          <span className={s.source}>
            {step.source.file}, {step.source.where}
          </span>
        )}
      </div>
    </li>
  );
}

/** The steps, grouped by part when the guide has parts (seed 001 has three). */
export function GuideSteps(props: { guide: GuideProgress; compact?: boolean }) {
  const s = useStyles();
  const { guide } = props;
  const index = new Map(guide.steps.map((st, i) => [st.id, i]));
  const groups = guide.parts?.length
    ? guide.parts.map((p) => ({ id: p.id, title: p.title as string | undefined, steps: p.stepIds.flatMap((id) => guide.steps.filter((st) => st.id === id)) }))
    : [{ id: "all", title: undefined, steps: guide.steps }];
  return (
    <div>
      {groups.map((g) => (
        <section key={g.id} aria-label={g.title}>
          {g.title && <h3 className={s.part}>{g.title}</h3>}
          <ol className={s.list} aria-label={`Steps of ${guide.title}${g.title ? `, ${g.title}` : ""}`}>
            {g.steps.map((st) => (
              <Step key={st.id} step={st} index={index.get(st.id) ?? 0} currentStepId={guide.currentStepId} compact={props.compact} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

/** "3 of 7 steps done" with a bar (Field gives the bar its accessible name). */
export function GuideProgressBar(props: { guide: Pick<GuideProgress, "doneCount" | "total" | "title"> }) {
  const { doneCount, total } = props.guide;
  const text = doneCount === total ? `All ${total} steps done` : `${doneCount} of ${total} steps done`;
  return (
    <Field validationMessage={text} validationState="none" label={{ children: `Progress of ${props.guide.title}`, className: "sr-only" }}>
      <ProgressBar value={total ? doneCount / total : 0} max={1} color={doneCount === total ? "success" : "brand"} thickness="large" />
    </Field>
  );
}
