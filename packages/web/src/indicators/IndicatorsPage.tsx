import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Entry page of the feature; the feature's own work replaces this body.
export function IndicatorsPage() {
  const { t } = useTranslation();
  return <Title order={2}>{t('indicators.title')}</Title>;
}
