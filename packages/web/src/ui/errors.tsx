/** Showing API errors: field messages go under their inputs, the rest into one alert. */
import type { ReactNode } from 'react';
import { Alert, Button, Group, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

/**
 * Field errors for the given form fields. The server keys errors by path ("roles.0"), so the
 * first segment names the input.
 */
export function fieldErrorsOf(error: unknown, formFields: readonly string[]): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const field = path.split('.')[0] ?? path;
    if (formFields.includes(field)) out[field] ??= message;
  }
  return out;
}

interface FormErrorProps {
  error: unknown;
  /** Fields shown under inputs; any other field message is listed in the alert. */
  formFields?: readonly string[];
  /** Labels for fields the form does not show, so the alert can name them. */
  labels?: Record<string, string>;
}

export function FormError({ error, formFields = [], labels = {} }: FormErrorProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : t('error.generic');
  const others = isApiError(error)
    ? Object.entries(error.fields).filter(([path]) => !formFields.includes(path.split('.')[0] ?? path))
    : [];
  return (
    <Alert color="red" variant="light" role="alert" title={message}>
      {others.length > 0 && (
        <List size="sm">
          {others.map(([path, m]) => (
            <List.Item key={path}>
              {labels[path] ?? path}: {m}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** A failed query: the server's message, a retry and whatever way out the page offers. */
export function QueryError({
  error,
  onRetry,
  children,
}: {
  error: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t('error.generic');
  return (
    <Alert color="red" variant="light" role="alert" title={message}>
      {(onRetry || children) && (
        <Group gap="xs" mt={4}>
          {onRetry && (
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('app.retry')}
            </Button>
          )}
          {children}
        </Group>
      )}
    </Alert>
  );
}
