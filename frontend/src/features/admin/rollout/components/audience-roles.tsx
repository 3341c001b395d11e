import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { ROLES } from '../../shared/lib/roles';
import type { Role } from '../../shared/types';
import { withAudience, type RuleControlProps } from '../lib/save-rules';

const ROLE_CHOICES: Record<Role, { label: string; hint: string }> = {
  admin: { label: 'Admins', hint: 'Everyone with the admin role.' },
  user: {
    label: 'Users',
    hint: 'Everyone with the user role: in practice, every account. Like 100%.',
  },
};

/** Roles in the audience: everyone with a checked role has chat. */
export function AudienceRoles({ feature, save, pending }: RuleControlProps) {
  const id = useId();
  // Adding the user role opens chat to nearly everyone: that one asks first.
  const [confirmingUsers, setConfirmingUsers] = useState(false);
  const roles = feature.audience.roles;

  const setRole = (role: Role, checked: boolean) =>
    save(
      (rules) =>
        withAudience(rules, {
          roles: checked
            ? [...rules.audience.roles.filter((r) => r !== role), role]
            : rules.audience.roles.filter((r) => r !== role),
        }),
      `${ROLE_CHOICES[role].label} ${checked ? 'added to' : 'removed from'} the audience.`,
    );

  return (
    <fieldset className="grid gap-3" aria-describedby={`${id}-hint`}>
      <legend className="mb-1 text-sm font-medium">Roles</legend>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        Everyone with a checked role has chat.
      </p>
      {ROLES.map((role) => (
        <div key={role} className="flex items-start gap-3">
          <Checkbox
            id={`${id}-${role}`}
            checked={roles.includes(role)}
            aria-describedby={`${id}-${role}-hint`}
            // Not disabled while saving (focus would be lost): further clicks wait instead.
            aria-disabled={pending || undefined}
            onCheckedChange={(checked) => {
              if (pending) return;
              if (checked === true && role === 'user') setConfirmingUsers(true);
              else void setRole(role, checked === true);
            }}
            className="mt-0.5"
          />
          <div className="grid gap-1">
            <Label htmlFor={`${id}-${role}`}>{ROLE_CHOICES[role].label}</Label>
            <p id={`${id}-${role}-hint`} className="text-xs text-muted-foreground">
              {ROLE_CHOICES[role].hint}
            </p>
          </div>
        </div>
      ))}

      <ConfirmDialog
        open={confirmingUsers}
        onOpenChange={setConfirmingUsers}
        title="Give chat to every user?"
        confirmLabel="Add the user role"
        pending={pending}
        onConfirm={() => void setRole('user', true).then((saved) => saved && setConfirmingUsers(false))}
      >
        <p>
          Every account with the user role gets chat within seconds, whatever the cohorts, listed users and
          percentage say. That is the same as setting the percentage to 100%.
        </p>
      </ConfirmDialog>
    </fieldset>
  );
}
