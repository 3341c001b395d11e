import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import * as z from 'zod/mini';
import { FormError } from '@/components/form-error';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { useClientConfig } from '@/lib/api/get-config';
import { showFormError } from '@/lib/form-errors';
import { useSignIn } from '../api/sign-in';
import { useAuthState } from '../hooks/use-auth-state';
import { authErrorMessage } from '../lib/auth-error-message';
import { authPath, readReturnTo, SIGN_UP_PATH } from '../lib/return-to';
import { AuthCard } from './auth-card';

// zod/mini: the same schemas as zod's chained API, but tree-shaken to what the forms use.
const schema = z.object({
  email: z.string().check(z.trim(), z.minLength(1, 'Enter your email address.')),
  password: z.string().check(z.minLength(1, 'Enter your password.')),
});
type SignInValues = z.infer<typeof schema>;
const FIELDS = ['email', 'password'] as const;

/**
 * Sign-in. On success the session changes and GuestOnly (around this page) sends the user
 * back to `?returnTo=`, so this page does not navigate itself.
 */
export function SignInPage() {
  const [search] = useSearchParams();
  const returnTo = readReturnTo(search);
  const auth = useAuthState();
  const config = useClientConfig();
  const signIn = useSignIn();
  const form = useForm<SignInValues>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', password: '' },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (signIn.isPending) return;
    try {
      await signIn.mutateAsync(values);
    } catch (error) {
      showFormError(error as Error, FIELDS, form.setError, { message: authErrorMessage });
    }
  });

  const expired = auth.status === 'signed-out' && auth.reason === 'expired';

  return (
    <div className="grid gap-4">
      {expired && (
        <Alert className="mx-auto max-w-sm">
          <AlertDescription>Your session has expired. Sign in again to continue.</AlertDescription>
        </Alert>
      )}
      <AuthCard
        title="Sign in to Parley"
        footer={
          config.data?.signupEnabled && (
            <>
              New here?
              <Link
                to={authPath(SIGN_UP_PATH, returnTo)}
                className="font-medium text-foreground underline underline-offset-4"
              >
                Create an account
              </Link>
            </>
          )
        }
      >
        <form noValidate onSubmit={onSubmit} className="grid gap-4">
          <FormError message={errors.root?.server?.message} />
          <FormField label="Email" error={errors.email?.message}>
            <Input type="email" autoComplete="username" {...form.register('email')} />
          </FormField>
          <FormField label="Password" error={errors.password?.message}>
            <Input type="password" autoComplete="current-password" {...form.register('password')} />
          </FormField>
          {/* Not disabled while pending: disabling the focused button would drop focus to the page. */}
          <Button type="submit" aria-disabled={signIn.isPending || undefined}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
      </AuthCard>
    </div>
  );
}
