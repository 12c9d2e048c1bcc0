// New workshop (issue 11 part 4): name, the scenario (from the shipped library, GET /api/scenarios, with its stage
// and difficulty), seats, time limit and hint policy. The API validates the body with the shared schema and names
// the field of every problem; those messages are shown under the field they belong to.
import { useState, type FormEvent } from "react";
import { Button, Field, Input, makeStyles, Radio, RadioGroup, Select, Text, tokens } from "@fluentui/react-components";
import { useNavigate } from "react-router";
import { HINT_POLICIES, WORKSHOP_LIMITS, ZWorkshopCreate } from "@certlab/domain/workshops/workshops";
import { ApiError } from "@/shared/api/http";
import { Page } from "@/shared/components/page";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useCreateWorkshop, useScenarios, workshopPaths, type HintPolicy, type NewWorkshop } from "@/shared/workshops/api";
import { rememberSeatLinks } from "@/features/certlab/workshops/lib/seat-links";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: "16px", maxWidth: "560px" },
  row: { display: "flex", gap: "16px", flexWrap: "wrap" },
  small: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: "flex", gap: "8px" },
});

/** What each of the domain's hint policies means for the trainer choosing one. */
const HINT_POLICY_LABELS: Record<HintPolicy, string> = {
  on: "On: trainees reveal hints themselves (each costs its points)",
  "trainer-released": "Released by the trainer: a hint can be revealed once you release it to everyone",
  off: "Off: no hints, unless you release one",
};

type Fields = keyof NewWorkshop;

export default function WorkshopNewRoute() {
  const s = useStyles();
  const navigate = useNavigate();
  const scenarios = useScenarios();
  const create = useCreateWorkshop();
  const [name, setName] = useState("");
  const [scenarioId, setScenarioId] = useState("");
  const [seats, setSeats] = useState("10");
  const [minutes, setMinutes] = useState("60");
  const [hintPolicy, setHintPolicy] = useState<HintPolicy>("on");
  const [errors, setErrors] = useState<Partial<Record<Fields | "form", string>>>({});
  const chosen = scenarios.data?.find((x) => x.id === scenarioId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    const draft = { name, scenarioId, seats: Number(seats), timeLimitMinutes: Number(minutes), hintPolicy };
    // The schema the API validates with: the same messages before the request is sent.
    const parsed = ZWorkshopCreate.safeParse(draft);
    if (!parsed.success) {
      const next: Partial<Record<Fields | "form", string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "form") as Fields | "form";
        next[field] ??= field === "scenarioId" && !scenarioId ? "Select a scenario" : issue.message;
      }
      setErrors(next);
      return;
    }
    const body: NewWorkshop = parsed.data;
    create.mutate(body, {
      onSuccess: (w) => {
        rememberSeatLinks(w);
        navigate(workshopPaths.workshop(w.id));
      },
      onError: (err) => {
        if (!(err instanceof ApiError)) return setErrors({ form: String(err) });
        const next: Partial<Record<Fields | "form", string>> = {};
        for (const d of err.details) {
          const field = (d.target ?? "").split(/[./[]/)[0] as Fields;
          if (field && field in body) next[field] = d.message;
        }
        if (Object.keys(next).length === 0) next.form = err.message;
        setErrors(next);
      },
    });
  };

  const state = (f: Fields) => (errors[f] ? "error" : "none");
  return (
    <Page title="New workshop" subtitle="Every seat gets its own lab with the scenario loaded">
      <form className={s.form} onSubmit={submit} noValidate>
        <Field label="Name" required validationMessage={errors.name} validationState={state("name")}>
          <Input value={name} onChange={(_e, d) => setName(d.value)} placeholder="NDES troubleshooting, group A" />
        </Field>
        <Field label="Scenario" required validationMessage={errors.scenarioId} validationState={state("scenarioId")}>
          <Select value={scenarioId} onChange={(_e, d) => setScenarioId(d.value)}>
            <option value="">Select a scenario</option>
            {(scenarios.data ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.title} ({x.stage}, {x.difficulty}, ~{x.estimatedMinutes} min)
              </option>
            ))}
          </Select>
        </Field>
        {scenarios.isPending && <Loading label="Reading the scenario library…" />}
        {scenarios.error && <ErrorMessage error={scenarios.error} title="Couldn't read the scenario library" />}
        {chosen && (
          <Text className={s.small}>
            {chosen.summary ?? chosen.title} · Stage: {chosen.stage} · Difficulty: {chosen.difficulty} · Version {chosen.version}
          </Text>
        )}
        <div className={s.row}>
          <Field label="Seats" hint={`${WORKSHOP_LIMITS.seats.min} to ${WORKSHOP_LIMITS.seats.max}`} required validationMessage={errors.seats} validationState={state("seats")}>
            <Input type="number" min={WORKSHOP_LIMITS.seats.min} max={WORKSHOP_LIMITS.seats.max} value={seats} onChange={(_e, d) => setSeats(d.value)} />
          </Field>
          <Field label="Time limit (minutes)" hint={`${WORKSHOP_LIMITS.timeLimitMinutes.min} to ${WORKSHOP_LIMITS.timeLimitMinutes.max}`} required validationMessage={errors.timeLimitMinutes} validationState={state("timeLimitMinutes")}>
            <Input type="number" min={WORKSHOP_LIMITS.timeLimitMinutes.min} max={WORKSHOP_LIMITS.timeLimitMinutes.max} value={minutes} onChange={(_e, d) => setMinutes(d.value)} />
          </Field>
        </div>
        <Field label="Hints" validationMessage={errors.hintPolicy} validationState={state("hintPolicy")}>
          <RadioGroup value={hintPolicy} onChange={(_e, d) => setHintPolicy(d.value as HintPolicy)}>
            {HINT_POLICIES.map((p) => (
              <Radio key={p} value={p} label={HINT_POLICY_LABELS[p]} />
            ))}
          </RadioGroup>
        </Field>
        {errors.form && <ErrorMessage error={new Error(errors.form)} title="Could not create the workshop" />}
        <div className={s.actions}>
          <Button appearance="primary" type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating the labs…" : "Create"}
          </Button>
          <Button onClick={() => navigate(workshopPaths.list)}>Cancel</Button>
        </div>
      </form>
    </Page>
  );
}
