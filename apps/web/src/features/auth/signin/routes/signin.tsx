// Microsoft's sign-in box: email → Next → "Enter password" → Sign in. A wrong account or password answers
// "Your account or password is incorrect." and stays on the password step.
import { useEffect, useState, type FormEvent } from "react";
import { Button, Field, Input, Link, makeStyles, Text, tokens } from "@fluentui/react-components";
import { ArrowLeft20Regular } from "@fluentui/react-icons";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError } from "@/shared/api/http";
import { useSession } from "@/shared/session/session";
import { paths } from "@/shared/paths";
import { loadUsernameInput, useSignIn } from "@/features/auth/signin/api/sign-in";

const useStyles = makeStyles({
  page: {
    minHeight: "100vh",
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    background: tokens.colorNeutralBackground3,
  },
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
  logo: { display: "flex", alignItems: "center", gap: "8px", fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  squares: { display: "grid", gridTemplateColumns: "10px 10px", gap: "2px" },
  title: { margin: 0, fontSize: "24px", fontWeight: tokens.fontWeightSemibold },
  actions: { display: "flex", justifyContent: "flex-end" },
  identity: { display: "flex", alignItems: "center", gap: "4px" },
});

/** Only same-site paths: a returnTo can't send the user to another origin. */
function safeReturnTo(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/signin") ? value : paths.home;
}

export default function SignInRoute() {
  const s = useStyles();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const session = useSession();
  const signIn = useSignIn();
  const [step, setStep] = useState<"email" | "password">("email");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string>();
  const returnTo = safeReturnTo(params.get("returnTo"));

  useEffect(() => {
    document.title = "Sign in to your account";
  }, []);

  if (session.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={returnTo} replace />;

  const next = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = (await loadUsernameInput()).safeParse(username);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Enter a valid email address, phone number, or Skype name.");
      return;
    }
    setUsername(parsed.data);
    setError(undefined);
    setStep("password");
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError("Please enter your password.");
      return;
    }
    setError(undefined);
    signIn.mutate(
      { username, password },
      {
        onSuccess: () => navigate(returnTo, { replace: true }),
        onError: (err) =>
          setError(
            err instanceof ApiError && err.status === 401
              ? "Your account or password is incorrect."
              : err instanceof ApiError
                ? err.message
                : "We couldn't sign you in. Check your connection and try again.",
          ),
      },
    );
  };

  return (
    <main className={s.page}>
      <div className={s.box}>
        <div className={s.logo} aria-hidden>
          <span className={s.squares}>
            <span style={{ background: "#f25022", height: 10 }} />
            <span style={{ background: "#7fba00", height: 10 }} />
            <span style={{ background: "#00a4ef", height: 10 }} />
            <span style={{ background: "#ffb900", height: 10 }} />
          </span>
          Microsoft
        </div>
        {step === "email" ? (
          <form onSubmit={(e) => void next(e)} noValidate style={{ display: "contents" }}>
            <h1 className={s.title}>Sign in</h1>
            <Field label="Email" validationMessage={error} validationState={error ? "error" : "none"}>
              <Input
                type="email"
                autoComplete="username"
                autoFocus
                value={username}
                placeholder="Email, phone, or Skype"
                onChange={(_e, d) => setUsername(d.value)}
              />
            </Field>
            <div className={s.actions}>
              <Button appearance="primary" type="submit">
                Next
              </Button>
            </div>
          </form>
        ) : (
          <form onSubmit={submit} noValidate style={{ display: "contents" }}>
            <div className={s.identity}>
              <Button
                appearance="subtle"
                size="small"
                icon={<ArrowLeft20Regular />}
                aria-label="Back"
                onClick={() => {
                  setStep("email");
                  setPassword("");
                  setError(undefined);
                }}
              />
              <Text>{username}</Text>
            </div>
            <h1 className={s.title}>Enter password</h1>
            <Field label="Password" validationMessage={error} validationState={error ? "error" : "none"}>
              <Input
                type="password"
                autoComplete="current-password"
                autoFocus
                value={password}
                onChange={(_e, d) => setPassword(d.value)}
              />
            </Field>
            <Link
              as="button"
              type="button"
              onClick={() => setError("Ask your lab trainer or a Global Administrator of this directory to reset it.")}
            >
              Forgot my password
            </Link>
            <div className={s.actions}>
              <Button appearance="primary" type="submit" disabled={signIn.isPending}>
                Sign in
              </Button>
            </div>
          </form>
        )}
      </div>
    </main>
  );
}
