import { sql, type Kysely } from "kysely";

// Findings against a versioned rubric, the unit head's explanation (requests with a working-day
// deadline, answers bound to the finding version they answered) and attachments stored in PostgreSQL.
// Everything here is append-only: a finding is revised by adding a version, an answer by adding a newer
// answer; the database refuses UPDATE and DELETE. Frozen once merged.
export async function up(db: Kysely<any>): Promise<void> {
  // A rubric is versioned data: a new version is a new row; a row never changes, so a case keeps the
  // rubric it was opened under.
  await sql`
    create table rubric_set (
      id integer generated always as identity primary key,
      code text not null check (code <> ''),
      version integer not null check (version > 0),
      title text not null check (title <> ''),
      -- [{ "code": "TC1", "title": "…", "maxPoints": 40, "severity": "minor" | "major" | "serious" }]
      criteria jsonb not null check (jsonb_typeof(criteria) = 'array' and jsonb_array_length(criteria) > 0),
      created_at timestamptz not null default now(),
      unique (code, version)
    )`.execute(db);
  await sql`create trigger rubric_set_frozen before update or delete on rubric_set for each row execute function refuse_change()`.execute(db);
  // The seeded default (version 1), literal so that this migration never changes with the code.
  await sql`
    insert into rubric_set (code, version, title, criteria) values (
      'tthc-trach-nhiem-cong-vu', 1, 'Trách nhiệm công vụ trong giải quyết thủ tục hành chính',
      ${JSON.stringify([
        { code: "TC1", title: "Hồ sơ giải quyết quá hạn do lỗi của đối tượng kiểm tra", maxPoints: 40, severity: "major" },
        { code: "TC2", title: "Không có hoặc chậm văn bản xin lỗi, hẹn lại ngày trả kết quả", maxPoints: 15, severity: "minor" },
        { code: "TC3", title: "Yêu cầu bổ sung hồ sơ nhiều lần", maxPoints: 20, severity: "major" },
        { code: "TC4", title: "Xử lý hồ sơ không đúng quy định (từ chối, dừng giải quyết, trả hồ sơ không có căn cứ)", maxPoints: 25, severity: "serious" },
      ])}::jsonb)`.execute(db);

  await sql`alter table inspection_case add column rubric_set_id integer references rubric_set(id)`.execute(db);
  await sql`update inspection_case set rubric_set_id = (select id from rubric_set where code = 'tthc-trach-nhiem-cong-vu' and version = 1)`.execute(db);
  await sql`alter table inspection_case alter column rubric_set_id set not null`.execute(db);
  // A case inserted without a rubric gets the newest version of the default one.
  await sql`
    create function default_rubric_set_id() returns integer language sql stable as $$
      select id from rubric_set where code = 'tthc-trach-nhiem-cong-vu' order by version desc limit 1
    $$`.execute(db);
  await sql`alter table inspection_case alter column rubric_set_id set default default_rubric_set_id()`.execute(db);

  // A finding is numbered within its case (Nội dung 1, 2, …); its content lives in its versions.
  await sql`
    create table finding (
      id integer generated always as identity primary key,
      case_id integer not null references inspection_case(id),
      number integer not null check (number > 0),
      created_by text not null references app_user(id),
      created_at timestamptz not null default now(),
      unique (case_id, number)
    )`.execute(db);
  await sql`create trigger finding_frozen before update or delete on finding for each row execute function refuse_change()`.execute(db);

  await sql`
    create table finding_version (
      id integer generated always as identity primary key,
      finding_id integer not null references finding(id),
      version integer not null check (version > 0),
      criterion_code text not null check (criterion_code <> ''),
      facts text not null check (facts <> ''),
      proposed_deduction numeric(6,2) not null check (proposed_deduction >= 0),
      withdrawn boolean not null default false,
      -- Why this version replaced the previous one (empty for version 1).
      change_note text,
      created_by text not null references app_user(id),
      created_at timestamptz not null default now(),
      unique (finding_id, version)
    )`.execute(db);
  await sql`create trigger finding_version_frozen before update or delete on finding_version for each row execute function refuse_change()`.execute(db);

  // The evidence dossiers a finding version cites (each must be in the case's evidence when cited).
  await sql`
    create table finding_version_dossier (
      finding_version_id integer not null references finding_version(id),
      dossier_id integer not null references dossier(id),
      primary key (finding_version_id, dossier_id)
    )`.execute(db);
  await sql`create index finding_version_dossier_dossier_idx on finding_version_dossier(dossier_id)`.execute(db);
  await sql`create trigger finding_version_dossier_frozen before update or delete on finding_version_dossier for each row execute function refuse_change()`.execute(db);

  // The team lead's request to the unit head; a case may be asked again after its findings change.
  // inspection_case.explanation_deadline mirrors the latest request's deadline for lists and sorting.
  await sql`
    create table explanation_request (
      id integer generated always as identity primary key,
      case_id integer not null references inspection_case(id),
      working_days integer not null check (working_days between 1 and 60),
      deadline date not null,
      message text,
      requested_by text not null references app_user(id),
      requested_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index explanation_request_case_idx on explanation_request(case_id)`.execute(db);
  await sql`create trigger explanation_request_frozen before update or delete on explanation_request for each row execute function refuse_change()`.execute(db);

  // The unit head's answer to one finding, bound to the version it answered: stale once the finding has
  // a later version. A newer answer to the same finding supersedes an older one; both stay.
  await sql`
    create table explanation_answer (
      id integer generated always as identity primary key,
      case_id integer not null references inspection_case(id),
      finding_id integer not null,
      finding_version integer not null,
      explanation_request_id integer references explanation_request(id),
      body text not null check (body <> ''),
      answered_by text not null references app_user(id),
      answered_at timestamptz not null default now(),
      foreign key (finding_id, finding_version) references finding_version(finding_id, version)
    )`.execute(db);
  await sql`create index explanation_answer_finding_idx on explanation_answer(finding_id)`.execute(db);
  await sql`create index explanation_answer_case_idx on explanation_answer(case_id)`.execute(db);
  await sql`create trigger explanation_answer_frozen before update or delete on explanation_answer for each row execute function refuse_change()`.execute(db);

  // Files (PDF, PNG, JPEG) kept in the database with their SHA-256. Each belongs to one case (its scope)
  // and to the record it supports; later migrations add other owners.
  await sql`
    create table attachment (
      id integer generated always as identity primary key,
      case_id integer not null references inspection_case(id),
      explanation_answer_id integer references explanation_answer(id),
      file_name text not null check (file_name <> ''),
      media_type text not null check (media_type in ('application/pdf','image/png','image/jpeg')),
      size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      content bytea not null check (octet_length(content) = size_bytes),
      uploaded_by text not null references app_user(id),
      uploaded_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index attachment_case_idx on attachment(case_id)`.execute(db);
  await sql`create index attachment_answer_idx on attachment(explanation_answer_id)`.execute(db);
  await sql`create trigger attachment_frozen before update or delete on attachment for each row execute function refuse_change()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["attachment", "explanation_answer", "explanation_request", "finding_version_dossier", "finding_version", "finding"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`alter table inspection_case drop column if exists rubric_set_id`.execute(db);
  await sql`drop function if exists default_rubric_set_id`.execute(db);
  await sql`drop table if exists rubric_set cascade`.execute(db);
}
