/**
 * Domain errors carry a stable code and, where a field is at fault, the field path.
 * The HTTP edge maps codes to status codes and messages to the user's language.
 */

export type Lang = 'vi' | 'en';

export const ERROR_CODES = {
  validation: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  out_of_scope: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  stale_version: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

type Msg = Record<Lang, string>;

/** Messages for error codes, used when a DomainError has no better message for the user. */
export const ERROR_MESSAGES: Record<ErrorCode, Msg> = {
  validation: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  bad_request: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  unauthenticated: { vi: 'Bạn cần đăng nhập', en: 'You need to sign in' },
  invalid_credentials: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong username or password' },
  forbidden: { vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  out_of_scope: {
    vi: 'Đơn vị nằm ngoài phạm vi quản lý của bạn',
    en: 'This org unit is outside your scope',
  },
  not_found: { vi: 'Không tìm thấy', en: 'Not found' },
  conflict: { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  duplicate: { vi: 'Đã tồn tại', en: 'Already exists' },
  stale_version: {
    vi: 'Bản ghi đã được người khác sửa; hãy tải lại',
    en: 'The record was changed by someone else; reload it',
  },
  payload_too_large: { vi: 'Dữ liệu gửi lên quá lớn', en: 'Request body too large' },
  unsupported_media_type: { vi: 'Định dạng không được hỗ trợ', en: 'Unsupported media type' },
  rate_limited: {
    vi: 'Quá nhiều lần thử; vui lòng đợi rồi thử lại',
    en: 'Too many attempts; please wait and try again',
  },
};

/** Bilingual message helper for domain code that needs to say something specific. */
export function msg(vi: string, en: string): Msg {
  return { vi, en };
}

/** A DomainError whose message and field messages are bilingual; rendered per request. */
export class LocalizedError extends DomainError {
  constructor(
    code: ErrorCode,
    readonly text: Msg,
    readonly fieldTexts: Record<string, Msg> = {},
  ) {
    super(code, text.en, Object.fromEntries(Object.entries(fieldTexts).map(([k, v]) => [k, v.en])));
  }
  render(lang: Lang): { message: string; fields: Record<string, string> } {
    return {
      message: this.text[lang],
      fields: Object.fromEntries(Object.entries(this.fieldTexts).map(([k, v]) => [k, v[lang]])),
    };
  }
}
