/** Tiếng Việt / English menu; visible before sign-in too. */
import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSetLang } from '../auth/api.ts';
import { LANGS, currentLang } from '../i18n/index.ts';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const setLang = useSetLang();
  const lang = currentLang();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          // On phones the header has no room for the icon: the code alone (VI/EN) says enough.
          leftSection={compact ? undefined : <IconLanguage size={16} aria-hidden />}
          aria-label={`${t('lang.label')}: ${t(`lang.${lang}`)}`}
          loading={setLang.isPending}
        >
          {compact ? lang.toUpperCase() : t(`lang.${lang}`)}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('lang.label')}</Menu.Label>
        {LANGS.map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => setLang.mutate(l)}
            rightSection={l === lang ? <IconCheck size={14} aria-hidden /> : null}
          >
            {t(`lang.${l}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
