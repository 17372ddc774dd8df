import { ThemeIcon } from '@mantine/core';
import { IconEqual } from '@tabler/icons-react';

/** The product mark: an equals sign, for equality. */
export function Logo({ size = 30 }: { size?: number }) {
  return (
    <ThemeIcon size={size} radius="md" variant="filled" aria-hidden>
      <IconEqual size={Math.round(size * 0.7)} stroke={2.5} />
    </ThemeIcon>
  );
}
