/** Sign-in page: the API's own message and field errors, and a language switch before sign-in. */
import { Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { patch } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { currentLang } from '../i18n/index.ts';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { Logo } from '../ui/Logo.tsx';
import { FormError, fieldErrorsOf } from '../ui/errors.tsx';
import { meQuery, useLogin } from './api.ts';

const FIELDS = ['username', 'password'] as const;

/** Only same-site paths: an open redirect would let a link send users elsewhere after sign-in. */
function safeRedirect(target: string | undefined): string {
  return target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/login') ? target : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const search = useSearch({ from: '/login' });
  const navigate = useNavigate();
  const qc = useQueryClient();
  const login = useLogin();
  const form = useForm({ initialValues: { username: '', password: '' } });

  const enter = async (me: Me): Promise<void> => {
    // The language the user signed in with becomes the account's language.
    const lang = currentLang();
    if (me.user.locale !== lang) {
      qc.setQueryData(meQuery.queryKey, await patch<Me>('/api/me', { locale: lang }).catch(() => me));
    }
    await navigate({ href: safeRedirect(search.redirect), replace: true });
  };

  const onSubmit = form.onSubmit((values) => {
    login.mutate(values, {
      onSuccess: (me) => void enter(me),
      onError: (err) => {
        form.setErrors(fieldErrorsOf(err, FIELDS));
      },
    });
  });

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" p="md">
      <Group justify="flex-end">
        <LanguageSwitch />
      </Group>
      {/* Centred on larger screens; on phones the form starts near the top, above the keyboard. */}
      <Center mih={{ base: 'auto', sm: 'calc(100dvh - 96px)' }} mt={{ base: 'lg', sm: 0 }}>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md" w="100%" maw={420}>
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <Logo size={44} />
              <Box>
                <Title order={1} size="h3">
                  {t('app.name')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('login.subtitle')}
                </Text>
              </Box>
            </Group>
            <Title order={2} size="h4">
              {t('login.title')}
            </Title>
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="sm">
                <FormError error={login.error} formFields={FIELDS} />
                <TextInput
                  label={t('login.username')}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  required
                  {...form.getInputProps('username')}
                />
                <PasswordInput
                  label={t('login.password')}
                  autoComplete="current-password"
                  required
                  {...form.getInputProps('password')}
                />
                <Button type="submit" loading={login.isPending} fullWidth mt="xs">
                  {t('login.submit')}
                </Button>
              </Stack>
            </form>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
