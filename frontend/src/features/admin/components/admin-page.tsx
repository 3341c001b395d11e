/**
 * The admin area's slot (lazy loaded: most users never open it). The rollout controls,
 * cohorts and audit log come here.
 */
export function AdminPage() {
  return (
    <div className="grid gap-3">
      <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
      <p className="text-muted-foreground">Rollout, cohorts and the audit log will live here.</p>
    </div>
  );
}
