/** Turns validation issues into short messages in the user's language, keyed by field path. */
import type { Lang } from '@binhdang/domain';

export interface Issue {
  code: string;
  path: (string | number)[];
  message: string;
  params?: Record<string, unknown>;
}

const TYPE_NAMES: Record<string, { vi: string; en: string }> = {
  string: { vi: 'chuỗi ký tự', en: 'a string' },
  number: { vi: 'số', en: 'a number' },
  int: { vi: 'số nguyên', en: 'an integer' },
  boolean: { vi: 'đúng/sai (true/false)', en: 'true or false' },
  array: { vi: 'danh sách', en: 'a list' },
  object: { vi: 'đối tượng', en: 'an object' },
};

function typeName(t: unknown, lang: Lang): string {
  const n = TYPE_NAMES[String(t)];
  return n ? n[lang] : String(t);
}

export function describeIssue(issue: Issue, lang: Lang): string {
  const p = issue.params ?? {};
  const vi = lang === 'vi';
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return vi ? 'Bắt buộc nhập' : 'Required';
      return vi ? `Phải là ${typeName(p.expected, lang)}` : `Must be ${typeName(p.expected, lang)}`;
    case 'too_small': {
      const min = String(p.minimum);
      if (p.origin === 'string')
        return min === '1'
          ? vi
            ? 'Không được để trống'
            : 'Must not be empty'
          : vi
            ? `Cần ít nhất ${min} ký tự`
            : `Must have at least ${min} characters`;
      if (p.origin === 'array') return vi ? `Cần ít nhất ${min} mục` : `Must have at least ${min} items`;
      return vi ? `Phải lớn hơn hoặc bằng ${min}` : `Must be at least ${min}`;
    }
    case 'too_big': {
      const max = String(p.maximum);
      if (p.origin === 'string') return vi ? `Tối đa ${max} ký tự` : `At most ${max} characters`;
      if (p.origin === 'array') return vi ? `Tối đa ${max} mục` : `At most ${max} items`;
      return vi ? `Phải nhỏ hơn hoặc bằng ${max}` : `Must be at most ${max}`;
    }
    case 'unrecognized_keys':
      return vi ? 'Trường không được phép' : 'Unknown field';
    case 'invalid_format':
      if (p.format === 'date') return vi ? 'Ngày phải có dạng YYYY-MM-DD' : 'Date must be YYYY-MM-DD';
      if (p.format === 'uuid') return vi ? 'Mã định danh (UUID) không hợp lệ' : 'Invalid UUID';
      if (issue.path.at(-1) === 'username')
        return vi
          ? 'Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang'
          : 'Username: 3–50 characters — lower-case letters without accents, digits, dot, underscore or hyphen';
      if (issue.path.at(-1) === 'code')
        return vi
          ? 'Mã đơn vị chỉ gồm chữ không dấu, số, gạch dưới hoặc gạch ngang (tối đa 40 ký tự)'
          : 'Unit code: letters without accents, digits, underscore or hyphen (at most 40)';
      return vi ? 'Sai định dạng' : 'Invalid format';
    case 'invalid_value':
    case 'invalid_enum_value': {
      const values = Array.isArray(p.values) ? (p.values as unknown[]).join(', ') : '';
      return vi ? `Giá trị không hợp lệ; chọn một trong: ${values}` : `Invalid value; use one of: ${values}`;
    }
    default:
      return vi ? 'Giá trị không hợp lệ' : 'Invalid value';
  }
}

/** Field map for a list of issues; unknown keys are reported one field each. */
export function fieldsOf(issues: Issue[], lang: Lang, fallbackField: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = issue.path.join('.');
    if (issue.code === 'unrecognized_keys' && Array.isArray(issue.params?.keys)) {
      for (const k of issue.params.keys as string[]) fields[base ? `${base}.${k}` : k] = describeIssue(issue, lang);
      continue;
    }
    const key = base || fallbackField;
    fields[key] ??= describeIssue(issue, lang);
  }
  return fields;
}
