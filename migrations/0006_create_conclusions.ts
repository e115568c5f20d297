import { sql, type Kysely } from "kysely";

// Conclusion notices (thông báo kết luận kiểm tra): drafted from a case's findings, approved by someone
// who did not draft them, published with the next number of the year for the issuing office, then frozen
// — the database refuses any change to a published notice, its items or its recommendations. A correction
// is a new notice that supersedes the old one. Recommendations are followed up by appended remediation
// reports and the team lead's decisions; nothing there is overwritten either. Frozen once merged.
export async function up(db: Kysely<any>): Promise<void> {
  // Gap-free yearly numbering per issuing office symbol ('TB-SNV'): the counter row is locked by the upsert.
  await sql`
    create table notice_number_counter (
      symbol text not null,
      year integer not null,
      last_number integer not null check (last_number >= 0),
      primary key (symbol, year)
    )`.execute(db);

  await sql`
    create table conclusion (
      id integer generated always as identity primary key,
      case_id integer not null references inspection_case(id),
      status text not null default 'draft' check (status in ('draft','pending_approval','published')),
      -- A correcting notice supersedes a published one of the same case and points to it.
      supersedes_id integer references conclusion(id),
      -- The subject line under "THÔNG BÁO" and the parts of the body the drafter writes.
      title text not null check (title <> ''),
      summary text not null default '',
      responsibility text not null default '',
      -- "Nơi nhận": one recipient per element, without the leading dash.
      recipients text[] not null default '{}',
      drafted_by text not null references app_user(id),
      drafted_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      -- Publication (all set together, once).
      symbol text,
      year integer,
      number integer,
      publication_date date,
      published_at timestamptz,
      approved_by text references app_user(id),
      signer_name text,
      signer_authority text,
      signer_title text,
      -- The notice as published (canonical JSON) and its SHA-256: what the PDF renders and the public
      -- verification page confirms.
      content jsonb,
      content_sha256 text,
      unique (symbol, year, number),
      check ((status = 'published') = (published_at is not null)),
      check (status <> 'published' or (symbol is not null and year is not null and number is not null and publication_date is not null
        and approved_by is not null and signer_name is not null and signer_title is not null and content is not null and content_sha256 is not null)),
      check (approved_by is null or approved_by <> drafted_by)
    )`.execute(db);
  await sql`create index conclusion_case_idx on conclusion(case_id)`.execute(db);
  // One notice in the making per case at a time; a published one may be superseded only once.
  await sql`create unique index conclusion_one_draft_idx on conclusion(case_id) where status <> 'published'`.execute(db);
  await sql`create unique index conclusion_supersedes_idx on conclusion(supersedes_id) where supersedes_id is not null`.execute(db);

  await sql`
    create function conclusion_frozen() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception 'Thông báo kết luận số %/% đã công bố: không được sửa hoặc xoá.', old.number, old.symbol using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      new.updated_at := now();
      return new;
    end $$`.execute(db);
  await sql`create trigger conclusion_frozen before update or delete on conclusion for each row execute function conclusion_frozen()`.execute(db);

  // Returns and approvals of a notice, with the approver's comment.
  await sql`
    create table conclusion_review (
      id integer generated always as identity primary key,
      conclusion_id integer not null references conclusion(id),
      action text not null check (action in ('submitted','returned','published')),
      comment text,
      acted_by text not null references app_user(id),
      acted_at timestamptz not null default now(),
      check (action <> 'returned' or (comment is not null and comment <> ''))
    )`.execute(db);
  await sql`create trigger conclusion_review_frozen before update or delete on conclusion_review for each row execute function refuse_change()`.execute(db);

  await sql`
    create table conclusion_item (
      id integer generated always as identity primary key,
      conclusion_id integer not null references conclusion(id),
      position integer not null check (position > 0),
      subject_unit_id integer not null references unit(id),
      subject_officer_id integer references officer(id),
      kind text not null check (kind in ('violation','shortcoming','commendation')),
      content text not null check (content <> ''),
      points numeric(6,2) not null default 0 check (points >= 0),
      -- The effect carried into appraisal.
      attributed_delays integer not null default 0 check (attributed_delays >= 0),
      -- Decree 112/2020 for civil servants: khiển trách, cảnh cáo, hạ bậc lương, giáng chức, cách chức, buộc thôi việc.
      discipline_level text check (discipline_level in ('reprimand','warning','salary_downgrade','demotion','removal','dismissal')),
      par_deduction numeric(6,2) not null default 0 check (par_deduction >= 0),
      -- In a correction: the item of the superseded notice this one replaces.
      supersedes_item_id integer references conclusion_item(id),
      unique (conclusion_id, position)
    )`.execute(db);
  await sql`create index conclusion_item_officer_idx on conclusion_item(subject_officer_id)`.execute(db);
  await sql`create index conclusion_item_unit_idx on conclusion_item(subject_unit_id)`.execute(db);

  // The findings an item rests on, and the dossiers it judged (from those findings' cited dossiers):
  // the "không đánh giá lại" rule refuses these dossiers as new evidence against the same subject.
  await sql`
    create table conclusion_item_finding (
      conclusion_item_id integer not null references conclusion_item(id) on delete cascade,
      finding_id integer not null references finding(id),
      primary key (conclusion_item_id, finding_id)
    )`.execute(db);
  await sql`
    create table conclusion_item_dossier (
      conclusion_item_id integer not null references conclusion_item(id) on delete cascade,
      dossier_id integer not null references dossier(id),
      primary key (conclusion_item_id, dossier_id)
    )`.execute(db);
  await sql`create index conclusion_item_dossier_dossier_idx on conclusion_item_dossier(dossier_id)`.execute(db);

  await sql`
    create table recommendation (
      id integer generated always as identity primary key,
      conclusion_id integer not null references conclusion(id),
      position integer not null check (position > 0),
      kind text not null check (kind in ('review','discipline','reassignment','remedy')),
      content text not null check (content <> ''),
      owner_unit_id integer not null references unit(id),
      deadline date not null,
      -- In a correction: the recommendation of the superseded notice this one replaces.
      supersedes_recommendation_id integer references recommendation(id),
      unique (conclusion_id, position)
    )`.execute(db);
  await sql`create index recommendation_owner_idx on recommendation(owner_unit_id)`.execute(db);

  // Children of a published notice are frozen with it: no insert, update or delete.
  await sql`
    create function conclusion_child_frozen() returns trigger language plpgsql as $$
    declare
      parent_id integer;
      parent_status text;
    begin
      if tg_table_name in ('conclusion_item', 'recommendation') then
        parent_id := case when tg_op = 'DELETE' then old.conclusion_id else new.conclusion_id end;
        if tg_op = 'UPDATE' and old.conclusion_id <> new.conclusion_id then
          select status into parent_status from conclusion where id = old.conclusion_id;
          if parent_status = 'published' then
            raise exception 'Thông báo kết luận đã công bố: nội dung kết luận và kiến nghị không được sửa hoặc xoá.' using errcode = 'P0001';
          end if;
        end if;
      else
        select i.conclusion_id into parent_id from conclusion_item i
         where i.id = case when tg_op = 'DELETE' then old.conclusion_item_id else new.conclusion_item_id end;
      end if;
      select status into parent_status from conclusion where id = parent_id;
      if parent_status = 'published' then
        raise exception 'Thông báo kết luận đã công bố: nội dung kết luận và kiến nghị không được sửa hoặc xoá.' using errcode = 'P0001';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$`.execute(db);
  for (const table of ["conclusion_item", "recommendation", "conclusion_item_finding", "conclusion_item_dossier"]) {
    await sql`create trigger ${sql.raw(`${table}_frozen`)} before insert or update or delete on ${sql.table(table)} for each row execute function conclusion_child_frozen()`.execute(db);
  }

  // Follow-up: the owner unit's remediation reports (appended, never overwritten) …
  await sql`
    create table remediation_report (
      id integer generated always as identity primary key,
      recommendation_id integer not null references recommendation(id),
      body text not null check (body <> ''),
      reported_by text not null references app_user(id),
      reported_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index remediation_report_recommendation_idx on remediation_report(recommendation_id)`.execute(db);
  await sql`create trigger remediation_report_frozen before update or delete on remediation_report for each row execute function refuse_change()`.execute(db);

  // … and the team lead's decision on each (accept → done, reject → the unit reports again, waive with a
  // reason), plus escalations of overdue recommendations to the approver. The latest decision counts.
  await sql`
    create table recommendation_decision (
      id integer generated always as identity primary key,
      recommendation_id integer not null references recommendation(id),
      decision text not null check (decision in ('accepted','rejected','waived','escalated')),
      remediation_report_id integer references remediation_report(id),
      reason text,
      decided_by text not null references app_user(id),
      decided_at timestamptz not null default now(),
      check (decision not in ('rejected','waived') or (reason is not null and reason <> ''))
    )`.execute(db);
  await sql`create index recommendation_decision_recommendation_idx on recommendation_decision(recommendation_id)`.execute(db);
  await sql`create trigger recommendation_decision_frozen before update or delete on recommendation_decision for each row execute function refuse_change()`.execute(db);

  await sql`alter table attachment add column remediation_report_id integer references remediation_report(id)`.execute(db);
  await sql`create index attachment_remediation_idx on attachment(remediation_report_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table attachment drop column if exists remediation_report_id`.execute(db);
  for (const table of [
    "recommendation_decision",
    "remediation_report",
    "recommendation",
    "conclusion_item_dossier",
    "conclusion_item_finding",
    "conclusion_item",
    "conclusion_review",
    "conclusion",
    "notice_number_counter",
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
  await sql`drop function if exists conclusion_child_frozen`.execute(db);
  await sql`drop function if exists conclusion_frozen`.execute(db);
}
