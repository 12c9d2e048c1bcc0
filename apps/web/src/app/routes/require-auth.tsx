// Every portal route needs a session; without one, go to /signin and come back here afterwards.
import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { SignedInSessionContext, useSession } from "@/shared/session/session";
import { paths } from "@/shared/paths";

export function RequireAuth() {
  const { data, isPending, error } = useSession();
  const location = useLocation();
  if (isPending) {
    return (
      <div style={{ padding: 24 }}>
        <Loading label="Signing in…" />
      </div>
    );
  }
  if (error) {
    return (
      <div style={{ padding: 24 }}>
        <ErrorMessage error={error} title="Certlab is not reachable" />
      </div>
    );
  }
  if (!data) {
    const returnTo = location.pathname + location.search;
    return <Navigate to={`${paths.signIn}?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  return (
    <SignedInSessionContext.Provider value={data}>
      <Outlet />
    </SignedInSessionContext.Provider>
  );
}
