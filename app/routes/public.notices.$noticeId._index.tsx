// The public verification page of one published notice (no login): the reader of a printed or
// forwarded PDF checks its number, date, signer and SHA-256 here. Only what publication made public.
import { Alert, Anchor, Card, SimpleGrid, Stack, Text } from "@mantine/core";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Field } from "../components/DossierDetailSections.js";
import { PageHeader } from "../components/PageHeader.js";
import { getDb } from "../db.server.js";
import { formatIsoDate } from "../domain/format.js";
import { idParam } from "../domain/units.js";
import { invariantFound } from "../http.server.js";
import { getPublishedNotice } from "../models/conclusions.server.js";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Xác thực Thông báo số ${data?.number ?? ""} — KTCV` }];

export async function loader({ params }: LoaderFunctionArgs) {
  const id = invariantFound(idParam(params.noticeId));
  const notice = invariantFound(await getPublishedNotice(getDb(), id));
  return {
    id: notice.id,
    number: notice.number,
    publicationDate: notice.publicationDate,
    title: notice.title,
    agency: notice.content.issuer.agency,
    place: notice.content.issuer.place,
    signer: notice.signer,
    sha256: notice.sha256,
    supersedes: notice.content.supersedes,
    supersedesId: notice.supersedesId,
    supersededBy: notice.supersededBy,
  };
}

export default function VerifyNotice() {
  const n = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={`Thông báo kết luận số ${n.number}`} description="Trang xác thực văn bản do Sở Nội vụ công bố." />
      <Stack gap="lg" maw={900}>
        <Alert color="green.9" variant="light" title="Văn bản hợp lệ">
          Thông báo số {n.number} ngày {formatIsoDate(n.publicationDate)} đã được công bố trên hệ thống. Mã xác thực in ở chân mỗi trang của bản PDF phải trùng với mã dưới đây.
        </Alert>
        {n.supersededBy ? (
          <Alert color="orange.9" variant="light" title="Đã được thay thế">
            Thông báo này đã được thay thế bởi{" "}
            <Anchor component={Link} to={`/public/notices/${n.supersededBy.id}`}>
              Thông báo số {n.supersededBy.number}
            </Anchor>
            .
          </Alert>
        ) : null}
        <Card withBorder>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Field label="Cơ quan ban hành">{n.agency}</Field>
            <Field label="Số, ngày">
              {n.number}, {n.place}, ngày {formatIsoDate(n.publicationDate)}
            </Field>
            <Field label="Trích yếu">{n.title}</Field>
            <Field label="Người ký">
              <span data-testid="notice-signer">
                {[n.signer.authority, n.signer.title].filter(Boolean).join(" / ")} — {n.signer.name}
              </span>
            </Field>
            {n.supersedes && n.supersedesId ? (
              <Field label="Thay thế">
                <Anchor component={Link} to={`/public/notices/${n.supersedesId}`}>
                  Thông báo số {n.supersedes.number} ngày {formatIsoDate(n.supersedes.publicationDate)}
                </Anchor>
              </Field>
            ) : null}
          </SimpleGrid>
          <Text size="sm" fw={600} mt="md">
            Mã xác thực (SHA-256)
          </Text>
          <Text ff="monospace" size="sm" style={{ wordBreak: "break-all" }} data-testid="notice-sha256">
            {n.sha256}
          </Text>
        </Card>
        <Text>
          <Anchor href={`/public/notices/${n.id}/pdf`}>Tải bản PDF của thông báo</Anchor> ·{" "}
          <Anchor component={Link} to="/public/notices">
            Sổ công khai
          </Anchor>
        </Text>
      </Stack>
    </>
  );
}
