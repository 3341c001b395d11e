import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Slider } from '@/components/ui/slider';
import { useUserDirectory } from '../../shared/api/get-users';
import { formatPercent } from '../../shared/lib/format';
import { rulesChangedError } from '../api/update-feature';
import { describePercentageChange, parsePercentage } from '../lib/percentage-change';
import { withAudience, type RuleControlProps } from '../lib/save-rules';

/**
 * The sticky percentage: a slider and an exact number, saved only after a confirmation that
 * says what the change does ("10% → 50%: about N more users…").
 */
export function PercentageControl({ feature, save, pending }: RuleControlProps) {
  const id = useId();
  const saved = feature.audience.percentage;
  // The draft follows the saved value whenever that changes (a save, another admin's change).
  const [draft, setDraft] = useState({ base: saved, text: String(saved) });
  const [confirming, setConfirming] = useState(false);
  if (draft.base !== saved) {
    setDraft({ base: saved, text: String(saved) });
    // A confirmation of "from → to" no longer holds once "from" has moved.
    setConfirming(false);
  }

  const value = parsePercentage(draft.text);
  const dirty = value !== null && value !== saved;
  // Counting users takes a few requests: only once there is a change to describe.
  const directory = useUserDirectory({ enabled: dirty });
  const users = directory.data && {
    count: directory.data.users.length,
    complete: directory.data.complete,
  };
  const change = describePercentageChange(saved, value ?? saved, users);
  const setText = (text: string) => setDraft({ base: saved, text });

  const confirm = async () => {
    if (value === null) return;
    const ok = await save((rules) => {
      // Confirmed as "from → to": if someone else moved it meanwhile, that no longer holds.
      if (rules.audience.percentage !== saved) throw rulesChangedError();
      return withAudience(rules, { percentage: value });
    }, `Percentage changed: ${change.title}.`);
    if (ok) setConfirming(false);
  };

  return (
    <fieldset className="grid gap-3" aria-describedby={`${id}-hint`}>
      <legend className="mb-1 text-sm font-medium">Percentage of users</legend>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        A sticky share of all users: each user has a fixed place in the rollout, so raising the percentage
        only ever adds users. Now {formatPercent(saved)}.
      </p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <Slider
          className="min-w-40 flex-1"
          thumbLabel="Percentage of users"
          valueText={(v) => `${formatPercent(v)} of users`}
          min={0}
          max={100}
          step={1}
          value={[value ?? saved]}
          onValueChange={([next]) => next !== undefined && setText(String(next))}
        />
        <div className="flex items-center gap-2">
          <Label htmlFor={`${id}-exact`} className="sr-only">
            Exact percentage
          </Label>
          <Input
            id={`${id}-exact`}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={0.01}
            className="w-24"
            value={draft.text}
            aria-invalid={value === null || undefined}
            aria-describedby={value === null ? `${id}-error` : undefined}
            onChange={(event) => setText(event.target.value)}
          />
          <span aria-hidden="true" className="text-sm text-muted-foreground">
            %
          </span>
        </div>
      </div>
      {value === null && (
        <p id={`${id}-error`} className="text-sm text-destructive">
          Enter a number from 0 to 100, with at most two decimals.
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {/* aria-disabled, not disabled: focus returns here when the dialog closes. */}
        <Button
          className="aria-disabled:opacity-60"
          aria-disabled={!dirty || pending || undefined}
          onClick={() => dirty && !pending && setConfirming(true)}
        >
          Save percentage…
        </Button>
        {dirty && (
          <Button variant="ghost" onClick={() => setText(String(saved))}>
            Reset to {formatPercent(saved)}
          </Button>
        )}
      </div>

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Change the percentage: ${change.title}?`}
        confirmLabel={`Set to ${formatPercent(value ?? saved)}`}
        variant={value !== null && value < saved ? 'destructive' : 'default'}
        pending={pending}
        onConfirm={() => void confirm()}
      >
        <p>{directory.isFetching && !users ? 'Counting users…' : change.effect}</p>
        <p>{change.stickiness}</p>
        {!feature.enabled && (
          <p>The chat flag is off: nobody gets chat from this until it is turned back on.</p>
        )}
        {!feature.deploymentEnabled && (
          <p>The deployment switch is off: nobody gets chat until it is switched on.</p>
        )}
      </ConfirmDialog>
    </fieldset>
  );
}
