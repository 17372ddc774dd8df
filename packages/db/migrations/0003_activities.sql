-- Activities (hoạt động truyền thông) and the yearly campaign calendar.
-- Kinds, channels and audiences are reference data (rows, not code): a ministry can add a kind
-- without a release. `counts_as` says which indicator families a kind feeds.

CREATE TABLE activity_kind (
  code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_vi         text NOT NULL,
  name_en         text NOT NULL,
  -- any of 'session' (a communication session, cuộc), 'news_item' (tin, bài, phóng sự), 'product'
  counts_as       text[] NOT NULL DEFAULT '{}',
  default_channel text,
  ordinal         integer NOT NULL,
  active          boolean NOT NULL DEFAULT true
);

CREATE TABLE activity_channel (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_vi  text NOT NULL,
  name_en  text NOT NULL,
  ordinal  integer NOT NULL,
  active   boolean NOT NULL DEFAULT true
);

CREATE TABLE audience (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_vi  text NOT NULL,
  name_en  text NOT NULL,
  ordinal  integer NOT NULL,
  active   boolean NOT NULL DEFAULT true
);

-- A yearly campaign: its window repeats each year (month/day); a window may cross the new year.
CREATE TABLE campaign (
  id            uuid PRIMARY KEY,
  code          text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_vi       text NOT NULL,
  name_en       text NOT NULL,
  start_month   integer NOT NULL CHECK (start_month BETWEEN 1 AND 12),
  start_day     integer NOT NULL CHECK (start_day BETWEEN 1 AND 31),
  end_month     integer NOT NULL CHECK (end_month BETWEEN 1 AND 12),
  end_day       integer NOT NULL CHECK (end_day BETWEEN 1 AND 31),
  -- units are expected to record a plan for it each year (Action Month: target T2)
  requires_plan boolean NOT NULL DEFAULT false,
  legal_basis   text,
  ordinal       integer NOT NULL,
  active        boolean NOT NULL DEFAULT true
);

-- The national theme of a campaign in a given year (e.g. Action Month 2026).
CREATE TABLE campaign_theme (
  campaign_id uuid NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
  year        integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  theme_vi    text NOT NULL,
  theme_en    text,
  PRIMARY KEY (campaign_id, year)
);

