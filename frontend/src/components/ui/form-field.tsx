import { Slot } from 'radix-ui';
import { useId, type ReactElement, type ReactNode } from 'react';
import { cn } from '@/lib/utils';
import { Label } from './label';

interface FormFieldProps {
  label: ReactNode;
  /** Always-visible guidance ("At least 10 characters"). */
  hint?: ReactNode;
  /** The field's current error; the control is marked invalid and described by it. */
  error?: string;
  className?: string;
  /** One control (Input, Textarea, ...): it receives the id and ARIA wiring. */
  children: ReactElement;
}

/**
 * A labelled control with its hint and error wired up for assistive technology: the label
 * names it, the hint and error describe it, and aria-invalid marks it, so a screen reader
 * reads the error when the form moves focus to the field.
 */
function FormField({ label, hint, error, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div data-slot="form-field" className={cn('grid gap-2', className)}>
      <Label htmlFor={id}>{label}</Label>
      <Slot.Root id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined}>
        {children}
      </Slot.Root>
      {hint && (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}

export { FormField, type FormFieldProps };
