/** UI strings of this feature (Vietnamese first); wired into i18n/vi.ts and en.ts under 'indicators'. */
export const indicatorsVi = {
  title: 'Chỉ tiêu',
};

export const indicatorsEn: typeof indicatorsVi = {
  title: 'Indicators',
};