CREATE TABLE activity (
  id                            uuid PRIMARY KEY,
  org_unit_id                   uuid NOT NULL REFERENCES org_unit(id),
  -- the unit's path and province at write time: subtree scope and rollups without a join
  org_path                      text NOT NULL,
  province_code                 text,
  kind                          text NOT NULL REFERENCES activity_kind(code),
  title                         text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  start_date                    date NOT NULL,
  end_date                      date NOT NULL,
  commune_code                  text,
  channel                       text REFERENCES activity_channel(code),
  audiences                     text[] NOT NULL DEFAULT '{}',
  participants_female           integer CHECK (participants_female >= 0),
  participants_male             integer CHECK (participants_male >= 0),
  participants_total            integer CHECK (participants_total >= 0),
  ethnic_minority_participants  integer CHECK (ethnic_minority_participants >= 0),
  products_count                integer CHECK (products_count >= 0),
  reach                         bigint CHECK (reach >= 0),
  cost_state_budget             bigint CHECK (cost_state_budget >= 0),
  cost_mobilised                bigint CHECK (cost_mobilised >= 0),
  cost_international            bigint CHECK (cost_international >= 0),
  plan_id                       uuid REFERENCES plan(id) ON DELETE SET NULL,
  task_group_id                 uuid REFERENCES plan_task_group(id) ON DELETE SET NULL,
  campaign_id                   uuid REFERENCES campaign(id),
  notes                         text,
  -- how it arrived: web form, offline queue, file import, API
  source                        text NOT NULL DEFAULT 'web' CHECK (source IN ('web','offline','import','api')),
  search_text                   text NOT NULL DEFAULT '',
  version                       integer NOT NULL DEFAULT 0,
  created_by                    uuid REFERENCES app_user(id),
  created_at                    timestamptz NOT NULL DEFAULT now(),
  updated_by                    uuid REFERENCES app_user(id),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  -- soft delete: a replayed offline create of a deleted id must not bring it back
  deleted_at                    timestamptz,
  CHECK (end_date >= start_date),
  CHECK (participants_total IS NULL
         OR participants_total >= coalesce(participants_female, 0) + coalesce(participants_male, 0)),
  CHECK (ethnic_minority_participants IS NULL OR participants_total IS NULL
         OR ethnic_minority_participants <= participants_total)
);
CREATE INDEX activity_path_date_idx ON activity (org_path text_pattern_ops, start_date);
CREATE INDEX activity_org_date_idx ON activity (org_unit_id, start_date);
CREATE INDEX activity_province_date_idx ON activity (province_code, start_date);
CREATE INDEX activity_campaign_idx ON activity (campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX activity_plan_idx ON activity (plan_id) WHERE plan_id IS NOT NULL;

-- Evidence files (photos, scanned minutes). The bytes live in a blob store (disk by default,
-- under the data directory); the row keeps what is needed to serve and verify them.
CREATE TABLE activity_evidence (
  id            uuid PRIMARY KEY,
  activity_id   uuid NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL,
  storage_key   text NOT NULL,
  created_by    uuid REFERENCES app_user(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_evidence_activity_idx ON activity_evidence (activity_id);

-- A unit's plan for a campaign in a year (e.g. its Action Month plan): feeds target T2.
CREATE TABLE campaign_plan (
  id               uuid PRIMARY KEY,
  campaign_id      uuid NOT NULL REFERENCES campaign(id),
  org_unit_id      uuid NOT NULL REFERENCES org_unit(id),
  org_path         text NOT NULL,
  province_code    text,
  year             integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  document_number  text,
  issued_on        date,
  plan_id          uuid REFERENCES plan(id) ON DELETE SET NULL,
  file_name        text,
  content_type     text,
  size_bytes       integer,
  storage_key      text,
  notes            text,
  version          integer NOT NULL DEFAULT 0,
  created_by       uuid REFERENCES app_user(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (campaign_id, org_unit_id, year)
);
CREATE INDEX campaign_plan_path_idx ON campaign_plan (campaign_id, year, org_path text_pattern_ops);

INSERT INTO activity_channel (code, name_vi, name_en, ordinal) VALUES
  ('direct',      'Trực tiếp',              'Face to face',     1),
  ('print',       'Báo in, ấn phẩm',        'Print',            2),
  ('radio',       'Phát thanh',             'Radio',            3),
  ('television',  'Truyền hình',            'Television',       4),
  ('loudspeaker', 'Loa truyền thanh cơ sở', 'Loudspeaker',      5),
  ('online',      'Cổng/trang thông tin điện tử', 'Online portal', 6),
  ('social_media','Mạng xã hội',            'Social media',     7),
  ('outdoor',     'Pano, áp phích, băng rôn', 'Outdoor',        8);

INSERT INTO activity_kind (code, name_vi, name_en, counts_as, default_channel, ordinal) VALUES
  ('conference',       'Hội nghị',                         'Conference',                     '{session}',   'direct', 1),
  ('workshop',         'Hội thảo, tọa đàm',                'Workshop',                       '{session}',   'direct', 2),
  ('training',         'Tập huấn, bồi dưỡng',              'Training',                       '{session}',   'direct', 3),
  ('talk',             'Nói chuyện chuyên đề',             'Specialised talk',               '{session}',   'direct', 4),
  ('dialogue',         'Giao lưu, đối thoại',              'Exchange / dialogue',            '{session}',   'direct', 5),
  ('contest',          'Hội thi, cuộc thi',                'Contest',                        '{session}',   'direct', 6),
  ('exhibition',       'Triển lãm',                        'Exhibition',                     '{session}',   'direct', 7),
  ('community_event',  'Sự kiện cộng đồng',                'Community event',                '{session}',   'direct', 8),
  ('performance',      'Biểu diễn văn nghệ',               'Art performance',                '{session}',   'direct', 9),
  ('film_screening',   'Chiếu phim kết hợp nói chuyện',    'Film screening with a talk',     '{session}',   'direct', 10),
  ('book_display',     'Trưng bày sách, tài liệu',         'Book display',                   '{session}',   'direct', 11),
  ('club_meeting',     'Sinh hoạt câu lạc bộ',             'Club meeting',                   '{session}',   'direct', 12),
  ('launch_ceremony',  'Lễ phát động, mít tinh',           'Launch ceremony',                '{session}',   'direct', 13),
  ('talk_show',        'Tọa đàm trên sóng, talk show',     'Talk show',                      '{session,news_item}', 'television', 14),
  ('news_item',        'Tin, bài viết',                    'News item or article',           '{news_item}', 'online', 15),
  ('reportage',        'Phóng sự',                         'Reportage',                      '{news_item}', 'television', 16),
  ('broadcast',        'Chương trình phát thanh, truyền hình', 'Radio or TV broadcast',      '{news_item}', 'radio', 17),
  ('loudspeaker',      'Phát trên loa truyền thanh',       'Loudspeaker broadcast',          '{news_item}', 'loudspeaker', 18),
  ('online_post',      'Bài đăng trực tuyến, mạng xã hội', 'Online or social-media post',    '{news_item}', 'social_media', 19),
  ('leaflet',          'Tờ rơi, tờ gấp',                   'Leaflet',                        '{product}',   'direct', 20),
  ('poster',           'Pano, áp phích, băng rôn',         'Poster, pano or banner',         '{product}',   'outdoor', 21),
  ('newsletter',       'Bản tin, sổ tay, tài liệu',        'Newsletter or handbook',         '{product}',   'print', 22),
  ('inspection',       'Kiểm tra, giám sát',               'Inspection or supervision visit','{}',          'direct', 23),
  ('commendation',     'Khen thưởng',                      'Commendation',                   '{}',          'direct', 24);

INSERT INTO audience (code, name_vi, name_en, ordinal) VALUES
  ('leaders',            'Lãnh đạo, cán bộ quản lý',           'Leaders and officials', 1),
  ('civil_servants',     'Cán bộ, công chức, viên chức',       'Civil servants', 2),
  ('workers',            'Người lao động',                     'Workers', 3),
  ('enterprises',        'Doanh nghiệp',                       'Enterprises', 4),
  ('residents',          'Người dân',                          'Residents', 5),
  ('women',              'Phụ nữ',                             'Women', 6),
  ('men_boys',           'Nam giới, trẻ em trai',              'Men and boys', 7),
  ('youth',              'Thanh niên, vị thành niên',          'Adolescents and youth', 8),
  ('students',           'Học sinh, sinh viên',                'Pupils and students', 9),
  ('children',           'Trẻ em',                             'Children', 10),
  ('ethnic_minorities',  'Đồng bào dân tộc thiểu số',          'Ethnic minorities', 11),
  ('village_elders',     'Già làng, người có uy tín',          'Village elders and prestigious people', 12),
  ('disabled',           'Người khuyết tật',                   'People with disabilities', 13),
  ('elderly',            'Người cao tuổi',                     'The elderly', 14),
  ('migrants',           'Người di cư',                        'Migrants', 15),
  ('industrial_workers', 'Công nhân khu công nghiệp',          'Industrial-zone workers', 16),
  ('remote_areas',       'Người dân vùng sâu, vùng xa, vùng thiên tai', 'People in remote and disaster-hit areas', 17);

INSERT INTO campaign (id, code, name_vi, name_en, start_month, start_day, end_month, end_day, requires_plan, legal_basis, ordinal) VALUES
  ('6c1f0a52-0000-4000-8000-000000000001', 'womens_day',      'Ngày Quốc tế Phụ nữ 8/3',                'International Women''s Day (8/3)', 3, 8, 3, 8, false, NULL, 1),
  ('6c1f0a52-0000-4000-8000-000000000002', 'happiness_day',   'Ngày Quốc tế Hạnh phúc 20/3',            'International Day of Happiness (20/3)', 3, 20, 3, 20, false, NULL, 2),
  ('6c1f0a52-0000-4000-8000-000000000003', 'dv_month',        'Tháng hành động quốc gia về phòng, chống bạo lực gia đình', 'National Action Month on Domestic Violence Prevention', 6, 1, 6, 30, false, 'Quyết định 363/QĐ-TTg năm 2016', 3),
  ('6c1f0a52-0000-4000-8000-000000000004', 'family_day',      'Ngày Gia đình Việt Nam 28/6',            'Vietnamese Family Day (28/6)', 6, 28, 6, 28, false, NULL, 4),
  ('6c1f0a52-0000-4000-8000-000000000005', 'vn_womens_day',   'Ngày Phụ nữ Việt Nam 20/10',             'Vietnamese Women''s Day (20/10)', 10, 20, 10, 20, false, NULL, 5),
  ('6c1f0a52-0000-4000-8000-000000000006', 'mens_day',        'Ngày Quốc tế Nam giới 19/11',            'International Men''s Day (19/11)', 11, 19, 11, 19, false, NULL, 6),
  ('6c1f0a52-0000-4000-8000-000000000007', 'evaw_day',        'Ngày Quốc tế xóa bỏ bạo lực đối với phụ nữ 25/11', 'International Day for the Elimination of Violence against Women (25/11)', 11, 25, 11, 25, false, NULL, 7),
  ('6c1f0a52-0000-4000-8000-000000000008', 'action_month',    'Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới', 'Action Month for Gender Equality and Prevention of Gender-Based Violence', 11, 15, 12, 15, true, NULL, 8);

-- Yearly themes are announced each year; they are entered as data (demo seed / admin), not here.
