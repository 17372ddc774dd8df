/** A modal that fills the screen on phones, where a floating dialog leaves no room to type. */
import { Modal, type ModalProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';

export function ResponsiveModal(props: ModalProps) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal fullScreen={phone} transitionProps={phone ? { transition: 'fade', duration: 150 } : undefined} {...props} />
  );
}
