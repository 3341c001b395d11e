import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { NativeSelect } from '@/components/ui/native-select';
import { ROLE_LABELS, ROLES } from '../../shared/lib/roles';
import type { AdminUser, Role } from '../../shared/types';
import { useChangeUserRole } from '../api/change-user-role';

/**
 * One user's role, changed after a confirmation. Your own is shown but not editable: the API
 * refuses it (403), so that the last admin cannot lock everyone out by accident.
 */
export function RoleControl({ user, isSelf }: { user: AdminUser; isSelf: boolean }) {
  const id = useId();
  const change = useChangeUserRole();
  const [pendingRole, setPendingRole] = useState<Role | null>(null);
  const [saved, setSaved] = useState<{ from: Role; to: Role } | null>(null);
  // A saved change shows at once, until the refetched search results carry it.
  const role = saved?.from === user.role ? saved.to : user.role;

  return (
    <div className="grid justify-items-end gap-1">
      <NativeSelect
        aria-label={`Role of ${user.email}`}
        aria-describedby={isSelf ? `${id}-self` : undefined}
        value={role}
        disabled={isSelf}
        onChange={(event) => setPendingRole(event.target.value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </NativeSelect>
      {isSelf && (
        <p id={`${id}-self`} className="text-xs text-muted-foreground">
          You cannot change your own role.
        </p>
      )}
      <ConfirmDialog
        open={pendingRole !== null}
        onOpenChange={(open) => !open && setPendingRole(null)}
        title={pendingRole === 'admin' ? `Make ${user.email} an admin?` : `Make ${user.email} a user?`}
        confirmLabel={pendingRole === 'admin' ? 'Make admin' : 'Make user'}
        variant={pendingRole === 'admin' ? 'default' : 'destructive'}
        pending={change.isPending}
        onConfirm={() => {
          if (!pendingRole) return;
          change.mutate(
            { id: user.id, role: pendingRole },
            {
              onSuccess: (updated) => {
                setSaved({ from: user.role, to: updated.role });
                setPendingRole(null);
              },
            },
          );
        }}
      >
        {pendingRole === 'admin' ? (
          <p>
            Admins can change the rollout, cohorts and roles, and read the audit log. They have chat whenever
            the admin role is in the audience.
          </p>
        ) : (
          <p>
            They lose access to this page at once, on every server, even with a session already open. Chat
            then depends on the audience for regular users.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
