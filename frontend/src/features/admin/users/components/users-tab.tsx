import { SectionCard } from '@/components/section-card';
import { UserSearch } from '../../shared/components/user-search';
import { RoleControl } from './role-control';

/** Find users and change their role (never your own). */
export function UsersTab({ currentUserId }: { currentUserId: string }) {
  return (
    <SectionCard title="Users" description="Find people by email or name and change their role.">
      <UserSearch
        label="Find users"
        initialQuery=""
        badge={(user) => (user.id === currentUserId ? 'You' : undefined)}
        renderAction={(user) => <RoleControl user={user} isSelf={user.id === currentUserId} />}
      />
    </SectionCard>
  );
}
