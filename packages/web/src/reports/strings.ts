/** UI strings of this feature (Vietnamese first); wired into i18n/vi.ts and en.ts under 'reports'. */
export const reportsVi = {
  title: 'Báo cáo',
};

export const reportsEn: typeof reportsVi = {
  title: 'Reports',
};
