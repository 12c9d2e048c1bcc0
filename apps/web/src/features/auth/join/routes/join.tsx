// Joining a workshop (issue 11 part 4): /join asks for the code the trainer shows, /join/{code} only for a display
// name. POST /api/workshops/join gives this browser the next free seat — signed in as that seat lab's admin — and
// the portal opens with the Tasks panel.
import { useEffect, useState, type FormEvent } from "react";
import { Button, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useNavigate, useParams } from "react-router";
import { ZWorkshopJoin } from "@certlab/domain/workshops/workshops";
import { ApiError } from "@/shared/api/http";
import { useJoinInfo, useJoinWorkshop, workshopPaths } from "@/shared/workshops/api";
import { tasksPanel } from "@/shared/workshops/tasks-panel-store";

const useStyles = makeStyles({
  page: { minHeight: "100vh", display: "flex", alignItems: "center", justifyContent: "center", background: tokens.colorNeutralBackground3 },
  box: {
    width: "min(440px, 100vw)",
    boxSizing: "border-box",
    padding: "44px",
    background: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow16,
    display: "flex",
    flexDirection: "column",
    gap: "16px",
  },
  title: { margin: 0, fontSize: "24px", fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", justifyContent: "flex-end" },
  small: { color: tokens.colorNeutralForeground2 },
});

/** Only same-site paths: the answer's redirect can't send the browser elsewhere. */
function safeRedirect(value: string | undefined): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default function JoinRoute() {
  const s = useStyles();
  const params = useParams();
  const navigate = useNavigate();
  const fixedCode = params.code?.toUpperCase();
  const [code, setCode] = useState(fixedCode ?? "");
  const [displayName, setDisplayName] = useState("");
  const [errors, setErrors] = useState<{ code?: string; displayName?: string; form?: string }>({});
  const info = useJoinInfo(fixedCode);
  const join = useJoinWorkshop();

  useEffect(() => {
    document.title = "Join a workshop - Certlab";
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The schema the API validates with (the code is normalised: case, spaces and dashes).
    const parsed = ZWorkshopJoin.safeParse({ code, displayName });
    if (!parsed.success) {
      const next: typeof errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "code" ? "code" : issue.path[0] === "displayName" ? "displayName" : "form";
        next[field] ??= field === "code" ? `The workshop code ${issue.message}.` : field === "displayName" ? `Your name ${issue.message}.` : issue.message;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    join.mutate(
      parsed.data,
      {
        onSuccess: (r) => {
          tasksPanel.open();
          navigate(safeRedirect(r.redirect), { replace: true });
        },
        onError: (err) => {
          if (err instanceof ApiError) {
            const field = err.details.find((d) => d.target === "code" || d.target === "displayName");
            if (field) setErrors({ [field.target]: field.message });
            else if (err.status === 404) setErrors({ code: "There is no running workshop with this code." });
            else setErrors({ form: err.message });
          } else setErrors({ form: "We couldn't reach Certlab. Check your connection and try again." });
        },
      },
    );
  };

  const unknown = info.error instanceof ApiError && info.error.status === 404;
  return (
    <main className={s.page}>
      <form className={s.box} onSubmit={submit} noValidate>
        <h1 className={s.title}>Join a workshop</h1>
        {fixedCode && info.data && (
          <Text>
            <strong>{info.data.name}</strong>
            <br />
            <span className={s.small}>
              {info.data.seatsFree} seat{info.data.seatsFree === 1 ? "" : "s"} free
            </span>
          </Text>
        )}
        {fixedCode && unknown && <Text role="alert">There is no running workshop with the code {fixedCode}.</Text>}
        {!fixedCode && (
          <Field label="Workshop code" validationMessage={errors.code} validationState={errors.code ? "error" : "none"}>
            <Input value={code} autoFocus autoComplete="off" onChange={(_e, d) => setCode(d.value.toUpperCase())} />
          </Field>
        )}
        {fixedCode && errors.code && <Text role="alert">{errors.code}</Text>}
        <Field label="Your name" hint="Shown to your trainer and on the scoreboard" validationMessage={errors.displayName} validationState={errors.displayName ? "error" : "none"}>
          <Input value={displayName} autoFocus={!!fixedCode} autoComplete="name" onChange={(_e, d) => setDisplayName(d.value)} />
        </Field>
        {errors.form && <Text role="alert">{errors.form}</Text>}
        <div className={s.actions}>
          <Button appearance="primary" type="submit" disabled={join.isPending || (!!fixedCode && (unknown || info.data?.seatsFree === 0))}>
            {join.isPending ? "Joining…" : "Join"}
          </Button>
        </div>
        {fixedCode && (
          <Text className={s.small}>
            Another code? <a href={workshopPaths.join}>Enter it here</a>.
          </Text>
        )}
      </form>
    </main>
  );
}
