import type { ReactNode } from 'react';
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from '@/components/ui/card';

interface AuthCardProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame shared by the sign-in and sign-up pages: one card, the page's h1 on top. */
export function AuthCard({ title, description, children, footer }: AuthCardProps) {
  return (
    <Card className="mx-auto w-full max-w-sm">
      <CardHeader>
        <div className="grid gap-1.5">
          <CardTitle asChild>
            <h1 className="text-xl">{title}</h1>
          </CardTitle>
          {description && <CardDescription>{description}</CardDescription>}
        </div>
      </CardHeader>
      <CardContent>{children}</CardContent>
      {footer && (
        <CardFooter className="flex-wrap gap-x-1 text-sm text-muted-foreground">{footer}</CardFooter>
      )}
    </Card>
  );
}
