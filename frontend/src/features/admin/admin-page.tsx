import { ClipboardList, Rocket, Users, UsersRound } from 'lucide-react';
import { useSearchParams } from 'react-router';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { AuditLogTab } from './audit/components/audit-log-tab';
import { CohortsTab } from './cohorts/components/cohorts-tab';
import { RolloutTab } from './rollout/components/rollout-tab';
import { AdminErrorBoundary } from './shared/components/admin-error-boundary';
import { UsersTab } from './users/components/users-tab';

const TABS = [
  { value: 'rollout', label: 'Rollout', icon: Rocket },
  { value: 'cohorts', label: 'Cohorts', icon: UsersRound },
  { value: 'audit', label: 'Audit log', icon: ClipboardList },
  { value: 'users', label: 'Users', icon: Users },
] as const;
type Tab = (typeof TABS)[number]['value'];

const isTab = (value: string | null): value is Tab => TABS.some((t) => t.value === value);

/**
 * The admin page (lazy loaded: most users never open it): the chat rollout, cohorts, the
 * audit log and users, one tab each. The tab is in the address (`?tab=cohorts`), so a reload,
 * a bookmark or the sign-in redirect comes back to it.
 */
export function AdminPage({ currentUserId }: { currentUserId: string }) {
  const [search, setSearch] = useSearchParams();
  const param = search.get('tab');
  const tab: Tab = isTab(param) ? param : 'rollout';

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className="text-muted-foreground">
          Who has chat and why, the cohorts it is rolled out to, and every change made here.
        </p>
      </div>
      <Tabs value={tab} onValueChange={(value) => setSearch(value === 'rollout' ? {} : { tab: value })}>
        <TabsList aria-label="Admin sections" className="grid w-full grid-cols-2 sm:inline-flex sm:w-fit">
          {TABS.map(({ value, label, icon: Icon }) => (
            <TabsTrigger key={value} value={value}>
              <Icon aria-hidden="true" />
              {label}
            </TabsTrigger>
          ))}
        </TabsList>
        <TabsContent value="rollout">
          <AdminErrorBoundary section="The rollout section">
            <RolloutTab currentUserId={currentUserId} />
          </AdminErrorBoundary>
        </TabsContent>
        <TabsContent value="cohorts">
          <AdminErrorBoundary section="The cohorts section">
            <CohortsTab />
          </AdminErrorBoundary>
        </TabsContent>
        <TabsContent value="audit">
          <AdminErrorBoundary section="The audit log">
            <AuditLogTab />
          </AdminErrorBoundary>
        </TabsContent>
        <TabsContent value="users">
          <AdminErrorBoundary section="The users section">
            <UsersTab currentUserId={currentUserId} />
          </AdminErrorBoundary>
        </TabsContent>
      </Tabs>
    </div>
  );
}
