/**
 * The signed-in shell: header (product, user and unit, language, sign-out) and the feature
 * navigation, which folds behind a burger on phones.
 */
import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Button,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarEvent,
  IconChartBar,
  IconFileText,
  IconHome,
  IconLogout,
  IconReportAnalytics,
  IconSitemap,
  IconTarget,
  IconUserCircle,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useLogout, useMe } from '../auth/api.ts';
import { Logo } from '../ui/Logo.tsx';
import { ReminderBadge } from '../reports/ReminderBadge.tsx';
import { OfflineBadge } from '../offline/OfflineBadge.tsx';
import { useOfflineSync } from '../offline/sync.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

type NavTarget =
  '/' | '/org' | '/plans' | '/activities' | '/campaigns' | '/indicators' | '/reports' | '/users' | '/account';

interface NavItem {
  key: 'home' | 'org' | 'plans' | 'activities' | 'campaigns' | 'indicators' | 'reports' | 'users' | 'account';
  icon: Icon;
  to?: NavTarget;
}

const NAV: NavItem[] = [
  { key: 'home', icon: IconHome, to: '/' },
  { key: 'org', icon: IconSitemap, to: '/org' },
  { key: 'plans', icon: IconFileText, to: '/plans' },
  { key: 'activities', icon: IconChartBar, to: '/activities' },
  { key: 'campaigns', icon: IconCalendarEvent, to: '/campaigns' },
  { key: 'indicators', icon: IconTarget, to: '/indicators' },
  { key: 'reports', icon: IconReportAnalytics, to: '/reports' },
  { key: 'users', icon: IconUsers, to: '/users' },
  { key: 'account', icon: IconUserCircle, to: '/account' },
];

/** Avatar letters from the first and last words of the name, skipping "(xem)" and the like. */
function initials(name: string): string {
  const words = name.split(/\s+/).filter((w) => /^\p{L}/u.test(w));
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const canManageUsers = useCan('user.manage');
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  const logout = useLogout();
  // Activities saved offline go out from any page of the signed-in app.
  useOfflineSync(me.user.id);

  const onLogout = () => {
    logout.mutate(undefined, { onSettled: () => void navigate({ to: '/login', search: {} }) });
  };

  const isActive = (to: NavTarget) =>
    to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(to + '/');

  const items = NAV.filter((i) => i.key !== 'users' || canManageUsers);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <UnstyledButton renderRoot={(props) => <Link to="/" {...props} />} miw={0}>
              <Group gap={8} wrap="nowrap">
                <Logo />
                <Text fw={700} fz={{ base: 'md', sm: 'lg' }} truncate>
                  {t('app.name')}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <OfflineBadge userId={me.user.id} />
            <Box visibleFrom="sm" ta="right" maw={320}>
              <Text size="sm" fw={600} truncate data-testid="header-user">
                {me.user.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate data-testid="header-unit">
                {me.orgUnit.name}
              </Text>
            </Box>
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <Box hiddenFrom="sm">
              <LanguageSwitch compact />
            </Box>
            <Button
              visibleFrom="sm"
              variant="subtle"
              size="xs"
              leftSection={<IconLogout size={16} aria-hidden />}
              onClick={onLogout}
              loading={logout.isPending}
            >
              {t('nav.logout')}
            </Button>
            <Box hiddenFrom="sm">
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <UnstyledButton aria-label={me.user.displayName}>
                    <Avatar size={32} color="violet" radius="xl">
                      {initials(me.user.displayName)}
                    </Avatar>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown maw={300}>
                  <Box px="sm" py={6}>
                    <Text size="sm" fw={600}>
                      {me.user.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {me.orgUnit.name}
                    </Text>
                  </Box>
                  <Menu.Divider />
                  <Menu.Item
                    leftSection={<IconUserCircle size={16} aria-hidden />}
                    onClick={() => void navigate({ to: '/account' })}
                  >
                    {t('nav.account')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onLogout}>
                    {t('nav.logout')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Box>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" aria-label={t('nav.menu')}>
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {items.map((item) => (
              <NavEntry
                key={item.key}
                item={item}
                label={t(`nav.${item.key}`)}
                active={item.to ? isActive(item.to) : false}
                comingSoon={t('app.comingSoon')}
                onNavigate={close}
              />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="sm">
          <NavLink label={t('nav.logout')} leftSection={<IconLogout size={18} aria-hidden />} onClick={onLogout} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1200} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function NavEntry(props: {
  item: NavItem;
  label: string;
  active: boolean;
  comingSoon: string;
  onNavigate: () => void;
}): ReactNode {
  const { item, label, active, comingSoon, onNavigate } = props;
  const IconCmp = item.icon;
  const icon = <IconCmp size={18} stroke={1.6} aria-hidden />;
  const to = item.to;
  if (!to) {
    return (
      <NavLink
        label={label}
        leftSection={icon}
        disabled
        rightSection={
          <Badge size="xs" variant="light" color="gray">
            {comingSoon}
          </Badge>
        }
      />
    );
  }
  return (
    <NavLink
      label={label}
      leftSection={icon}
      // Reports due within 7 days or overdue are counted beside their menu entry.
      rightSection={item.key === 'reports' ? <ReminderBadge /> : undefined}
      active={active}
      onClick={onNavigate}
      renderRoot={(p) => <Link to={to} {...p} />}
    />
  );
}
