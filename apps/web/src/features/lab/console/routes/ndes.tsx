// "NDES" in the lab's navigation: the server that hosts (or is meant to host) NDES, in its Server Manager view.
import { Navigate } from "react-router";
import { ErrorMessage, Loading } from "@/shared/components/query-state";
import { useLab } from "@/features/lab/console/api/lab-api";

export default function NdesRoute() {
  const lab = useLab();
  if (lab.isPending) return <Loading />;
  if (lab.error) return <ErrorMessage error={lab.error} />;
  const s =
    lab.data.servers.find((x) => x.ndesId) ??
    lab.data.servers.find((x) => x.features.includes("ADCS-Device-Enrollment")) ??
    lab.data.servers.find((x) => /ndes/i.test(x.name));
  if (!s) return <Navigate to="/lab" replace />;
  return <Navigate to={`/lab/servers/${encodeURIComponent(s.id)}?console=roles`} replace />;
}
