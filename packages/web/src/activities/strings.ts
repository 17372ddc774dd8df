/** UI strings of this feature (Vietnamese first); wired into i18n/vi.ts and en.ts under 'activities'. */
export const activitiesVi = {
  title: 'Hoạt động',
};

export const activitiesEn: typeof activitiesVi = {
  title: 'Activities',
};
