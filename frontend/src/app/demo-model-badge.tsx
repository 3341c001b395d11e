import { Badge } from '@/components/ui/badge';
import { useClientConfig } from '@/lib/api/get-config';

/**
 * Without a model provider key the server answers with its built-in demo model; the badge
 * keeps anyone from mistaking its canned text for a real model's answer.
 */
export function DemoModelBadge() {
  const config = useClientConfig();
  if (!config.data?.demoModel) return null;
  return <Badge variant="warning">Demo model</Badge>;
}
